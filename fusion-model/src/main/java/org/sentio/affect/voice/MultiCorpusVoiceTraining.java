package org.sentio.affect.voice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.speech.HalfBand;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.FeatureRows;
import org.sentio.affect.train.ModelFolder;
import org.sentio.affect.voice.VoiceCorpora.Clip;
import org.sentio.affect.voice.VoiceCorpora.Corpus;
import org.sentio.capture.media.MediaException;

/**
 * Trains {@value #MODEL_NAME}: the same 42 {@link VoiceFeatures} and MLP as {@code voice-affect},
 * on RAVDESS (actors 01–16), SAVEE and URDU, each clip once as recorded and once through a
 * telephone band (decoded at 8 kHz and brought back to 16 kHz, as {@code sentio asr-eval
 * --telephone} does), with the absolute loudness jittered by a random gain. RAVDESS actors 17–20
 * stay held out, as for {@code voice-affect}, so the two models are compared on the same speakers
 * and the fusion's voice rows stay unseen.
 *
 * <p>{@link #validate} measures a recipe on every view the issue names: the held-out actors,
 * leave-speakers-out folds over all three corpora (wide and telephone band, per gender where
 * known), and cross-corpus runs (trained without a corpus, tested on it). The previous recipe
 * ({@link #PREVIOUS}: RAVDESS actors 01–16 only, wide band only) can be measured on the same views
 * for a side-by-side table. The model is shipped beside {@code voice-affect}, not instead of it
 * (docs/decisions/0033-multi-corpus-voice-model.md).
 */
public final class MultiCorpusVoiceTraining {
  public static final String MODEL_NAME = "voice-affect-multi";
  public static final String VERSION = "1.0.0";
  public static final int SAMPLE_RATE = 16_000;
  public static final int TELEPHONE_RATE = 8_000;
  public static final int FOLDS = 5;

  /** Index of {@code loudness_mean_db} in {@link VoiceFeatures}: the one gain-dependent feature. */
  static final int LOUDNESS_MEAN = VoiceFeatures.NAMES.indexOf("loudness_mean_db");

  /**
   * How a model is trained.
   *
   * @param corpora the corpora trained on (RAVDESS actors 17–20 are never trained on)
   * @param telephone whether each clip is also trained through the telephone band
   * @param gainJitterDb half-width of the uniform random gain added to {@code loudness_mean_db}
   */
  public record Recipe(
      String name,
      Set<Corpus> corpora,
      boolean telephone,
      double gainJitterDb,
      AffectMlpTrainer.Config config) {}

  public static final Recipe SHIPPED =
      new Recipe(
          MODEL_NAME,
          EnumSet.allOf(Corpus.class),
          true,
          6,
          new AffectMlpTrainer.Config(64, 60, 32, 1e-3f, 1e-3f, 0.5, 0.5f, true, 20261202L));

  /** The recipe of the shipped {@code voice-affect} 1.0.0 (its own trainer reproduces it). */
  public static final Recipe PREVIOUS =
      new Recipe(
          VoiceModelTraining.MODEL_NAME,
          EnumSet.of(Corpus.RAVDESS),
          false,
          0,
          VoiceModelTraining.CONFIG);

  /** The features of every clip: [clip] → wide band, then telephone band. */
  public record Features(List<Clip> clips, float[][] wide, float[][] telephone) {}

  /** One validation view of one recipe, on wide-band and telephone-band audio. */
  public record View(String name, ClassificationReport wide, ClassificationReport telephone) {
    public String line() {
      return String.format(
          Locale.ROOT,
          "%-44s n=%4d accuracy %.4f macro-F1 %.4f | telephone accuracy %.4f macro-F1 %.4f",
          name,
          wide.n(),
          wide.accuracy(),
          wide.macroF1(),
          telephone.accuracy(),
          telephone.macroF1());
    }
  }

  /** What a training run produced. */
  public record Result(String sha256, List<View> shipped, List<View> previous) {}

  private MultiCorpusVoiceTraining() {}

