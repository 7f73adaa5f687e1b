package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.FeatureRows;
import org.sentio.affect.train.ModelFolder;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.affect.voice.VoiceCorpora.Clip;
import org.sentio.affect.voice.VoiceCorpora.Corpus;
import org.sentio.affect.voice.VoiceModelInput.Layout;

/**
 * The one voice trainer on a small real subset of RAVDESS (actors 01, 02 and the held-out 17, first
 * repetition), SAVEE (speakers DC and JE, every sixth clip) and URDU (every tenth clip): the
 * corpora and held-out actors, both feature caches, the telephone band, the log-mel statistics, the
 * layouts and the speaker normalisation, every validation view, determinism, the ONNX graph with
 * its embedding run by ONNX Runtime, and the shipped manifests written again byte for byte.
 */
class VoiceTrainingTest {
  private static final AffectMlpTrainer.Config SMALL =
      new AffectMlpTrainer.Config(16, 8, 16, 3e-3f, 1e-3f, 0.5, 0.5f, true, 5L);
  private static final VoiceTraining.Recipe MEL =
      new VoiceTraining.Recipe(
          "test", EnumSet.allOf(Corpus.class), true, 6, Layout.MEL_ALL, true, SMALL);

  @TempDir static Path cache;

  private static Path data;
  private static List<Clip> all;
  private static List<Clip> subset;
  private static VoiceTraining.Features features;

