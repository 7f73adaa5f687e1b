package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Modality;
import org.sentio.affect.cache.CacheLevel;
import org.sentio.affect.cache.CacheStats;
import org.sentio.affect.cache.ContentHash;
import org.sentio.affect.cache.FeatureCache;
import org.sentio.affect.cache.FeatureKind;
import org.sentio.affect.train.ShippedModels;

/**
 * The feature cache inside real analyses of the demo recording (video, voice and recognised words):
 * a second analysis reads every feature from the cache and gives exactly the session of the
 * analysis that filled it (the reference is that analysis, not a third uncached one: two uncached
 * analyses of the demo differed in Vosk's word confidences in the third decimal); a changed window
 * reuses the faces; a damaged entry and an unusable folder never fail an analysis.
 */
class FeatureCacheAnalysisTest {
  private static final long BOUND = 64L * 1024 * 1024;

  private static Analyzers analyzers;
  private static Path demo;

  @BeforeAll
  static void open() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
    demo = ShippedModels.root().resolve("resources/demo/demo.mp4");
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  /** The demo analysed with its words recognised. */
  private static SessionResult analyse(FeatureCache cache, AnalysisOptions options)
      throws AnalysisException {
    return analyse(cache, options, true);
  }

  private static SessionResult analyse(FeatureCache cache, AnalysisOptions options, boolean asr)
      throws AnalysisException {
    return new AnalysisPipeline(analyzers, ComputePath.FAST, cache)
        .analyse(
            new AnalysisRequest(demo, null, null, "demo", options, asr, "en", 0),
            ProgressListener.NONE,
            () -> false);
  }

  private static void assertSameSession(SessionResult actual, SessionResult expected) {
    assertThat(actual.windows()).isEqualTo(expected.windows());
    // an estimate's equality leaves its embedding out (ADR 0059): the cache keeps them exactly
    for (int k = 0; k < expected.windows().size(); k++) {
      for (Modality m : Modality.values()) {
        assertThat(actual.windows().get(k).estimate(m).embedding())
            .as("window %d %s embedding", k, m)
            .isEqualTo(expected.windows().get(k).estimate(m).embedding());
      }
    }
    assertThat(actual.transcript()).isEqualTo(expected.transcript());
    assertThat(actual.speakers()).isEqualTo(expected.speakers());
    assertThat(actual.faceTracks()).isEqualTo(expected.faceTracks());
    assertThat(actual.durationSeconds()).isEqualTo(expected.durationSeconds());
    assertThat(actual.warnings()).isEqualTo(expected.warnings());
  }

  @Test
  void aSecondAnalysisReadsEveryFeatureFromTheCacheAndGivesTheSameSession(@TempDir Path folder)
      throws Exception {
    List<String> warnings = new ArrayList<>();
    SessionResult computed;
    try (FeatureCache first = FeatureCache.open(folder, BOUND, warnings::add)) {
      computed = analyse(first, AnalysisOptions.DEFAULT);
      assertThat(first.stats().hits()).isZero();
    }
    assertThat(computed.transcript()).as("the demo has recognised words").isNotEmpty();
    assertThat(computed.speakers()).as("and speakers told apart").isNotEmpty();
    try (FeatureCache second = FeatureCache.open(folder, BOUND, warnings::add)) {
      assertSameSession(analyse(second, AnalysisOptions.DEFAULT), computed);
      CacheStats fromDisk = second.processStats();
      for (FeatureKind kind : List.of(FeatureKind.STREAM, FeatureKind.FACE, FeatureKind.VOICE)) {
        assertThat(fromDisk.hits(CacheLevel.DISK, kind)).as(kind.id()).isEqualTo(1);
      }
      assertThat(fromDisk.hits(CacheLevel.DISK, FeatureKind.WORDS)).isEqualTo(1);
      assertThat(fromDisk.hits(CacheLevel.DISK, FeatureKind.SPEAKERS)).isEqualTo(1);
      assertThat(fromDisk.misses(CacheLevel.DISK)).isZero();

      assertSameSession(analyse(second, AnalysisOptions.DEFAULT), computed);
      assertThat(second.processStats().hits(CacheLevel.MEMORY, FeatureKind.FACE)).isEqualTo(1);
      assertThat(second.stats().entries(CacheLevel.DISK)).isGreaterThanOrEqualTo(4);
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void aChangedWindowReusesTheFacesAndRecomputesOnlyTheVoice(@TempDir Path folder)
      throws Exception {
    AnalysisOptions wider = AnalysisOptions.DEFAULT.withWindow(2.0);
    SessionResult expected = analyse(FeatureCache.off(), wider, false);
    try (FeatureCache cache = FeatureCache.open(folder, BOUND, line -> {})) {
      analyse(cache, AnalysisOptions.DEFAULT, false);
      CacheStats before = cache.processStats();
      assertSameSession(analyse(cache, wider, false), expected);
      CacheStats after = cache.processStats();
      assertThat(
              after.hits(CacheLevel.MEMORY, FeatureKind.FACE)
                  - before.hits(CacheLevel.MEMORY, FeatureKind.FACE))
          .isEqualTo(1);
      assertThat(after.hits(CacheLevel.MEMORY, FeatureKind.VOICE))
          .isEqualTo(before.hits(CacheLevel.MEMORY, FeatureKind.VOICE));
    }
  }

  @Test
  void aDamagedEntryIsDroppedRecomputedAndReported(@TempDir Path folder) throws Exception {
    SessionResult computed;
    try (FeatureCache cache = FeatureCache.open(folder, BOUND, line -> {})) {
      computed = analyse(cache, AnalysisOptions.DEFAULT, false);
    }
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(FeatureCache.INDEX_FILE));
        Statement s = db.createStatement()) {
      int damaged =
          s.executeUpdate(
              "UPDATE entries SET payload = substr(payload, 1, length(payload) / 2)"
                  + " WHERE kind = 'face'");
      assertThat(damaged).isEqualTo(1);
    }
    List<String> warnings = new ArrayList<>();
    try (FeatureCache cache = FeatureCache.open(folder, BOUND, 0, warnings::add)) {
      assertSameSession(analyse(cache, AnalysisOptions.DEFAULT, false), computed);
      assertThat(cache.processStats().corrupt()).isEqualTo(1);
      assertThat(cache.processStats().hits(CacheLevel.DISK, FeatureKind.VOICE)).isEqualTo(1);
    }
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("damaged face entry")
        .doesNotContain("\n");
    try (FeatureCache cache = FeatureCache.open(folder, BOUND, 0, warnings::add)) {
      assertSameSession(analyse(cache, AnalysisOptions.DEFAULT, false), computed);
      assertThat(cache.processStats().hits(CacheLevel.DISK, FeatureKind.FACE))
          .as("the recomputed entry was stored again")
          .isEqualTo(1);
    }
  }

