package org.sentio.affect.text;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.LabeledCsv;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.InstalledModel;

/**
 * Measures the stacked combination against the plain product while the embedding cache of the first
 * corpus is still partial: the head learns from the training rows already embedded (in file order),
 * the held-out split is embedded whole (its own cache file), and the shipped n-gram model reads the
 * held-out rows. Prints the trainer's figures; writes nothing.
 *
 * <p>Run: {@code java -cp <fusion-model test classpath> org.sentio.affect.text.EncoderStackerBench
 * en|zh [cache folder] [mlp|-] [partial-ngram]}
 */
public final class EncoderStackerBench {
  private EncoderStackerBench() {}

  public static void main(String[] args) throws Exception {
    EncoderTextTraining.Spec spec =
        EncoderTextTraining.Spec.of("zh".equals(args[0]) ? Language.ZH : Language.EN);
    Path cache = args.length > 1 ? Path.of(args[1]) : EmbeddingCache.defaultFolder();
    Path data = org.sentio.affect.train.SharedData.root().resolve("data");
    List<Map<String, String>> rows =
        LabeledCsv.read(data.resolve(spec.base.dataset).resolve("labels.csv"));
    List<String> all = new ArrayList<>();
    for (Map<String, String> row : rows) {
      all.add(row.get("text"));
    }
    float[][] cached = readPartial(EmbeddingCache.file(cache, spec.encoder, all), all.size());
    List<EncoderTextTraining.Item> items = new ArrayList<>();
    List<float[]> embeddings = new ArrayList<>();
    List<String> heldTexts = new ArrayList<>();
    List<Integer> heldRows = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      boolean held = spec.base.heldOutSplit.equals(rows.get(r).get("split"));
      if (held) {
        heldTexts.add(all.get(r));
        heldRows.add(r);
      } else if (cached[r] != null) {
        items.add(
            new EncoderTextTraining.Item(
                all.get(r),
                org.sentio.affect.Emotion.parse(rows.get(r).get("label")),
                spec.base.dataset,
                r,
                false));
        embeddings.add(cached[r]);
      }
    }
    System.out.printf(
        "%s: %d training rows embedded so far, %d held out%n",
        spec.modelName, items.size(), heldTexts.size());
    float[][] heldEmbeddings;
    try (SentenceEncoder encoder = SentenceEncoder.open(ShippedModels.host(), spec.encoder)) {
      heldEmbeddings = EmbeddingCache.embeddings(encoder, heldTexts, cache, System.err::println);
    }
    for (int k = 0; k < heldRows.size(); k++) {
      int r = heldRows.get(k);
      items.add(
          new EncoderTextTraining.Item(
              all.get(r),
              org.sentio.affect.Emotion.parse(rows.get(r).get("label")),
              spec.base.dataset,
              r,
              true));
      embeddings.add(heldEmbeddings[k]);
    }
    InstalledModel ngramModel = ShippedModels.registry().find(spec.base.modelName);
    AffectMlp ngram = AffectMlpOnnx.read(Files.readAllBytes(ngramModel.modelFile()));
    if (args.length > 3 && "partial-ngram".equals(args[3])) {
      // The n-gram model at the same scale as the head: its recipe on the embedded training rows.
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        if (!items.get(i).heldOut()) {
          train.add(i);
        }
      }
      ngram =
          new AffectMlpTrainer(TextModelTraining.CONFIG)
              .train(
                  new EncoderFeatures(spec.base.language, EncoderTextTraining.Features.NGRAMS)
                      .rows(items, embeddings.toArray(float[][]::new), train),
                  targets(items, train),
                  null,
                  null,
                  epoch -> {});
    }
    EncoderTextTraining.Result result =
        EncoderTextTraining.train(
            spec,
            items,
            embeddings.toArray(float[][]::new),
            ngram,
            ngramModel.manifest().sha256(),
            EncoderTextTraining.CONFIG,
            data,
            null,
            System.err::println);
    System.out.print(EncoderTextTraining.summary(spec, result));
    for (var e : result.heldOut().entrySet()) {
      if (e.getKey().endsWith("/ all")) {
        System.out.println("--- held out, " + e.getKey());
        System.out.print(e.getValue().toText());
      }
    }
    if (args.length > 2 && "mlp".equals(args[2])) {
      compareMlpHead(spec, items, embeddings.toArray(float[][]::new), ngram);
    }
  }

  /**
   * The linear head against an MLP head (one hidden layer of 256) on the embedding: each trained on
   * the training rows outside the validation part and scored there alone; then each, trained on all
   * training rows, times the shipped n-gram model on the held-out rows.
   */
  private static void compareMlpHead(
      EncoderTextTraining.Spec spec,
      List<EncoderTextTraining.Item> items,
      float[][] embeddings,
      AffectMlp ngram) {
    EncoderFeatures embedding =
        new EncoderFeatures(spec.base.language, EncoderTextTraining.Features.EMBEDDING);
    EncoderFeatures ngrams =
        new EncoderFeatures(spec.base.language, EncoderTextTraining.Features.NGRAMS);
    List<Integer> fit = new ArrayList<>();
    List<Integer> validation = new ArrayList<>();
    List<Integer> train = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      EncoderTextTraining.Item item = items.get(i);
      if (item.heldOut()) {
        held.add(i);
      } else {
        train.add(i);
        (item.row() % EncoderTextTraining.VALIDATION_EVERY == 0 ? validation : fit).add(i);
      }
    }
    AffectMlpTrainer.Config linear = EncoderTextTraining.CONFIG;
    AffectMlpTrainer.Config mlp =
        new AffectMlpTrainer.Config(256, 10, 256, 2e-3f, 1e-5f, 0.5, 0.5f, false, 20261202L);
    float[] ngramHeld =
        AffectMlpTrainer.predict(ngram, ngrams.rows(items, embeddings, held)).probabilities();
    for (AffectMlpTrainer.Config config : List.of(linear, mlp)) {
      String name = config.hidden() == 0 ? "linear head" : "MLP head (256 hidden)";
      AffectMlp onFit =
          new AffectMlpTrainer(config)
              .train(
                  embedding.rows(items, embeddings, fit),
                  targets(items, fit),
                  null,
                  null,
                  epoch -> {});
      float[] p =
          AffectMlpTrainer.predict(onFit, embedding.rows(items, embeddings, validation))
              .probabilities();
      org.sentio.affect.evaluate.ClassificationReport v =
          new org.sentio.affect.evaluate.ClassificationReport();
      for (int k = 0; k < validation.size(); k++) {
        v.add(items.get(validation.get(k)).label(), top(p, k, null));
      }
      System.out.printf(
          "%s alone, validation part: n=%d accuracy=%.4f macro-F1=%.4f%n",
          name, v.n(), v.accuracy(), v.macroF1());
      AffectMlp onTrain =
          new AffectMlpTrainer(config)
              .train(
                  embedding.rows(items, embeddings, train),
                  targets(items, train),
                  null,
                  null,
                  epoch -> {});
      float[] h =
          AffectMlpTrainer.predict(onTrain, embedding.rows(items, embeddings, held))
              .probabilities();
      org.sentio.affect.evaluate.ClassificationReport alone =
          new org.sentio.affect.evaluate.ClassificationReport();
      org.sentio.affect.evaluate.ClassificationReport product =
          new org.sentio.affect.evaluate.ClassificationReport();
      for (int k = 0; k < held.size(); k++) {
        alone.add(items.get(held.get(k)).label(), top(h, k, null));
        product.add(items.get(held.get(k)).label(), top(h, k, ngramHeld));
      }
      System.out.printf(
          "%s alone, held out: n=%d accuracy=%.4f macro-F1=%.4f%n",
          name, alone.n(), alone.accuracy(), alone.macroF1());
      System.out.printf(
          "%s x n-gram model, held out: n=%d accuracy=%.4f macro-F1=%.4f%n",
          name, product.n(), product.accuracy(), product.macroF1());
    }
  }

  private static AffectMlpTrainer.Targets targets(
      List<EncoderTextTraining.Item> items, List<Integer> which) {
    int[] y = new int[which.size()];
    float[] valence = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      org.sentio.affect.Emotion e = items.get(which.get(i)).label();
      y[i] = e.ordinal();
      valence[i] = (float) org.sentio.affect.train.AffectTargets.valence(e);
    }
    return new AffectMlpTrainer.Targets(y, valence, null);
  }

  private static org.sentio.affect.Emotion top(float[] p, int row, float[] times) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < 7; k++) {
      double score =
          Math.log(Math.max(p[row * 7 + k], 1e-7f))
              + (times == null ? 0 : Math.log(Math.max(times[row * 7 + k], 1e-7f)));
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    return org.sentio.affect.Emotion.values()[best];
  }

  /** The complete rows of a cache file that may still be growing; null past its end. */
  private static float[][] readPartial(Path file, int n) throws IOException {
    float[][] rows = new float[n][];
    if (!Files.isRegularFile(file)) {
      return rows;
    }
    int width = SentenceEncoder.DIMENSION * 4;
    long complete = Math.min(n, Files.size(file) / width);
    byte[] row = new byte[width];
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      for (int i = 0; i < complete; i++) {
        data.readFully(row);
        float[] v = new float[SentenceEncoder.DIMENSION];
        ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        rows[i] = v;
      }
    }
    return rows;
  }
}
