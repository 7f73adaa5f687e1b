package org.sentio.affect.voice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
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
import org.sentio.affect.voice.VoiceModelInput.Layout;
import org.sentio.capture.media.MediaException;

/**
 * The one trainer of every voice-affect model: a {@link Recipe} (corpora, telephone-band copies,
 * gain jitter, the inputs read and whether each speaker's mean is taken out, the MLP's settings) is
 * trained by {@link #fit}, measured on every validation view by {@link #validate}, and a {@link
 * Product} (a recipe with its name, command and manifest text) is written as ONNX by {@link
 * #train}. RAVDESS actors {@value #FIRST_HELD_OUT_ACTOR}–20 are never trained on, so every model is
 * compared on the same unseen speakers and the fusion's voice rows stay unseen.
 *
 * <p>Views (docs/decisions/0033-multi-corpus-voice-model.md): the held-out actors; five
 * leave-speakers-out folds over the three corpora, per corpus and per gender where known;
 * cross-corpus runs (trained without a corpus, tested on it); each on wide-band audio and through
 * the telephone band (decoded at 8 kHz, brought back to 16 kHz, as {@code sentio asr-eval
 * --telephone} does).
 */
public final class VoiceTraining {
  public static final String VERSION = "1.0.0";
  public static final String DATASET = Corpus.RAVDESS.folder;
  public static final int FIRST_HELD_OUT_ACTOR = 17;
  public static final int SAMPLE_RATE = 16_000;
  public static final int TELEPHONE_RATE = 8_000;
  public static final int FOLDS = 5;

  /** Floats in the {@code embedding} output of a model that has one: its hidden layer's width. */
  public static final int EMBEDDING_SIZE = 64;

  /** Index of {@code loudness_mean_db} in {@link VoiceFeatures}: the one gain-dependent feature. */
  static final int LOUDNESS_MEAN = VoiceFeatures.NAMES.indexOf("loudness_mean_db");

  /** The view every model is compared on first: RAVDESS actors never trained on. */
  public static final String HELD_OUT_VIEW = "RAVDESS actors 17-20 (held out)";

  /**
   * How a model is trained.
   *
   * @param corpora the corpora trained on (RAVDESS actors 17–20 are never trained on)
   * @param telephone whether each clip is also trained through the telephone band
   * @param gainJitterDb half-width of the uniform random gain added to {@code loudness_mean_db}
   * @param layout the inputs read: the 42 voice features and which log-mel statistics
   * @param speakerNormalised whether each clip's features are shifted by its speaker's mean
   * @param augmentations perturbed copies of each training clip trained on besides the clip (the 42
   *     features only, not speaker-normalised)
   */
  public record Recipe(
      String name,
      Set<Corpus> corpora,
      boolean telephone,
      double gainJitterDb,
      Layout layout,
      boolean speakerNormalised,
      AffectMlpTrainer.Config config,
      List<VoiceAugmentation> augmentations) {

    public Recipe {
      if (!augmentations.isEmpty() && (layout != Layout.VOICE_FEATURES || speakerNormalised)) {
        throw new IllegalArgumentException(
            name + ": augmented copies are measured for the 42 features, not normalised");
      }
      augmentations = List.copyOf(augmentations);
    }

    /** A recipe without augmented copies. */
    public Recipe(
        String name,
        Set<Corpus> corpora,
        boolean telephone,
        double gainJitterDb,
        Layout layout,
        boolean speakerNormalised,
        AffectMlpTrainer.Config config) {
      this(name, corpora, telephone, gainJitterDb, layout, speakerNormalised, config, List.of());
    }

    /** The same recipe trained on other corpora. */
    public Recipe on(Set<Corpus> others) {
      return new Recipe(
          name, others, telephone, gainJitterDb, layout, speakerNormalised, config, augmentations);
    }

    /** Whether augmented copies can be measured for it: the 42 features, not normalised. */
    public boolean augmentable() {
      return layout == Layout.VOICE_FEATURES && !speakerNormalised;
    }

    /** The same recipe trained also on every {@link VoiceAugmentation} of its clips. */
    public Recipe augmented() {
      return new Recipe(
          name + "-aug",
          corpora,
          telephone,
          gainJitterDb,
          layout,
          speakerNormalised,
          config,
          List.of(VoiceAugmentation.values()));
    }
  }

  private static final AffectMlpTrainer.Config RAVDESS_CONFIG =
      new AffectMlpTrainer.Config(64, 150, 32, 1e-3f, 1e-3f, 0.5, 0.5f, true, 20261129L);
  private static final AffectMlpTrainer.Config MULTI_CONFIG =
      new AffectMlpTrainer.Config(EMBEDDING_SIZE, 60, 32, 1e-3f, 1e-3f, 0.5, 0.5f, true, 20261202L);

