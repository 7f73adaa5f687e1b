package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.FeatureRows;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.capture.media.MediaException;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.Tensor;

/**
 * The shipped voice-affect model on real held-out RAVDESS actors (a subset: first repetition, no
 * calm, to keep the test short), and on espeak-ng speech.
 */
class VoiceAffectModelTest {
  private static ModelSession session;
  private static List<VoiceCorpora.Clip> clips;
  private static List<float[]> features;

  @BeforeAll
  static void load() throws Exception {
    session = ShippedModels.open(VoiceTraining.RAVDESS.modelName());
    List<VoiceCorpora.Clip> all =
        VoiceCorpora.read(SharedData.root().resolve("data"), VoiceCorpora.Corpus.RAVDESS);
    clips = new ArrayList<>();
    for (VoiceCorpora.Clip clip : all) {
      // RAVDESS names: modality-channel-emotion-intensity-statement-repetition-actor.flac
      String repetition = clip.file().getFileName().toString().split("-")[5];
      if (!VoiceTraining.trainable(clip) && clip.scored() && repetition.equals("01")) {
        clips.add(clip);
      }
    }
    VoiceFeatureExtractor extractor = new VoiceFeatureExtractor();
    features =
        clips.parallelStream()
            .map(
                clip -> {
                  try {
                    return extractor
                        .extract(AudioFiles.readMono(clip.file(), 16_000), 16_000)
                        .vector();
                  } catch (MediaException e) {
                    throw new IllegalStateException(clip.file() + ": " + e.getMessage(), e);
                  }
                })
            .toList();
  }

  @AfterAll
  static void close() throws Exception {
    session.close();
  }

  @Test
  void heldOutActorsAreClassifiedWellAboveChance() throws Exception {
    VoiceAffectModel model = new VoiceAffectModel(session);
    ClassificationReport report = new ClassificationReport();
    for (int i = 0; i < clips.size(); i++) {
      float[] f = features.get(i);
      double[] values = new double[f.length];
      for (int j = 0; j < f.length; j++) {
        values[j] = f[j];
      }
      report.add(
          Emotion.parse(clips.get(i).label()),
          model.predict(new VoiceFeatures(values)).emotions().top());
    }
    assertThat(report.n()).isGreaterThan(40);
    assertThat(report.accuracy()).isGreaterThan(0.3);
    assertThat(report.macroF1()).isGreaterThan(0.25);
  }

