package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.FeatureRows;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelRegistry;

/**
 * The stacked combination of the n-gram model and the embedding head (one linear layer), and the
 * shipped encoder models read through the runtime exactly as the trainer scores them.
 */
class EncoderStackerTest {

  @Test
  void theStackedLayerIsTheNgramModelTimesTheScaledHeadWithBiases() {
    Random random = new Random(5);
    AffectMlp ngram = linear(random, 3);
    AffectMlp head = linear(random, 2);
    double[] bias = {0.3, -0.2, 0, 0.5, -1, 0.1, 0.7};
    EncoderTextTraining.Stacker stacker = new EncoderTextTraining.Stacker(1.7, bias, bias);
    AffectMlp joined =
        EncoderTextTraining.join(
            ngram, EncoderTextTraining.stacked(head, stacker), EncoderTextTraining.NGRAM_WEIGHT);
    float[] pn = predict(ngram, 0.2f, -0.5f, 1f);
    float[] pe = predict(head, 0.7f, -0.1f);
    float[] pj = predict(joined, 0.2f, -0.5f, 1f, 0.7f, -0.1f);
    double[] unnormalised = new double[7];
    double sum = 0;
    for (int k = 0; k < 7; k++) {
      unnormalised[k] = pn[k] * Math.pow(pe[k], 1.7) * Math.exp(bias[k]);
      sum += unnormalised[k];
    }
    for (int k = 0; k < 7; k++) {
      assertThat((double) pj[k]).isCloseTo(unnormalised[k] / sum, offset(1e-5));
    }
    // The head inside the stacked layer is recovered as the private training expects.
    AffectMlp recovered =
        EncoderTextTraining.headOf(joined, ngram, EncoderTextTraining.NGRAM_WEIGHT);
    assertThat(recovered.wv()).containsExactly(head.wv(), offset(1e-6f));
  }

  @Test
  void theLogisticStackerFitsTheValidationRowsAtLeastAsWellAsTheProduct() {
    // Rows whose labels follow p(n-gram) × p(head)^2.5 × e^bias, with noisy model outputs.
    Random random = new Random(11);
    int n = 3000;
    float[] ngramP = new float[n * 7];
    float[] headP = new float[n * 7];
    int[] y = new int[n];
    double[] trueBias = {0.5, 0, -0.5, 0.2, -1, -0.3, 0.4};
    for (int r = 0; r < n; r++) {
      double[] score = new double[7];
      double[] a = softmax(random, 1.0);
      double[] b = softmax(random, 1.5);
      for (int k = 0; k < 7; k++) {
        ngramP[r * 7 + k] = (float) a[k];
        headP[r * 7 + k] = (float) b[k];
        score[k] = Math.log(a[k]) + 2.5 * Math.log(b[k]) + trueBias[k];
      }
      y[r] = sample(random, score);
    }
    EncoderTextTraining.Stacker fitted = EncoderTextTraining.fitLogistic(ngramP, headP, y);
    assertThat(fitted.headScale()).isCloseTo(2.5, offset(0.3));
    double product =
        EncoderTextTraining.crossEntropy(ngramP, headP, y, new double[] {1, 0, 0, 0, 0, 0, 0, 0});
    double[] theta = new double[8];
    theta[0] = fitted.headScale();
    System.arraycopy(fitted.logisticBias(), 0, theta, 1, 7);
    assertThat(EncoderTextTraining.crossEntropy(ngramP, headP, y, theta)).isLessThan(product);
  }

  @Test
  void theShippedEnglishModelReadsRealDevCommentsAsTheTrainerScoresThem() throws Exception {
    agreesWithTheTrainer(EncoderTextTraining.Spec.EN, Language.EN, 120);
  }

  @Test
  void theShippedChineseModelReadsRealEvalPostsAsTheTrainerScoresThem() throws Exception {
    agreesWithTheTrainer(EncoderTextTraining.Spec.ZH, Language.ZH, 120);
  }

