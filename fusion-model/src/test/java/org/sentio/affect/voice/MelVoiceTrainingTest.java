package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.FeatureRows;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.voice.VoiceCorpora.Clip;
import org.sentio.affect.voice.VoiceCorpora.Corpus;

/**
 * The log-mel voice trainer on a small real subset of RAVDESS (actors 01, 02 and the held-out 17,
 * first repetition), SAVEE (speakers DC and JE, every sixth clip) and URDU (every tenth clip): the
 * log-mel statistics, the speaker normalisation, every validation view, determinism and the ONNX
 * graph with its embedding output run by ONNX Runtime.
 */
class MelVoiceTrainingTest {
  private static final AffectMlpTrainer.Config SMALL =
      new AffectMlpTrainer.Config(16, 8, 16, 3e-3f, 1e-3f, 0.5, 0.5f, true, 5L);
  private static final MultiCorpusVoiceTraining.Recipe RECIPE =
      new MultiCorpusVoiceTraining.Recipe("test", EnumSet.allOf(Corpus.class), true, 6, SMALL);

  @TempDir static Path cache;

  private static List<Clip> subset;
  private static MultiCorpusVoiceTraining.Features base;
  private static float[][] logMel;

  @BeforeAll
  static void measure() throws Exception {
    subset = new ArrayList<>();
    int savee = 0;
    int urdu = 0;
    for (Clip clip : VoiceCorpora.readAll(SharedData.root().resolve("data"))) {
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
    base = MultiCorpusVoiceTraining.features(subset, 2, cache, line -> {});
    logMel = MelVoiceTraining.logMel(subset, 2, cache, line -> {});
  }

  @Test
  void logMelStatisticsAreCachedBitForBit() throws Exception {
    Path file = VoiceFeatureCache.file(cache, subset, "logmel");
    assertThat(Files.size(file)).isEqualTo(subset.size() * 2L * LogMelStatistics.SIZE * 4);
    float[][] cached = MelVoiceTraining.logMel(subset, 1, cache, line -> {});
    for (int i = 0; i < subset.size(); i++) {
      assertThat(cached[i]).isEqualTo(logMel[i]);
    }
    assertThat(MelVoiceTraining.logMel(subset.get(3).file())).isEqualTo(logMel[3]);
  }

  @Test
  void bandMeansAreRelativeToTheClipsMeanBandLevel() throws Exception {
    float[] mel =
        LogMelStatistics.extract(AudioFiles.readMono(subset.get(0).file(), 16_000), 16_000);
    double meanSum = 0;
    for (int k = 0; k < LogMelStatistics.SIZE; k++) {
      assertThat(Float.isFinite(mel[k])).as(LogMelStatistics.NAMES.get(k)).isTrue();
      if (LogMelStatistics.NAMES.get(k).endsWith("_mean")) {
        meanSum += mel[k];
      }
    }
    assertThat(meanSum).isCloseTo(0, within(1e-3));
  }

  @Test
  void theTelephoneBandLosesLittleOfTheLogMelBands() {
    int band = LogMelStatistics.NAMES.indexOf("mel12_mean");
    int agree = 0;
    for (int i = 0; i < subset.size(); i++) {
      agree += Math.abs(logMel[i][band] - logMel[i][LogMelStatistics.SIZE + band]) < 3 ? 1 : 0;
    }
    assertThat(agree).isGreaterThan(subset.size() * 9 / 10);
  }

  @Test
  void speakerNormalisationPutsEverySpeakerOnThePopulationMean() {
    MultiCorpusVoiceTraining.Features rows =
        MelVoiceTraining.rows(base, logMel, MelVoiceTraining.SHIPPED_VARIANT);
    assertThat(rows.wide()[0]).hasSize(VoiceModelInput.WITH_LOG_MEL);
    int column = VoiceFeatures.NAMES.indexOf("f0_mean_st");
    Map<String, double[]> sums = new HashMap<>();
    double population = 0;
    int trainable = 0;
    for (int i = 0; i < subset.size(); i++) {
      double[] sum = sums.computeIfAbsent(subset.get(i).speaker(), k -> new double[2]);
      sum[0] += rows.wide()[i][column];
      sum[1]++;
      if (MultiCorpusVoiceTraining.trainable(subset.get(i))) {
        population += base.wide()[i][column];
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
  void validationMeasuresEveryView() {
    List<MultiCorpusVoiceTraining.View> views =
        MultiCorpusVoiceTraining.validate(
            RECIPE, MelVoiceTraining.rows(base, logMel, MelVoiceTraining.SHIPPED_VARIANT), l -> {});
    List<String> names = views.stream().map(MultiCorpusVoiceTraining.View::name).toList();
    assertThat(names)
        .contains(
            "RAVDESS actors 17-20 (held out)",
            "cross-corpus: SAVEE (trained without it)",
            "speaker folds: RAVDESS female",
            "speaker folds: SAVEE");
    for (MultiCorpusVoiceTraining.View view : views) {
      assertThat(view.wide().n()).as(view.name()).isEqualTo(view.telephone().n()).isPositive();
    }
  }

  @Test
  void trainsTheSameWeightsTwiceAndOnnxRuntimeReadsThemAsDjlDoes() throws Exception {
    MultiCorpusVoiceTraining.Features rows =
        MelVoiceTraining.rows(base, logMel, MelVoiceTraining.SHIPPED_VARIANT);
    AffectMlp first =
        MultiCorpusVoiceTraining.fit(RECIPE, rows, MultiCorpusVoiceTraining::trainable);
    AffectMlp second =
        MultiCorpusVoiceTraining.fit(RECIPE, rows, MultiCorpusVoiceTraining::trainable);
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
}
