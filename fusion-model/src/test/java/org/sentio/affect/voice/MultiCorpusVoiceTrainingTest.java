package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.voice.VoiceCorpora.Clip;
import org.sentio.affect.voice.VoiceCorpora.Corpus;

/**
 * The multi-corpus voice trainer on a small real subset of RAVDESS (actors 01, 02 and the held-out
 * 17, first repetition), SAVEE (speakers DC and JE, every sixth clip) and URDU (every tenth clip):
 * the corpora, the held-out actors, the feature cache, the telephone band, every validation view
 * and determinism.
 */
class MultiCorpusVoiceTrainingTest {
  private static final AffectMlpTrainer.Config SMALL =
      new AffectMlpTrainer.Config(16, 8, 16, 3e-3f, 1e-3f, 0.5, 0.5f, true, 5L);
  private static final MultiCorpusVoiceTraining.Recipe RECIPE =
      new MultiCorpusVoiceTraining.Recipe("test", EnumSet.allOf(Corpus.class), true, 6, SMALL);

  @TempDir static Path cache;

  private static List<Clip> all;
  private static List<Clip> subset;
  private static MultiCorpusVoiceTraining.Features features;

  @BeforeAll
  static void measure() throws Exception {
    all = VoiceCorpora.readAll(SharedData.root().resolve("data"));
    subset = new ArrayList<>();
    int savee = 0;
    int urdu = 0;
    for (Clip clip : all) {
      switch (clip.corpus()) {
        case RAVDESS -> {
          String repetition = clip.file().getFileName().toString().split("-")[5];
          if (Set.of(1, 2, 17).contains(clip.actor()) && repetition.equals("01")) {
            subset.add(clip);
          }
        }
        case SAVEE -> {
          if (Set.of("S-DC", "S-JE").contains(clip.speaker()) && savee++ % 6 == 0) {
            subset.add(clip);
          }
        }
        case URDU -> {
          if (urdu++ % 10 == 0) {
            subset.add(clip);
          }
        }
      }
    }
    features = MultiCorpusVoiceTraining.features(subset, 2, cache, line -> {});
  }

  @Test
  void readsEveryCorpusWithItsSpeakers() {
    assertThat(all).hasSize(1200 + 480 + 400);
    Set<String> speakers = all.stream().map(Clip::speaker).collect(Collectors.toSet());
    assertThat(speakers.stream().filter(s -> s.startsWith("R"))).hasSize(20);
    assertThat(speakers.stream().filter(s -> s.startsWith("S-"))).hasSize(4);
    assertThat(speakers.stream().filter(s -> s.startsWith("U-"))).hasSize(29);
    assertThat(all.stream().filter(c -> c.corpus() == Corpus.RAVDESS).map(Clip::gender))
        .containsOnly("male", "female");
    assertThat(all.stream().filter(c -> c.corpus() == Corpus.SAVEE).map(Clip::gender))
        .containsOnly("male");
  }

  @Test
  void ravdessActors17To20AreNeverTrainedOn() {
    for (Clip clip : all) {
      assertThat(MultiCorpusVoiceTraining.trainable(clip))
          .as(clip.speaker())
          .isEqualTo(clip.corpus() != Corpus.RAVDESS || clip.actor() < 17);
    }
  }

  @Test
  void cachedFeaturesAreTheMeasuredOnesBitForBit() throws Exception {
    Path file = VoiceFeatureCache.file(cache, subset);
    assertThat(file).isRegularFile();
    assertThat(Files.size(file)).isEqualTo(subset.size() * 2L * VoiceFeatures.SIZE * 4);
    MultiCorpusVoiceTraining.Features cached =
        MultiCorpusVoiceTraining.features(subset, 1, cache, line -> {});
    Clip first = subset.get(0);
    float[] measured = MultiCorpusVoiceTraining.measure(new VoiceFeatureExtractor(), first.file());
    for (int i = 0; i < subset.size(); i++) {
      assertThat(cached.wide()[i]).isEqualTo(features.wide()[i]);
      assertThat(cached.telephone()[i]).isEqualTo(features.telephone()[i]);
    }
    assertThat(java.util.Arrays.copyOf(measured, VoiceFeatures.SIZE)).isEqualTo(features.wide()[0]);
  }

  @Test
  void theTelephoneBandLowersTheSpectralCentroid() {
    int centroid = VoiceFeatures.NAMES.indexOf("spectral_centroid_hz");
    int lower = 0;
    for (int i = 0; i < subset.size(); i++) {
      lower += features.telephone()[i][centroid] < features.wide()[i][centroid] ? 1 : 0;
    }
    assertThat(lower).isEqualTo(subset.size());
  }

  @Test
  void validationMeasuresEveryViewOnTheRightClips() {
    List<MultiCorpusVoiceTraining.View> views =
        MultiCorpusVoiceTraining.validate(RECIPE, features, line -> {});
    List<String> names = views.stream().map(MultiCorpusVoiceTraining.View::name).toList();
    assertThat(names)
        .contains(
            "RAVDESS actors 17-20 (held out)",
            "speaker folds: RAVDESS",
            "speaker folds: RAVDESS female",
            "speaker folds: RAVDESS male",
            "speaker folds: SAVEE",
            "speaker folds: URDU",
            "cross-corpus: RAVDESS (trained without it)",
            "cross-corpus: SAVEE (trained without it)",
            "cross-corpus: URDU (trained without it)");
    long heldOut = subset.stream().filter(c -> c.actor() == 17 && c.scored()).count();
    long ravdess = subset.stream().filter(c -> c.corpus() == Corpus.RAVDESS && c.scored()).count();
    long saveeClips = subset.stream().filter(c -> c.corpus() == Corpus.SAVEE).count();
    for (MultiCorpusVoiceTraining.View view : views) {
      assertThat(view.telephone().n()).isEqualTo(view.wide().n());
      long expected =
          switch (view.name()) {
            case "RAVDESS actors 17-20 (held out)" -> heldOut;
            case "speaker folds: RAVDESS", "cross-corpus: RAVDESS (trained without it)" -> ravdess;
            case "speaker folds: SAVEE", "cross-corpus: SAVEE (trained without it)" -> saveeClips;
            default -> view.wide().n();
          };
      assertThat(view.wide().n()).as(view.name()).isEqualTo(expected);
    }
  }

  @Test
  void trainingIsDeterministic() {
    AffectMlp first = MultiCorpusVoiceTraining.fit(RECIPE, features, c -> true);
    AffectMlp second = MultiCorpusVoiceTraining.fit(RECIPE, features, c -> true);
    assertThat(second.w1()).isEqualTo(first.w1());
    assertThat(second.wc()).isEqualTo(first.wc());
    assertThat(second.mean()).isEqualTo(first.mean());
  }
}
