package org.sentio.affect.voice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
import org.sentio.capture.media.MediaException;

/**
 * Trains the {@value #MODEL_NAME} model on RAVDESS speech ({@code speech_ravdess_train}): {@link
 * VoiceFeatures} per clip, actors {@value #FIRST_HELD_OUT_ACTOR}–20 held out, {@code calm} trained
 * as neutral (with its own low-arousal target), an MLP with emotion, valence and arousal heads
 * trained by {@link AffectMlpTrainer}, written as ONNX with the standardisation inside.
 */
public final class VoiceModelTraining {
  public static final String MODEL_NAME = "voice-affect";
  public static final String DATASET = "speech_ravdess_train";
  public static final int FIRST_HELD_OUT_ACTOR = 17;
  public static final int SAMPLE_RATE = 16_000;
  public static final String VERSION = "1.0.0";

  public static final AffectMlpTrainer.Config CONFIG =
      new AffectMlpTrainer.Config(64, 150, 32, 1e-3f, 1e-3f, 0.5, 0.5f, true, 20261129L);

  /** One clip of the data set. */
  public record Clip(Path file, String label, String intensity, int actor) {
    public boolean heldOut() {
      return actor >= FIRST_HELD_OUT_ACTOR;
    }

    /** The category trained: calm counts as neutral. */
    public Emotion emotion() {
      return label.equals("calm") ? Emotion.NEUTRAL : Emotion.parse(label);
    }

    public float valenceTarget() {
      return (float)
          (label.equals("calm") ? AffectTargets.CALM_VALENCE : AffectTargets.valence(emotion()));
    }

    public float arousalTarget() {
      if (label.equals("calm")) {
        return (float) AffectTargets.CALM_AROUSAL;
      }
      double base = AffectTargets.arousal(emotion());
      if (emotion() == Emotion.NEUTRAL) {
        return (float) base;
      }
      double step = intensity.equals("strong") ? 1 : -1;
      return (float) Math.max(-1, Math.min(1, base + step * AffectTargets.STRONG_AROUSAL_STEP));
    }
  }

  /** What a training run produced. */
  public record Result(
      AffectMlp model,
      String sha256,
      ClassificationReport heldOut,
      long heldOutCalm,
      long heldOutCalmAsNeutral,
      AffectMlpTrainer.Predictions heldOutPredictions,
      List<Clip> heldOutClips) {}

  private VoiceModelTraining() {}

  /** Reads the data set's {@code labels.csv}. */
  public static List<Clip> clips(Path dataset) throws IOException {
    List<Clip> clips = new ArrayList<>();
    for (Map<String, String> row : LabeledCsv.read(dataset.resolve("labels.csv"))) {
      clips.add(
          new Clip(
              dataset.resolve(row.get("path")),
              row.get("label"),
              row.get("intensity"),
              Integer.parseInt(row.get("actor"))));
    }
    return clips;
  }