  /**
   * The features of {@code clips}, read from {@code cacheFolder} where computed before (null: no
   * cache), else measured on {@code threads} threads.
   */
  public static Features features(
      List<Clip> clips, int threads, Path cacheFolder, Consumer<String> log) throws IOException {
    Path cacheFile = cacheFolder == null ? null : VoiceFeatureCache.file(cacheFolder, clips);
    float[][] rows = cacheFile == null ? null : VoiceFeatureCache.read(cacheFile, clips.size());
    if (rows != null) {
      log.accept("features of " + clips.size() + " clips read from " + cacheFile);
    } else {
      rows = measure(clips, threads, log);
      if (cacheFile != null) {
        VoiceFeatureCache.write(cacheFile, rows);
        log.accept("features kept in " + cacheFile);
      }
    }
    float[][] wide = new float[rows.length][];
    float[][] telephone = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      wide[i] = java.util.Arrays.copyOfRange(rows[i], 0, VoiceFeatures.SIZE);
      telephone[i] = java.util.Arrays.copyOfRange(rows[i], VoiceFeatures.SIZE, rows[i].length);
    }
    return new Features(clips, wide, telephone);
  }

  private static float[][] measure(List<Clip> clips, int threads, Consumer<String> log)
      throws IOException {
    VoiceFeatureExtractor extractor = new VoiceFeatureExtractor();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (Clip clip : clips) {
        futures.add(pool.submit(() -> measure(extractor, clip.file())));
      }
      float[][] rows = new float[clips.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = futures.get(i).get();
        if ((i + 1) % 200 == 0) {
          log.accept("features: " + (i + 1) + "/" + clips.size() + " clips");
        }
      }
      return rows;
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

  /** Wide-band features followed by telephone-band features of one file. */
  static float[] measure(VoiceFeatureExtractor extractor, Path file) throws MediaException {
    float[] wide = extractor.extract(AudioFiles.readMono(file, SAMPLE_RATE), SAMPLE_RATE).vector();
    float[] telephone =
        extractor
            .extract(HalfBand.upsample2x(AudioFiles.readMono(file, TELEPHONE_RATE)), SAMPLE_RATE)
            .vector();
    float[] both = java.util.Arrays.copyOf(wide, wide.length + telephone.length);
    System.arraycopy(telephone, 0, both, wide.length, telephone.length);
    return both;
  }

  /** Whether {@code clip} may be trained on at all: RAVDESS actors 17–20 never are. */
  public static boolean trainable(Clip clip) {
    return clip.corpus() != Corpus.RAVDESS
        || clip.actor() < VoiceModelTraining.FIRST_HELD_OUT_ACTOR;
  }

  /** Trains {@code recipe} on the clips {@code include} accepts (within the recipe's corpora). */
  public static AffectMlp fit(Recipe recipe, Features features, Predicate<Clip> include) {
    List<float[]> rows = new ArrayList<>();
    List<Clip> rowClips = new ArrayList<>();
    for (int i = 0; i < features.clips().size(); i++) {
      Clip clip = features.clips().get(i);
      if (recipe.corpora().contains(clip.corpus()) && include.test(clip)) {
        rows.add(features.wide()[i]);
        rowClips.add(clip);
      }
    }
    if (recipe.telephone()) {
      for (int i = 0; i < features.clips().size(); i++) {
        Clip clip = features.clips().get(i);
        if (recipe.corpora().contains(clip.corpus()) && include.test(clip)) {
          rows.add(features.telephone()[i]);
          rowClips.add(clip);
        }
      }
    }
    if (recipe.gainJitterDb() > 0) {
      Random random = new Random(recipe.config().seed());
      for (int i = 0; i < rows.size(); i++) {
        float[] row = rows.get(i).clone();
        row[LOUDNESS_MEAN] += (float) ((random.nextDouble() * 2 - 1) * recipe.gainJitterDb());
        rows.set(i, row);
      }
    }
    int width = rows.get(0).length;
    float[][] standardisation = AffectMlpTrainer.standardisation(rows, width);
    float[] mean = standardisation[0];
    float[] scale = standardisation[1];
    float[][] x = new float[rows.size()][];
    int[] y = new int[x.length];
    float[] valence = new float[x.length];
    float[] arousal = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = AffectMlpTrainer.standardise(rows.get(i), mean, scale);
      Clip clip = rowClips.get(i);
      y[i] = clip.emotion().ordinal();
      valence[i] = clip.valenceTarget();
      arousal[i] = clip.arousalTarget();
    }
    return new AffectMlpTrainer(recipe.config())
        .train(
            FeatureRows.dense(x, width),
            new AffectMlpTrainer.Targets(y, valence, arousal),
            mean,
            scale,
            epoch -> {});
  }

  /** The top emotion of {@code mlp} for each of {@code rows} (raw features). */
  static Emotion[] classify(AffectMlp mlp, List<float[]> rows) {
    float[][] x = new float[rows.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = AffectMlpTrainer.standardise(rows.get(i), mlp.mean(), mlp.scale());
    }
    AffectMlpTrainer.Predictions predictions =
        AffectMlpTrainer.predict(mlp, FeatureRows.dense(x, mlp.inputSize()));
    Emotion[] top = new Emotion[x.length];
    for (int i = 0; i < top.length; i++) {
      top[i] = predictions.top(i);
    }
    return top;
  }

  /** Scores {@code mlp} on the clips {@code test} accepts (calm left out), per band. */
  static void score(
      AffectMlp mlp,
      Features features,
      Predicate<Clip> test,
      Map<String, ClassificationReport[]> views,
      java.util.function.Function<Clip, List<String>> viewNames) {
    List<float[]> wide = new ArrayList<>();
    List<float[]> telephone = new ArrayList<>();
    List<Clip> clips = new ArrayList<>();
    for (int i = 0; i < features.clips().size(); i++) {
      Clip clip = features.clips().get(i);
      if (clip.scored() && test.test(clip)) {
        wide.add(features.wide()[i]);
        telephone.add(features.telephone()[i]);
        clips.add(clip);
      }
    }
    Emotion[] wideTop = classify(mlp, wide);
    Emotion[] telephoneTop = classify(mlp, telephone);
    for (int i = 0; i < clips.size(); i++) {
      for (String name : viewNames.apply(clips.get(i))) {
        ClassificationReport[] pair =
            views.computeIfAbsent(name, k -> new ClassificationReport[] {report(), report()});
        pair[0].add(clips.get(i).emotion(), wideTop[i]);
        pair[1].add(clips.get(i).emotion(), telephoneTop[i]);
      }
    }
  }

  private static ClassificationReport report() {
    return new ClassificationReport();
  }

  /** The fold (0–4) a clip's speaker is held out in: by actor, speaker or speaker code. */
  static int fold(Clip clip, List<String> saveeSpeakers, List<String> urduSpeakers) {
    return switch (clip.corpus()) {
      case RAVDESS -> (clip.actor() - 1) / 4;
      case SAVEE -> saveeSpeakers.indexOf(clip.speaker()) % FOLDS;
      case URDU -> urduSpeakers.indexOf(clip.speaker()) % FOLDS;
    };
  }

  /**
   * Every validation view of {@code recipe}: the model trained on all trainable clips tested on
   * RAVDESS actors 17–20; leave-speakers-out folds (each fold holds out 4 RAVDESS actors, one SAVEE
   * speaker where there is one, and every fifth URDU speaker); trained without a corpus, tested on
   * it.
   */
  public static List<View> validate(Recipe recipe, Features features, Consumer<String> log) {
    Map<String, ClassificationReport[]> views = new LinkedHashMap<>();
    log.accept(recipe.name() + ": held-out actors 17-20");
    AffectMlp held = fit(recipe, features, MultiCorpusVoiceTraining::trainable);
    score(
        held,
        features,
        clip -> !trainable(clip),
        views,
        clip -> List.of("RAVDESS actors 17-20 (held out)"));

    List<String> savee = speakers(features, Corpus.SAVEE);
    List<String> urdu = speakers(features, Corpus.URDU);
    for (int k = 0; k < FOLDS; k++) {
      int heldOutFold = k;
      log.accept(recipe.name() + ": speaker fold " + (k + 1) + "/" + FOLDS);
      AffectMlp mlp = fit(recipe, features, clip -> fold(clip, savee, urdu) != heldOutFold);
      score(
          mlp,
          features,
          clip -> fold(clip, savee, urdu) == heldOutFold,
          views,
          clip -> {
            String corpus = "speaker folds: " + clip.corpus();
            return clip.corpus() == Corpus.SAVEE
                ? List.of(corpus)
                : List.of(corpus, corpus + " " + clip.gender());
          });
    }
    for (Corpus corpus : Corpus.values()) {
      EnumSet<Corpus> others = EnumSet.copyOf(recipe.corpora());
      others.remove(corpus);
      if (others.isEmpty()) {
        continue;
      }
      log.accept(recipe.name() + ": cross-corpus " + corpus);
      AffectMlp mlp =
          fit(
              new Recipe(
                  recipe.name(),
                  others,
                  recipe.telephone(),
                  recipe.gainJitterDb(),
                  recipe.config()),
              features,
              MultiCorpusVoiceTraining::trainable);
      score(
          mlp,
          features,
          clip -> clip.corpus() == corpus,
          views,
          clip -> List.of("cross-corpus: " + corpus + " (trained without it)"));
    }
    List<View> out = new ArrayList<>();
    for (Map.Entry<String, ClassificationReport[]> e : sortedViews(views).entrySet()) {
      out.add(new View(e.getKey(), e.getValue()[0], e.getValue()[1]));
    }
    return out;
  }

  private static Map<String, ClassificationReport[]> sortedViews(
      Map<String, ClassificationReport[]> views) {
    Map<String, ClassificationReport[]> sorted = new LinkedHashMap<>();
    views.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static List<String> speakers(Features features, Corpus corpus) {
    return features.clips().stream()
        .filter(clip -> clip.corpus() == corpus)
        .map(Clip::speaker)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * Validates the shipped recipe (and with {@code comparePrevious} the previous one) on every view,
   * then trains the shipped recipe on every trainable clip and writes {@code model.onnx} and {@code
   * manifest.json} into {@code modelFolder}.
   */
  public static Result train(
      Path dataRoot,
      Path modelFolder,
      int threads,
      Path cacheFolder,
      boolean comparePrevious,
      Consumer<String> log)
      throws IOException {
    List<Clip> clips = VoiceCorpora.readAll(dataRoot);
    log.accept("reading " + clips.size() + " clips from " + dataRoot);
    Features features = features(clips, threads, cacheFolder, log);
    List<View> previous = comparePrevious ? validate(PREVIOUS, features, log) : List.of();
    List<View> shipped = validate(SHIPPED, features, log);
    log.accept(SHIPPED.name() + ": final model on every trainable clip");
    AffectMlp mlp = fit(SHIPPED, features, MultiCorpusVoiceTraining::trainable);
    byte[] onnx =
        AffectMlpOnnx.write(
            mlp,
            "sentio train voice --model multi " + VERSION,
            "Voice affect from eGeMAPS-like features; trained on RAVDESS (CC BY-NC-SA 4.0),"
                + " SAVEE and URDU (research use only).");
    String sha256 = ModelFolder.write(modelFolder, onnx, manifest(dataRoot));
    log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    return new Result(sha256, shipped, previous);
  }

  /** The side-by-side table: one line per view, the previous recipe's figures under the new. */
  public static String table(Result result) {
    Map<String, View> previous = new HashMap<>();
    result.previous().forEach(v -> previous.put(v.name(), v));
    StringBuilder text = new StringBuilder();
    for (View view : result.shipped()) {
      text.append(MODEL_NAME).append("  ").append(view.line()).append('\n');
      View old = previous.get(view.name());
      if (old != null) {
        text.append(String.format("%-" + MODEL_NAME.length() + "s  ", PREVIOUS.name()))
            .append(old.line())
            .append('\n');
      }
    }
    return text.toString();
  }

  private static Map<String, Object> manifest(Path dataRoot) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", MODEL_NAME);
    m.put("version", VERSION);
    m.put("task", "voice affect: 7 emotions, valence and arousal from speech features");
    List<Map<String, Object>> sources = new ArrayList<>();
    for (Corpus corpus : Corpus.values()) {
      Map<String, Object> corpusSource = new LinkedHashMap<>();
      corpusSource.put("package", "trained in Sentio on " + corpus.folder);
      corpusSource.put("file", corpus.folder + "/labels.csv");
      corpusSource.put(
          "sha256", ModelFolder.sha256(dataRoot.resolve(corpus.folder).resolve("labels.csv")));
      sources.add(corpusSource);
    }
    Map<String, Object> source = new LinkedHashMap<>();
    source.put(
        "package",
        "trained in Sentio on speech_ravdess_train (actors 01-16), speech_savee, speech_urdu");
    source.put("file", "speech_ravdess_train/labels.csv");
    source.put("sha256", sources.get(0).get("sha256"));
    m.put("source", source);
    m.put("sources", sources);
    m.put(
        "converter",
        "sentio train voice --model multi " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", "CC-BY-NC-SA-4.0 AND LicenseRef-research-use-only");
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    m.put(
        "inputs",
        List.of(
            VoiceModelTraining.port(
                AffectMlpOnnx.INPUT,
                VoiceFeatures.SIZE,
                "VoiceFeatures vector (names in 'features'), raw units; NaN for a missing"
                    + " measurement")));
    m.put(
        "outputs",
        List.of(
            VoiceModelTraining.port(
                AffectMlpOnnx.EMOTIONS, 7, "softmax probabilities in the order of classes"),
            VoiceModelTraining.port(AffectMlpOnnx.VALENCE, 1, "valence in [-1, 1]"),
            VoiceModelTraining.port(AffectMlpOnnx.AROUSAL, 1, "arousal in [-1, 1]")));
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
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", "./sentio train voice --model multi");
    t.put(
        "split",
        "train RAVDESS actors 01-16 + all SAVEE + all URDU; held out RAVDESS actors 17-20;"
            + " validation also by leave-speakers-out folds and cross-corpus runs");
    t.put("calm", "trained as neutral with valence 0.2 / arousal -0.5 targets");
    t.put(
        "augmentation",
        "each clip also through the telephone band (8 kHz and back); loudness_mean_db +- "
            + SHIPPED.gainJitterDb()
            + " dB uniform gain jitter");
    t.put("config", SHIPPED.config().toString());
    m.put("training", t);
    return m;
  }
}
