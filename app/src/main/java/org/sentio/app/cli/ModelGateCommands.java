package org.sentio.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;
import org.sentio.affect.evaluate.EvaluationException;
import org.sentio.affect.evaluate.Evaluator;
import org.sentio.affect.evaluate.LabeledSet;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.text.Language;
import org.sentio.app.DataDirectory;
import org.sentio.app.SentioHome;
import org.sentio.app.store.PrivacyLedgerRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.learning.federated.FusionModelFolder;
import org.sentio.learning.gate.GatedModel;
import org.sentio.learning.gate.ModelComparison;
import org.sentio.learning.gate.ModelGate;
import org.sentio.learning.gate.ModelTask;
import org.sentio.learning.gate.TextComparison;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sentio models compare|adopt|rollback}: the A/B gate before a model replaces another. */
final class ModelGateCommands {
  private ModelGateCommands() {}

  /** The models folder: {@code --models} or the installed one. */
  static final class Models {
    @Option(
        names = "--models",
        paramLabel = "DIR",
        description = "Models folder holding the model in use (default: the installed one).")
    Path models;

    Path folder() {
      return models != null ? models : SentioHome.modelsDirectory();
    }
  }

  /** {@code --task}: which model in use a candidate is meant to replace. */
  static final class Task {
    @Option(
        names = "--task",
        paramLabel = "TASK",
        description =
            "The model the candidate is for: fusion, text-en or text-zh (default: what its"
                + " manifest names); a candidate for another is refused.")
    String task;

    /** The task named, or null when none was. */
    ModelTask expected(String command) throws UserError {
      if (task == null) {
        return null;
      }
      try {
        return ModelTask.ofOption(task);
      } catch (IllegalArgumentException e) {
        throw new UserError("models " + command + " --task: " + e.getMessage(), e);
      }
    }
  }

  /** A step of the gate, its refusal turned into the command's one-line error. */
  private interface GateStep<T> {
    T run() throws ModelGate.Refusal;
  }

  private static <T> T gate(String command, GateStep<T> step) throws UserError {
    try {
      return step.run();
    } catch (ModelGate.Refusal e) {
      throw new UserError("models " + command + ": " + e.getMessage(), e);
    }
  }

