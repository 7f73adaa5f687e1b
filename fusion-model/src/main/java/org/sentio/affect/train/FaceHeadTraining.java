package org.sentio.affect.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sentio.affect.Emotion;
import org.sentio.affect.convert.ConversionException;
import org.sentio.affect.convert.FaceHeadGraph;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.face.AlignedFace;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceAligner;
import org.sentio.affect.face.FloatImage;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;

/**
 * {@code sentio train face --head}: {@value #MODEL_NAME}, a head trained on the frozen backbones of
 * the shipped expression models ({@link FaceHeadGraph}). Every face of {@code faces_ferplus_train}
 * is embedded twice (the face after the filter PublicTest's images went through, and its mirror
 * image) by the backbones on ONNX Runtime (one thread); the head learns from the faces not held out
 * (10 % of the dup groups held out, seed 7, as {@code train face}), against the FER+ vote shares
 * mixed with FER-2013's own label ({@link FaceHeadTrainer.Config#ferPlusShare}). The held-out faces
 * and {@code faces_fer2013_publictest} are measured against both label sets with the exported
 * graph, and the graph is written with its manifest.
 */
public final class FaceHeadTraining {
  public static final String MODEL_NAME = "face-expression-head";
  public static final String VERSION = "1.1.0";
  public static final String TRAIN_DATASET = FaceCnnTraining.TRAIN_DATASET;
  public static final String VALIDATION_DATASET = FaceCnnTraining.VALIDATION_DATASET;
  public static final int HELD_OUT_PERCENT = FaceCnnTraining.HELD_OUT_PERCENT;
  public static final long SPLIT_SEED = FaceCnnTraining.SPLIT_SEED;

  /** The head's class order: {@link Emotion} order. */
  public static final List<String> CLASSES =
      List.of("neutral", "happy", "sad", "angry", "fear", "disgust", "surprise");

  /**
   * The head settings every run compares on the held-out faces, in order: linear against one hidden
   * layer, each with the FER+ vote shares alone, mixed half and half with FER-2013's own label, and
   * a quarter vote shares to three quarters FER-2013's label. The run keeps the one with the best
   * mean of the four held-out figures (accuracy and macro-F1 against the FER+ majority and against
   * FER-2013's label); on a tie the first.
   */
  public static final List<FaceHeadTrainer.Config> CANDIDATES =
      List.of(
          new FaceHeadTrainer.Config(0, 15, 256, 0.003f, 1e-4f, 1f, 7L),
          new FaceHeadTrainer.Config(0, 15, 256, 0.003f, 1e-4f, 0.5f, 7L),
          new FaceHeadTrainer.Config(0, 15, 256, 0.003f, 1e-4f, 0.25f, 7L),
          new FaceHeadTrainer.Config(256, 15, 256, 0.001f, 1e-4f, 1f, 7L),
          new FaceHeadTrainer.Config(256, 15, 256, 0.001f, 1e-4f, 0.5f, 7L),
          new FaceHeadTrainer.Config(256, 15, 256, 0.001f, 1e-4f, 0.25f, 7L));

  /** Whether the shipped graph also runs the backbones on the mirror image. */
  public static final boolean DEFAULT_FLIP = false;

  private static final int VIEWS = 2;
  private static final int BATCH = 32;
  private static final int PROGRESS_EVERY = 2000;

  /**
   * Embedded FER+ training faces.
   *
   * @param embeddings per face {@value #VIEWS} views (filtered, filtered mirrored) of {@link
   *     FaceHeadGraph#EMBEDDING_SIZE} values
   * @param votes FER+ vote shares over the seven emotions in {@link #CLASSES} order
   * @param original FER-2013's own label as a class index, -1 where the data has none
   * @param heldOut whether a face is in the validation split
   */
  public record Faces(float[] embeddings, float[] votes, int[] original, boolean[] heldOut) {
    public int size() {
      return heldOut.length;
    }
  }

