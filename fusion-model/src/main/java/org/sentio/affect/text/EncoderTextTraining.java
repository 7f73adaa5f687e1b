package org.sentio.affect.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.AffectTargets;
import org.sentio.affect.train.LabeledCsv;
import org.sentio.affect.train.ModelFolder;
import org.sentio.runtime.ModelException;

/**
 * Trains the encoder text-affect models ({@code text-affect-en-bge}, {@code text-affect-zh-bge}):
 * one linear softmax (and tanh valence head) over the hashed n-grams of {@link TextFeaturizer} and
 * the sentence embedding of a pretrained {@link SentenceEncoder}, side by side in one vector
 * ({@link EncoderFeatures}). English trains on GoEmotions' train split and ISEAR, Chinese on
 * SMP2020-EWECT's train split and CLUE Emotion; each second corpus keeps a part of its own held
 * out, so that the figures are per corpus.
 */
public final class EncoderTextTraining {
  public static final String VERSION = "2.0.0";

  /** Which features a run uses: the shipped model reads both. */
  public enum Features {
    NGRAMS,
    EMBEDDING,
    COMBINED
  }

  /** A second corpus, its own rows held out by a rule, and labels it cannot use. */
  public record Corpus(
      String dataset,
      String description,
      String licence,
      String heldOutRule,
      java.util.function.Predicate<Map<String, String>> heldOut,
      List<String> droppedLabels) {}

  /** What differs between the languages. */
  public enum Spec {
    EN(
        TextModelTraining.Spec.EN,
        "text-affect-en-bge",
        SentenceEncoder.Encoder.BGE_SMALL_EN_Q,
        new Corpus(
            "text_en_isear",
            "ISEAR (Scherer & Wallbott), situations described by students",
            "research use only (ISEAR terms)",
            "students whose subject_id is divisible by 5",
            row -> Long.parseLong(row.get("subject_id")) % 5 == 0,
            List.of("shame", "guilt"))),
    ZH(
        TextModelTraining.Spec.ZH,
        "text-affect-zh-bge",
        SentenceEncoder.Encoder.BGE_SMALL_ZH_Q,
        new Corpus(
            "text_zh_clue_emotion",
            "CLUE Emotion (Li et al. 2016), Weibo posts",
            "research use only (no licence stated)",
            "the 'test' file",
            row -> "test".equals(row.get("split")),
            List.of()));

    public final TextModelTraining.Spec base;
    public final String modelName;
    public final SentenceEncoder.Encoder encoder;
    public final Corpus second;

    Spec(
        TextModelTraining.Spec base,
        String modelName,
        SentenceEncoder.Encoder encoder,
        Corpus second) {
      this.base = base;
      this.modelName = modelName;
      this.encoder = encoder;
      this.second = second;
    }

    public static Spec of(Language language) {
      return language == Language.ZH ? ZH : EN;
    }
  }

  /**
   * Weight of the n-gram model's log-probabilities beside the embedding head's: 1, the plain
   * product of the two models, fixed before measuring (the held-out figures of 0.5 and 2 are
   * printed beside it, for the model card).
   */
  public static final float NGRAM_WEIGHT = 1f;

  /** The embedding head: linear, trained as the n-gram models are, with its own seed. */
  public static final AffectMlpTrainer.Config CONFIG =
      new AffectMlpTrainer.Config(0, 6, 256, 5e-3f, 1e-6f, 0.5, 0.5f, false, 20261202L);

  /** One labeled row: its corpus, its row in that corpus's file, and whether it is held out. */
  public record Item(String text, Emotion label, String corpus, int row, boolean heldOut) {}

  /** The held-out figures of a run, over all held-out rows and per corpus. */
  public record Result(
      AffectMlp model,
      String sha256,
      int trainRows,
      Map<String, ClassificationReport> heldOut,
      Map<String, Integer> trainRowsPerCorpus) {}

  private EncoderTextTraining() {}

  /**
   * The rows of both corpora, in file order. {@code limit} > 0 keeps only every k-th row so that
   * about that many remain (for tests).
   */
  public static List<Item> items(Spec spec, Path dataRoot, int limit) throws IOException {
    List<Item> items = new ArrayList<>();
    List<Map<String, String>> rows = rows(dataRoot, spec.base.dataset);
    for (int r = 0; r < rows.size(); r++) {
      Map<String, String> row = rows.get(r);
      items.add(
          new Item(
              row.get("text"),
              Emotion.parse(row.get("label")),
              spec.base.dataset,
              r,
              spec.base.heldOutSplit.equals(row.get("split"))));
    }
    rows = rows(dataRoot, spec.second.dataset());
    for (int r = 0; r < rows.size(); r++) {
      Map<String, String> row = rows.get(r);
      if (spec.second.droppedLabels().contains(row.get("label"))) {
        continue;
      }
      items.add(
          new Item(
              row.get("text"),
              Emotion.parse(row.get("label")),
              spec.second.dataset(),
              r,
              spec.second.heldOut().test(row)));
    }
    if (limit <= 0 || limit >= items.size()) {
      return items;
    }
    int step = (items.size() + limit - 1) / limit;
    List<Item> kept = new ArrayList<>();
    for (int i = 0; i < items.size(); i += step) {
      kept.add(items.get(i));
    }
    return kept;
  }