  @BeforeAll
  static void measure() throws Exception {
    data = SharedData.root().resolve("data");
    all = VoiceCorpora.readAll(data);
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
    features = VoiceTraining.features(subset, true, 2, cache, line -> {});
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
      assertThat(VoiceTraining.trainable(clip))
          .as(clip.speaker())
          .isEqualTo(clip.corpus() != Corpus.RAVDESS || clip.actor() < 17);
    }
  }

  @Test
  void cachedFeaturesAreTheMeasuredOnesBitForBit() throws Exception {
    Path voice = VoiceFeatureCache.file(cache, subset, "voice");
    Path mel = VoiceFeatureCache.file(cache, subset, "logmel");
    assertThat(Files.size(voice)).isEqualTo(subset.size() * 2L * VoiceFeatures.SIZE * 4);
    assertThat(Files.size(mel)).isEqualTo(subset.size() * 2L * LogMelStatistics.SIZE * 4);
    VoiceTraining.Features cached = VoiceTraining.features(subset, true, 1, cache, line -> {});
    for (int i = 0; i < subset.size(); i++) {
      assertThat(cached.wide()[i]).isEqualTo(features.wide()[i]);
      assertThat(cached.telephone()[i]).isEqualTo(features.telephone()[i]);
    }
    float[] measured =
        VoiceTraining.voiceFeatures(new VoiceFeatureExtractor(), subset.get(3).file());
    float[] logMel = VoiceTraining.logMel(subset.get(3).file());
    for (int k = 0; k < VoiceFeatures.SIZE; k++) {
      assertThat(features.wide()[3][k]).isEqualTo(measured[k]);
      assertThat(features.telephone()[3][k]).isEqualTo(measured[VoiceFeatures.SIZE + k]);
    }
    for (int k = 0; k < LogMelStatistics.SIZE; k++) {
      assertThat(features.wide()[3][VoiceFeatures.SIZE + k]).isEqualTo(logMel[k]);
      assertThat(features.telephone()[3][VoiceFeatures.SIZE + k])
          .isEqualTo(logMel[LogMelStatistics.SIZE + k]);
    }
  }

  @Test
  void theTelephoneBandLowersTheSpectralCentroidAndKeepsTheMelBands() {
    int centroid = VoiceFeatures.NAMES.indexOf("spectral_centroid_hz");
    int band = VoiceFeatures.SIZE + LogMelStatistics.NAMES.indexOf("mel12_mean");
    int lower = 0;
    int agree = 0;
    for (int i = 0; i < subset.size(); i++) {
      lower += features.telephone()[i][centroid] < features.wide()[i][centroid] ? 1 : 0;
      agree += Math.abs(features.wide()[i][band] - features.telephone()[i][band]) < 3 ? 1 : 0;
    }
    assertThat(lower).isEqualTo(subset.size());
    assertThat(agree).isGreaterThan(subset.size() * 9 / 10);
  }

  @Test
  void bandMeansAreRelativeToTheClipsMeanBandLevel() {
    double meanSum = 0;
    for (int k = 0; k < LogMelStatistics.SIZE; k++) {
      float v = features.wide()[0][VoiceFeatures.SIZE + k];
      assertThat(Float.isFinite(v)).as(LogMelStatistics.NAMES.get(k)).isTrue();
      if (LogMelStatistics.NAMES.get(k).endsWith("_mean")) {
        meanSum += v;
      }
    }
    assertThat(meanSum).isCloseTo(0, within(1e-3));
  }

  @Test
  void eachLayoutReadsItsColumnsAndIsKnownByItsWidth() {
    VoiceTraining.Recipe means =
        new VoiceTraining.Recipe(
            "means", EnumSet.allOf(Corpus.class), true, 6, Layout.MEL_MEANS, false, SMALL);
    VoiceTraining.Features rows = features.rows(means);
    assertThat(rows.wide()[0]).hasSize(VoiceFeatures.SIZE + LogMelStatistics.BANDS);
    List<String> names = Layout.MEL_MEANS.names();
    for (int k = 0; k < names.size(); k++) {
      int column =
          k < VoiceFeatures.SIZE
              ? k
              : VoiceFeatures.SIZE + LogMelStatistics.NAMES.indexOf(names.get(k));
      assertThat(rows.wide()[2][k]).as(names.get(k)).isEqualTo(features.wide()[2][column]);
      assertThat(rows.telephone()[2][k])
          .as(names.get(k))
          .isEqualTo(features.telephone()[2][column]);
    }
    assertThat(names.subList(VoiceFeatures.SIZE, names.size())).allMatch(n -> n.endsWith("_mean"));
    for (Layout layout : Layout.values()) {
      assertThat(Layout.ofWidth(layout.width())).isEqualTo(layout);
      assertThat(layout.names()).hasSize(layout.width());
    }
    assertThat(Layout.ofWidth(50)).isNull();
  }

  @Test
  void speakerNormalisationPutsEverySpeakerOnThePopulationMean() {
    VoiceTraining.Features rows = features.rows(MEL);
    assertThat(rows.wide()[0]).hasSize(VoiceModelInput.WITH_LOG_MEL);
    int column = VoiceFeatures.NAMES.indexOf("f0_mean_st");
    Map<String, double[]> sums = new HashMap<>();
    double population = 0;
    int trainable = 0;
    for (int i = 0; i < subset.size(); i++) {
      double[] sum = sums.computeIfAbsent(subset.get(i).speaker(), k -> new double[2]);
      sum[0] += rows.wide()[i][column];
      sum[1]++;
      if (VoiceTraining.trainable(subset.get(i))) {
        population += features.wide()[i][column];
        trainable++;
      }
    }
    double expected = population / trainable;
    assertThat(sums).hasSizeGreaterThan(5);
    sums.forEach(
        (speaker, sum) ->
            assertThat(sum[0] / sum[1]).as(speaker).isCloseTo(expected, within(1e-3)));
  }

  @Test
  void validationMeasuresEveryViewOnTheRightClips() {
    List<VoiceTraining.View> views = VoiceTraining.validate(MEL, features, line -> {});
    List<String> names = views.stream().map(VoiceTraining.View::name).toList();
    assertThat(names)
        .contains(
            VoiceTraining.HELD_OUT_VIEW,
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
    for (VoiceTraining.View view : views) {
      assertThat(view.telephone().n()).isEqualTo(view.wide().n());
      long expected =
          switch (view.name()) {
            case VoiceTraining.HELD_OUT_VIEW -> heldOut;
            case "speaker folds: RAVDESS", "cross-corpus: RAVDESS (trained without it)" -> ravdess;
            case "speaker folds: SAVEE", "cross-corpus: SAVEE (trained without it)" -> saveeClips;
            default -> view.wide().n();
          };
      assertThat(view.wide().n()).as(view.name()).isEqualTo(expected).isPositive();
    }
  }

  @Test
  void trainsTheSameWeightsTwiceAndOnnxRuntimeReadsThemAsDjlDoes() throws Exception {
    VoiceTraining.Features rows = features.rows(MEL);
    AffectMlp first = VoiceTraining.fit(MEL, rows, VoiceTraining::trainable);
    AffectMlp second = VoiceTraining.fit(MEL, rows, VoiceTraining::trainable);
    byte[] onnx = AffectMlpOnnx.write(first, "test", "test", true);
    assertThat(AffectMlpOnnx.write(second, "test", "test", true)).isEqualTo(onnx);

    float[][] standardised = new float[rows.wide().length][];
    for (int i = 0; i < standardised.length; i++) {
      standardised[i] = AffectMlpTrainer.standardise(rows.wide()[i], first.mean(), first.scale());
    }
    AffectMlpTrainer.Predictions djl =
        AffectMlpTrainer.predict(
            first, FeatureRows.dense(standardised, VoiceModelInput.WITH_LOG_MEL));
    try (OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = environment.createSession(onnx, new OrtSession.SessionOptions())) {
      for (int i = 0; i < 5; i++) {
        float[][] input = {rows.wide()[i]};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input);
            OrtSession.Result out = session.run(Map.of(AffectMlpOnnx.INPUT, tensor))) {
          float[] p = ((float[][]) out.get(AffectMlpOnnx.EMOTIONS).get().getValue())[0];
          for (int k = 0; k < 7; k++) {
            assertThat(p[k]).isCloseTo(djl.probabilities()[i * 7 + k], within(1e-5f));
          }
          float[] embedding = ((float[][]) out.get(AffectMlpOnnx.EMBEDDING).get().getValue())[0];
          assertThat(embedding).hasSize(SMALL.hidden());
          for (float v : embedding) {
            assertThat(v).isGreaterThanOrEqualTo(0f);
          }
        }
      }
    }
  }

  @Test
  void augmentedCopiesAreMeasuredForTheTrainedClipsAndTrainedOn() throws Exception {
    VoiceTraining.Recipe plain =
        new VoiceTraining.Recipe(
            "plain", EnumSet.of(Corpus.RAVDESS), false, 0, Layout.VOICE_FEATURES, false, SMALL);
    VoiceTraining.Recipe noisy =
        new VoiceTraining.Recipe(
            "noisy",
            EnumSet.of(Corpus.RAVDESS),
            false,
            0,
            Layout.VOICE_FEATURES,
            false,
            SMALL,
            List.of(VoiceAugmentation.NOISE_10DB));
    VoiceTraining.Features measured =
        VoiceTraining.features(subset, false, List.of(noisy), 2, cache, line -> {});
    float[][] copies = measured.augmented().get(VoiceAugmentation.NOISE_10DB);
    int hnr = VoiceFeatures.NAMES.indexOf("hnr_db");
    int lowerHnr = 0;
    int trained = 0;
    for (int i = 0; i < subset.size(); i++) {
      Clip clip = subset.get(i);
      boolean augmented = clip.corpus() == Corpus.RAVDESS && VoiceTraining.trainable(clip);
      assertThat(copies[i] != null).as(clip.file().toString()).isEqualTo(augmented);
      if (augmented) {
        trained++;
        lowerHnr += copies[i][hnr] < measured.wide()[i][hnr] ? 1 : 0;
      }
    }
    assertThat(trained).isEqualTo(60);
    assertThat(lowerHnr).isGreaterThan(trained * 9 / 10);
    VoiceTraining.Features again =
        VoiceTraining.features(subset, false, List.of(noisy), 1, cache, line -> {});
    assertThat(again.augmented().get(VoiceAugmentation.NOISE_10DB)).isEqualTo(copies);

    byte[] withCopies =
        AffectMlpOnnx.write(
            VoiceTraining.fit(noisy, measured.rows(noisy), VoiceTraining::trainable),
            "t",
            "t",
            false);
    byte[] without =
        AffectMlpOnnx.write(
            VoiceTraining.fit(plain, measured.rows(plain), VoiceTraining::trainable),
            "t",
            "t",
            false);
    assertThat(withCopies).isNotEqualTo(without);
    assertThat(
            AffectMlpOnnx.write(
                VoiceTraining.fit(noisy, measured.rows(noisy), VoiceTraining::trainable),
                "t",
                "t",
                false))
        .isEqualTo(withCopies);
    assertThat(catchThrowable(() -> features.rows(noisy)))
        .hasMessageContaining("NOISE_10DB copies not measured");
  }

  @Test
  void noiseIsAddedAtItsSignalToNoiseRatioAndSpeedChangesTheLength() throws Exception {
    Path file = subset.get(0).file();
    float[] clean = AudioFiles.readMono(file, VoiceTraining.SAMPLE_RATE);
    float[] noisy = VoiceAugmentation.NOISE_20DB.samples(file, VoiceTraining.SAMPLE_RATE);
    assertThat(VoiceAugmentation.NOISE_20DB.samples(file, VoiceTraining.SAMPLE_RATE))
        .isEqualTo(noisy);
    double signal = 0;
    double noise = 0;
    for (int i = 0; i < clean.length; i++) {
      signal += clean[i] * (double) clean[i];
      noise += (noisy[i] - clean[i]) * (double) (noisy[i] - clean[i]);
    }
    assertThat(10 * Math.log10(signal / noise)).isCloseTo(20, within(0.2));
    float[] faster = VoiceAugmentation.FASTER.samples(file, VoiceTraining.SAMPLE_RATE);
    float[] slower = VoiceAugmentation.SLOWER.samples(file, VoiceTraining.SAMPLE_RATE);
    assertThat((double) faster.length).isCloseTo(clean.length / 1.1, within(clean.length * 0.01));
    assertThat((double) slower.length).isCloseTo(clean.length / 0.9, within(clean.length * 0.01));
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new VoiceTraining.Recipe(
                    "mel",
                    EnumSet.allOf(Corpus.class),
                    true,
                    6,
                    Layout.MEL_MEANS,
                    false,
                    SMALL,
                    List.of(VoiceAugmentation.FASTER)));
  }

  @Test
  void theBlendIsTheMeanOfItsComponentsAsOnnxRuntimeRunsThem() throws Exception {
    VoiceTraining.Recipe plain =
        new VoiceTraining.Recipe(
            "plain", EnumSet.of(Corpus.RAVDESS), false, 0, Layout.VOICE_FEATURES, false, SMALL);
    VoiceTraining.Recipe normalised =
        new VoiceTraining.Recipe(
            "normalised", EnumSet.allOf(Corpus.class), true, 6, Layout.VOICE_FEATURES, true, SMALL);
    VoiceTraining.Blended blended = VoiceTraining.blend(plain, normalised, features, line -> {});

    assertThat(blended.components()).containsOnlyKeys("plain", "normalised");
    assertThat(blended.components().get("plain"))
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(VoiceTraining.headline(plain, features, line -> {}));
    assertThat(blended.components().get("normalised"))
        .usingRecursiveFieldByFieldElementComparator()
        .isEqualTo(VoiceTraining.headline(normalised, features, line -> {}));
    VoiceTraining.Blended again = VoiceTraining.blend(plain, normalised, features, line -> {});
    assertThat(again.graphs().get("plain")).isEqualTo(blended.graphs().get("plain"));
    assertThat(again.graphs().get("normalised")).isEqualTo(blended.graphs().get("normalised"));

    // The held-out view again from the two written graphs run by ONNX Runtime, each on its rows.
    List<float[][]> rows = List.of(features.rows(plain).wide(), features.rows(normalised).wide());
    List<Integer> heldOut = new ArrayList<>();
    for (int i = 0; i < subset.size(); i++) {
      if (!VoiceTraining.trainable(subset.get(i)) && subset.get(i).scored()) {
        heldOut.add(i);
      }
    }
    float[][] mean = new float[heldOut.size()][7];
    List<byte[]> graphs =
        List.of(blended.graphs().get("plain"), blended.graphs().get("normalised"));
    try (OrtEnvironment environment = OrtEnvironment.getEnvironment()) {
      for (int m = 0; m < 2; m++) {
        try (OrtSession session =
            environment.createSession(graphs.get(m), new OrtSession.SessionOptions())) {
          for (int r = 0; r < heldOut.size(); r++) {
            float[][] input = {rows.get(m)[heldOut.get(r)]};
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input);
                OrtSession.Result out = session.run(Map.of(AffectMlpOnnx.INPUT, tensor))) {
              float[] p = ((float[][]) out.get(AffectMlpOnnx.EMOTIONS).get().getValue())[0];
              for (int k = 0; k < 7; k++) {
                mean[r][k] += p[k] / 2;
              }
            }
          }
        }
      }
    }
    ClassificationReport expected = new ClassificationReport();
    for (int r = 0; r < heldOut.size(); r++) {
      int best = 0;
      for (int k = 1; k < 7; k++) {
        best = mean[r][k] > mean[r][best] ? k : best;
      }
      expected.add(subset.get(heldOut.get(r)).emotion(), Emotion.values()[best]);
    }
    VoiceTraining.View blendHeldOut =
        blended.views().stream()
            .filter(v -> v.name().equals(VoiceTraining.HELD_OUT_VIEW))
            .findFirst()
            .orElseThrow();
    assertThat(blendHeldOut.wide().n()).isEqualTo(heldOut.size()).isPositive();
    assertThat(blendHeldOut.wide().matrix()).isDeepEqualTo(expected.matrix());
    assertThat(blended.views().stream().map(VoiceTraining.View::name))
        .containsExactly(VoiceTraining.HELD_OUT_VIEW, "cross-corpus: SAVEE (trained without it)");
  }

  @Test
  void writesEveryShippedManifestAgainByteForByte(@TempDir Path out) throws Exception {
    for (VoiceTraining.Product product : VoiceTraining.PRODUCTS) {
      Path shipped = ShippedModels.root().resolve("resources/models").resolve(product.modelName());
      Path folder = out.resolve(product.modelName());
      ModelFolder.write(
          folder,
          Files.readAllBytes(shipped.resolve(ModelFolder.MODEL_FILE)),
          VoiceTraining.manifest(product, data));
      assertThat(folder.resolve("manifest.json"))
          .as(product.modelName())
          .hasSameBinaryContentAs(shipped.resolve("manifest.json"));
    }
  }
}