  /**
   * A model the trainer writes.
   *
   * @param option the value of {@code sentio train voice --model} that trains it
   * @param embedding whether the graph also outputs the hidden layer as {@code embedding}
   * @param description the ONNX graph's doc string
   * @param inputMeaning the manifest's meaning of the input
   * @param preprocessing the manifest's preprocessing note
   */
  public record Product(
      String option,
      Recipe recipe,
      boolean embedding,
      String description,
      String inputMeaning,
      String preprocessing) {
    public String modelName() {
      return recipe.name();
    }

    /** The command that retrains it, as written into its manifest. */
    public String command() {
      return "./sentio train voice" + (option.equals(RAVDESS.option) ? "" : " --model " + option);
    }

    /** Whether it is trained on the three corpora (else on RAVDESS only). */
    public boolean multiCorpus() {
      return recipe.corpora().size() > 1;
    }
  }

  private static final String RAW_FEATURES =
      "VoiceFeatures vector (names in 'features'), raw units; NaN for a missing measurement";
  private static final String RAW_PREPROCESSING =
      "16 kHz mono speech; org.sentio.affect.voice.VoiceFeatureExtractor (docs/voice-features.md)"
          + " over the whole clip or the last seconds of speech; the graph standardises with the"
          + " training mean and standard deviation and maps NaN to the mean.";
  private static final String THREE_CORPORA =
      "RAVDESS (CC BY-NC-SA 4.0), SAVEE and URDU (research use only).";

  /**
   * {@code voice-affect}, the analysis's model: RAVDESS actors 01–16, the 42 features; its graph
   * also outputs the hidden layer (64 values) as {@code embedding} for fusion (ADR 0059).
   */
  public static final Product RAVDESS =
      new Product(
          "ravdess",
          new Recipe(
              "voice-affect",
              EnumSet.of(Corpus.RAVDESS),
              false,
              0,
              Layout.VOICE_FEATURES,
              false,
              RAVDESS_CONFIG),
          true,
          "Voice affect from eGeMAPS-like features; trained on RAVDESS (CC BY-NC-SA 4.0).",
          RAW_FEATURES,
          RAW_PREPROCESSING);

  /** {@code voice-affect-multi} (ADR 0033): the 42 features on three corpora, both bands. */
  public static final Product MULTI =
      new Product(
          "multi",
          new Recipe(
              "voice-affect-multi",
              EnumSet.allOf(Corpus.class),
              true,
              6,
              Layout.VOICE_FEATURES,
              false,
              MULTI_CONFIG),
          false,
          "Voice affect from eGeMAPS-like features; trained on " + THREE_CORPORA,
          RAW_FEATURES,
          RAW_PREPROCESSING);

  /** {@code voice-affect-mel} (ADR 0037): 42 + every log-mel statistic, speaker-normalised. */
  public static final Product MEL =
      new Product(
          "mel",
          new Recipe(
              "voice-affect-mel",
              EnumSet.allOf(Corpus.class),
              true,
              6,
              Layout.MEL_ALL,
              true,
              MULTI_CONFIG),
          true,
          "Voice affect from eGeMAPS-like features and log-mel statistics, speaker-normalised;"
              + " trained on "
              + THREE_CORPORA,
          "VoiceFeatures (42) then LogMelStatistics (120), names in 'features', raw units;"
              + " NaN for a missing measurement; shifted per speaker (SpeakerNormaliser)",
          "16 kHz mono speech; org.sentio.affect.voice.VoiceFeatureExtractor then"
              + " org.sentio.affect.voice.LogMelStatistics over the same samples"
              + " (VoiceModelInput); in a session each feature is shifted by the speaker's running"
              + " mean (SpeakerNormaliser); the graph standardises and maps NaN to the mean.");

  /**
   * {@code voice-affect-norm} (ADR 0047, a candidate): the 42 features, speaker-normalised, on the
   * three corpora and both bands.
   */
  public static final Recipe NORM =
      new Recipe(
          "voice-affect-norm",
          EnumSet.allOf(Corpus.class),
          true,
          6,
          Layout.VOICE_FEATURES,
          true,
          MULTI_CONFIG);

  /**
   * {@code voice-affect-melmeans} (ADR 0047, a candidate): the 42 features and the 24 log-mel band
   * means, speaker-normalised, on the three corpora and both bands.
   */
  public static final Recipe MEL_MEANS =
      new Recipe(
          "voice-affect-melmeans",
          EnumSet.allOf(Corpus.class),
          true,
          6,
          Layout.MEL_MEANS,
          true,
          MULTI_CONFIG);

  /** Every model {@code sentio train voice --model} writes, in option order. */
  public static final List<Product> PRODUCTS = List.of(RAVDESS, MULTI, MEL);

  /**
   * The recipes {@code --compare} validates side by side on the same folds (nine trainings each),
   * in this order: the three shipped models' and the two speaker-normalised candidates of ADR 0047.
   */
  public static final List<Recipe> COMPARED =
      List.of(RAVDESS.recipe(), MULTI.recipe(), MEL.recipe(), NORM, MEL_MEANS);

