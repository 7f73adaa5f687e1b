package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.Emotion;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelRegistry;

/**
 * The encoder text model trained on a small real subset (GoEmotions + ISEAR rows, real bge
 * embeddings) and joined with the shipped n-gram model: reproducible, cached embeddings equal fresh
 * ones, and the written folder opens and reads through the real runtime.
 */
class EncoderTextTrainingTest {
  /** A head configuration for a few hundred rows: seconds. */
  private static final AffectMlpTrainer.Config SMALL =
      new AffectMlpTrainer.Config(0, 30, 64, 1e-2f, 1e-6f, 0.5, 0.5f, false, 7L);

  @TempDir Path temp;

  @Test
  void aSmallSubsetTrainsReproduciblyAndTheModelReadsFeelings() throws Exception {
    EncoderTextTraining.Spec spec = EncoderTextTraining.Spec.EN;
    Path data = SharedData.root().resolve("data");
    List<EncoderTextTraining.Item> items = EncoderTextTraining.items(spec, data, 160);
    assertThat(items).extracting(EncoderTextTraining.Item::corpus).contains(spec.second.dataset());
    assertThat(items).noneMatch(item -> item.text().isBlank());
    float[][] embeddings;
    float[][] cached;
    try (SentenceEncoder encoder = SentenceEncoder.open(ShippedModels.host(), spec.encoder)) {
      List<String> texts = items.stream().map(EncoderTextTraining.Item::text).toList();
      embeddings = EmbeddingCache.embeddings(encoder, texts, temp.resolve("cache"), line -> {});
      cached = EmbeddingCache.embeddings(encoder, texts, temp.resolve("cache"), line -> {});
    }
    assertThat(cached).isDeepEqualTo(embeddings);
    // The cache file is keyed by the encoder file's sha256 as well as by the texts.
    try (var files = Files.list(temp.resolve("cache"))) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactly(
              EmbeddingCache.file(
                      temp.resolve("cache"),
                      spec.encoder,
                      items.stream().map(EncoderTextTraining.Item::text).toList())
                  .getFileName()
                  .toString())
          .allMatch(name -> name.contains(spec.encoder.onnxSha256.substring(0, 16)));
    }

    InstalledModel ngramModel = ShippedModels.registry().find(spec.base.modelName);
    AffectMlp ngram = AffectMlpOnnx.read(Files.readAllBytes(ngramModel.modelFile()));
    String ngramSha = ngramModel.manifest().sha256();
    Path folder = temp.resolve("models").resolve(spec.modelName);
    EncoderTextTraining.Result first =
        EncoderTextTraining.train(
            spec, items, embeddings, ngram, ngramSha, SMALL, data, folder, line -> {});
    EncoderTextTraining.Result second =
        EncoderTextTraining.train(
            spec,
            items,
            embeddings,
            ngram,
            ngramSha,
            SMALL,
            data,
            temp.resolve("again").resolve(spec.modelName),
            line -> {});
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(first.heldOut())
        .containsKeys(
            "combined / all",
            "combined / " + spec.base.dataset,
            "combined / " + spec.second.dataset(),
            "embedding / all",
            "ngrams / all");
    assertThat(first.validation())
        .containsKeys(
            "stacked, macro-F1 biases / all",
            "stacked, logistic biases / all",
            "product / all",
            EncoderTextTraining.PRODUCT_BIASES + " / all");
    assertThat(first.heldOut())
        .containsKeys(EncoderTextTraining.PRODUCT_BIASES + " / " + spec.base.dataset);
    // The validation part is the first corpus's every 10th training row: no ISEAR row is in it.
    assertThat(first.validation().get("product / all").n())
        .isPositive()
        .isEqualTo(
            items.stream()
                .filter(
                    item ->
                        !item.heldOut()
                            && item.corpus().equals(spec.base.dataset)
                            && item.row() % EncoderTextTraining.VALIDATION_EVERY == 0)
                .count());
    assertThat(first.validation()).doesNotContainKey("product / " + spec.second.dataset());
    // The bias search starts at the logistic biases and keeps only shifts that raise macro-F1.
    assertThat(first.validation().get("stacked, macro-F1 biases / all").macroF1())
        .isGreaterThanOrEqualTo(first.validation().get("stacked, logistic biases / all").macroF1());
    assertThat(first.validation().get(EncoderTextTraining.PRODUCT_BIASES + " / all").macroF1())
        .isGreaterThanOrEqualTo(first.validation().get("product / all").macroF1());
    assertThat(first.stacker().headScale()).isFinite().isPositive();
    assertThat(second.stacker().headScale()).isEqualTo(first.stacker().headScale());
    assertThat(EncoderTextTraining.summary(spec, first))
        .contains("validation part (carved from training)")
        .contains("stacker: head scale");
    assertThat(Files.readString(folder.resolve("manifest.json")))
        .contains(spec.encoder.onnxSha256)
        .contains(ngramSha)
        .contains("\"heldOutRows\"");

    ModelRegistry registry = new ModelRegistry(temp.resolve("models"), "retrain");
    InstalledModel installed = registry.find(spec.modelName);
    try (TextAffectModel model =
        TextAffectModel.open(ShippedModels.host(), registry, installed, Language.EN)) {
      assertThat(model.encoder()).isNotNull();
      TextAffectModel.Reading angry =
          model.predict("I am so angry, stop lying to me, this is outrageous!");
      TextAffectModel.Reading happy =
          model.predict("Thank you so much, I love this, it made my day!");
      assertThat(angry.emotions().get(Emotion.ANGRY))
          .isGreaterThan(happy.emotions().get(Emotion.ANGRY));
      assertThat(happy.emotions().get(Emotion.HAPPY))
          .isGreaterThan(angry.emotions().get(Emotion.HAPPY));
      assertThat(happy.valence()).isGreaterThan(angry.valence());
    }
  }

  @Test
  void theJoinedModelIsTheProductOfTheTwoModelsProbabilities() {
    java.util.Random random = new java.util.Random(3);
    AffectMlp ngram = linear(random, 3);
    AffectMlp head = linear(random, 2);
    AffectMlp joined = EncoderTextTraining.join(ngram, head, 1f);
    float[] x = {0.2f, -0.5f, 1f, 0.7f, -0.1f};
    float[] pn =
        AffectMlpTrainer.predict(ngram, rows(new float[] {0.2f, -0.5f, 1f})).probabilities();
    float[] pe = AffectMlpTrainer.predict(head, rows(new float[] {0.7f, -0.1f})).probabilities();
    float[] pj = AffectMlpTrainer.predict(joined, rows(x)).probabilities();
    double sum = 0;
    for (int k = 0; k < 7; k++) {
      sum += pn[k] * pe[k];
    }
    for (int k = 0; k < 7; k++) {
      assertThat((double) pj[k])
          .isCloseTo(pn[k] * pe[k] / sum, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  private static org.sentio.affect.train.FeatureRows rows(float[] x) {
    return org.sentio.affect.train.FeatureRows.dense(new float[][] {x}, x.length);
  }

  private static AffectMlp linear(java.util.Random random, int inputs) {
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