  /**
   * Trains the embedding head on the training rows of {@code items}, joins it with the n-gram model
   * {@code ngram} and measures the n-gram model, the head and the joined model on the held-out
   * rows; writes the joined model's folder unless {@code modelFolder} is null.
   *
   * @param embeddings the encoder's output for each item, in order
   * @param ngram the language's n-gram model (read from its verified model file)
   * @param ngramSha256 that file's sha256, recorded in the manifest
   */
  public static Result train(
      Spec spec,
      List<Item> items,
      float[][] embeddings,
      AffectMlp ngram,
      String ngramSha256,
      AffectMlpTrainer.Config config,
      Path dataRoot,
      Path modelFolder,
      Consumer<String> log)
      throws IOException {
    List<Integer> train = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    Map<String, Integer> trainPerCorpus = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).heldOut()) {
        held.add(i);
      } else {
        train.add(i);
        trainPerCorpus.merge(items.get(i).corpus(), 1, Integer::sum);
      }
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%s: %d training rows %s, %d held out",
            spec.modelName,
            train.size(),
            trainPerCorpus,
            held.size()));
    int[] y = new int[train.size()];
    float[] valence = new float[train.size()];
    for (int i = 0; i < y.length; i++) {
      Emotion e = items.get(train.get(i)).label();
      y[i] = e.ordinal();
      valence[i] = (float) AffectTargets.valence(e);
    }
    EncoderFeatures embeddingOnly = new EncoderFeatures(spec.base.language, Features.EMBEDDING);
    AffectMlp head =
        new AffectMlpTrainer(config)
            .train(
                embeddingOnly.rows(items, embeddings, train),
                new AffectMlpTrainer.Targets(y, valence, null),
                null,
                null,
                epoch -> log.accept("epoch " + epoch + "/" + config.epochs()));
    float[] ngramP =
        AffectMlpTrainer.predict(
                ngram,
                new EncoderFeatures(spec.base.language, Features.NGRAMS)
                    .rows(items, embeddings, held))
            .probabilities();
    float[] headP =
        AffectMlpTrainer.predict(head, embeddingOnly.rows(items, embeddings, held)).probabilities();
    Map<String, ClassificationReport> reports = new LinkedHashMap<>();
    for (Features features : List.of(Features.COMBINED, Features.EMBEDDING, Features.NGRAMS)) {
      float weight =
          switch (features) {
            case COMBINED -> NGRAM_WEIGHT;
            case EMBEDDING -> 0;
            case NGRAMS -> Float.POSITIVE_INFINITY;
          };
      report(items, held, ngramP, headP, weight, features.name().toLowerCase(Locale.ROOT), reports);
    }
    for (float weight : new float[] {0.5f, 2f}) {
      report(items, held, ngramP, headP, weight, "n-gram weight " + weight, reports);
    }
    AffectMlp joined = join(ngram, head, NGRAM_WEIGHT);
    String sha256 = null;
    if (modelFolder != null) {
      byte[] onnx =
          AffectMlpOnnx.write(
              joined,
              "sentio train text " + VERSION,
              "Text affect ("
                  + spec.base.language
                  + ") from hashed n-grams and "
                  + spec.encoder.id
                  + " sentence embeddings");
      sha256 =
          ModelFolder.write(
              modelFolder,
              onnx,
              manifest(spec, config, ngramSha256, dataRoot, train.size(), held.size()));
      log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    }
    return new Result(joined, sha256, train.size(), reports, trainPerCorpus);
  }

  /**
   * Adds the held-out reports of the rule "argmax of weight × log p(n-gram) + log p(head)" (0: the
   * head alone, infinity: the n-gram model alone), over all held-out rows and per corpus.
   */
  private static void report(
      List<Item> items,
      List<Integer> held,
      float[] ngramP,
      float[] headP,
      float weight,
      String name,
      Map<String, ClassificationReport> reports) {
    for (int k = 0; k < held.size(); k++) {
      int best = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < Emotion.COUNT; c++) {
        double n = Math.log(Math.max(ngramP[k * 7 + c], 1e-30f));
        double e = Math.log(Math.max(headP[k * 7 + c], 1e-30f));
        double score = Float.isInfinite(weight) ? n : weight * n + e;
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      Item item = items.get(held.get(k));
      Emotion predicted = Emotion.values()[best];
      reports
          .computeIfAbsent(name + " / all", x -> new ClassificationReport())
          .add(item.label(), predicted);
      reports
          .computeIfAbsent(name + " / " + item.corpus(), x -> new ClassificationReport())
          .add(item.label(), predicted);
    }
  }

  /**
   * One linear model equal to the weighted product of two: emotion logits {@code weight × z(ngram)
   * + z(head)} over the n-gram vector followed by the embedding (softmax of it is the normalised
   * product p(ngram)^weight × p(head)), valence pre-activation the weighted mean of the two.
   */
  public static AffectMlp join(AffectMlp ngram, AffectMlp head, float weight) {
    if (ngram.hiddenSize() != 0 || head.hiddenSize() != 0 || ngram.standardises()) {
      throw new IllegalArgumentException("only linear models without standardisation join");
    }
    int dn = ngram.inputSize();
    int de = head.inputSize();
    float[] wc = new float[(dn + de) * 7];
    float[] wv = new float[dn + de];
    float mean = 1 / (1 + weight);
    for (int i = 0; i < dn; i++) {
      for (int k = 0; k < 7; k++) {
        wc[i * 7 + k] = weight * ngram.wc()[i * 7 + k];
      }
      wv[i] = weight * mean * ngram.wv()[i];
    }
    for (int j = 0; j < de; j++) {
      for (int k = 0; k < 7; k++) {
        wc[(dn + j) * 7 + k] = head.wc()[j * 7 + k];
      }
      wv[dn + j] = mean * head.wv()[j];
    }
    float[] bc = new float[7];
    for (int k = 0; k < 7; k++) {
      bc[k] = weight * ngram.bc()[k] + head.bc()[k];
    }
    float[] bv = {mean * (weight * ngram.bv()[0] + head.bv()[0])};
    return new AffectMlp(dn + de, 0, null, null, null, null, wc, bc, wv, bv, null, null);
  }

  /**
   * The embedding head inside a model that {@link #join} made from {@code ngram} and it, with the
   * same {@code weight}: the inverse of join, so that a head can be retrained and joined again
   * while the n-gram weights stay exactly as they were.
   */
  public static AffectMlp headOf(AffectMlp joined, AffectMlp ngram, float weight) {
    int dn = ngram.inputSize();
    int de = joined.inputSize() - dn;
    if (joined.hiddenSize() != 0 || joined.standardises() || de <= 0) {
      throw new IllegalArgumentException(
          "not a joined linear model over the n-gram model's " + dn + " inputs");
    }
    float mean = 1 / (1 + weight);
    float[] wc = new float[de * 7];
    float[] wv = new float[de];
    for (int j = 0; j < de; j++) {
      System.arraycopy(joined.wc(), (dn + j) * 7, wc, j * 7, 7);
      wv[j] = joined.wv()[dn + j] / mean;
    }
    float[] bc = new float[7];
    for (int k = 0; k < 7; k++) {
      bc[k] = joined.bc()[k] - weight * ngram.bc()[k];
    }
    float[] bv = {joined.bv()[0] / mean - weight * ngram.bv()[0]};
    return new AffectMlp(de, 0, null, null, null, null, wc, bc, wv, bv, null, null);
  }

  private static List<Map<String, String>> rows(Path dataRoot, String dataset) throws IOException {
    return LabeledCsv.read(dataRoot.resolve(dataset).resolve("labels.csv"));
  }

  /**
   * The encoder's embedding of each item. With a cache folder, every row of each corpus file is
   * embedded once and kept there (whichever rows a run uses); without one, only the items are.
   */
  public static float[][] embeddings(
      SentenceEncoder encoder,
      List<Item> items,
      Path dataRoot,
      Path cacheFolder,
      Consumer<String> log)
      throws IOException, ModelException {
    float[][] out = new float[items.size()][];
    if (cacheFolder == null) {
      for (int i = 0; i < items.size(); i++) {
        out[i] = encoder.embed(items.get(i).text());
      }
      return out;
    }
    Map<String, float[][]> perCorpus = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      float[][] corpus = perCorpus.get(item.corpus());
      if (corpus == null) {
        List<String> texts = new ArrayList<>();
        for (Map<String, String> row : rows(dataRoot, item.corpus())) {
          texts.add(row.get("text"));
        }
        log.accept("embedding " + item.corpus() + " (" + texts.size() + " texts)");
        corpus = EmbeddingCache.embeddings(encoder, texts, cacheFolder, log);
        perCorpus.put(item.corpus(), corpus);
      }
      out[i] = corpus[item.row()];
    }
    return out;
  }

  private static Map<String, Object> manifest(
      Spec spec,
      AffectMlpTrainer.Config config,
      String ngramSha256,
      Path dataRoot,
      int train,
      int held)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", spec.modelName);
    m.put("version", VERSION);
    m.put(
        "task",
        "text affect ("
            + spec.base.language
            + "): 7 emotions and valence from n-grams and sentence embeddings");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put(
        "package",
        "trained in Sentio on "
            + spec.base.dataset
            + " ("
            + spec.base.description
            + ") and "
            + spec.second.dataset()
            + " ("
            + spec.second.description()
            + ")");
    source.put("file", spec.base.dataset + "/labels.csv");
    source.put(
        "sha256", ModelFolder.sha256(dataRoot.resolve(spec.base.dataset).resolve("labels.csv")));
    m.put("source", source);
    m.put("converter", "sentio train text " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", spec.base.licence);
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    Map<String, Object> encoder = new LinkedHashMap<>();
    encoder.put("id", spec.encoder.id);
    encoder.put("artifact", spec.encoder.artifact);
    encoder.put("file", spec.encoder.onnxResource);
    encoder.put("sha256", spec.encoder.onnxSha256);
    encoder.put("tokenizer", spec.encoder.tokenizerResource);
    encoder.put("tokenizerSha256", spec.encoder.tokenizerSha256);
    encoder.put("pooling", spec.encoder.pooling.name());
    encoder.put("maxTokens", SentenceEncoder.MAX_TOKENS);
    encoder.put("licence", spec.encoder.licence);
    encoder.put("upstream", spec.encoder.upstream);
    m.put(EncoderFeatures.MANIFEST_FIELD, encoder);
    m.put(
        "inputs",
        List.of(
            port(
                AffectMlpOnnx.INPUT,
                EncoderFeatures.DIMENSION,
                "org.sentio.affect.text.EncoderFeatures vector: TextFeaturizer n-grams (0.."
                    + (TextFeaturizer.DIMENSION - 1)
                    + "), then the unit-length sentence embedding times "
                    + EncoderFeatures.EMBEDDING_WEIGHT)));
    m.put(
        "outputs",
        List.of(
            port(AffectMlpOnnx.EMOTIONS, 7, "softmax probabilities in the order of classes"),
            port(AffectMlpOnnx.VALENCE, 1, "valence in [-1, 1]")));
    m.put(
        "preprocessing",
        "TextFeaturizer("
            + spec.base.language
            + ", negationMarking="
            + spec.base.negationMarking
            + ") and "
            + spec.encoder.id
            + " ("
            + spec.encoder.pooling
            + " pooling, no padding, at most "
            + SentenceEncoder.MAX_TOKENS
            + " tokens, unit length)");
    List<String> classes = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      classes.add(e.datasetLabel());
    }
    m.put("classes", classes);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put(
        "command",
        "./sentio train text --lang " + spec.base.language.name().toLowerCase(Locale.ROOT));
    t.put(
        "split",
        "held out: "
            + spec.base.dataset
            + " '"
            + spec.base.heldOutSplit
            + "' split and "
            + spec.second.dataset()
            + " "
            + spec.second.heldOutRule());
    t.put("trainRows", train);
    t.put("heldOutRows", held);
    t.put("droppedLabels", spec.second.droppedLabels());
    t.put("config", config.toString());
    t.put(
        "joined",
        "logits = "
            + NGRAM_WEIGHT
            + " x those of "
            + spec.base.modelName
            + " (model.onnx sha256 "
            + ngramSha256
            + ") + those of the embedding head trained here");
    m.put("training", t);
    return m;
  }

  private static Map<String, Object> port(String name, int width, String meaning) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("shape", List.of(-1, width));
    p.put("type", "float32");
    p.put("meaning", meaning);
    return p;
  }

  /** One line per held-out view: n, accuracy and macro-F1. */
  public static String summary(Spec spec, Result result) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, ClassificationReport> e : result.heldOut().entrySet()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%s held-out, %s: n=%d accuracy=%.4f macro-F1=%.4f%n",
              spec.modelName,
              e.getKey(),
              e.getValue().n(),
              e.getValue().accuracy(),
              e.getValue().macroF1()));
    }
    return out.toString();
  }
}
