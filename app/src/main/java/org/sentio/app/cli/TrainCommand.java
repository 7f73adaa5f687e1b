package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sentio.affect.fusion.AnnotatedWindows;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.text.EmbeddingCache;
import org.sentio.affect.text.EncoderTextTraining;
import org.sentio.affect.text.Language;
import org.sentio.affect.text.SentenceEncoder;
import org.sentio.affect.text.TextAffectModel;
import org.sentio.affect.text.TextModelTraining;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.FaceBlend;
import org.sentio.affect.train.FaceCnnTrainer;
import org.sentio.affect.train.FaceCnnTraining;
import org.sentio.affect.train.FaceEmbeddingCache;
import org.sentio.affect.train.FaceHeadTraining;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.voice.VoiceCorpora;
import org.sentio.affect.voice.VoiceFeatureCache;
import org.sentio.affect.voice.VoiceModelInput;
import org.sentio.affect.voice.VoiceTraining;
import org.sentio.app.DataDirectory;
import org.sentio.app.SentioHome;
import org.sentio.app.store.Annotation;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SessionSummary;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentio train voice|text|fusion}: retrains a shipped affect model from the shared labeled
 * data, reproducibly (same seed and data → the same model sha256), and prints its held-out figures.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Retrain the voice or text affect model from the labeled data sets (offline, CPU).",
    subcommands = {
      TrainCommand.Voice.class,
      TrainCommand.Text.class,
      TrainCommand.Fusion.class,
      TrainCommand.Face.class
    })
