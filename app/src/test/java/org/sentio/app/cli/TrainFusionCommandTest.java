package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.fusion.AnnotatedWindows;
import org.sentio.affect.fusion.ConfidenceWeightedFusion;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.SampleSessions;
import org.sentio.app.store.SessionStore;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;

/**
 * {@code sentio train fusion --from-annotations} with real SQLite stores: the refusals for a
 * missing store, unlabelled sessions, labels that are not emotions and too few windows; and a small
 * model trained on the annotated windows of sessions holding the shipped models' real outputs.
 */
class TrainFusionCommandTest {
  private static final FusionData.Limits SMALL_POOLS = new FusionData.Limits(240, 28, 400);
  private static final MoeTrainer.Config FEW_EPOCHS =
      new MoeTrainer.Config(
          16, 8, 2, 16, 2, 64, 3e-3f, 1e-5f, 0.5f, 0.01f, 0.1f, 0.2f, 0.3, 0.5, 9L);

  private static Path models;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
    models = Path.of(root).resolve("resources/models").toAbsolutePath().normalize();
  }

  private static EvaluateCommandTest.Run train(Path dataDir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("train", "fusion", "--from-annotations", "--data-dir", dataDir.toString()));
    args.addAll(List.of(more));
    return EvaluateCommandTest.run(args.toArray(String[]::new));
  }

  @Test
  void aMissingStoreIsNamedAndNotCreated(@TempDir Path dir) {
    EvaluateCommandTest.Run r = train(dir);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("no session store at " + dir.resolve(SessionStore.DATABASE_FILE))
        .contains("--data-dir");
    assertThat(dir.resolve(SessionStore.DATABASE_FILE)).doesNotExist();
  }

  @Test
  void sessionsWithoutLabelsAreRefused(@TempDir Path dir) throws Exception {
    try (SessionStore store = SessionStore.open(dir)) {
      store.sessions().save(SampleSessions.sample("call one", 12));
      store.sessions().save(SampleSessions.sample("call two", 12));
    }
    EvaluateCommandTest.Run r = train(dir);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("no annotated sessions").contains("2 sessions").contains("Review");
  }

  @Test
  void labelsThatAreNotEmotionsAreRefusedSayingSo(@TempDir Path dir) throws Exception {
    try (SessionStore store = SessionStore.open(dir)) {
      long id = store.sessions().save(SampleSessions.sample("call", 20));
      store.annotations().add(id, 0, 4, "interruption", "ana", null);
      store.annotations().add(id, 5, 8, "hold music", "ana", null);
    }
    EvaluateCommandTest.Run r = train(dir);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("no annotated windows")
        .contains("2 labelled spans, 2 without an emotion label")
        .contains("happy");
  }

  @Test
  void tooFewWindowsSayHowManyWereFoundAndHowManyAreNeeded(@TempDir Path dir) throws Exception {
    try (SessionStore store = SessionStore.open(dir)) {
      long id = store.sessions().save(SampleSessions.sample("call", 20));
      // Window k spans [k/2, k/2 + 1): midpoints 0.5 .. 9.5 lie in [0, 10), windows 0..18.
      store.annotations().add(id, 0, 10, "happy", "ana", null);
    }
    EvaluateCommandTest.Run r = train(dir, "--annotations-only");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("found 19 annotated windows from 1 session")
        .contains("at least " + MoeTrainer.MIN_WINDOWS + " are needed");
  }

  @Test
  void annotationsOnlyNeedsFromAnnotations(@TempDir Path dir) {
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "train", "fusion", "--annotations-only", "--data-dir", dir.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--annotations-only needs --from-annotations");
  }

  /**
   * Four stored sessions whose windows hold the shipped models' outputs on held-out data, labelled
   * by a person in runs of one emotion (plus a span that is not an emotion), train a model on those
   * windows alone; the written model loads through its manifest and fuses.
   */
  @Test
  void annotatedSessionsTrainAModelThatLoads(@TempDir Path dir) throws Exception {
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    ModelRegistry registry = new ModelRegistry(models, "retrain with ./sentio train");
    FusionData.Pools pools;
    try (ModelSession face = host.open(registry, registry.find("face-expression"));
        ModelSession voice = host.open(registry, registry.find("voice-affect"));
        ModelSession text = host.open(registry, registry.find("text-affect-en"))) {
      pools = FusionData.pools(face, voice, text, SMALL_POOLS);
    }
    List<Emotion> labels = new ArrayList<>();
    List<Map<Modality, AffectEstimate>> windows =
        FusionData.windows(pools.train(), 240, 3L, labels);
    Path data = dir.resolve("data");
    try (SessionStore store = SessionStore.open(data)) {
      for (int s = 0; s < 4; s++) {
        List<Integer> order = new ArrayList<>();
        for (int i = s * 60; i < (s + 1) * 60; i++) {
          order.add(i);
        }
        order.sort(Comparator.comparing(labels::get));
        long id = store.sessions().save(session("session " + s, order, windows));
        int runStart = 0;
        for (int k = 1; k <= order.size(); k++) {
          if (k == order.size() || labels.get(order.get(k)) != labels.get(order.get(runStart))) {
            // Midpoints of windows runStart..k-1 are runStart/2 + 0.5 .. (k-1)/2 + 0.5.
            store
                .annotations()
                .add(
                    id,
                    runStart * 0.5 + 0.25,
                    (k - 1) * 0.5 + 0.75,
                    labels.get(order.get(runStart)).label(),
                    "ana",
                    null);
            runStart = k;
          }
        }
        store.annotations().add(id, 0, 2, "customer on hold", "ana", "not an emotion");
      }
    }

    AnnotatedWindows annotated;
    try (SessionStore store = TrainCommand.openExistingStore(data)) {
      annotated = TrainCommand.annotatedWindows(store);
    }
    assertThat(annotated.size()).isEqualTo(240);
    assertThat(annotated.sessions()).isEqualTo(4);
    assertThat(annotated.spansWithoutEmotion()).isEqualTo(4);
    assertThat(annotated.labels()).containsExactlyInAnyOrderElementsOf(labels.subList(0, 240));

    Path out = dir.resolve("models");
    FusionTraining.Plan plan =
        new FusionTraining.Plan(SMALL_POOLS, 300, 100, null, false)
            .withAnnotations(annotated, true);
    List<String> log = new ArrayList<>();
    FusionTraining.Report report =
        FusionTraining.run(
            host, registry, out.resolve(MoeFusion.MODEL), FEW_EPOCHS, plan, log::add);
    assertThat(report.trainWindows()).isEqualTo(240);
    assertThat(report.annotatedWindows()).isEqualTo(240);
    assertThat(log).anyMatch(line -> line.contains("240 annotated windows from 4 sessions"));

    JsonNode manifest =
        new ObjectMapper().readTree(out.resolve(MoeFusion.MODEL).resolve("manifest.json").toFile());
    assertThat(manifest.get("training").get("annotatedWindows").asInt()).isEqualTo(240);
    // The shared pools are read by the models the analysis runs, not by the older ones (ADR 0055).
    assertThat(manifest.get("source").get("package").asText())
        .contains(ExpressionClassifier.DEFAULT + " (faces_fer2013_publictest)")
        .contains("voice-affect (speech_ravdess_train")
        .contains(Analyzers.TEXT_AFFECT_EN_ENCODER + " (text_goemotions_ekman_train");
    assertThat(Files.readString(out.resolve(MoeFusion.MODEL).resolve("MODEL_CARD.md")))
        .contains("Train: 0 windows from voice actors")
        .contains("240 windows of the user's own annotated sessions");
    try (MoeFusion trained = MoeFusion.open(host, new ModelRegistry(out, "retrain"))) {
      List<FusedEstimate> fused = trained.fuse(windows.subList(0, 5));
      assertThat(fused).hasSize(5);
      assertThat(fused.get(0).method()).isEqualTo(MoeFusion.NAME);
      assertThat(fused.get(0).experts()).hasSize(2);
    }
  }

  private static SessionResult session(
      String title, List<Integer> order, List<Map<Modality, AffectEstimate>> windows) {
    ConfidenceWeightedFusion fusion = new ConfidenceWeightedFusion();
    List<AffectWindow> stored = new ArrayList<>();
    for (int k = 0; k < order.size(); k++) {
      Map<Modality, AffectEstimate> estimates = windows.get(order.get(k));
      stored.add(new AffectWindow(k, k * 0.5, k * 0.5 + 1.0, estimates, fusion.fuseOne(estimates)));
    }
    return SessionResult.builder(
            title, Instant.parse("2026-11-29T10:00:00Z"), AnalysisOptions.DEFAULT)
        .durationSeconds(order.size() * 0.5 + 0.5)
        .windows(stored)
        .fusionMethod(ConfidenceWeightedFusion.NAME)
        .build();
  }
}
