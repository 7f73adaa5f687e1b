package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * The shipped voice-affect-mel model through ONNX Runtime on real held-out RAVDESS actors 17–20
 * (first repetition, no calm), and the analysis computing exactly the features training computed.
 */
class VoiceAffectMelModelTest {
  private static List<VoiceCorpora.Clip> clips;

  @BeforeAll
  static void pick() throws Exception {
    clips = new ArrayList<>();
    for (VoiceCorpora.Clip clip :
        VoiceCorpora.read(SharedData.root().resolve("data"), VoiceCorpora.Corpus.RAVDESS)) {
      String repetition = clip.file().getFileName().toString().split("-")[5];
      if (!VoiceTraining.trainable(clip) && clip.scored() && repetition.equals("01")) {
        clips.add(clip);
      }
    }
  }

  @Test
  void theAnalysisComputesTheFeaturesTrainingComputed() throws Exception {
    List<VoiceCorpora.Clip> two = List.of(clips.get(0), clips.get(clips.size() - 1));
    VoiceTraining.Features training = VoiceTraining.features(two, true, 1, null, line -> {});
    try (ModelSession session = ShippedModels.open(VoiceTraining.MEL.modelName())) {
      VoiceAnalyzer analyzer = new VoiceAnalyzer(16_000, session);
      for (int i = 0; i < two.size(); i++) {
        float[] pipeline = analyzer.modelInput(AudioFiles.readMono(two.get(i).file(), 16_000));
        assertThat(pipeline).hasSize(VoiceModelInput.WITH_LOG_MEL);
        for (int k = 0; k < pipeline.length; k++) {
          assertThat(Math.abs(pipeline[k] - training.wide()[i][k]))
              .as(VoiceModelInput.Layout.MEL_ALL.names().get(k))
              .isLessThanOrEqualTo(1e-6f);
        }
      }
    }
  }

  @Test
  void readsHeldOutActorsThroughOnnxRuntimeWithAnEmbedding() throws Exception {
    ClassificationReport report = new ClassificationReport();
    try (ModelSession session = ShippedModels.open(VoiceTraining.MEL.modelName())) {
      assertThat(session.outputNames()).contains(AffectMlpOnnx.EMBEDDING);
      VoiceAnalyzer analyzer = new VoiceAnalyzer(16_000, session);
      for (VoiceCorpora.Clip clip : clips) {
        AffectEstimate estimate = analyzer.analyzeClip(AudioFiles.readMono(clip.file(), 16_000));
        assertThat(estimate.isPresent()).isTrue();
        report.add(clip.emotion(), estimate.emotions().top());
      }
      float[] input = analyzer.modelInput(AudioFiles.readMono(clips.get(0).file(), 16_000));
      Map<String, Tensor> out =
          session.run(
              Map.of(AffectMlpOnnx.INPUT, Tensor.ofFloats(new long[] {1, input.length}, input)));
      assertThat(out.get(AffectMlpOnnx.EMBEDDING).floats()).hasSize(VoiceTraining.EMBEDDING_SIZE);
    }
    System.out.printf(
        java.util.Locale.ROOT,
        "voice-affect-mel, held-out actors 17-20, repetition 01, whole clips unnormalised (n=%d):"
            + " accuracy %.4f macro-F1 %.4f%n",
        report.n(),
        report.accuracy(),
        report.macroF1());
    assertThat(report.n()).isEqualTo(104);
    assertThat(report.accuracy()).isGreaterThan(0.3);
  }
}