  /**
   * What a run produced.
   *
   * @param heldOutFerPlus held-out faces against the FER+ majority
   * @param heldOutOriginal held-out faces against FER-2013's own label
   */
  public record Result(
      int trained,
      int heldOut,
      FaceHeadTrainer.Config chosen,
      ClassificationReport heldOutFerPlus,
      ClassificationReport heldOutOriginal,
      ClassificationReport original,
      ClassificationReport ferPlus,
      String sha256) {}

  /** The two frozen backbones as read from the installed models. */
  public record Backbones(
      InstalledModel miniXception,
      InstalledModel faceApi,
      ModelProto miniXceptionGraph,
      ModelProto faceApiGraph) {
    public static Backbones read(ModelRegistry registry) throws ModelException, IOException {
      InstalledModel mx = registry.find(ExpressionClassifier.MODEL);
      InstalledModel fa = registry.find(ExpressionClassifier.FACE_API);
      registry.requireVerified(mx);
      registry.requireVerified(fa);
      return new Backbones(mx, fa, parse(mx.modelFile()), parse(fa.modelFile()));
    }

    private static ModelProto parse(Path file) throws IOException {
      try {
        return ModelProto.parseFrom(Files.readAllBytes(file));
      } catch (InvalidProtocolBufferException e) {
        throw new IOException(file + " is not an ONNX model: " + e.getMessage(), e);
      }
    }

    /** The backbones with {@code head} (null: the embedding only). */
    public ModelProto graph(FaceHeadGraph.Head head, boolean flip) throws IOException {
      try {
        return FaceHeadGraph.build(miniXceptionGraph, faceApiGraph, head, flip);
      } catch (ConversionException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  private FaceHeadTraining() {}

  /**
   * Trains {@code config} on {@code faces_ferplus_train} under {@code dataRoot} (at most {@code
   * limit} faces, 0 = all) over the backbones installed in {@code models}, validates, and writes
   * the model into {@code modelFolder}. The faces' embeddings are kept in {@code cacheFolder}
   * ({@link FaceEmbeddingCache}; null: computed again).
   */
  public static Result train(
      Path dataRoot,
      Path models,
      Path modelFolder,
      List<FaceHeadTrainer.Config> candidates,
      boolean flip,
      int limit,
      Path cacheFolder,
      Consumer<String> log)
      throws IOException, ModelException {
    OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
    Backbones backbones = Backbones.read(new ModelRegistry(models, "reinstall Sentio"));
    long start = System.nanoTime();
    Faces faces = embed(host, backbones, dataRoot.resolve(TRAIN_DATASET), limit, cacheFolder, log);
    log.accept(
        String.format(
            Locale.ROOT,
            "%d faces embedded (%d views each) in %.0f s",
            faces.size(),
            VIEWS,
            (System.nanoTime() - start) / 1e9));
    FaceHeadGraph.Head head = null;
    FaceHeadTrainer.Config chosen = null;
    ClassificationReport[] heldOut = null;
    double best = Double.NEGATIVE_INFINITY;
    for (FaceHeadTrainer.Config c : candidates) {
      long t = System.nanoTime();
      FaceHeadGraph.Head candidate = fit(faces, c);
      ClassificationReport[] r = heldOutReports(candidate, faces, flip);
      double score = (r[0].accuracy() + r[0].macroF1() + r[1].accuracy() + r[1].macroF1()) / 4;
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: held-out FER+ majority %.4f / %.4f, FER-2013 label %.4f / %.4f (accuracy /"
                  + " macro-F1), mean %.4f, %.0f s",
              c,
              r[0].accuracy(),
              r[0].macroF1(),
              r[1].accuracy(),
              r[1].macroF1(),
              score,
              (System.nanoTime() - t) / 1e9));
      if (score > best) {
        best = score;
        head = candidate;
        chosen = c;
        heldOut = r;
      }
    }
    log.accept("chosen: " + chosen);
    int held = countHeldOut(faces);
    ModelProto graph = backbones.graph(head, flip);
    byte[] onnx = graph.toByteArray();
    Path publicTest = dataRoot.resolve(VALIDATION_DATASET);
    ClassificationReport original;
    ClassificationReport ferPlus;
    try (ModelSession session = host.openDerived(backbones.miniXception(), onnx)) {
      ClassificationReport[] views = publicTestReports(session, publicTest);
      original = views[0];
      ferPlus = views[1];
    }
    String sha256 = ModelFolder.write(modelFolder, onnx, manifest(dataRoot, chosen, flip, limit));
    log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    return new Result(
        faces.size() - held, held, chosen, heldOut[0], heldOut[1], original, ferPlus, sha256);
  }

  /** Trains the head on every view of the faces not held out. */
  public static FaceHeadGraph.Head fit(Faces faces, FaceHeadTrainer.Config config) {
    int dim = FaceHeadGraph.EMBEDDING_SIZE;
    int classes = CLASSES.size();
    int train = faces.size() - countHeldOut(faces);
    int rows = train * VIEWS;
    float[] x = new float[rows * dim];
    float[] t = new float[rows * classes];
    int row = 0;
    for (int i = 0; i < faces.size(); i++) {
      if (faces.heldOut()[i]) {
        continue;
      }
      float[] target = target(faces, i, config.ferPlusShare());
      for (int v = 0; v < VIEWS; v++) {
        System.arraycopy(faces.embeddings(), (i * VIEWS + v) * dim, x, row * dim, dim);
        System.arraycopy(target, 0, t, row * classes, classes);
        row++;
      }
    }
    float[][] standardisation = standardisation(x, rows, dim);
    float[] xs = FaceHeadTrainer.standardise(x, rows, standardisation[0], standardisation[1]);
    return new FaceHeadTrainer(config)
        .train(xs, t, rows, classes, standardisation[0], standardisation[1]);
  }

  static float[] target(Faces faces, int face, float ferPlusShare) {
    int classes = CLASSES.size();
    float[] target = new float[classes];
    int original = faces.original()[face];
    float share = original < 0 ? 1f : ferPlusShare;
    for (int k = 0; k < classes; k++) {
      target[k] = share * faces.votes()[face * classes + k];
    }
    if (original >= 0) {
      target[original] += 1f - share;
    }
    return target;
  }

  private static float[][] standardisation(float[] x, int rows, int dim) {
    double[] sum = new double[dim];
    double[] squares = new double[dim];
    for (int i = 0; i < rows; i++) {
      for (int d = 0; d < dim; d++) {
        double v = x[i * dim + d];
        sum[d] += v;
        squares[d] += v * v;
      }
    }
    float[] mean = new float[dim];
    float[] scale = new float[dim];
    for (int d = 0; d < dim; d++) {
      double m = sum[d] / rows;
      double variance = Math.max(0, squares[d] / rows - m * m);
      mean[d] = (float) m;
      scale[d] = (float) (1 / Math.sqrt(variance + 1e-6));
    }
    return new float[][] {mean, scale};
  }

  private static int countHeldOut(Faces faces) {
    int held = 0;
    for (boolean h : faces.heldOut()) {
      held += h ? 1 : 0;
    }
    return held;
  }

  /**
   * The head on the filtered held-out faces (mean with the mirror image when {@code flip}): against
   * the FER+ majority, then against FER-2013's own label (faces that have one).
   */
  static ClassificationReport[] heldOutReports(FaceHeadGraph.Head head, Faces faces, boolean flip) {
    int dim = FaceHeadGraph.EMBEDDING_SIZE;
    int classes = CLASSES.size();
    List<Integer> held = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      if (faces.heldOut()[i]) {
        held.add(i);
      }
    }
    int n = held.size();
    float[] face = new float[n * dim];
    float[] mirror = new float[n * dim];
    for (int j = 0; j < n; j++) {
      int i = held.get(j);
      System.arraycopy(faces.embeddings(), (i * VIEWS) * dim, face, j * dim, dim);
      System.arraycopy(faces.embeddings(), (i * VIEWS + 1) * dim, mirror, j * dim, dim);
    }
    float[] p = FaceHeadTrainer.predict(head, face, n);
    if (flip) {
      float[] q = FaceHeadTrainer.predict(head, mirror, n);
      for (int k = 0; k < p.length; k++) {
        p[k] = (p[k] + q[k]) / 2;
      }
    }
    ClassificationReport ferPlus = new ClassificationReport();
    ClassificationReport original = new ClassificationReport();
    for (int j = 0; j < n; j++) {
      int i = held.get(j);
      Emotion predicted = Emotion.values()[argmax(p, j * classes)];
      ferPlus.add(Emotion.values()[argmax(faces.votes(), i * classes)], predicted);
      if (faces.original()[i] >= 0) {
        original.add(Emotion.values()[faces.original()[i]], predicted);
      }
    }
    return new ClassificationReport[] {ferPlus, original};
  }

  /** Embeds every face of {@code folder}'s {@code labels.csv} (at most {@code limit}, 0 = all). */
  public static Faces embed(OnnxHost host, Backbones backbones, Path folder, int limit)
      throws IOException, ModelException {
    return embed(host, backbones, folder, limit, null, message -> {});
  }

  /**
   * Embeds every face of {@code folder}'s {@code labels.csv} (at most {@code limit}, 0 = all),
   * reading and extending the {@link FaceEmbeddingCache} in {@code cacheFolder} (null: no cache).
   */
  public static Faces embed(
      OnnxHost host,
      Backbones backbones,
      Path folder,
      int limit,
      Path cacheFolder,
      Consumer<String> log)
      throws IOException, ModelException {
    Path labels = folder.resolve("labels.csv");
    List<Map<String, String>> rows = LabeledCsv.read(labels);
    int classes = CLASSES.size();
    List<float[]> votes = new ArrayList<>();
    List<Integer> original = new ArrayList<>();
    List<Boolean> held = new ArrayList<>();
    List<Path> images = new ArrayList<>();
    int line = 1;
    for (Map<String, String> row : rows) {
      line++;
      if (limit > 0 && held.size() >= limit) {
        break;
      }
      float[] v = new float[classes];
      float total = 0;
      for (int k = 0; k < classes; k++) {
        v[k] = Float.parseFloat(row.get("votes_" + CLASSES.get(k)));
        total += v[k];
      }
      if (total == 0) {
        continue;
      }
      for (int k = 0; k < classes; k++) {
        v[k] /= total;
      }
      String label = row.getOrDefault("fer2013_original_label", "");
      votes.add(v);
      original.add(label.isBlank() ? -1 : CLASSES.indexOf(label));
      String group = row.get("dup_group");
      String key = group == null || group.isBlank() ? "line " + line : "group " + group;
      held.add(FerPlusFaces.isHeldOut(key, HELD_OUT_PERCENT, SPLIT_SEED));
      images.add(folder.resolve(row.get("path")));
    }
    int dim = FaceHeadGraph.EMBEDDING_SIZE;
    int rowFloats = VIEWS * dim;
    float[] embeddings = new float[images.size() * rowFloats];
    FaceEmbeddingCache cache =
        cacheFolder == null
            ? null
            : FaceEmbeddingCache.open(
                cacheFolder,
                List.of(
                    backbones.miniXception().manifest().sha256(),
                    backbones.faceApi().manifest().sha256(),
                    ModelFolder.sha256(labels)),
                images.size(),
                rowFloats);
    int done = cache == null ? 0 : cache.read(embeddings);
    if (cache != null) {
      log.accept(
          String.format(
              Locale.ROOT, "%s: %d of %d faces cached", cache.file(), done, images.size()));
    }
    if (done < images.size()) {
      try (ModelSession session =
          host.openDerived(backbones.miniXception(), backbones.graph(null, false).toByteArray())) {
        int perChunk = BATCH / VIEWS;
        long start = System.nanoTime();
        for (int from = done; from < images.size(); from += perChunk) {
          int to = Math.min(images.size(), from + perChunk);
          List<AlignedFace> views = new ArrayList<>();
          for (Path image : images.subList(from, to)) {
            AlignedFace filtered =
                AlignedFace.whole(greyPicture(FerPlusFaces.filter(FerPlusFaces.readGrey(image))));
            views.add(filtered);
            views.add(filtered.mirrored());
          }
          float[] out = run(session, views, FaceHeadGraph.EMBEDDING);
          System.arraycopy(out, 0, embeddings, from * rowFloats, out.length);
          if (cache != null) {
            cache.append(embeddings, from, to);
          }
          if (to / PROGRESS_EVERY != from / PROGRESS_EVERY) {
            log.accept(
                String.format(
                    Locale.ROOT,
                    "embedded %d of %d faces (%.1f ms a face)",
                    to,
                    images.size(),
                    (System.nanoTime() - start) / 1e6 / (to - done)));
          }
        }
      }
    }
    float[] soft = new float[votes.size() * classes];
    int[] labelIndex = new int[votes.size()];
    boolean[] heldOut = new boolean[votes.size()];
    for (int i = 0; i < votes.size(); i++) {
      System.arraycopy(votes.get(i), 0, soft, i * classes, classes);
      labelIndex[i] = original.get(i);
      heldOut[i] = held.get(i);
    }
    return new Faces(embeddings, soft, labelIndex, heldOut);
  }

  /** A 48x48 grey face as the three-channel picture an {@link AlignedFace} is cut from. */
  static FloatImage greyPicture(float[] grey) {
    float[] rgb = new float[grey.length * 3];
    for (int i = 0; i < grey.length; i++) {
      rgb[i * 3] = grey[i];
      rgb[i * 3 + 1] = grey[i];
      rgb[i * 3 + 2] = grey[i];
    }
    int side = (int) Math.round(Math.sqrt(grey.length));
    return new FloatImage(side, side, 3, rgb);
  }

  /** One output of the backbone graph for every face, concatenated. */
  public static float[] run(ModelSession session, List<AlignedFace> faces, String output)
      throws ModelException {
    int width = -1;
    float[] all = null;
    for (int from = 0; from < faces.size(); from += BATCH) {
      List<AlignedFace> chunk = faces.subList(from, Math.min(faces.size(), from + BATCH));
      int n = chunk.size();
      float[] grey = new float[n * 64 * 64];
      float[] rgb = new float[n * 112 * 112 * 3];
      for (int i = 0; i < n; i++) {
        System.arraycopy(
            FaceAligner.expressionInput(chunk.get(i).grey(64)), 0, grey, i * 64 * 64, 64 * 64);
        System.arraycopy(chunk.get(i).rgb(112).data(), 0, rgb, i * 112 * 112 * 3, 112 * 112 * 3);
      }
      Map<String, Tensor> feed = new LinkedHashMap<>();
      feed.put("input_1", Tensor.ofFloats(new long[] {n, 64, 64, 1}, grey));
      feed.put("rgb", Tensor.ofFloats(new long[] {n, 112, 112, 3}, rgb));
      float[] out = session.run(feed).get(output).floats();
      if (all == null) {
        width = out.length / n;
        all = new float[faces.size() * width];
      }
      System.arraycopy(out, 0, all, from * width, out.length);
    }
    return all == null ? new float[0] : all;
  }

  /**
   * The exported graph on the PublicTest faces (already filtered, so read as they are), each face
   * run once: against the original labels of {@code labels.csv}, then against the FER+ majority of
   * {@code ferplus_votes.csv}; labels outside the seven emotions are skipped.
   */
  static ClassificationReport[] publicTestReports(ModelSession session, Path folder)
      throws IOException, ModelException {
    List<Map<String, String>> original = LabeledCsv.read(folder.resolve("labels.csv"));
    List<Map<String, String>> ferPlus = LabeledCsv.read(folder.resolve("ferplus_votes.csv"));
    Map<String, Integer> index = new LinkedHashMap<>();
    for (List<Map<String, String>> rows : List.of(original, ferPlus)) {
      for (Map<String, String> row : rows) {
        index.putIfAbsent(row.get("path"), index.size());
      }
    }
    List<AlignedFace> faces = new ArrayList<>();
    for (String path : index.keySet()) {
      int[] grey = FerPlusFaces.readGrey(folder.resolve(path));
      float[] values = new float[grey.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = grey[i];
      }
      faces.add(AlignedFace.whole(greyPicture(values)));
    }
    float[] p = run(session, faces, FaceHeadGraph.PROBABILITIES);
    return new ClassificationReport[] {
      report(original, "label", index, p), report(ferPlus, "ferplus_label", index, p)
    };
  }

  private static ClassificationReport report(
      List<Map<String, String>> rows, String labelColumn, Map<String, Integer> index, float[] p) {
    ClassificationReport report = new ClassificationReport();
    for (Map<String, String> row : rows) {
      String label = row.get(labelColumn);
      if (label != null && CLASSES.contains(label)) {
        report.add(
            Emotion.values()[CLASSES.indexOf(label)],
            Emotion.values()[argmax(p, index.get(row.get("path")) * CLASSES.size())]);
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

  /** The two backbones' inputs as the head's and the blend's manifests describe them. */
  static List<Map<String, Object>> backboneInputs() {
    Map<String, Object> grey = new LinkedHashMap<>();
    grey.put("name", "input_1");
    grey.put("shape", List.of(-1, 64, 64, 1));
    grey.put("type", "float32");
    grey.put(
        "meaning",
        "the mini-Xception input: 64x64 greyscale face crops, NHWC, values (grey - 0.5) * 2 in"
            + " [-1, 1]");
    Map<String, Object> rgb = new LinkedHashMap<>();
    rgb.put("name", "rgb");
    rgb.put("shape", List.of(-1, 112, 112, 3));
    rgb.put("type", "float32");
    rgb.put(
        "meaning", "the face-api input: the same aligned faces as 112x112 RGB crops, NHWC, 0..255");
    return List.of(grey, rgb);
  }

  private static Map<String, Object> manifest(
      Path dataRoot, FaceHeadTrainer.Config config, boolean flip, int limit) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", MODEL_NAME);
    m.put("version", VERSION);
    m.put(
        "task",
        "facial expression (7 classes): a head trained on FER+ over the frozen mini-Xception and"
            + " face-api backbones"
            + (flip ? ", each also on the mirror image" : ""));
    Map<String, Object> source = new LinkedHashMap<>();
    source.put(
        "package",
        "trained in Sentio on "
            + TRAIN_DATASET
            + " over face-expression/model.onnx + face-expression-faceapi/model.onnx");
    source.put("file", "labels.csv");
    source.put("sha256", ModelFolder.sha256(dataRoot.resolve(TRAIN_DATASET).resolve("labels.csv")));
    m.put("source", source);
    m.put("converter", "sentio train face --head " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", "research-use-only (FER-2013 images; FER+ labels MIT; backbone weights MIT)");
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    m.put("inputs", backboneInputs());
    Map<String, Object> probabilities = new LinkedHashMap<>();
    probabilities.put("name", FaceHeadGraph.PROBABILITIES);
    probabilities.put("shape", List.of(-1, CLASSES.size()));
    probabilities.put("type", "float32");
    probabilities.put("meaning", "softmax probabilities in the order of classes");
    Map<String, Object> embedding = new LinkedHashMap<>();
    embedding.put("name", FaceHeadGraph.EMBEDDING);
    embedding.put("shape", List.of(-1, FaceHeadGraph.EMBEDDING_SIZE));
    embedding.put("type", "float32");
    embedding.put(
        "meaning",
        "the embedding the head reads: the mini-Xception's last residual block averaged over"
            + " space (256) then face-api's pooled features (256)"
            + (flip ? ", mean of face and mirror image" : ""));
    m.put("outputs", List.of(probabilities, embedding));
    m.put("classes", CLASSES);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", "./sentio train face --head" + (limit > 0 ? " --limit " + limit : ""));
    t.put(
        "split",
        HELD_OUT_PERCENT
            + " % of the dup groups held out (seed "
            + SPLIT_SEED
            + "); validated on "
            + VALIDATION_DATASET);
    t.put("config", config.toString() + " flip=" + flip);
    m.put("training", t);
    return m;
  }
}