public final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() throws UserError {
    throw new UserError("train: say voice, text or fusion (see sentio train --help)");
  }

  /** The options where every training reads its data sets and writes its model. */
  static final class Where {
    @Option(
        names = "--data",
        paramLabel = "DIR",
        description = "Folder holding the data sets (default: ../shared/data beside the install).")
    Path data;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Models folder to write into (default: the installed resources/models).")
    Path out;

    @Option(
        names = "--heldout-csv",
        paramLabel = "FILE",
        description =
            "Instead of training, write the held-out split as a CSV for sentio evaluate (fusion:"
                + " the held-out windows' label, image, audio and text paths, for evaluate"
                + " --crops).")
    Path heldOutCsv;

    /** The folder holding the data sets: --data, else the shared data beside the install. */
    Path dataRoot() {
      return data != null
          ? data
          : System.getProperty("sentio.shared.dir") != null
              ? Path.of(System.getProperty("sentio.shared.dir")).resolve("data")
              : SentioHome.locate().resolve("..").resolve("shared").resolve("data");
    }

    Path dataset(String name) throws UserError {
      Path dataset = dataRoot().resolve(name).normalize();
      if (!Files.isRegularFile(dataset.resolve("labels.csv"))) {
        throw new UserError(
            dataset + ": no labels.csv; point --data at the folder holding " + name);
      }
      return dataset;
    }

    Path modelFolder(String name) {
      return (out != null ? out : SentioHome.modelsDirectory()).resolve(name);
    }
  }

  /** {@code sentio train fusion}: the MoE fusion model from paired held-out model outputs. */
  @Command(
      name = "fusion",
      mixinStandardHelpOptions = true,
      description =
          "Train fusion-moe on windows pairing face, voice and text model outputs of the same label"
              + " (voice actors 19-20 held out), and with --from-annotations on the windows of"
              + " your labelled sessions.")
  static final class Fusion implements Callable<Integer> {
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(names = "--experts", defaultValue = "16", description = "Experts (8-32).")
    int experts;

    @Option(names = "--top-k", defaultValue = "2", description = "Experts per window.")
    int topK;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the windows.")
    int epochs;

    @Option(
        names = "--from-annotations",
        description =
            "Also train on the windows of your sessions that you labelled with an emotion (Review:"
                + " Shift-drag a span and label it), using their stored face, voice and text"
                + " estimates.")
    boolean fromAnnotations;

    @Option(
        names = "--annotations-only",
        description =
            "With --from-annotations: train on the annotated windows alone (at least 200), not on"
                + " the shared data; held-out figures are still measured on the shared data.")
    boolean annotationsOnly;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description =
            "Folder of the session store for --from-annotations (default: $SENTIO_DATA_DIR, else"
                + " the per-user data folder).")
    Path dataDir;

    @Option(
        names = "--sample",
        paramLabel = "F,V,T",
        description =
            "Read at most this many faces, voice clips and texts of the shared data per split (a"
                + " quick trial run; the figures are then those of the sample; default all).")
    String sample;

    @picocli.CommandLine.Mixin PrivateTraining privateTraining = new PrivateTraining();

    @Override
    public Integer call() throws Exception {
      if (experts < 8 || experts > 32 || topK < 1 || topK > experts) {
        throw new UserError("train fusion: --experts must be 8-32 and 1 <= --top-k <= experts");
      }
      FusionData.Limits limits = sampleLimits(sample);
      if (annotationsOnly && !fromAnnotations) {
        throw new UserError("train fusion: --annotations-only needs --from-annotations");
      }
      // The fusion data sets are found through SharedData, which reads the property.
      System.setProperty(
          "sentio.shared.dir", where.dataRoot().toAbsolutePath().getParent().toString());
      requireSharedData();
      MoeTrainer.Config d = MoeTrainer.Config.defaults();
      MoeTrainer.Config asked =
          new MoeTrainer.Config(
              d.latent(),
              experts,
              topK,
              d.inter(),
              epochs,
              d.batchSize(),
              d.learningRate(),
              d.weightDecay(),
              d.regressionWeight(),
              d.balanceWeight(),
              d.alignWeight(),
              d.temperature(),
              d.modalityDropout(),
              d.inputNoise(),
              d.seed());
      MoeTrainer.Config config = privateTraining.configFor(asked);
      if (where.heldOutCsv != null) {
        List<FusionData.MatchedRow> rows =
            FusionData.matchedHeldOut(
                FusionTraining.HELD_OUT_WINDOWS, FusionTraining.heldOutSeed(config));
        try {
          FusionData.writeMatchedCsv(where.heldOutCsv, rows);
        } catch (IOException e) {
          throw new UserError(where.heldOutCsv + ": cannot write (" + e.getMessage() + ")", e);
        }
        System.err.println(
            "wrote "
                + rows.size()
                + " held-out matched rows to "
                + where.heldOutCsv
                + "; measure them with: sentio evaluate --crops "
                + where.heldOutCsv);
        return 0;
      }
      FusionTraining.Plan plan =
          new FusionTraining.Plan(
              limits, FusionTraining.TRAIN_WINDOWS, FusionTraining.HELD_OUT_WINDOWS, null, false);
      Map<Long, Integer> sessionWindows = new LinkedHashMap<>();
      if (fromAnnotations) {
        AnnotatedWindows annotated;
        try (SessionStore store = openExistingStore(DataDirectory.resolve(dataDir))) {
          annotated = annotatedWindows(store, sessionWindows);
        }
        plan = plan.withAnnotations(annotated, annotationsOnly);
        try {
          FusionTraining.check(plan);
        } catch (IllegalArgumentException e) {
          throw new UserError("train fusion --from-annotations: " + e.getMessage(), e);
        }
        System.err.println("found " + annotated.describe());
      }
      FusionTraining.Fitter fitter =
          privateTraining.dp
              ? privateTraining.fitter(config, dataDir, sessionWindows)
              : (train, progress) -> new MoeTrainer(config).train(train, progress);
      OnnxHost host = OnnxHost.start(DevicePreference.CPU, 0);
      ModelRegistry registry =
          new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
      Path folder =
          (where.out != null
                  ? where.out
                  : privateTraining.dp
                      ? PrivateTraining.candidates(dataDir)
                      : SentioHome.modelsDirectory())
              .resolve(MoeFusion.MODEL);
      // A DP candidate is written aside and moved into place only after its ledger entry is
      // committed: a kill at any moment leaves no candidate model without its privacy ledger run.
      Path written = privateTraining.dp ? PrivateTraining.staging(folder) : folder;
      FusionTraining.Report report;
      try {
        report =
            FusionTraining.run(host, registry, written, config, plan, fitter, System.err::println);
      } catch (IllegalArgumentException e) {
        throw new UserError("train fusion: " + e.getMessage(), e);
      }
      if (privateTraining.dp) {
        privateTraining.record(dataDir, written, folder, sessionWindows);
        PrivateTraining.publish(written, folder);
      }
      report.accuracy().forEach((k, v) -> System.out.printf(Locale.ROOT, "%-22s %.4f%n", k, v));
      report
          .withoutModality()
          .forEach((k, v) -> System.out.printf(Locale.ROOT, "%-22s %.4f%n", k, v));
      System.out.println(report.load().describe());
      System.out.printf(
          Locale.ROOT,
          "trainer<->onnx max |diff|: standard %.2e, fused %.2e%n",
          report.parityStandard(),
          report.parityFused());
      return 0;
    }

    /** The shared-data limits {@code --sample F,V,T} asks for (all data without it). */
    static FusionData.Limits sampleLimits(String sample) throws UserError {
      if (sample == null) {
        return FusionData.Limits.ALL;
      }
      String bad =
          "train fusion: --sample takes three positive counts (faces, voice clips, texts), e.g."
              + " 240,28,400; got '"
              + sample
              + "'";
      int[] counts;
      try {
        counts =
            Arrays.stream(sample.split(",", -1))
                .mapToInt(c -> Integer.parseInt(c.strip()))
                .toArray();
      } catch (NumberFormatException e) {
        throw new UserError(bad, e);
      }
      if (counts.length != 3 || Arrays.stream(counts).anyMatch(c -> c < 1)) {
        throw new UserError(bad);
      }
      return new FusionData.Limits(counts[0], counts[1], counts[2]);
    }

    private static void requireSharedData() throws UserError {
      for (String name : List.of(FusionData.FACES, FusionData.SPEECH, FusionData.TEXT)) {
        Path labels = SharedData.dataset(name).resolve("labels.csv");
        if (!Files.isRegularFile(labels)) {
          throw new UserError(
              labels
                  + ": missing; train fusion reads the data sets "
                  + FusionData.FACES
                  + ", "
                  + FusionData.SPEECH
                  + " and "
                  + FusionData.TEXT
                  + " (point --data at the folder holding them)");
        }
      }
    }
  }

  /**
   * Opens the session store in {@code dataDirectory} without creating one: training from
   * annotations needs sessions a person analysed and labelled.
   */
  static SessionStore openExistingStore(Path dataDirectory) throws UserError {
    return openExistingStore(dataDirectory, "train fusion");
  }

  /** {@link #openExistingStore(Path)} for {@code command}'s messages. */
  static SessionStore openExistingStore(Path dataDirectory, String command) throws UserError {
    Path database = dataDirectory.resolve(SessionStore.DATABASE_FILE);
    if (!Files.isRegularFile(database)) {
      throw new UserError(
          command
              + " --from-annotations: no session store at "
              + database
              + "; analyse and label sessions first, or point --data-dir at the folder holding "
              + SessionStore.DATABASE_FILE);
    }
    try {
      return SessionStore.open(dataDirectory);
    } catch (StoreException e) {
      throw new UserError(command + " --from-annotations: " + e.getMessage(), e);
    }
  }

  /**
   * The windows of every stored session under its labelled spans.
   *
   * @throws UserError when no session carries a labelled span
   */
  static AnnotatedWindows annotatedWindows(SessionStore store) throws UserError {
    return annotatedWindows(store, new LinkedHashMap<>());
  }

  /**
   * The windows of every stored session under its labelled spans; {@code sessionWindows} receives
   * how many windows each session gave (the privacy ledger's record of who was read).
   */
  static AnnotatedWindows annotatedWindows(SessionStore store, Map<Long, Integer> sessionWindows)
      throws UserError {
    AnnotatedWindows annotated = new AnnotatedWindows();
    int sessions = 0;
    try {
      for (SessionSummary summary : store.sessions().list()) {
        sessions++;
        List<Annotation> annotations = store.annotations().list(summary.id());
        if (annotations.isEmpty()) {
          continue;
        }
        Optional<StoredSession> session = store.sessions().load(summary.id());
        if (session.isEmpty()) {
          continue;
        }
        List<AnnotatedWindows.LabeledSpan> spans = new ArrayList<>();
        for (Annotation a : annotations) {
          spans.add(new AnnotatedWindows.LabeledSpan(a.startSeconds(), a.endSeconds(), a.label()));
        }
        int before = annotated.size();
        annotated.add(session.get().result().windows(), spans);
        if (annotated.size() > before) {
          sessionWindows.put(summary.id(), annotated.size() - before);
        }
      }
    } catch (StoreException e) {
      throw new UserError("train fusion --from-annotations: " + e.getMessage(), e);
    }
    if (annotated.sessions() == 0) {
      throw new UserError(
          "train fusion --from-annotations: no annotated sessions in "
              + store.databaseFile()
              + " ("
              + sessions
              + (sessions == 1 ? " session" : " sessions")
              + ", none with a labelled span); label spans in Review (Shift-drag, then label)"
              + " first");
    }
    return annotated;
  }

  /** {@code sentio train voice}. */
  @Command(
      name = "voice",
      mixinStandardHelpOptions = true,
      description =
          "Retrain a voice model: by default voice-affect, the analysis's model (RAVDESS actors"
              + " 01-16); with --model another one trained on RAVDESS actors 01-16, SAVEE and"
              + " URDU, wide and telephone band (research use only), printing every validation"
              + " view. All hold out RAVDESS actors 17-20.")
  static final class Voice implements Callable<Integer> {
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(
        names = "--threads",
        defaultValue = "2",
        description = "Threads for feature extraction (training itself runs on one).")
    int threads;

    @Option(
        names = "--model",
        defaultValue = "ravdess",
        description =
            "ravdess (default, voice-affect), multi (voice-affect-multi: 42 features) or mel"
                + " (voice-affect-mel: 42 features + log-mel statistics, speaker-normalised).")
    String model;

    @Option(
        names = "--variant",
        paramLabel = "N",
        description =
            "Instead of training, measure recipe N of --compare's list (1: voice-affect, 2: multi,"
                + " 3: mel, 4: voice-affect-norm, 5: voice-affect-melmeans) on the held-out actors"
                + " and SAVEE cross-corpus (two trainings).")
    Integer variant;

    @Option(
        names = "--augment",
        description =
            "With --variant 1 or 2: train the recipe also on a copy of each training clip with white"
                + " noise at 20 dB and at 10 dB SNR, 10 percent slower and 10 percent faster (four more"
                + " feature passes over the training clips, kept in the cache).")
    boolean augment;

    @Option(
        names = "--skip-validation",
        description =
            "Train and write a multi-corpus model without the eight speaker-fold and"
                + " cross-corpus trainings.")
    boolean skipValidation;

    @Option(
        names = "--cache",
        paramLabel = "DIR",
        description =
            "Folder keeping the clips' features between runs (default:"
                + " ~/.cache/sentio/voice-features; the first run measures every clip twice).")
    Path cache;

    @Option(names = "--no-cache", description = "Measure every clip again.")
    boolean noCache;

    @Option(
        names = "--compare",
        description =
            "Also validate every recipe of the list (voice-affect, multi, mel, and the"
                + " speaker-normalised candidates voice-affect-norm and voice-affect-melmeans) on the"
                + " same folds and print each under the trained model's line (nine trainings"
                + " each).")
    boolean compare;

    @Override
    public Integer call() throws UserError, IOException {
      VoiceTraining.Product product = VoiceTraining.product(model);
      if (product == null) {
        throw new UserError("--model: use ravdess, multi or mel, not '" + model + "'");
      }
      if (variant != null && (variant < 1 || variant > VoiceTraining.COMPARED.size())) {
        throw new UserError(
            "--variant: use 1 to " + VoiceTraining.COMPARED.size() + ", not " + variant);
      }
      if (augment && (variant == null || !VoiceTraining.COMPARED.get(variant - 1).augmentable())) {
        throw new UserError(
            "--augment: use it with --variant 1 or 2 (the 42 features, not speaker-normalised)");
      }
      Path root = where.dataset(VoiceTraining.DATASET).getParent();
      boolean allCorpora = product.multiCorpus() || compare || variant != null;
      if (allCorpora) {
        for (VoiceCorpora.Corpus corpus : VoiceCorpora.Corpus.values()) {
          where.dataset(corpus.folder);
        }
      }
      if (where.heldOutCsv != null) {
        List<String[]> rows = new ArrayList<>();
        for (VoiceCorpora.Clip clip : VoiceCorpora.read(root, VoiceCorpora.Corpus.RAVDESS)) {
          if (!VoiceTraining.trainable(clip) && clip.scored()) {
            rows.add(new String[] {clip.label(), clip.file().toAbsolutePath().toString()});
          }
        }
        writeCsv(where.heldOutCsv, "audio", rows);
        System.err.println("wrote " + rows.size() + " held-out rows to " + where.heldOutCsv);
        return 0;
      }
      Path cacheFolder = noCache ? null : cache != null ? cache : VoiceFeatureCache.defaultFolder();
      if (variant != null) {
        VoiceTraining.Recipe compared = VoiceTraining.COMPARED.get(variant - 1);
        VoiceTraining.Recipe recipe = augment ? compared.augmented() : compared;
        VoiceTraining.Features features =
            VoiceTraining.features(
                VoiceCorpora.readAll(root),
                recipe.layout() != VoiceModelInput.Layout.VOICE_FEATURES,
                List.of(recipe),
                threads,
                cacheFolder,
                System.err::println);
        printViews(recipe.name(), VoiceTraining.headline(recipe, features, System.err::println));
        return 0;
      }
      VoiceTraining.Result result =
          VoiceTraining.train(
              product,
              root,
              where.modelFolder(product.modelName()),
              threads,
              cacheFolder,
              product.multiCorpus() && !skipValidation,
              compare,
              System.err::println);
      System.out.println(VoiceTraining.summary(result));
      if (!result.compared().isEmpty()) {
        System.out.print(VoiceTraining.table(result));
      }
      printViews(product.modelName(), result.views());
      System.out.println("sha256 " + result.sha256());
      return 0;
    }

    private static void printViews(String name, List<VoiceTraining.View> views) {
      for (VoiceTraining.View view : views) {
        System.out.println(name + "  " + view.line());
        System.out.println(name + ", " + view.name() + ", wide band:");
        System.out.print(view.wide().toText());
        System.out.println(name + ", " + view.name() + ", telephone band:");
        System.out.print(view.telephone().toText());
      }
    }
  }

  /** {@code sentio train face}: the FER+ soft-target CNN (not the pipeline's default model). */
  @Command(
      name = "face",
      mixinStandardHelpOptions = true,
      description =
          "Train face-expression-cnn on faces_ferplus_train (FER+ vote shares, 10 %% of the"
              + " duplicate groups held out) and print its figures on the held-out faces and on"
              + " faces_fer2013_publictest (original labels and FER+ majority). Not the default"
              + " expression model (see the face-expression-ensemble card).")
  static final class Face implements Callable<Integer> {
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(
        names = "--channels",
        defaultValue = "16,32,64",
        description = "Channels of the three 3x3 convolution layers.")
    String channels;

    @Option(names = "--epochs", defaultValue = "3", description = "Passes over the faces.")
    int epochs;

    @Option(
        names = "--limit",
        defaultValue = "0",
        description = "Train on the first N faces only (0: all 25,296).")
    int limit;

    @Option(
        names = "--head",
        description =
            "Instead of the CNN, train face-expression-head: a head on the frozen mini-Xception"
                + " and face-api backbones, the best of a few settings on the held-out faces"
                + " (ignores --channels and --epochs).")
    boolean head;

    @Option(
        names = "--blend",
        description =
            "Instead of training, write face-expression-blend (ADR 0058): the no-flip ensemble and"
                + " face-expression-head (read from --out, else the installed models) averaged 1:1"
                + " in one graph over the installed backbones; prints its PublicTest figures.")
    boolean blend;

    @Option(
        names = "--cache",
        paramLabel = "DIR",
        description =
            "--head: folder keeping the training faces' backbone embeddings between runs (default:"
                + " ~/.cache/sentio/face-embeddings; the first run embeds 25,296 faces and their"
                + " mirror images).")
    Path cache;

    @Option(names = "--no-cache", description = "--head: embed every face again.")
    boolean noCache;

    @Override
    public Integer call() throws UserError, IOException {
      if (limit < 0) {
        throw new UserError("--limit must be 0 (all faces) or more, got " + limit);
      }
      if (head && blend) {
        throw new UserError("train face: give --head or --blend, not both");
      }
      if (head) {
        return trainHead();
      }
      if (blend) {
        return writeBlend();
      }
      int[] widths;
      try {
        widths = Arrays.stream(channels.split(",")).mapToInt(Integer::parseInt).toArray();
      } catch (NumberFormatException e) {
        throw new UserError("--channels: give three whole numbers like 16,32,64, not " + channels);
      }
      if (widths.length != 3 || Arrays.stream(widths).anyMatch(w -> w < 1 || w > 512)) {
        throw new UserError("--channels: give three numbers from 1 to 512 like 16,32,64");
      }
      if (epochs < 1 || epochs > 500) {
        throw new UserError("--epochs must be between 1 and 500, got " + epochs);
      }
      Path root = where.dataset(FaceCnnTraining.TRAIN_DATASET).getParent();
      where.dataset(FaceCnnTraining.VALIDATION_DATASET);
      FaceCnnTrainer.Config base = FaceCnnTraining.DEFAULT;
      FaceCnnTraining.Result result =
          FaceCnnTraining.train(
              root,
              where.modelFolder(FaceCnnTraining.MODEL_NAME),
              new FaceCnnTrainer.Config(
                  widths, epochs, base.batchSize(), base.learningRate(), base.seed()),
              limit,
              System.err::println);
      System.out.printf(
          Locale.ROOT,
          "held-out FER+ faces: n=%d accuracy vs FER+ majority=%.4f (trained on %d)%n",
          result.heldOut(),
          result.heldOutAccuracy(),
          result.trained());
      System.out.println(FaceCnnTraining.VALIDATION_DATASET + ", original labels:");
      System.out.print(result.original().toText());
      System.out.println(FaceCnnTraining.VALIDATION_DATASET + ", FER+ majority:");
      System.out.print(result.ferPlus().toText());
      System.out.println("sha256 " + result.sha256());
      return 0;
    }

    private Integer writeBlend() throws UserError, IOException {
      Path publicTest = where.dataset(FaceBlend.VALIDATION_DATASET);
      if (!Files.isRegularFile(publicTest.resolve("ferplus_votes.csv"))) {
        throw new UserError(
            publicTest
                + ": no ferplus_votes.csv; point --data at the folder holding "
                + FaceBlend.VALIDATION_DATASET);
      }
      Path headModels = where.modelFolder(FaceHeadTraining.MODEL_NAME).getParent();
      try {
        FaceBlend.Result result =
            FaceBlend.write(
                SentioHome.modelsDirectory(),
                headModels,
                publicTest,
                where.modelFolder(FaceBlend.MODEL_NAME),
                System.err::println);
        System.out.println(
            "blend of face-expression-ensemble-noflip and "
                + FaceHeadTraining.MODEL_NAME
                + " "
                + result.head().manifest().version()
                + " (sha256 "
                + result.head().manifest().sha256()
                + "), 1:1");
        System.out.println(FaceBlend.VALIDATION_DATASET + ", original labels:");
        System.out.print(result.original().toText());
        System.out.println(FaceBlend.VALIDATION_DATASET + ", FER+ majority:");
        System.out.print(result.ferPlus().toText());
        System.out.println("sha256 " + result.sha256());
        return 0;
      } catch (ModelException e) {
        throw new UserError("train face --blend: " + e.getMessage());
      }
    }

    private Integer trainHead() throws UserError, IOException {
      Path root = where.dataset(FaceHeadTraining.TRAIN_DATASET).getParent();
      where.dataset(FaceHeadTraining.VALIDATION_DATASET);
      try {
        FaceHeadTraining.Result result =
            FaceHeadTraining.train(
                root,
                SentioHome.modelsDirectory(),
                where.modelFolder(FaceHeadTraining.MODEL_NAME),
                FaceHeadTraining.CANDIDATES,
                FaceHeadTraining.DEFAULT_FLIP,
                limit,
                noCache ? null : cache != null ? cache : FaceEmbeddingCache.defaultFolder(),
                System.err::println);
        System.out.printf(
            Locale.ROOT,
            "held-out FER+ faces: n=%d (trained on %d); chosen head %s%n",
            result.heldOut(),
            result.trained(),
            result.chosen());
        System.out.println("held-out FER+ faces, FER+ majority:");
        System.out.print(result.heldOutFerPlus().toText());
        System.out.println("held-out FER+ faces, FER-2013 label:");
        System.out.print(result.heldOutOriginal().toText());
        System.out.println(FaceHeadTraining.VALIDATION_DATASET + ", original labels:");
        System.out.print(result.original().toText());
        System.out.println(FaceHeadTraining.VALIDATION_DATASET + ", FER+ majority:");
        System.out.print(result.ferPlus().toText());
        System.out.println("sha256 " + result.sha256());
        return 0;
      } catch (ModelException e) {
        throw new UserError(
            "the shipped face-expression and face-expression-faceapi models are needed as"
                + " backbones: "
                + e.getMessage());
      }
    }
  }

  /** {@code sentio train text --lang en|zh}. */
  @Command(
      name = "text",
      mixinStandardHelpOptions = true,
      description =
          "Retrain the text-affect model of a language: by default the encoder model"
              + " (text-affect-en-bge: GoEmotions + ISEAR, GoEmotions dev split held out;"
              + " text-affect-zh-bge: SMP2020-EWECT + CLUE Emotion, EWECT eval split held out);"
              + " with --model ngram the n-gram model (text-affect-en, text-affect-zh).")
  static final class Text implements Callable<Integer> {
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(
        names = "--lang",
        description = "en or zh (required, except with --from-annotations, which trains en)")
    String lang;

    @Option(
        names = "--from-annotations",
        description =
            "With --dp: fine-tune the English encoder model's sentence-embedding head on the"
                + " stored utterances inside labelled spans (the n-gram part stays as shipped);"
                + " writes a candidate to compare and adopt with sentio models.")
    boolean fromAnnotations;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description =
            "Folder of the session store for --from-annotations (default: $SENTIO_DATA_DIR, else"
                + " the per-user data folder).")
    Path dataDir;

    @picocli.CommandLine.Mixin PrivateTraining privateTraining = new PrivateTraining();

    @Option(
        names = "--model",
        defaultValue = "encoder",
        description = "encoder (default) or ngram: which of the language's models to retrain.")
    String model;

    @Option(
        names = "--cache",
        paramLabel = "DIR",
        description =
            "Encoder model: folder keeping the training texts' embeddings between runs (default:"
                + " ~/.cache/sentio/text-embeddings; the first run embeds about 50,000 texts, 10-40"
                + " ms each on one core).")
    Path cache;

    @Option(names = "--no-cache", description = "Encoder model: embed every text again.")
    boolean noCache;

    @Option(
        names = "--negation",
        defaultValue = "shipped",
        description =
            "Negation marking in the features: shipped (en on, zh off), or on/off to measure the"
                + " other setting without writing a model.")
    String negation;

    @Override
    public Integer call() throws Exception {
      if (lang == null && !fromAnnotations) {
        throw new UserError("train text: --lang en or --lang zh is required");
      }
      if (privateTraining.start != null) {
        throw new UserError("train text: --start is for train fusion only");
      }
      if (fromAnnotations && where.heldOutCsv != null) {
        throw new UserError(
            "train text --from-annotations: --heldout-csv writes the shared data's split; run it"
                + " without --from-annotations");
      }
      if (privateTraining.dp && !fromAnnotations) {
        throw new UserError(
            "train text --dp: needs --from-annotations (the shared data sets are public)");
      }
      Language language =
          switch ((lang == null ? "en" : lang).toLowerCase(Locale.ROOT)) {
            case "en" -> Language.EN;
            case "zh" -> Language.ZH;
            default -> throw new UserError("--lang: use en or zh, not '" + lang + "'");
          };
      if (fromAnnotations) {
        return PrivateTextTraining.run(privateTraining, dataDir, where.out, language);
      }
      TextModelTraining.Spec spec = TextModelTraining.Spec.of(language);
      Path dataset = where.dataset(spec.dataset);
      if (where.heldOutCsv != null) {
        List<String[]> rows = new ArrayList<>();
        for (TextModelTraining.Item item : TextModelTraining.items(dataset)) {
          if (item.split().equals(spec.heldOutSplit)) {
            rows.add(new String[] {item.label(), item.text()});
          }
        }
        writeCsv(where.heldOutCsv, "text", rows);
        System.err.println("wrote " + rows.size() + " held-out rows to " + where.heldOutCsv);
        return 0;
      }
      switch (model.toLowerCase(Locale.ROOT)) {
        case "encoder" -> {
          return trainEncoderModel(language, dataset);
        }
        case "ngram" -> {}
        default -> throw new UserError("--model: use encoder or ngram, not '" + model + "'");
      }
      boolean on =
          switch (negation.toLowerCase(Locale.ROOT)) {
            case "shipped" -> spec.negationMarking;
            case "on" -> true;
            case "off" -> false;
            default -> throw new UserError("--negation: use shipped, on or off");
          };
      Path folder = on == spec.negationMarking ? where.modelFolder(spec.modelName) : null;
      TextModelTraining.Result result =
          TextModelTraining.train(spec, dataset, folder, on, System.err::println);
      System.out.println(
          TextModelTraining.summary(spec, result) + "; negation marking " + (on ? "on" : "off"));
      System.out.print(result.heldOut().toText());
      System.out.println(
          folder == null ? "(measurement only: nothing written)" : "sha256 " + result.sha256());
      return 0;
    }

    private int trainEncoderModel(Language language, Path dataset) throws UserError, IOException {
      EncoderTextTraining.Spec spec = EncoderTextTraining.Spec.of(language);
      where.dataset(spec.second.dataset());
      Path dataRoot = dataset.getParent();
      Path ngramFolder = where.modelFolder(spec.base.modelName);
      AffectMlp ngram;
      String ngramSha256;
      try {
        ModelRegistry own = new ModelRegistry(ngramFolder.getParent(), "retrain it first");
        InstalledModel installed = own.readManifest(ngramFolder);
        own.requireVerified(installed);
        ngram = AffectMlpOnnx.read(Files.readAllBytes(installed.modelFile()));
        ngramSha256 = installed.manifest().sha256();
      } catch (ModelException e) {
        throw new UserError(
            e.getMessage()
                + " (the encoder model joins the n-gram model: ./sentio train text --model ngram"
                + " --lang "
                + lang
                + " makes it)",
            e);
      }
      List<EncoderTextTraining.Item> items = EncoderTextTraining.items(spec, dataRoot, 0);
      float[][] embeddings;
      OnnxHost host = OnnxHost.start(DevicePreference.CPU, 1);
      try (SentenceEncoder encoder = SentenceEncoder.open(host, spec.encoder)) {
        embeddings =
            EncoderTextTraining.embeddings(
                encoder,
                items,
                dataRoot,
                noCache ? null : cache != null ? cache : EmbeddingCache.defaultFolder(),
                System.err::println);
      } catch (ModelException e) {
        throw new IOException(e.getMessage(), e);
      }
      Path folder = where.modelFolder(spec.modelName);
      EncoderTextTraining.Result result =
          EncoderTextTraining.train(
              spec,
              items,
              embeddings,
              ngram,
              ngramSha256,
              EncoderTextTraining.CONFIG,
              dataRoot,
              folder,
              System.err::println);
      System.out.print(EncoderTextTraining.summary(spec, result));
      for (var e : result.heldOut().entrySet()) {
        if (!e.getKey().startsWith("n-gram weight")) {
          System.out.println("--- held out, " + e.getKey());
          System.out.print(e.getValue().toText());
        }
      }
      System.out.println(
          folder == null ? "(measurement only: nothing written)" : "sha256 " + result.sha256());
      if (folder != null) {
        System.out.println(latency(host, folder, language, items));
      }
      return 0;
    }

    /** Times the written model, encoder included, on held-out utterances of the first corpus. */
    private static String latency(
        OnnxHost host, Path folder, Language language, List<EncoderTextTraining.Item> items)
        throws IOException {
      ModelRegistry registry = new ModelRegistry(folder.getParent(), "retrain it");
      List<String> texts = new ArrayList<>();
      for (EncoderTextTraining.Item item : items) {
        if (item.heldOut() && texts.size() < 300) {
          texts.add(item.text());
        }
      }
      try (TextAffectModel model =
          TextAffectModel.open(host, registry, registry.readManifest(folder), language)) {
        for (int i = 0; i < 20; i++) {
          model.predict(texts.get(i));
        }
        // ONNX Runtime on one intra-op thread computes on the calling thread, so this thread's CPU
        // time is the cost on one core, whatever else the machine runs; wall time is printed too.
        java.lang.management.ThreadMXBean threads =
            java.lang.management.ManagementFactory.getThreadMXBean();
        double[] millis = new double[texts.size()];
        double[] cpuMillis = new double[texts.size()];
        for (int i = 0; i < millis.length; i++) {
          long start = System.nanoTime();
          long cpuStart = threads.getCurrentThreadCpuTime();
          model.predict(texts.get(i));
          cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
        java.util.Arrays.sort(millis);
        java.util.Arrays.sort(cpuMillis);
        return String.format(
            Locale.ROOT,
            "latency per utterance, encoder and head on one thread (%d held-out utterances):"
                + " CPU time median %.1f ms, 90th percentile %.1f ms; wall clock median %.1f ms,"
                + " 90th percentile %.1f ms",
            millis.length,
            cpuMillis[cpuMillis.length / 2],
            cpuMillis[cpuMillis.length * 9 / 10],
            millis[millis.length / 2],
            millis[millis.length * 9 / 10]);
      } catch (ModelException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  private static void writeCsv(Path file, String column, List<String[]> rows) throws IOException {
    StringBuilder csv = new StringBuilder("label,").append(column).append('\n');
    for (String[] row : rows) {
      csv.append(row[0]).append(',').append(quote(row[1])).append('\n');
    }
    Files.writeString(file, csv.toString());
  }

  private static String quote(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