  /** {@code sentio models compare CANDIDATE [--labels CSV]}. */
  @Command(
      name = "compare",
      mixinStandardHelpOptions = true,
      description =
          "Evaluate a candidate beside the model of its task in use on the same held-out labelled"
              + " examples; accuracy, macro-F1, McNemar's paired test. A fusion candidate: the"
              + " windows of the shared data (the split no shipped or trained fusion model saw),"
              + " or with --labels the rows of a labelled CSV (the format sentio evaluate reads)."
              + " A text candidate (text-affect-en-bge, text-affect-zh-bge): the annotated"
              + " utterances of the store's sessions that neither model was trained on (the"
              + " privacy ledger says which), or with --labels the text rows of a labelled CSV.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:compared", "1:internal error", "2:bad input (the message names it)"})
  static final class Compare implements Callable<Integer> {
    private static final int DEFAULT_WINDOWS = 2000;

    @Parameters(paramLabel = "CANDIDATE", description = "The candidate model folder.")
    Path candidate;

    @picocli.CommandLine.Mixin Models models = new Models();

    @picocli.CommandLine.Mixin Task task = new Task();

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description =
            "For a text candidate: the folder of the session store whose annotated utterances"
                + " are compared on (default: $SENTIO_DATA_DIR, else the user data folder).")
    Path dataDir;

    @Option(
        names = "--windows",
        description = "Held-out windows (default 2000, those of the fusion model card).")
    Integer windows;

    @Option(
        names = "--sample",
        paramLabel = "F,V,T",
        description =
            "Read at most this many faces, voice clips and texts per split (a quick check;"
                + " default all).")
    String sample;

    @Option(
        names = "--labels",
        paramLabel = "CSV",
        description =
            "Compare on this labelled CSV instead (columns: label, and any of image, audio, text;"
                + " at least "
                + ModelComparison.MIN_WINDOWS
                + " rows): for a fusion candidate each row is analysed by the installed face,"
                + " voice and text models and fused by both fusion models; for a text candidate"
                + " every row needs text in its language, read by both text models. Use rows"
                + " neither model was trained on.")
    Path labels;

    @Option(
        names = "--crops",
        description = "With --labels: the images are already cropped faces (skip detection).")
    boolean crops;

    @Override
    public Integer call() throws Exception {
      ModelTask expected = task.expected("compare");
      GatedModel cand = gate("compare", () -> ModelGate.candidate(candidate, expected));
      GatedModel inUse = gate("compare", () -> ModelGate.inUse(models.folder(), cand.task()));
      if (cand.sha256().equals(inUse.sha256())) {
        throw new UserError(
            "models compare: " + candidate + " is the model in use (same sha256); nothing to do");
      }
      if (labels != null && sample != null) {
        throw new UserError("models compare: --sample reads the shared data; not with --labels");
      }
      String data;
      String examples;
      ModelComparison c;
      if (cand.task().isText()) {
        if (sample != null || crops || windowsGiven()) {
          throw new UserError(
              "models compare: --sample, --windows and --crops are for fusion candidates; "
                  + candidate
                  + " is "
                  + cand.task().named());
        }
        List<TextComparison.LabelledText> held;
        if (labels != null) {
          held = labelledTexts(cand.task());
          data = "labelled CSV " + labels.toAbsolutePath().normalize();
        } else {
          Path store = DataDirectory.resolve(dataDir);
          held = heldOutUtterances(store, cand, inUse);
          data = "annotated utterances of the store " + store.toAbsolutePath().normalize();
        }
        c = compareTexts(cand, inUse, held);
        examples = held.size() + " utterances";
      } else {
        if (dataDir != null) {
          throw new UserError(
              "models compare: --data-dir is for text candidates; a fusion candidate is compared"
                  + " on the shared data or --labels");
        }
        FusionModelFolder fusionCandidate = FusionModelFolder.read(cand.folder());
        FusionModelFolder fusionInUse = FusionModelFolder.read(inUse.folder());
        MoeTrainer.Windows held;
        if (labels != null) {
          held = labelled();
          data = "labelled CSV " + labels.toAbsolutePath().normalize();
        } else {
          held = sharedHeldOut();
          data = "fusion held-out windows of the shared data (voice actors 19-20)";
        }
        c = ModelComparison.of(fusionCandidate.weights(), fusionInUse.weights(), held);
        examples = held.size() + " windows";
      }
      System.out.printf(
          Locale.ROOT, "%-10s %-22s %-9s %s%n", "", "version", "accuracy", "macro-F1");
      System.out.printf(
          Locale.ROOT,
          "%-10s %-22s %.4f    %.4f%n",
          "candidate",
          cand.version(),
          c.candidate().accuracy(),
          c.candidate().macroF1());
      System.out.printf(
          Locale.ROOT,
          "%-10s %-22s %.4f    %.4f%n",
          "in use",
          inUse.version(),
          c.inUse().accuracy(),
          c.inUse().macroF1());
      System.out.printf(
          Locale.ROOT,
          "McNemar: candidate alone right on %d, in use alone right on %d of %s; p = %.4g%n",
          c.test().onlyA(),
          c.test().onlyB(),
          examples,
          c.test().pValue());
      String verdict =
          c.candidateBetter(0.05)
              ? "the candidate is significantly better (p < 0.05)"
              : c.test().onlyB() > c.test().onlyA() && c.test().pValue() < 0.05
                  ? "the candidate is significantly worse (p < 0.05): keep the model in use"
                  : "no significant difference (p >= 0.05)";
      System.out.println(verdict);
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("task", cand.task().modelName);
      record.put("candidateSha256", cand.sha256());
      record.put("inUseSha256", inUse.sha256());
      record.put("windows", c.candidate().n());
      record.put("data", data);
      record.put("candidateAccuracy", c.candidate().accuracy());
      record.put("candidateMacroF1", c.candidate().macroF1());
      record.put("inUseAccuracy", c.inUse().accuracy());
      record.put("inUseMacroF1", c.inUse().macroF1());
      record.put("mcnemarP", c.test().pValue());
      record.put("verdict", verdict);
      try {
        ModelGate.recordComparison(candidate, record);
      } catch (IOException e) {
        throw new UserError(candidate + ": cannot record the comparison (" + e + ")", e);
      }
      return 0;
    }

    private boolean windowsGiven() {
      return windows != null;
    }

    private int windowCount() {
      return windows != null ? windows : DEFAULT_WINDOWS;
    }

    /** Both text models on the utterances, with progress on stderr. */
    private static ModelComparison compareTexts(
        GatedModel cand, GatedModel inUse, List<TextComparison.LabelledText> held)
        throws UserError {
      ProgressLine progress = ProgressLine.onStderr("compare");
      try {
        return TextComparison.compare(
            OnnxHost.start(DevicePreference.CPU, 1),
            cand,
            inUse,
            held,
            n -> progress.onCount(n, held.size(), "utterances"));
      } catch (ModelException e) {
        throw new UserError("models compare: " + e.getMessage(), e);
      } finally {
        progress.finish();
      }
    }

    /**
     * The text rows of {@code --labels}, each in the candidate's language; a row without text or in
     * another language is refused with its line.
     */
    private List<TextComparison.LabelledText> labelledTexts(ModelTask textTask) throws UserError {
      LabeledSet set;
      try {
        set = LabeledSet.read(labels, false);
      } catch (LabeledSet.InvalidException e) {
        throw new UserError("models compare --labels: " + e.getMessage(), e);
      }
      List<TextComparison.LabelledText> out = new ArrayList<>();
      for (LabeledSet.Row row : set.rows()) {
        if (row.text() == null || row.text().isBlank()) {
          throw new UserError(
              "models compare --labels: "
                  + labels
                  + " line "
                  + row.line()
                  + " has no text; a text candidate is compared on the text column alone");
        }
        Language language = Language.detect(row.text());
        if (language != textTask.language) {
          throw new UserError(
              "models compare --labels: "
                  + labels
                  + " line "
                  + row.line()
                  + " is not "
                  + textTask.language
                  + " text (read as "
                  + language
                  + "); the candidate is "
                  + textTask.named());
        }
        out.add(new TextComparison.LabelledText(row.text(), row.emotion()));
      }
      requireEnough(out.size(), labels + " has " + out.size() + " labelled rows");
      return out;
    }

    /**
     * The annotated utterances of the store in the candidate's language, less those of every
     * session that a DP training run of either model read (the ledger knows them by the model
     * file's sha256): the candidate must not be scored on what it learnt from.
     */
    private static List<TextComparison.LabelledText> heldOutUtterances(
        Path dataDirectory, GatedModel cand, GatedModel inUse) throws UserError {
      Path database = dataDirectory.resolve(SessionStore.DATABASE_FILE);
      if (!Files.isRegularFile(database)) {
        throw new UserError(
            "models compare: no session store at "
                + database
                + "; point --data-dir at the folder holding "
                + SessionStore.DATABASE_FILE
                + ", or give --labels CSV");
      }
      List<PrivateTextTraining.LabelledUtterance> annotated;
      Set<Long> trainedOn = new HashSet<>();
      try (SessionStore store = SessionStore.open(dataDirectory);
          PrivacyLedgerRepository ledger = PrivacyLedgerRepository.open(store)) {
        annotated = PrivateTextTraining.annotatedUtterances(store, "models compare");
        for (PrivacyLedgerRepository.Run run : ledger.runs()) {
          if (cand.sha256().equals(run.modelSha256()) || inUse.sha256().equals(run.modelSha256())) {
            trainedOn.addAll(run.sessionWindows().keySet());
          }
        }
      } catch (StoreException e) {
        throw new UserError("models compare: " + e.getMessage(), e);
      }
      List<TextComparison.LabelledText> out = new ArrayList<>();
      long trained = 0;
      for (PrivateTextTraining.LabelledUtterance u : annotated) {
        if (Language.detect(u.text()) != cand.task().language) {
          continue;
        }
        if (trainedOn.contains(u.session())) {
          trained++;
          continue;
        }
        out.add(new TextComparison.LabelledText(u.text(), u.label()));
      }
      requireEnough(
          out.size(),
          String.format(
              Locale.ROOT,
              "%s holds %d annotated %s utterances that neither model was trained on (%d more lie"
                  + " in the %d sessions their training read)",
              database,
              out.size(),
              cand.task().language,
              trained,
              trainedOn.size()));
      return out;
    }

    private static void requireEnough(int count, String found) throws UserError {
      if (count < ModelComparison.MIN_WINDOWS) {
        throw new UserError(
            "models compare: "
                + found
                + "; at least "
                + ModelComparison.MIN_WINDOWS
                + " held-out labelled utterances are needed for the paired test to tell the"
                + " models apart (annotate other sessions, or give --labels CSV)");
      }
    }

    /** The fusion model card's held-out windows of the shared data. */
    private MoeTrainer.Windows sharedHeldOut() throws Exception {
      if (windowCount() < ModelComparison.MIN_WINDOWS) {
        throw new UserError(
            "models compare: --windows must be at least " + ModelComparison.MIN_WINDOWS);
      }
      FusionData.Limits limits = FusionData.Limits.ALL;
      if (sample != null) {
        String[] p = sample.split(",");
        try {
          limits =
              new FusionData.Limits(
                  Integer.parseInt(p[0].strip()),
                  Integer.parseInt(p[1].strip()),
                  Integer.parseInt(p[2].strip()));
        } catch (RuntimeException e) {
          throw new UserError("models compare: --sample takes three counts, e.g. 240,28,400", e);
        }
      }
      if (System.getProperty("sentio.shared.dir") == null) {
        System.setProperty(
            "sentio.shared.dir", SentioHome.locate().resolve("..").resolve("shared").toString());
      }
      OnnxHost host = OnnxHost.start(DevicePreference.CPU, 0);
      ModelRegistry registry =
          new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
      FusionData.Pools pools;
      pools = FusionData.pools(host, registry, limits);
      List<Emotion> labelled = new ArrayList<>();
      return FusionData.encode(
          FusionData.windows(
              pools.heldOut(),
              windowCount(),
              FusionTraining.heldOutSeed(MoeTrainer.Config.defaults()),
              labelled),
          labelled);
    }

    /**
     * The rows of {@code --labels}, each analysed by the installed face, voice and text models as
     * {@code sentio evaluate} does, encoded for the fusion models.
     */
    private MoeTrainer.Windows labelled() throws Exception {
      LabeledSet set;
      try {
        set = LabeledSet.read(labels, false);
      } catch (LabeledSet.InvalidException e) {
        throw new UserError("models compare --labels: " + e.getMessage(), e);
      }
      if (set.rows().size() < ModelComparison.MIN_WINDOWS) {
        throw new UserError(
            "models compare --labels: "
                + labels
                + " has "
                + set.rows().size()
                + " labelled rows; at least "
                + ModelComparison.MIN_WINDOWS
                + " are needed for the paired test to tell the models apart");
      }
      OnnxHost host = OnnxHost.start(DevicePreference.CPU, 0);
      ModelRegistry registry =
          new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint());
      List<Map<Modality, AffectEstimate>> estimates = new ArrayList<>();
      List<Emotion> truth = new ArrayList<>();
      try (EvaluateCommand.OpenedModels opened =
          EvaluateCommand.OpenedModels.open(set, host, registry, crops, null, null, false)) {
        Evaluator evaluator = new Evaluator(opened.models(), crops);
        ProgressLine progress = ProgressLine.onStderr("compare");
        try {
          for (int i = 0; i < set.rows().size(); i++) {
            LabeledSet.Row row = set.rows().get(i);
            estimates.add(evaluator.estimates(set, row));
            truth.add(row.emotion());
            progress.onCount(i + 1, set.rows().size(), "rows");
          }
        } finally {
          progress.finish();
        }
      } catch (EvaluationException e) {
        throw new UserError("models compare --labels: " + e.getMessage(), e);
      }
      return FusionData.encode(estimates, truth);
    }
  }

  /** {@code sentio models adopt CANDIDATE}. */
  @Command(
      name = "adopt",
      mixinStandardHelpOptions = true,
      description =
          "Make a compared candidate the model of its task in use (the fusion model or a text"
              + " model); the current one is kept for sentio models rollback.")
  static final class Adopt implements Callable<Integer> {
    @Parameters(paramLabel = "CANDIDATE", description = "The candidate model folder.")
    Path candidate;

    @picocli.CommandLine.Mixin Models models = new Models();

    @picocli.CommandLine.Mixin Task task = new Task();

    @Override
    public Integer call() throws Exception {
      ModelTask expected = task.expected("adopt");
      ModelGate.Adopted adopted;
      try {
        adopted = ModelGate.adopt(candidate, models.folder(), expected);
      } catch (ModelGate.Refusal e) {
        throw new UserError("models adopt: " + e.getMessage(), e);
      }
      System.out.println(
          "adopted "
              + candidate
              + " as "
              + adopted.candidate().task().named()
              + " (version "
              + adopted.candidate().version()
              + "); the previous model is kept in "
              + adopted.kept()
              + " (sentio models rollback restores it)");
      System.out.println("comparison: " + adopted.verdict());
      return 0;
    }
  }

  /** {@code sentio models rollback}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description =
          "Restore the model that the last adoption replaced: the fusion model, or with --task"
              + " text-en|text-zh a text model.")
  static final class Rollback implements Callable<Integer> {
    @picocli.CommandLine.Mixin Models models = new Models();

    @picocli.CommandLine.Mixin Task task = new Task();

    @Override
    public Integer call() throws Exception {
      ModelTask expected = task.expected("rollback");
      ModelTask which = expected != null ? expected : ModelTask.FUSION;
      GatedModel restored;
      try {
        restored = ModelGate.rollback(models.folder(), which);
      } catch (ModelGate.Refusal e) {
        throw new UserError("models rollback: " + e.getMessage(), e);
      }
      System.out.println(
          "restored "
              + (which == ModelTask.FUSION ? "the fusion model" : which.modelName)
              + " kept before the last adoption (version "
              + restored.version()
              + ") in "
              + restored.folder());
      return 0;
    }
  }
}