  @Test
  void perSpeakerNormalisationDoesNotCostHeldOutAccuracy() throws Exception {
    VoiceAffectModel model = new VoiceAffectModel(session);
    Map<Integer, SpeakerNormaliser> speakers = new java.util.TreeMap<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < clips.size(); i++) {
        speakers
            .computeIfAbsent(
                clips.get(i).actor(), a -> new SpeakerNormaliser(model.populationMean()))
            .normalise(vector(features.get(i)));
      }
    }
    ClassificationReport raw = new ClassificationReport();
    ClassificationReport normalised = new ClassificationReport();
    for (int i = 0; i < clips.size(); i++) {
      Emotion truth = Emotion.parse(clips.get(i).label());
      VoiceFeatures x = vector(features.get(i));
      raw.add(truth, model.predict(x).emotions().top());
      normalised.add(
          truth, model.predict(speakers.get(clips.get(i).actor()).normalise(x)).emotions().top());
    }
    System.out.printf(
        "voice-affect on held-out actors 17-20 (repetition 01, n=%d): accuracy raw %.4f,"
            + " speaker-normalised %.4f%n",
        raw.n(), raw.accuracy(), normalised.accuracy());
    assertThat(normalised.accuracy()).isGreaterThan(raw.accuracy() - 0.03);
  }

  private static VoiceFeatures vector(float[] f) {
    double[] values = new double[f.length];
    for (int j = 0; j < f.length; j++) {
      values[j] = f[j];
    }
    return new VoiceFeatures(values);
  }

  @Test
  void onnxGraphReproducesTheTrainersForwardPass() throws Exception {
    float[] flat = new float[features.size() * VoiceFeatures.SIZE];
    for (int i = 0; i < features.size(); i++) {
      System.arraycopy(features.get(i), 0, flat, i * VoiceFeatures.SIZE, VoiceFeatures.SIZE);
    }
    Map<String, Tensor> out =
        session.run(
            Map.of(
                AffectMlpOnnx.INPUT,
                Tensor.ofFloats(new long[] {features.size(), VoiceFeatures.SIZE}, flat)));
    AffectMlp mlp =
        AffectMlpOnnx.read(java.nio.file.Files.readAllBytes(session.model().modelFile()));
    float[][] standardised = new float[features.size()][];
    for (int i = 0; i < features.size(); i++) {
      standardised[i] = AffectMlpTrainer.standardise(features.get(i), mlp.mean(), mlp.scale());
    }
    AffectMlpTrainer.Predictions djl =
        AffectMlpTrainer.predict(mlp, FeatureRows.dense(standardised, VoiceFeatures.SIZE));
    assertThat(maxDifference(out.get(AffectMlpOnnx.EMOTIONS).floats(), djl.probabilities()))
        .isLessThan(1e-5);
    assertThat(maxDifference(out.get(AffectMlpOnnx.VALENCE).floats(), djl.valence()))
        .isLessThan(1e-5);
    assertThat(maxDifference(out.get(AffectMlpOnnx.AROUSAL).floats(), djl.arousal()))
        .isLessThan(1e-5);
  }

  @Test
  void missingMeasurementsReadAsTheTrainingMean() throws Exception {
    double[] values = new double[VoiceFeatures.SIZE];
    Arrays.fill(values, Double.NaN);
    VoiceAffectModel.Reading reading =
        new VoiceAffectModel(session).predict(new VoiceFeatures(values));
    assertThat(reading.emotions().toArray()).hasSize(7);
    assertThat(reading.arousal()).isBetween(-1.0, 1.0);
  }

  @Test
  void raisedPitchAndLoudnessRaiseArousal(@TempDir Path dir) throws Exception {
    String sentence = "I have been waiting for the delivery since Monday and nobody called me back";
    float[] normal = Audio.speak(dir, "normal", sentence, "-p", "40", "-a", "80", "-s", "140");
    float[] raised = Audio.speak(dir, "raised", sentence, "-p", "80", "-a", "200", "-s", "180");
    AffectEstimate calm = new VoiceAnalyzer(Audio.RATE, session).analyzeClip(normal);
    AffectEstimate loud = new VoiceAnalyzer(Audio.RATE, session).analyzeClip(raised);
    assertThat(calm.isPresent()).isTrue();
    // espeak-ng is far from RAVDESS's actors: the model already reads its normal voice as aroused
    // (about 0.9), so the rise is small but must be there (see the model card's limits).
    assertThat(loud.arousal()).isGreaterThan(calm.arousal());
  }

  @Test
  void sessionWindowsGiveCategoriesValenceAndArousal(@TempDir Path dir) throws Exception {
    float[] speech =
        Audio.speak(dir, "s", "Thank you so much, that was really helpful", "-s", "150");
    VoiceAnalyzer analyzer = new VoiceAnalyzer(Audio.RATE, session);
    AffectEstimate last = null;
    for (double start = 0; start + 1.0 <= speech.length / (double) Audio.RATE; start += 0.5) {
      AffectEstimate estimate = analyzer.analyze(Audio.slice(speech, start, 1.0), 1.0);
      if (estimate.isPresent()) {
        last = estimate;
      }
    }
    assertThat(last).isNotNull();
    assertThat(last.hasEmotions()).isTrue();
    assertThat(last.hasValence()).isTrue();
    assertThat(last.hasArousal()).isTrue();
  }

  @Test
  void silenceIsNoSpeechWithTheModelToo() {
    AffectEstimate estimate =
        new VoiceAnalyzer(Audio.RATE, session).analyze(new float[16_000], 0.0);
    assertThat(estimate.isPresent()).isFalse();
  }

  private static double maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /**
   * ADR 0059: the shipped graph is the one shipped before (sha256 {@value #WITHOUT_EMBEDDING}, the
   * same weights) plus an {@code embedding} output; on real held-out clips its probabilities,
   * valence and arousal are bit for bit those of that graph, and its embedding is the hidden layer.
   */
  @Test
  void theEmbeddingOutputLeavesTheReadingsBitIdentical() throws Exception {
    byte[] shipped = java.nio.file.Files.readAllBytes(session.model().modelFile());
    ai.onnx.proto.OnnxMl.ModelProto proto = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(shipped);
    AffectMlp mlp = AffectMlpOnnx.read(shipped);
    byte[] former = AffectMlpOnnx.write(mlp, proto.getProducerName(), proto.getDocString(), false);
    assertThat(java.util.HexFormat.of().formatHex(sha256(former))).isEqualTo(WITHOUT_EMBEDDING);

    VoiceAffectModel model = new VoiceAffectModel(session);
    assertThat(model.hasEmbedding()).isTrue();
    try (ai.onnxruntime.OrtEnvironment environment =
            ai.onnxruntime.OrtEnvironment.getEnvironment();
        ai.onnxruntime.OrtSession formerSession =
            environment.createSession(former, new ai.onnxruntime.OrtSession.SessionOptions())) {
      for (float[] input : features) {
        VoiceAffectModel.Reading reading = model.predict(vector(input));
        Map<String, Tensor> now =
            session.run(
                Map.of(
                    AffectMlpOnnx.INPUT,
                    Tensor.ofFloats(new long[] {1, VoiceFeatures.SIZE}, input)));
        try (ai.onnxruntime.OnnxTensor tensor =
                ai.onnxruntime.OnnxTensor.createTensor(environment, new float[][] {input});
            ai.onnxruntime.OrtSession.Result before =
                formerSession.run(Map.of(AffectMlpOnnx.INPUT, tensor))) {
          for (String output :
              List.of(AffectMlpOnnx.EMOTIONS, AffectMlpOnnx.VALENCE, AffectMlpOnnx.AROUSAL)) {
            float[] was = ((float[][]) before.get(output).get().getValue())[0];
            assertThat(now.get(output).floats()).as(output).containsExactly(was);
          }
        }
        assertThat(reading.embedding().model()).isEqualTo("voice-affect");
        assertThat(reading.embedding().size()).isEqualTo(VoiceTraining.EMBEDDING_SIZE);
        assertThat(reading.embedding().values())
            .containsExactly(now.get(AffectMlpOnnx.EMBEDDING).floats());
        float[] hidden = hiddenLayer(mlp, input);
        for (int j = 0; j < hidden.length; j++) {
          assertThat(reading.embedding().value(j)).isCloseTo(hidden[j], within(1e-4f));
        }
      }
    }
  }

  /** The sha256 of voice-affect's graph before it gained its embedding output (ADR 0055). */
  private static final String WITHOUT_EMBEDDING =
      "f492366150e6f8906d66a2781b2d34bf164580e9049169185666114f0d9c0290";

  /** ReLU(W1 x + b1) of the standardised input, NaN read as the mean, computed here. */
  private static float[] hiddenLayer(AffectMlp mlp, float[] input) {
    float[] x = AffectMlpTrainer.standardise(input, mlp.mean(), mlp.scale());
    float[] w1 = mlp.w1();
    float[] hidden = new float[mlp.hiddenSize()];
    for (int h = 0; h < hidden.length; h++) {
      double sum = mlp.b1()[h];
      for (int d = 0; d < x.length; d++) {
        sum += (Float.isNaN(x[d]) ? 0 : x[d]) * w1[d * hidden.length + h];
      }
      hidden[h] = (float) Math.max(0, sum);
    }
    return hidden;
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