  @Test
  void aFolderThatCannotBeWrittenLeavesOneWarningAndTheAnalysisWorks(@TempDir Path folder)
      throws Exception {
    Path notAFolder = Files.writeString(folder.resolve("occupied"), "a file, not a folder");
    List<String> warnings = new ArrayList<>();
    try (FeatureCache cache =
        FeatureCache.open(notAFolder.resolve("cache"), BOUND, warnings::add)) {
      SessionResult computed = analyse(cache, AnalysisOptions.DEFAULT, false);
      assertSameSession(analyse(cache, AnalysisOptions.DEFAULT, false), computed);
      assertThat(cache.processStats().hits(CacheLevel.MEMORY, FeatureKind.FACE)).isEqualTo(1);
    }
    assertThat(warnings).singleElement().asString().contains("occupied").doesNotContain("\n");
  }

  @Test
  void aChangedModelChangesTheKeysOfWhatItFeedsAndNothingElse() throws Exception {
    String hash = ContentHash.of(demo);
    var speech = analyzers.recognizer("en").orElseThrow().model().manifest();
    List<ModelUse> models = analyzers.modelsUsed();
    CachedMedia.Keys base =
        CachedMedia.keys(hash, models, AnalysisOptions.DEFAULT, ComputePath.FAST, speech);

    CachedMedia.Keys newFace =
        CachedMedia.keys(
            hash,
            changed(models, "face-detector"),
            AnalysisOptions.DEFAULT,
            ComputePath.FAST,
            speech);
    assertThat(newFace.face()).isNotEqualTo(base.face());
    assertThat(List.of(newFace.stream(), newFace.voice(), newFace.words()))
        .containsExactly(base.stream(), base.voice(), base.words());

    CachedMedia.Keys newVoice =
        CachedMedia.keys(
            hash,
            changed(models, Analyzers.VOICE_AFFECT),
            AnalysisOptions.DEFAULT,
            ComputePath.FAST,
            speech);
    assertThat(newVoice.voice()).isNotEqualTo(base.voice());
    assertThat(List.of(newVoice.stream(), newVoice.face(), newVoice.words()))
        .containsExactly(base.stream(), base.face(), base.words());

    var otherAsr =
        new org.sentio.affect.speech.SpeechModelManifest(
            speech.name(),
            speech.version(),
            speech.engine(),
            speech.language(),
            speech.modelDirectory(),
            speech.files(),
            speech.file(),
            "0".repeat(64),
            speech.licence(),
            speech.sampleRate());
    CachedMedia.Keys newAsr =
        CachedMedia.keys(hash, models, AnalysisOptions.DEFAULT, ComputePath.FAST, otherAsr);
    assertThat(newAsr.words()).isNotEqualTo(base.words());
    assertThat(List.of(newAsr.stream(), newAsr.face(), newAsr.voice()))
        .containsExactly(base.stream(), base.face(), base.voice());

    List<ModelUse> otherFusion = new ArrayList<>(models);
    otherFusion.add(new ModelUse("fusion-moe", "2", "f".repeat(64), "CPU"));
    assertThat(
            CachedMedia.keys(
                hash,
                changed(otherFusion, "fusion-moe"),
                AnalysisOptions.DEFAULT,
                ComputePath.FAST,
                speech))
        .as("no cached feature depends on the fusion model")
        .isEqualTo(base);
  }

  /** The models with {@code name}'s sha256 replaced, as after installing another version. */
  private static List<ModelUse> changed(List<ModelUse> models, String name) {
    List<ModelUse> changed = new ArrayList<>();
    boolean found = false;
    for (ModelUse m : models) {
      if (m.name().equals(name)) {
        found = true;
        changed.add(
            new ModelUse(m.name(), m.version() + "-new", "e".repeat(64), m.executionProvider()));
      } else {
        changed.add(m);
      }
    }
    assertThat(found).as(name + " is among the models used").isTrue();
    return changed;
  }
}