  /** The product {@code option} names, or null. */
  public static Product product(String option) {
    return PRODUCTS.stream()
        .filter(p -> p.option().equals(option.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElse(null);
  }

  /**
   * The measurements of every clip ({@link Layout#MEL_ALL} wide): [clip] → the 42 features, then
   * the 120 log-mel statistics when measured (else the 42 alone), on wide and telephone band.
   */
  public record Features(
      List<Clip> clips,
      float[][] wide,
      float[][] telephone,
      Map<VoiceAugmentation, float[][]> augmented) {

    /**
     * @param augmented each measured copy's 42 features, wide band: [clip] → the row, null for a
     *     clip not measured (one no augmented recipe trains on)
     */
    public Features {
      augmented = Map.copyOf(augmented);
    }

    /** Measurements without augmented copies. */
    public Features(List<Clip> clips, float[][] wide, float[][] telephone) {
      this(clips, wide, telephone, Map.of());
    }

    /** The rows {@code recipe} reads: its columns, shifted by each speaker's mean if it says so. */
    public Features rows(Recipe recipe) {
      int[] columns = recipe.layout().melColumns();
      if (columns.length > 0 && wide[0].length != VoiceModelInput.WITH_LOG_MEL) {
        throw new IllegalStateException(recipe.name() + " reads log-mel statistics not measured");
      }
      int n = clips.size();
      float[][] selectedWide = new float[n][];
      float[][] selectedTelephone = new float[n][];
      for (int i = 0; i < n; i++) {
        selectedWide[i] = select(wide[i], columns);
        selectedTelephone[i] = select(telephone[i], columns);
      }
      for (VoiceAugmentation augmentation : recipe.augmentations()) {
        if (!augmented.containsKey(augmentation)) {
          throw new IllegalStateException(
              recipe.name() + " trains on " + augmentation + " copies not measured");
        }
      }
      Features selected = new Features(clips, selectedWide, selectedTelephone, augmented);
      return recipe.speakerNormalised() ? speakerNormalised(selected) : selected;
    }

    private static float[] select(float[] row, int[] columns) {
      return VoiceModelInput.join(
          Arrays.copyOf(row, VoiceFeatures.SIZE), row, VoiceFeatures.SIZE, columns);
    }
  }

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

  /**
   * What a training run produced.
   *
   * @param views the product's views (the held-out actors only, unless validated)
   * @param heldOutCalm held-out calm clips (calm is not a Sentio class)
   * @param heldOutCalmAsNeutral of those, read as neutral on wide band
   * @param compared every compared recipe's views by name
   */
  public record Result(
      Product product,
      String sha256,
      List<View> views,
      long heldOutCalm,
      long heldOutCalmAsNeutral,
      Map<String, List<View>> compared) {
    public View heldOut() {
      return views.stream().filter(v -> v.name().equals(HELD_OUT_VIEW)).findFirst().orElseThrow();
    }
  }

  private VoiceTraining() {}

  /** Whether {@code clip} may be trained on at all: RAVDESS actors 17–20 never are. */
  public static boolean trainable(Clip clip) {
    return clip.corpus() != Corpus.RAVDESS || clip.actor() < FIRST_HELD_OUT_ACTOR;
  }

  /**
   * The measurements of {@code clips}: the 42 features on both bands, and with {@code logMel} the
   * log-mel statistics too; each read from {@code cacheFolder} where measured before (null: no
   * cache), else measured on {@code threads} threads and kept there.
   */
  public static Features features(
      List<Clip> clips, boolean logMel, int threads, Path cacheFolder, Consumer<String> log)
      throws IOException {
    return features(clips, logMel, List.of(), threads, cacheFolder, log);
  }

  /**
   * {@link #features(List, boolean, int, Path, Consumer)}, and the 42 features (wide band) of every
   * augmented copy that one of {@code recipes} trains on, for the trainable clips of its corpora.
   */
  public static Features features(
      List<Clip> clips,
      boolean logMel,
      List<Recipe> recipes,
      int threads,
      Path cacheFolder,
      Consumer<String> log)
      throws IOException {
    VoiceFeatureExtractor extractor = new VoiceFeatureExtractor();
    float[][] voice =
        cached(
            clips,
            "voice",
            2 * VoiceFeatures.SIZE,
            clip -> () -> voiceFeatures(extractor, clip.file()),
            threads,
            cacheFolder,
            log);
    float[][] mel =
        logMel
            ? cached(
                clips,
                "logmel",
                2 * LogMelStatistics.SIZE,
                clip -> () -> logMel(clip.file()),
                threads,
                cacheFolder,
                log)
            : null;
    int n = VoiceFeatures.SIZE;
    int m = logMel ? LogMelStatistics.SIZE : 0;
    float[][] wide = new float[clips.size()][n + m];
    float[][] telephone = new float[clips.size()][n + m];
    for (int i = 0; i < clips.size(); i++) {
      System.arraycopy(voice[i], 0, wide[i], 0, n);
      System.arraycopy(voice[i], n, telephone[i], 0, n);
      if (logMel) {
        System.arraycopy(mel[i], 0, wide[i], n, m);
        System.arraycopy(mel[i], m, telephone[i], n, m);
      }
    }
    Set<VoiceAugmentation> augmentations = EnumSet.noneOf(VoiceAugmentation.class);
    Set<Corpus> augmentedCorpora = EnumSet.noneOf(Corpus.class);
    for (Recipe recipe : recipes) {
      if (!recipe.augmentations().isEmpty()) {
        augmentations.addAll(recipe.augmentations());
        augmentedCorpora.addAll(recipe.corpora());
      }
    }
    Predicate<Clip> augmentedClip =
        clip -> trainable(clip) && augmentedCorpora.contains(clip.corpus());
    List<Clip> trainable = clips.stream().filter(augmentedClip).toList();
    Map<VoiceAugmentation, float[][]> augmented = new EnumMap<>(VoiceAugmentation.class);
    for (VoiceAugmentation augmentation : augmentations) {
      float[][] copies =
          cached(
              trainable,
              augmentation.cacheKind,
              VoiceFeatures.SIZE,
              clip -> () -> augmentedFeatures(extractor, augmentation, clip.file()),
              threads,
              cacheFolder,
              log);
      float[][] rows = new float[clips.size()][];
      for (int i = 0, k = 0; i < clips.size(); i++) {
        rows[i] = augmentedClip.test(clips.get(i)) ? copies[k++] : null;
      }
      augmented.put(augmentation, rows);
    }
    return new Features(clips, wide, telephone, augmented);
  }

  /** The 42 features of {@code augmentation}'s copy of one file. */
  static float[] augmentedFeatures(
      VoiceFeatureExtractor extractor, VoiceAugmentation augmentation, Path file)
      throws MediaException {
    return extractor.extract(augmentation.samples(file, SAMPLE_RATE), SAMPLE_RATE).vector();
  }

  private static float[][] cached(
      List<Clip> clips,
      String kind,
      int width,
      Function<Clip, Callable<float[]>> measure,
      int threads,
      Path cacheFolder,
      Consumer<String> log)
      throws IOException {
    Path cacheFile = cacheFolder == null ? null : VoiceFeatureCache.file(cacheFolder, clips, kind);
    float[][] rows =
        cacheFile == null ? null : VoiceFeatureCache.read(cacheFile, clips.size(), width);
    if (rows != null) {
      log.accept(kind + " features of " + clips.size() + " clips read from " + cacheFile);
      return rows;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<float[]>> futures = new ArrayList<>();
      for (Clip clip : clips) {
        futures.add(pool.submit(measure.apply(clip)));
      }
      rows = new float[clips.size()][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = futures.get(i).get();
        if ((i + 1) % 200 == 0) {
          log.accept(kind + " features: " + (i + 1) + "/" + clips.size() + " clips");
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MediaException media) {
        throw new IOException(media.getMessage(), media);
      }
      throw new IOException(kind + " feature extraction failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    if (cacheFile != null) {
      VoiceFeatureCache.write(cacheFile, rows);
      log.accept(kind + " features kept in " + cacheFile);
    }
    return rows;
  }

  /** Wide-band features followed by telephone-band features of one file. */
  static float[] voiceFeatures(VoiceFeatureExtractor extractor, Path file) throws MediaException {
    float[] wide = extractor.extract(AudioFiles.readMono(file, SAMPLE_RATE), SAMPLE_RATE).vector();
    float[] telephone = extractor.extract(telephoneBand(file), SAMPLE_RATE).vector();
    return concat(wide, telephone);
  }

  /** Wide-band then telephone-band log-mel statistics of one file. */
  static float[] logMel(Path file) throws MediaException {
    return concat(
        LogMelStatistics.extract(AudioFiles.readMono(file, SAMPLE_RATE), SAMPLE_RATE),
        LogMelStatistics.extract(telephoneBand(file), SAMPLE_RATE));
  }

  private static float[] telephoneBand(Path file) throws MediaException {
    return HalfBand.upsample2x(AudioFiles.readMono(file, TELEPHONE_RATE));
  }

  private static float[] concat(float[] first, float[] second) {
    float[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
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
      if (trainable(clips.get(i))) {
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
   * Trains {@code recipe} on the clips {@code include} accepts (within the recipe's corpora) of
   * {@code rows}, which are already the recipe's rows ({@link Features#rows}).
   */
  public static AffectMlp fit(Recipe recipe, Features rows, Predicate<Clip> include) {
    List<float[]> x0 = new ArrayList<>();
    List<Clip> rowClips = new ArrayList<>();
    List<Integer> trained = new ArrayList<>();
    for (int i = 0; i < rows.clips().size(); i++) {
      Clip clip = rows.clips().get(i);
      if (recipe.corpora().contains(clip.corpus()) && include.test(clip)) {
        trained.add(i);
      }
    }
    for (int i : trained) {
      x0.add(rows.wide()[i]);
      rowClips.add(rows.clips().get(i));
    }
    if (recipe.telephone()) {
      for (int i : trained) {
        x0.add(rows.telephone()[i]);
        rowClips.add(rows.clips().get(i));
      }
    }
    for (VoiceAugmentation augmentation : recipe.augmentations()) {
      float[][] copies = rows.augmented().get(augmentation);
      for (int i : trained) {
        x0.add(copies[i]);
        rowClips.add(rows.clips().get(i));
      }
    }
    if (recipe.gainJitterDb() > 0) {
      Random random = new Random(recipe.config().seed());
      for (int i = 0; i < x0.size(); i++) {
        float[] row = x0.get(i).clone();
        row[LOUDNESS_MEAN] += (float) ((random.nextDouble() * 2 - 1) * recipe.gainJitterDb());
        x0.set(i, row);
      }
    }
    int width = x0.get(0).length;
    float[][] standardisation = AffectMlpTrainer.standardisation(x0, width);
    float[] mean = standardisation[0];
    float[] scale = standardisation[1];
    float[][] x = new float[x0.size()][];
    int[] y = new int[x.length];
    float[] valence = new float[x.length];
    float[] arousal = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = AffectMlpTrainer.standardise(x0.get(i), mean, scale);
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
      Features rows,
      Predicate<Clip> test,
      Map<String, ClassificationReport[]> views,
      Function<Clip, List<String>> viewNames) {
    List<float[]> wide = new ArrayList<>();
    List<float[]> telephone = new ArrayList<>();
    List<Clip> clips = new ArrayList<>();
    for (int i = 0; i < rows.clips().size(); i++) {
      Clip clip = rows.clips().get(i);
      if (clip.scored() && test.test(clip)) {
        wide.add(rows.wide()[i]);
        telephone.add(rows.telephone()[i]);
        clips.add(clip);
      }
    }
    if (clips.isEmpty()) {
      return;
    }
    Emotion[] wideTop = classify(mlp, wide);
    Emotion[] telephoneTop = classify(mlp, telephone);
    for (int i = 0; i < clips.size(); i++) {
      for (String name : viewNames.apply(clips.get(i))) {
        ClassificationReport[] pair = bandPair(views, name);
        pair[0].add(clips.get(i).emotion(), wideTop[i]);
        pair[1].add(clips.get(i).emotion(), telephoneTop[i]);
      }
    }
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
   * Every validation view of {@code recipe} on {@code features} (every clip's measurements): the
   * model trained on all trainable clips tested on RAVDESS actors 17–20; leave-speakers-out folds
   * (each fold holds out 4 RAVDESS actors, one SAVEE speaker where there is one, and every fifth
   * URDU speaker); trained without a corpus, tested on it.
   */
  public static List<View> validate(Recipe recipe, Features features, Consumer<String> log) {
    Features rows = features.rows(recipe);
    log.accept(recipe.name() + ": held-out actors 17-20");
    Map<String, ClassificationReport[]> views = new LinkedHashMap<>();
    scoreHeldOut(fit(recipe, rows, VoiceTraining::trainable), rows, views);
    validateSpeakersAndCorpora(recipe, rows, views, log);
    return sorted(views);
  }

  private static void scoreHeldOut(
      AffectMlp mlp, Features rows, Map<String, ClassificationReport[]> views) {
    score(mlp, rows, clip -> !trainable(clip), views, clip -> List.of(HELD_OUT_VIEW));
  }

  private static void validateSpeakersAndCorpora(
      Recipe recipe,
      Features rows,
      Map<String, ClassificationReport[]> views,
      Consumer<String> log) {
    List<String> savee = speakers(rows, Corpus.SAVEE);
    List<String> urdu = speakers(rows, Corpus.URDU);
    for (int k = 0; k < FOLDS; k++) {
      int heldOutFold = k;
      log.accept(recipe.name() + ": speaker fold " + (k + 1) + "/" + FOLDS);
      AffectMlp mlp = fit(recipe, rows, clip -> fold(clip, savee, urdu) != heldOutFold);
      score(
          mlp,
          rows,
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
      AffectMlp mlp = fit(recipe.on(others), rows, VoiceTraining::trainable);
      score(
          mlp,
          rows,
          clip -> clip.corpus() == corpus,
          views,
          clip -> List.of("cross-corpus: " + corpus + " (trained without it)"));
    }
  }

  /**
   * The two headline views of {@code recipe}, cheaper than {@link #validate} (two trainings, one
   * for a recipe that never trains on SAVEE, instead of nine): RAVDESS actors 17–20 held out, and
   * SAVEE cross-corpus.
   */
  public static List<View> headline(Recipe recipe, Features features, Consumer<String> log) {
    Features rows = features.rows(recipe);
    Map<String, ClassificationReport[]> views = new LinkedHashMap<>();
    log.accept(recipe.name() + ": held-out actors 17-20");
    AffectMlp mlp = fit(recipe, rows, VoiceTraining::trainable);
    scoreHeldOut(mlp, rows, views);
    EnumSet<Corpus> others = EnumSet.copyOf(recipe.corpora());
    others.remove(Corpus.SAVEE);
    log.accept(recipe.name() + ": cross-corpus SAVEE");
    // A recipe that never trains on SAVEE is cross-corpus on it already: the same model.
    score(
        others.equals(recipe.corpora())
            ? mlp
            : fit(recipe.on(others), rows, VoiceTraining::trainable),
        rows,
        clip -> clip.corpus() == Corpus.SAVEE,
        views,
        clip -> List.of("cross-corpus: SAVEE (trained without it)"));
    return sorted(views);
  }

  /** The name of the blend of ADR 0057 and of the folder {@code --variant 6} writes. */
  public static final String BLEND = "voice-affect-blend";

  /**
   * What {@link #blend} measured and trained.
   *
   * @param views the blend's headline views
   * @param components each component recipe's own headline views, by recipe name, from the same
   *     trainings
   * @param graphs each component's final model (trained on every trainable clip) as ONNX, by recipe
   *     name
   */
  public record Blended(
      List<View> views, Map<String, List<View>> components, Map<String, byte[]> graphs) {}

  /**
   * The 1:1 blend of ADR 0057 on the four headline views: the mean of {@code first}'s and {@code
   * second}'s emotion probabilities, each model reading its own rows ({@link Features#rows}), the
   * arg-max of the mean taken as the class. Each recipe is trained as {@link #headline} trains it
   * (on every trainable clip, and without SAVEE for the SAVEE view where it trains on SAVEE), so
   * the components' views are their own headline views.
   */
  public static Blended blend(
      Recipe first, Recipe second, Features features, Consumer<String> log) {
    List<Recipe> recipes = List.of(first, second);
    List<Features> rows = new ArrayList<>();
    List<AffectMlp> heldOut = new ArrayList<>();
    List<AffectMlp> withoutSavee = new ArrayList<>();
    for (Recipe recipe : recipes) {
      Features recipeRows = features.rows(recipe);
      rows.add(recipeRows);
      log.accept(recipe.name() + ": held-out actors 17-20");
      AffectMlp mlp = fit(recipe, recipeRows, VoiceTraining::trainable);
      heldOut.add(mlp);
      EnumSet<Corpus> others = EnumSet.copyOf(recipe.corpora());
      others.remove(Corpus.SAVEE);
      log.accept(recipe.name() + ": cross-corpus SAVEE");
      withoutSavee.add(
          others.equals(recipe.corpora())
              ? mlp
              : fit(recipe.on(others), recipeRows, VoiceTraining::trainable));
    }
    Map<String, ClassificationReport[]> blendViews = new LinkedHashMap<>();
    scoreMean(heldOut, rows, clip -> !trainable(clip), blendViews, HELD_OUT_VIEW);
    scoreMean(withoutSavee, rows, VoiceTraining::isSavee, blendViews, SAVEE_VIEW);
    Map<String, List<View>> components = new LinkedHashMap<>();
    Map<String, byte[]> graphs = new LinkedHashMap<>();
    for (int m = 0; m < recipes.size(); m++) {
      Map<String, ClassificationReport[]> views = new LinkedHashMap<>();
      scoreMean(
          List.of(heldOut.get(m)), List.of(rows.get(m)), c -> !trainable(c), views, HELD_OUT_VIEW);
      scoreMean(
          List.of(withoutSavee.get(m)),
          List.of(rows.get(m)),
          VoiceTraining::isSavee,
          views,
          SAVEE_VIEW);
      Recipe recipe = recipes.get(m);
      components.put(recipe.name(), sorted(views));
      graphs.put(
          recipe.name(),
          AffectMlpOnnx.write(
              heldOut.get(m),
              "sentio train voice --variant 6 " + VERSION,
              recipe.name()
                  + ", one half of "
                  + BLEND
                  + " (ADR 0057): the 42 voice features"
                  + (recipe.speakerNormalised() ? ", speaker-normalised" : "")
                  + "."));
    }
    return new Blended(sorted(blendViews), components, graphs);
  }

  private static final String SAVEE_VIEW = "cross-corpus: SAVEE (trained without it)";

  private static boolean isSavee(Clip clip) {
    return clip.corpus() == Corpus.SAVEE;
  }

  /**
   * Scores the mean of {@code mlps}' probabilities, each on its own {@code rows}, on the clips
   * {@code test} accepts (calm left out), per band, into the view {@code name}.
   */
  static void scoreMean(
      List<AffectMlp> mlps,
      List<Features> rows,
      Predicate<Clip> test,
      Map<String, ClassificationReport[]> views,
      String name) {
    List<Clip> clips = rows.get(0).clips();
    List<Integer> scored = new ArrayList<>();
    for (int i = 0; i < clips.size(); i++) {
      if (clips.get(i).scored() && test.test(clips.get(i))) {
        scored.add(i);
      }
    }
    if (scored.isEmpty()) {
      return;
    }
    float[][] wideMean = new float[scored.size()][Emotion.COUNT];
    float[][] telephoneMean = new float[scored.size()][Emotion.COUNT];
    for (int m = 0; m < mlps.size(); m++) {
      Features modelRows = rows.get(m);
      addProbabilities(mlps.get(m), scored, modelRows.wide(), wideMean);
      addProbabilities(mlps.get(m), scored, modelRows.telephone(), telephoneMean);
    }
    ClassificationReport[] pair = bandPair(views, name);
    for (int r = 0; r < scored.size(); r++) {
      Emotion truth = clips.get(scored.get(r)).emotion();
      pair[0].add(truth, top(wideMean[r]));
      pair[1].add(truth, top(telephoneMean[r]));
    }
  }

  /** Adds {@code mlp}'s probabilities for rows {@code indexes} of {@code raw} to {@code sums}. */
  private static void addProbabilities(
      AffectMlp mlp, List<Integer> indexes, float[][] raw, float[][] sums) {
    float[][] x = new float[indexes.size()][];
    for (int r = 0; r < x.length; r++) {
      x[r] = AffectMlpTrainer.standardise(raw[indexes.get(r)], mlp.mean(), mlp.scale());
    }
    float[] p =
        AffectMlpTrainer.predict(mlp, FeatureRows.dense(x, mlp.inputSize())).probabilities();
    for (int r = 0; r < x.length; r++) {
      for (int k = 0; k < Emotion.COUNT; k++) {
        sums[r][k] += p[r * Emotion.COUNT + k];
      }
    }
  }

  /** The class of the highest value, the first on a tie. */
  private static Emotion top(float[] values) {
    int best = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[best]) {
        best = k;
      }
    }
    return Emotion.values()[best];
  }

  /** The wide-band and telephone-band reports of view {@code name}, made empty on first use. */
  private static ClassificationReport[] bandPair(
      Map<String, ClassificationReport[]> views, String name) {
    return views.computeIfAbsent(
        name,
        k -> new ClassificationReport[] {new ClassificationReport(), new ClassificationReport()});
  }

  private static List<View> sorted(Map<String, ClassificationReport[]> views) {
    return views.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> new View(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .toList();
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
   * Trains {@code product} on every trainable clip of its corpora under {@code dataRoot}, scores it
   * on the held-out actors, and writes {@code model.onnx} and {@code manifest.json} into {@code
   * modelFolder}. With {@code validate} it also measures the product on the speaker folds and
   * cross-corpus views; with {@code compare} every one of {@link #COMPARED} on every view, on the
   * same folds (both read all three corpora). The clips of every corpus present are measured (or
   * read from the cache) even where the product trains on fewer, so that every product's retrain
   * reads the same cache file.
   */
  public static Result train(
      Product product,
      Path dataRoot,
      Path modelFolder,
      int threads,
      Path cacheFolder,
      boolean validate,
      boolean compare,
      Consumer<String> log)
      throws IOException {
    Set<Corpus> needed =
        validate || compare ? EnumSet.allOf(Corpus.class) : product.recipe().corpora();
    List<Clip> clips = new ArrayList<>();
    for (Corpus corpus : Corpus.values()) {
      if (needed.contains(corpus) || VoiceCorpora.present(dataRoot, corpus)) {
        clips.addAll(VoiceCorpora.read(dataRoot, corpus));
      }
    }
    log.accept("reading " + clips.size() + " clips from " + dataRoot);
    boolean logMel =
        product.recipe().layout() != Layout.VOICE_FEATURES
            || (compare && COMPARED.stream().anyMatch(r -> r.layout() != Layout.VOICE_FEATURES));
    List<Recipe> recipes = new ArrayList<>(List.of(product.recipe()));
    if (compare) {
      recipes.addAll(COMPARED);
    }
    Features features = features(clips, logMel, recipes, threads, cacheFolder, log);

    Map<String, List<View>> compared = new LinkedHashMap<>();
    if (compare) {
      for (Recipe recipe : COMPARED) {
        compared.put(recipe.name(), validate(recipe, features, log));
      }
    }
    Recipe recipe = product.recipe();
    Features rows = features.rows(recipe);
    log.accept(recipe.name() + ": final model on every trainable clip");
    AffectMlp mlp = fit(recipe, rows, VoiceTraining::trainable);
    Map<String, ClassificationReport[]> views = new LinkedHashMap<>();
    scoreHeldOut(mlp, rows, views);
    if (validate) {
      validateSpeakersAndCorpora(recipe, rows, views, log);
    }
    long calm = 0;
    long calmAsNeutral = 0;
    List<float[]> calmRows = new ArrayList<>();
    for (int i = 0; i < rows.clips().size(); i++) {
      Clip clip = rows.clips().get(i);
      if (!trainable(clip) && !clip.scored()) {
        calmRows.add(rows.wide()[i]);
      }
    }
    if (!calmRows.isEmpty()) {
      for (Emotion top : classify(mlp, calmRows)) {
        calm++;
        calmAsNeutral += top == Emotion.NEUTRAL ? 1 : 0;
      }
    }

    byte[] onnx =
        AffectMlpOnnx.write(
            mlp,
            product.command().substring(2) + " " + VERSION,
            product.description(),
            product.embedding());
    String sha256 = ModelFolder.write(modelFolder, onnx, manifest(product, dataRoot));
    log.accept("wrote " + modelFolder.resolve(ModelFolder.MODEL_FILE) + " sha256 " + sha256);
    return new Result(product, sha256, sorted(views), calm, calmAsNeutral, compared);
  }

  /** One line of the held-out figures. */
  public static String summary(Result result) {
    ClassificationReport heldOut = result.heldOut().wide();
    return String.format(
        Locale.ROOT,
        "held-out actors %d-20: n=%d accuracy=%.4f macro-F1=%.4f; calm as neutral %d/%d",
        FIRST_HELD_OUT_ACTOR,
        heldOut.n(),
        heldOut.accuracy(),
        heldOut.macroF1(),
        result.heldOutCalmAsNeutral(),
        result.heldOutCalm());
  }

  /**
   * The side-by-side table: one line per view, each compared recipe's figures under the product's.
   */
  public static String table(Result result) {
    int width =
        Math.max(
            result.product().modelName().length(),
            result.compared().keySet().stream().mapToInt(String::length).max().orElse(0));
    StringBuilder text = new StringBuilder();
    for (View view : result.views()) {
      text.append(String.format("%-" + width + "s  ", result.product().modelName()))
          .append(view.line())
          .append('\n');
      result
          .compared()
          .forEach(
              (name, views) ->
                  views.stream()
                      .filter(v -> v.name().equals(view.name()))
                      .forEach(
                          v ->
                              text.append(String.format("%-" + width + "s  ", name))
                                  .append(v.line())
                                  .append('\n')));
    }
    return text.toString();
  }

  /** The manifest of {@code product} trained on the corpora under {@code dataRoot}. */
  static Map<String, Object> manifest(Product product, Path dataRoot) throws IOException {
    Recipe recipe = product.recipe();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", product.modelName());
    m.put("version", VERSION);
    m.put("task", "voice affect: 7 emotions, valence and arousal from speech features");
    String ravdessSha = ModelFolder.sha256(dataRoot.resolve(DATASET).resolve("labels.csv"));
    Map<String, Object> source = new LinkedHashMap<>();
    if (product.multiCorpus()) {
      List<Map<String, Object>> sources = new ArrayList<>();
      for (Corpus corpus : Corpus.values()) {
        Map<String, Object> corpusSource = new LinkedHashMap<>();
        corpusSource.put("package", "trained in Sentio on " + corpus.folder);
        corpusSource.put("file", corpus.folder + "/labels.csv");
        corpusSource.put(
            "sha256", ModelFolder.sha256(dataRoot.resolve(corpus.folder).resolve("labels.csv")));
        sources.add(corpusSource);
      }
      source.put(
          "package",
          "trained in Sentio on speech_ravdess_train (actors 01-16), speech_savee, speech_urdu");
      source.put("file", DATASET + "/labels.csv");
      source.put("sha256", ravdessSha);
      m.put("source", source);
      m.put("sources", sources);
    } else {
      source.put("package", "trained in Sentio on " + DATASET + " (RAVDESS speech, actors 01-16)");
      source.put("file", "labels.csv");
      source.put("sha256", ravdessSha);
      m.put("source", source);
    }
    m.put(
        "converter",
        product.command().substring(2) + " " + VERSION + " (DJL 0.36.0 PyTorch 2.7.1 CPU)");
    m.put(
        "licence",
        product.multiCorpus()
            ? "CC-BY-NC-SA-4.0 AND LicenseRef-research-use-only"
            : "CC-BY-NC-SA-4.0");
    m.put("licenceFile", "LICENSE.txt");
    m.put("modelCard", "MODEL_CARD.md");
    m.put(
        "inputs",
        List.of(
            ModelFolder.port(
                AffectMlpOnnx.INPUT, recipe.layout().width(), product.inputMeaning())));
    List<Map<String, Object>> outputs = new ArrayList<>();
    outputs.add(
        ModelFolder.port(
            AffectMlpOnnx.EMOTIONS, 7, "softmax probabilities in the order of classes"));
    outputs.add(ModelFolder.port(AffectMlpOnnx.VALENCE, 1, "valence in [-1, 1]"));
    outputs.add(ModelFolder.port(AffectMlpOnnx.AROUSAL, 1, "arousal in [-1, 1]"));
    if (product.embedding()) {
      outputs.add(
          ModelFolder.port(
              AffectMlpOnnx.EMBEDDING,
              recipe.config().hidden(),
              "the hidden layer after ReLU (the embedding for fusion)"));
    }
    m.put("outputs", outputs);
    m.put("preprocessing", product.preprocessing());
    List<String> classes = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      classes.add(e.datasetLabel());
    }
    m.put("classes", classes);
    m.put("features", recipe.layout().names());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", product.command());
    t.put(
        "split",
        product.multiCorpus()
            ? "train RAVDESS actors 01-16 + all SAVEE + all URDU; held out RAVDESS actors 17-20;"
                + " validation also by leave-speakers-out folds and cross-corpus runs"
            : "train actors 01-16, held out actors 17-20");
    t.put("calm", "trained as neutral with valence 0.2 / arousal -0.5 targets");
    if (recipe.speakerNormalised()) {
      t.put(
          "normalisation",
          "each clip's features minus its speaker's mean (per band) plus the population mean");
    }
    if (recipe.telephone()) {
      t.put(
          "augmentation",
          "each clip also through the telephone band (8 kHz and back); loudness_mean_db +- "
              + recipe.gainJitterDb()
              + " dB uniform gain jitter");
    }
    t.put("config", recipe.config().toString());
    m.put("training", t);
    return m;
  }
}
