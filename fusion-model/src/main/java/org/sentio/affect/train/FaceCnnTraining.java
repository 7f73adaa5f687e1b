package org.sentio.affect.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;

/**
 * {@code sentio train face}: the FER+ soft-target CNN ({@link FaceCnnTrainer}) trained on {@code
 * faces_ferplus_train} (10 % of the dup groups held out, seed 7), then measured on its held-out
 * faces against the FER+ majority and on {@code faces_fer2013_publictest} against the original
 * labels and the FER+ majority, and written as {@value #MODEL_NAME} (ONNX + manifest). Not shipped:
 * the {@code face-expression-ensemble} card says what it reached and what would reach the targets.
 */
public final class FaceCnnTraining {
  public static final String MODEL_NAME = "face-expression-cnn";
  public static final String VERSION = "1.0.0";
  public static final String TRAIN_DATASET = "faces_ferplus_train";
  public static final String VALIDATION_DATASET = "faces_fer2013_publictest";
  public static final int HELD_OUT_PERCENT = 10;
  public static final long SPLIT_SEED = 7L;

  /** The default net: the one run measured in the card (channels 16-32-64, 3 epochs). */
  public static final FaceCnnTrainer.Config DEFAULT =
      new FaceCnnTrainer.Config(new int[] {16, 32, 64}, 3, 64, 0.002f, 7L);

  /**
   * What a run produced.
   *
   * @param heldOutAccuracy on the FER+ faces held out of training, against their most-voted emotion
   * @param original PublicTest against FER-2013's own labels
   * @param ferPlus PublicTest against the FER+ majority ({@code ferplus_votes.csv}, ties included)
   */
  public record Result(
      int trained,
      int heldOut,
      double heldOutAccuracy,
      ClassificationReport original,
      ClassificationReport ferPlus,
      String sha256) {}

  private FaceCnnTraining() {}

  /**
   * Trains {@code config} on {@code faces_ferplus_train} under {@code dataRoot} (at most {@code
   * limit} faces, 0 = all), validates, and writes the model into {@code modelFolder}.
   */
  public static Result train(
      Path dataRoot,
      Path modelFolder,
      FaceCnnTrainer.Config config,
      int limit,
      Consumer<String> log)
      throws IOException {
    FerPlusFaces data =
        FerPlusFaces.read(dataRoot.resolve(TRAIN_DATASET), limit, HELD_OUT_PERCENT, SPLIT_SEED);
    int held = 0;
    for (boolean h : data.heldOut()) {
      held += h ? 1 : 0;
    }
    log.accept(
        String.format(
            Locale.ROOT,
            "%d faces, %d held out (dup groups kept together); channels %s, %d epochs",
            data.size(),
            held,
            Arrays.toString(config.channels()),
            config.epochs()));
    long start = System.nanoTime();
    FaceCnnTrainer.Weights weights =
        new FaceCnnTrainer(config)
            .train(
                data,
                epoch ->
                    log.accept(
                        String.format(
                            Locale.ROOT,
                            "epoch %d/%d done after %.0f s",
                            epoch,
                            config.epochs(),
                            (System.nanoTime() - start) / 1e9)));
    double heldOutAccuracy = heldOutAccuracy(weights, data);
    Path publicTest = dataRoot.resolve(VALIDATION_DATASET);
    ClassificationReport original = report(weights, publicTest, "labels.csv", "label");
    ClassificationReport ferPlus =
        report(weights, publicTest, "ferplus_votes.csv", "ferplus_label");
    byte[] onnx = FaceCnnOnnx.build(weights).toByteArray();
    String sha256 = ModelFolder.write(modelFolder, onnx, manifest(dataRoot, config, limit));
    log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    return new Result(data.size() - held, held, heldOutAccuracy, original, ferPlus, sha256);
  }

  /** Share of held-out faces whose most probable class is their most-voted emotion. */
  static double heldOutAccuracy(FaceCnnTrainer.Weights weights, FerPlusFaces data) {
    int right = 0;
    int total = 0;
    for (int i = 0; i < data.size(); i++) {
      if (!data.heldOut()[i]) {
        continue;
      }
      float[] p = FaceCnnTrainer.predict(weights, FaceCnnTrainer.input(data, i), 1);
      total++;
      right += argmax(p, 0) == argmax(data.targets(), i * 7) ? 1 : 0;
    }
    return total == 0 ? Double.NaN : (double) right / total;
  }