  /** The features of every clip, computed on {@code threads} threads, in clip order. */
  public static List<float[]> features(List<Clip> clips, int threads, Consumer<String> log)
      throws IOException {
    VoiceFeatureExtractor extractor = new VoiceFeatureExtractor();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (Clip clip : clips) {
        futures.add(
            pool.submit(
                () ->
                    extractor
                        .extract(AudioFiles.readMono(clip.file(), SAMPLE_RATE), SAMPLE_RATE)
                        .vector()));
      }
      List<float[]> features = new ArrayList<>();
      for (int i = 0; i < futures.size(); i++) {
        features.add(futures.get(i).get());
        if ((i + 1) % 200 == 0) {
          log.accept("features: " + (i + 1) + "/" + clips.size() + " clips");
        }
      }
      return features;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MediaException media) {
        throw new IOException(media.getMessage(), media);
      }
      throw new IOException("feature extraction failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Trains from scratch and writes {@code model.onnx} and {@code manifest.json} into {@code
   * modelFolder}.
   */
  public static Result train(Path dataset, Path modelFolder, int threads, Consumer<String> log)
      throws IOException {
    List<Clip> clips = clips(dataset);
    log.accept("reading " + clips.size() + " clips from " + dataset);
    List<float[]> features = features(clips, threads, log);

    List<float[]> trainRows = new ArrayList<>();
    List<Clip> trainClips = new ArrayList<>();
    List<float[]> testRows = new ArrayList<>();
    List<Clip> testClips = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      if (clips.get(i).heldOut()) {
        testRows.add(features.get(i));
        testClips.add(clips.get(i));
      } else {
        trainRows.add(features.get(i));
        trainClips.add(clips.get(i));
      }
    }
    float[][] standardisation = AffectMlpTrainer.standardisation(trainRows, VoiceFeatures.SIZE);
    float[] mean = standardisation[0];
    float[] scale = standardisation[1];
    float[][] x = new float[trainRows.size()][];
    int[] y = new int[x.length];
    float[] valence = new float[x.length];
    float[] arousal = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = AffectMlpTrainer.standardise(trainRows.get(i), mean, scale);
      Clip clip = trainClips.get(i);
      y[i] = clip.emotion().ordinal();
      valence[i] = clip.valenceTarget();
      arousal[i] = clip.arousalTarget();
    }
    log.accept(
        "training on "
            + x.length
            + " clips (actors 1-"
            + (FIRST_HELD_OUT_ACTOR - 1)
            + "), holding out "
            + testRows.size());
    AffectMlp mlp =
        new AffectMlpTrainer(CONFIG)
            .train(
                FeatureRows.dense(x, VoiceFeatures.SIZE),
                new AffectMlpTrainer.Targets(y, valence, arousal),
                mean,
                scale,
                epoch -> {
                  if (epoch % 50 == 0) {
                    log.accept("epoch " + epoch + "/" + CONFIG.epochs());
                  }
                });

    float[][] test = new float[testRows.size()][];
    for (int i = 0; i < test.length; i++) {
      test[i] = AffectMlpTrainer.standardise(testRows.get(i), mean, scale);
    }
    AffectMlpTrainer.Predictions predictions =
        AffectMlpTrainer.predict(mlp, FeatureRows.dense(test, VoiceFeatures.SIZE));
    ClassificationReport report = new ClassificationReport();
    long calm = 0;
    long calmAsNeutral = 0;
    for (int i = 0; i < test.length; i++) {
      Clip clip = testClips.get(i);
      Emotion predicted = predictions.top(i);
      if (clip.label().equals("calm")) {
        calm++;
        calmAsNeutral += predicted == Emotion.NEUTRAL ? 1 : 0;
      } else {
        report.add(Emotion.parse(clip.label()), predicted);
      }
    }

    byte[] onnx =
        AffectMlpOnnx.write(
            mlp,
            "sentio train voice " + VERSION,
            "Voice affect from eGeMAPS-like features; trained on RAVDESS (CC BY-NC-SA 4.0).");
    String sha256 = ModelFolder.write(modelFolder, onnx, manifest(dataset));
    log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    return new Result(mlp, sha256, report, calm, calmAsNeutral, predictions, testClips);
  }

  private static Map<String, Object> manifest(Path dataset) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", MODEL_NAME);
    m.put("version", VERSION);
    m.put("task", "voice affect: 7 emotions, valence and arousal from speech features");
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("package", "trained in Sentio on " + DATASET + " (RAVDESS speech, actors 01-16)");
    source.put("file", "labels.csv");
    source.put("sha256", ModelFolder.sha256(dataset.resolve("labels.csv")));
    m.put("source", source);
    m.put("converter", "sentio train voice " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", "CC-BY-NC-SA-4.0");
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    m.put(
        "inputs",
        List.of(
            port(
                AffectMlpOnnx.INPUT,
                VoiceFeatures.SIZE,
                "VoiceFeatures vector (names in 'features'), raw units; NaN for a missing"
                    + " measurement")));
    m.put(
        "outputs",
        List.of(
            port(AffectMlpOnnx.EMOTIONS, 7, "softmax probabilities in the order of classes"),
            port(AffectMlpOnnx.VALENCE, 1, "valence in [-1, 1]"),
            port(AffectMlpOnnx.AROUSAL, 1, "arousal in [-1, 1]")));
    m.put(
        "preprocessing",
        "16 kHz mono speech; org.sentio.affect.voice.VoiceFeatureExtractor (docs/voice-features.md)"
            + " over the whole clip or the last seconds of speech; the graph standardises with the"
            + " training mean and standard deviation and maps NaN to the mean.");
    List<String> classes = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      classes.add(e.datasetLabel());
    }
    m.put("classes", classes);
    m.put("features", VoiceFeatures.NAMES);
    m.put("training", trainingRecord());
    return m;
  }

  private static Map<String, Object> trainingRecord() {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", "./sentio train voice");
    t.put("split", "train actors 01-16, held out actors 17-20");
    t.put("calm", "trained as neutral with valence 0.2 / arousal -0.5 targets");
    t.put("config", CONFIG.toString());
    return t;
  }

  static Map<String, Object> port(String name, int width, String meaning) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("shape", List.of(-1, width));
    p.put("type", "float32");
    p.put("meaning", meaning);
    return p;
  }

  /** One line of the held-out figures. */
  public static String summary(Result result) {
    return String.format(
        Locale.ROOT,
        "held-out actors %d-20: n=%d accuracy=%.4f macro-F1=%.4f; calm as neutral %d/%d",
        FIRST_HELD_OUT_ACTOR,
        result.heldOut().n(),
        result.heldOut().accuracy(),
        result.heldOut().macroF1(),
        result.heldOutCalmAsNeutral(),
        result.heldOutCalm());
  }
}