  /**
   * Held-out rows of the first corpus through the runtime ({@link TextAffectModel}: ONNX Runtime,
   * the shipped folder checked against its manifest) and through the trainer's scoring (the same
   * file read back as weights, {@link EncoderFeatures} rows): the same predictions, so the
   * trainer's printed figures are the runtime's.
   */
  private static void agreesWithTheTrainer(
      EncoderTextTraining.Spec spec, Language language, int count) throws Exception {
    Path data = SharedData.root().resolve("data");
    List<EncoderTextTraining.Item> held = new ArrayList<>();
    for (EncoderTextTraining.Item item : EncoderTextTraining.items(spec, data, 0)) {
      if (item.heldOut() && item.corpus().equals(spec.base.dataset) && held.size() < count) {
        held.add(item);
      }
    }
    ModelRegistry registry = ShippedModels.registry();
    InstalledModel installed = registry.find(spec.modelName);
    AffectMlp weights = AffectMlpOnnx.read(Files.readAllBytes(installed.modelFile()));
    ClassificationReport runtime = new ClassificationReport();
    float[][] embeddings = new float[held.size()][];
    float[] runtimeP = new float[held.size() * 7];
    try (TextAffectModel model =
        TextAffectModel.open(ShippedModels.host(), registry, installed, language)) {
      for (int i = 0; i < held.size(); i++) {
        TextAffectModel.Reading reading = model.predict(held.get(i).text());
        embeddings[i] = reading.embedding();
        for (int k = 0; k < 7; k++) {
          runtimeP[i * 7 + k] = (float) reading.emotions().get(Emotion.values()[k]);
        }
        runtime.add(held.get(i).label(), reading.emotions().top());
      }
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < held.size(); i++) {
      all.add(i);
    }
    AffectMlpTrainer.Predictions trainer =
        AffectMlpTrainer.predict(
            weights,
            new EncoderFeatures(language, EncoderTextTraining.Features.COMBINED)
                .rows(held, embeddings, all));
    ClassificationReport scored = new ClassificationReport();
    for (int i = 0; i < held.size(); i++) {
      scored.add(held.get(i).label(), trainer.top(i));
      for (int k = 0; k < 7; k++) {
        assertThat(trainer.probabilities()[i * 7 + k])
            .isCloseTo(runtimeP[i * 7 + k], offset(1e-3f));
      }
    }
    assertThat(scored.toText()).isEqualTo(runtime.toText());
    assertThat(runtime.toText()).startsWith("n=" + held.size() + " accuracy=");
    // A real model, not a constant: well above the majority class on these rows.
    assertThat(runtime.accuracy()).isGreaterThan(0.5);
    assertThat(runtime.labels()).hasSizeGreaterThan(3);
  }

  private static double[] softmax(Random random, double spread) {
    double[] p = new double[7];
    double sum = 0;
    for (int k = 0; k < 7; k++) {
      p[k] = Math.exp(spread * random.nextGaussian());
      sum += p[k];
    }
    for (int k = 0; k < 7; k++) {
      p[k] /= sum;
    }
    return p;
  }

  private static int sample(Random random, double[] score) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : score) {
      max = Math.max(max, s);
    }
    double[] p = new double[7];
    double sum = 0;
    for (int k = 0; k < 7; k++) {
      p[k] = Math.exp(score[k] - max);
      sum += p[k];
    }
    double u = random.nextDouble() * sum;
    for (int k = 0; k < 7; k++) {
      u -= p[k];
      if (u <= 0) {
        return k;
      }
    }
    return 6;
  }

  private static float[] predict(AffectMlp model, float... x) {
    return AffectMlpTrainer.predict(model, FeatureRows.dense(new float[][] {x}, x.length))
        .probabilities();
  }

  private static AffectMlp linear(Random random, int inputs) {
    float[] wc = new float[inputs * 7];
    float[] bc = new float[7];
    float[] wv = new float[inputs];
    for (int i = 0; i < wc.length; i++) {
      wc[i] = (float) random.nextGaussian();
    }
    for (int k = 0; k < 7; k++) {
      bc[k] = (float) random.nextGaussian();
    }
    for (int i = 0; i < inputs; i++) {
      wv[i] = (float) random.nextGaussian();
    }
    return new AffectMlp(
        inputs, 0, null, null, null, null, wc, bc, wv, new float[] {0.1f}, null, null);
  }
}
