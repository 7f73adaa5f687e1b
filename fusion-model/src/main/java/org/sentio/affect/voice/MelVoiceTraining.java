package org.sentio.affect.voice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.sentio.affect.Emotion;
import org.sentio.affect.speech.HalfBand;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.affect.train.ModelFolder;
import org.sentio.affect.voice.MultiCorpusVoiceTraining.Features;
import org.sentio.affect.voice.MultiCorpusVoiceTraining.Recipe;
import org.sentio.affect.voice.MultiCorpusVoiceTraining.View;
import org.sentio.affect.voice.VoiceCorpora.Clip;
import org.sentio.affect.voice.VoiceCorpora.Corpus;
import org.sentio.capture.media.MediaException;

/**
 * Trains {@value #MODEL_NAME}: the 42 {@link VoiceFeatures} followed by the {@value
 * LogMelStatistics#BANDS}-band {@link LogMelStatistics}, each clip's features shifted by its
 * speaker's mean (the training-time counterpart of {@link SpeakerNormaliser}), on RAVDESS actors
 * 01–16, SAVEE and URDU, wide band and telephone band, with the MLP's hidden layer as a second
 * output (the embedding). Validated on the same views as {@link MultiCorpusVoiceTraining}; {@link
 * #VARIANTS} are the feature sets measured side by side on those views
 * (docs/decisions/0037-log-mel-voice-features.md).
 */
public final class MelVoiceTraining {
  public static final String MODEL_NAME = "voice-affect-mel";
  public static final String VERSION = "1.0.0";

  /** Floats in the {@code embedding} output: the hidden layer's width. */
  public static final int EMBEDDING_SIZE = 64;

  /** Which features a model reads and whether each speaker's mean is taken out. */
  public record Variant(String name, boolean logMel, boolean deltas, boolean speakerNormalised) {
    /** Indexes of the log-mel columns read, within {@link LogMelStatistics#NAMES}. */
    int[] melColumns() {
      if (!logMel) {
        return new int[0];
      }
      return java.util.stream.IntStream.range(0, LogMelStatistics.SIZE)
          .filter(i -> deltas || !LogMelStatistics.NAMES.get(i).endsWith("_delta_std"))
          .toArray();
    }
  }

  /** The shipped variant: every log-mel statistic, speaker-normalised. */
  public static final Variant SHIPPED_VARIANT = new Variant(MODEL_NAME, true, true, true);

  /** The variants measured beside the shipped one with {@code --compare}. */
  public static final List<Variant> VARIANTS =
      List.of(
          new Variant("42 features", false, false, false),
          new Variant("42 features, speaker-normalised", false, false, true),
          new Variant("42 + log-mel (no deltas), speaker-normalised", true, false, true),
          new Variant("42 + log-mel, not normalised", true, true, false));

  /** The training recipe: the multi-corpus recipe with a wider hidden layer. */
  public static final Recipe RECIPE =
      new Recipe(
          MODEL_NAME,
          EnumSet.allOf(Corpus.class),
          true,
          6,
          new AffectMlpTrainer.Config(
              EMBEDDING_SIZE, 60, 32, 1e-3f, 1e-3f, 0.5, 0.5f, true, 20261202L));

  /** What a run produced: the shipped views and, with comparison, every variant's. */
  public record Result(String sha256, List<View> shipped, Map<String, List<View>> variants) {}

  private MelVoiceTraining() {}