  /**
   * The model on the PublicTest faces listed in {@code csv} against {@code labelColumn}; the images
   * are already filtered as the training faces are (data README), so they go in as read. Labels
   * outside the seven emotions (FER+'s contempt) are skipped.
   */
  static ClassificationReport report(
      FaceCnnTrainer.Weights weights, Path folder, String csv, String labelColumn)
      throws IOException {
    List<Map<String, String>> rows = LabeledCsv.read(folder.resolve(csv));
    List<float[]> inputs = new ArrayList<>();
    List<Emotion> truths = new ArrayList<>();
    for (Map<String, String> row : rows) {
      String label = row.get(labelColumn);
      if (label == null || !FerPlusFaces.CLASSES.contains(label)) {
        continue;
      }
      int[] grey = FerPlusFaces.readGrey(folder.resolve(row.get("path")));
      float[] x = new float[grey.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = (grey[i] / 255f - 0.5f) * 2f;
      }
      inputs.add(x);
      truths.add(Emotion.parse(label));
    }
    ClassificationReport report = new ClassificationReport();
    int batch = 256;
    int size = FerPlusFaces.SIZE * FerPlusFaces.SIZE;
    for (int start = 0; start < inputs.size(); start += batch) {
      int n = Math.min(batch, inputs.size() - start);
      float[] x = new float[n * size];
      for (int i = 0; i < n; i++) {
        System.arraycopy(inputs.get(start + i), 0, x, i * size, size);
      }
      float[] p = FaceCnnTrainer.predict(weights, x, n);
      for (int i = 0; i < n; i++) {
        report.add(
            truths.get(start + i), Emotion.parse(FerPlusFaces.CLASSES.get(argmax(p, i * 7))));
      }
    }
    return report;
  }

  private static int argmax(float[] v, int offset) {
    int best = 0;
    for (int k = 1; k < 7; k++) {
      if (v[offset + k] > v[offset + best]) {
        best = k;
      }
    }
    return best;
  }

  private static Map<String, Object> manifest(
      Path dataRoot, FaceCnnTrainer.Config config, int limit) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", MODEL_NAME);
    m.put("version", VERSION);
    m.put("task", "facial expression (7 classes), trained on FER+ vote shares");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("package", "trained in Sentio on " + TRAIN_DATASET);
    source.put("file", "labels.csv");
    source.put("sha256", ModelFolder.sha256(dataRoot.resolve(TRAIN_DATASET).resolve("labels.csv")));
    m.put("source", source);
    m.put("converter", "sentio train face " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", "research-use-only (FER-2013 images; FER+ labels MIT)");
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("name", "input_1");
    input.put("shape", List.of(-1, FerPlusFaces.SIZE, FerPlusFaces.SIZE, 1));
    input.put("type", "float32");
    input.put(
        "meaning",
        "48x48 grey faces after convertScaleAbs x1.2 + equalizeHist, NHWC, (grey / 255 - 0.5) * 2");
    m.put("inputs", List.of(input));
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("name", "Identity");
    output.put("shape", List.of(-1, 7));
    output.put("type", "float32");
    output.put("meaning", "softmax probabilities in the order of classes");
    m.put("outputs", List.of(output));
    m.put("classes", FerPlusFaces.CLASSES);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put(
        "command",
        "./sentio train face --channels "
            + String.join(",", Arrays.stream(config.channels()).mapToObj(String::valueOf).toList())
            + " --epochs "
            + config.epochs()
            + (limit > 0 ? " --limit " + limit : ""));
    t.put(
        "split",
        HELD_OUT_PERCENT
            + " % of the dup groups held out (seed "
            + SPLIT_SEED
            + ");"
            + " validated on "
            + VALIDATION_DATASET);
    t.put(
        "config",
        String.format(
            Locale.ROOT,
            "channels=%s epochs=%d batch=%d learningRate=%s seed=%d",
            Arrays.toString(config.channels()),
            config.epochs(),
            config.batchSize(),
            config.learningRate(),
            config.seed()));
    m.put("training", t);
    return m;
  }
}