  /** The log-mel statistics of every clip, wide band then telephone band ([clip][2 × SIZE]). */
  public static float[][] logMel(
      List<Clip> clips, int threads, Path cacheFolder, Consumer<String> log) throws IOException {
    Path cacheFile =
        cacheFolder == null ? null : VoiceFeatureCache.file(cacheFolder, clips, "logmel");
    float[][] rows =
        cacheFile == null
            ? null
            : VoiceFeatureCache.read(cacheFile, clips.size(), 2 * LogMelStatistics.SIZE);
    if (rows != null) {
      log.accept("log-mel statistics of " + clips.size() + " clips read from " + cacheFile);
      return rows;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (Clip clip : clips) {
        futures.add(pool.submit(() -> logMel(clip.file())));
      }
      rows = new float[clips.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = futures.get(i).get();
        if ((i + 1) % 400 == 0) {
          log.accept("log-mel statistics: " + (i + 1) + "/" + clips.size() + " clips");
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new IOException(
          cause instanceof MediaException ? cause.getMessage() : "log-mel failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    if (cacheFile != null) {
      VoiceFeatureCache.write(cacheFile, rows);
      log.accept("log-mel statistics kept in " + cacheFile);
    }
    return rows;
  }

  /** Wide-band then telephone-band log-mel statistics of one file. */
  static float[] logMel(Path file) throws MediaException {
    int rate = MultiCorpusVoiceTraining.SAMPLE_RATE;
    float[] wide = LogMelStatistics.extract(AudioFiles.readMono(file, rate), rate);
    float[] telephone =
        LogMelStatistics.extract(
            HalfBand.upsample2x(AudioFiles.readMono(file, MultiCorpusVoiceTraining.TELEPHONE_RATE)),
            rate);
    float[] both = Arrays.copyOf(wide, 2 * LogMelStatistics.SIZE);
    System.arraycopy(telephone, 0, both, LogMelStatistics.SIZE, LogMelStatistics.SIZE);
    return both;
  }

  /**
   * The rows {@code variant} reads: the 42 features, then its log-mel columns; each speaker's mean
   * (per band) replaced by the population mean of the wide-band rows of trainable clips when the
   * variant normalises.
   */
  public static Features rows(Features base, float[][] logMel, Variant variant) {
    int[] columns = variant.melColumns();
    int n = base.clips().size();
    float[][] wide = new float[n][];
    float[][] telephone = new float[n][];
    for (int i = 0; i < n; i++) {
      wide[i] = join(base.wide()[i], logMel[i], 0, columns);
      telephone[i] = join(base.telephone()[i], logMel[i], LogMelStatistics.SIZE, columns);
    }
    Features joined = new Features(base.clips(), wide, telephone);
    return variant.speakerNormalised() ? speakerNormalised(joined) : joined;
  }

  private static float[] join(float[] base, float[] mel, int offset, int[] columns) {
    float[] row = Arrays.copyOf(base, base.length + columns.length);
    for (int j = 0; j < columns.length; j++) {
      row[base.length + j] = mel[offset + columns[j]];
    }
    return row;
  }

  /**
   * Each row shifted by its speaker's mean in its band and back by the population mean (finite
   * values only; a missing value stays missing), as {@link SpeakerNormaliser} does in a session.
   * The speaker's mean uses only the speaker's features, never a label.
   */
  static Features speakerNormalised(Features features) {
    List<Clip> clips = features.clips();
    int width = features.wide()[0].length;
    double[] population = new double[width];
    int[] populationCount = new int[width];
    for (int i = 0; i < clips.size(); i++) {
      if (MultiCorpusVoiceTraining.trainable(clips.get(i))) {
        accumulate(features.wide()[i], population, populationCount);
      }
    }
    divide(population, populationCount);
    return new Features(
        clips,
        shift(clips, features.wide(), population),
        shift(clips, features.telephone(), population));
  }

  private static float[][] shift(List<Clip> clips, float[][] rows, double[] population) {
    int width = population.length;
    Map<String, double[]> sums = new HashMap<>();
    Map<String, int[]> counts = new HashMap<>();
    for (int i = 0; i < clips.size(); i++) {
      String speaker = clips.get(i).speaker();
      accumulate(
          rows[i],
          sums.computeIfAbsent(speaker, k -> new double[width]),
          counts.computeIfAbsent(speaker, k -> new int[width]));
    }
    sums.forEach((speaker, sum) -> divide(sum, counts.get(speaker)));
    float[][] out = new float[rows.length][width];
    for (int i = 0; i < rows.length; i++) {
      double[] speakerMean = sums.get(clips.get(i).speaker());
      for (int j = 0; j < width; j++) {
        float v = rows[i][j];
        out[i][j] = Float.isFinite(v) ? (float) (v - speakerMean[j] + population[j]) : v;
      }
    }
    return out;
  }

  private static void accumulate(float[] row, double[] sum, int[] count) {
    for (int j = 0; j < row.length; j++) {
      if (Float.isFinite(row[j])) {
        sum[j] += row[j];
        count[j]++;
      }
    }
  }

  private static void divide(double[] sum, int[] count) {
    for (int j = 0; j < sum.length; j++) {
      sum[j] = count[j] > 0 ? sum[j] / count[j] : Double.NaN;
    }
  }

  /**
   * Validates {@link #SHIPPED_VARIANT} (and with {@code compare} every one of {@link #VARIANTS}) on
   * every view, then trains it on every trainable clip and writes {@code model.onnx} and {@code
   * manifest.json} into {@code modelFolder}.
   */
  public static Result train(
      Path dataRoot,
      Path modelFolder,
      int threads,
      Path cacheFolder,
      boolean compare,
      boolean validate,
      Consumer<String> log)
      throws IOException {
    List<Clip> clips = VoiceCorpora.readAll(dataRoot);
    log.accept("reading " + clips.size() + " clips from " + dataRoot);
    Features base = MultiCorpusVoiceTraining.features(clips, threads, cacheFolder, log);
    float[][] mel = logMel(clips, threads, cacheFolder, log);
    Map<String, List<View>> variants = new LinkedHashMap<>();
    if (compare) {
      for (Variant variant : VARIANTS) {
        variants.put(
            variant.name(),
            MultiCorpusVoiceTraining.validate(
                named(variant.name()), rows(base, mel, variant), log));
      }
    }
    Features shippedRows = rows(base, mel, SHIPPED_VARIANT);
    List<View> shipped =
        validate ? MultiCorpusVoiceTraining.validate(RECIPE, shippedRows, log) : List.of();
    log.accept(MODEL_NAME + ": final model on every trainable clip");
    AffectMlp mlp =
        MultiCorpusVoiceTraining.fit(RECIPE, shippedRows, MultiCorpusVoiceTraining::trainable);
    byte[] onnx =
        AffectMlpOnnx.write(
            mlp,
            "sentio train voice --model mel " + VERSION,
            "Voice affect from eGeMAPS-like features and log-mel statistics, speaker-normalised;"
                + " trained on RAVDESS (CC BY-NC-SA 4.0), SAVEE and URDU (research use only).",
            true);
    String sha256 = ModelFolder.write(modelFolder, onnx, manifest(dataRoot));
    log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    return new Result(sha256, shipped, variants);
  }

  /**
   * The two headline views of one variant, cheaper than {@link MultiCorpusVoiceTraining#validate}
   * (two trainings instead of nine): RAVDESS actors 17–20 held out, and SAVEE cross-corpus.
   */
  public static List<View> headline(
      Path dataRoot, Variant variant, Path cacheFolder, int threads, Consumer<String> log)
      throws IOException {
    List<Clip> clips = VoiceCorpora.readAll(dataRoot);
    Features rows =
        rows(
            MultiCorpusVoiceTraining.features(clips, threads, cacheFolder, log),
            logMel(clips, threads, cacheFolder, log),
            variant);
    Map<String, org.sentio.affect.evaluate.ClassificationReport[]> views = new LinkedHashMap<>();
    log.accept(variant.name() + ": held-out actors 17-20");
    MultiCorpusVoiceTraining.score(
        MultiCorpusVoiceTraining.fit(
            named(variant.name()), rows, MultiCorpusVoiceTraining::trainable),
        rows,
        clip -> !MultiCorpusVoiceTraining.trainable(clip),
        views,
        clip -> List.of("RAVDESS actors 17-20 (held out)"));
    log.accept(variant.name() + ": cross-corpus SAVEE");
    Recipe withoutSavee =
        new Recipe(
            variant.name(),
            EnumSet.of(Corpus.RAVDESS, Corpus.URDU),
            RECIPE.telephone(),
            RECIPE.gainJitterDb(),
            RECIPE.config());
    MultiCorpusVoiceTraining.score(
        MultiCorpusVoiceTraining.fit(withoutSavee, rows, MultiCorpusVoiceTraining::trainable),
        rows,
        clip -> clip.corpus() == Corpus.SAVEE,
        views,
        clip -> List.of("cross-corpus: SAVEE (trained without it)"));
    List<View> out = new ArrayList<>();
    views.forEach((name, pair) -> out.add(new View(name, pair[0], pair[1])));
    return out;
  }

  private static Recipe named(String name) {
    return new Recipe(
        name, RECIPE.corpora(), RECIPE.telephone(), RECIPE.gainJitterDb(), RECIPE.config());
  }

  /** One line per view: the shipped model, then each compared variant. */
  public static String table(Result result) {
    StringBuilder text = new StringBuilder();
    for (View view : result.shipped()) {
      text.append(String.format("%-46s ", MODEL_NAME)).append(view.line()).append('\n');
      for (Map.Entry<String, List<View>> variant : result.variants().entrySet()) {
        for (View other : variant.getValue()) {
          if (other.name().equals(view.name())) {
            text.append(String.format("%-46s ", variant.getKey()))
                .append(other.line())
                .append('\n');
          }
        }
      }
    }
    return text.toString();
  }

  /** The names of the features the model reads, in input order. */
  public static List<String> featureNames() {
    List<String> names = new ArrayList<>(VoiceFeatures.NAMES);
    for (int column : SHIPPED_VARIANT.melColumns()) {
      names.add(LogMelStatistics.NAMES.get(column));
    }
    return names;
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
        "sentio train voice --model mel " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put("licence", "CC-BY-NC-SA-4.0 AND LicenseRef-research-use-only");
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    int width = featureNames().size();
    m.put(
        "inputs",
        List.of(
            VoiceModelTraining.port(
                AffectMlpOnnx.INPUT,
                width,
                "VoiceFeatures (42) then LogMelStatistics (120), names in 'features', raw units;"
                    + " NaN for a missing measurement; shifted per speaker (SpeakerNormaliser)")));
    m.put(
        "outputs",
        List.of(
            VoiceModelTraining.port(
                AffectMlpOnnx.EMOTIONS, 7, "softmax probabilities in the order of classes"),
            VoiceModelTraining.port(AffectMlpOnnx.VALENCE, 1, "valence in [-1, 1]"),
            VoiceModelTraining.port(AffectMlpOnnx.AROUSAL, 1, "arousal in [-1, 1]"),
            VoiceModelTraining.port(
                AffectMlpOnnx.EMBEDDING,
                RECIPE.config().hidden(),
                "the hidden layer after ReLU (the embedding for fusion)")));
    m.put(
        "preprocessing",
        "16 kHz mono speech; org.sentio.affect.voice.VoiceFeatureExtractor then"
            + " org.sentio.affect.voice.LogMelStatistics over the same samples"
            + " (VoiceModelInput); in a session each feature is shifted by the speaker's running"
            + " mean (SpeakerNormaliser); the graph standardises and maps NaN to the mean.");
    List<String> classes = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      classes.add(e.datasetLabel());
    }
    m.put("classes", classes);
    m.put("features", featureNames());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", "./sentio train voice --model mel");
    t.put(
        "split",
        "train RAVDESS actors 01-16 + all SAVEE + all URDU; held out RAVDESS actors 17-20;"
            + " validation also by leave-speakers-out folds and cross-corpus runs");
    t.put("calm", "trained as neutral with valence 0.2 / arousal -0.5 targets");
    t.put(
        "normalisation",
        "each clip's features minus its speaker's mean (per band) plus the population mean");
    t.put(
        "augmentation",
        "each clip also through the telephone band (8 kHz and back); loudness_mean_db +- "
            + RECIPE.gainJitterDb()
            + " dB uniform gain jitter");
    t.put("config", RECIPE.config().toString());
    m.put("training", t);
    return m;
  }
}
