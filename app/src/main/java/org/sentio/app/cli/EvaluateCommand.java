package org.sentio.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sentio.affect.Emotion;
import org.sentio.affect.evaluate.ClassificationReport;
import org.sentio.affect.evaluate.EvaluationException;
import org.sentio.affect.evaluate.Evaluator;
import org.sentio.affect.evaluate.LabeledSet;
import org.sentio.affect.evaluate.McNemar;
import org.sentio.affect.face.BlazeFaceDetector;
import org.sentio.affect.face.ExpressionClassifier;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceTracker;
import org.sentio.affect.face.FaceVerifier;
import org.sentio.affect.fusion.ExpertLoad;
import org.sentio.affect.fusion.FusionComparison;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.text.Language;
import org.sentio.affect.text.TextAffectModel;
import org.sentio.affect.text.TextAnalyzer;
import org.sentio.affect.voice.VoiceAnalyzer;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sentio evaluate LABELS.csv}: measures the installed models on a labeled set (see {@link
 * LabeledSet} for the CSV) and, with {@code --compare A B}, two versions of one model on the same
 * rows with McNemar's test.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Measure the installed models on a labeled CSV (columns: label, and any of image, audio,"
            + " text): accuracy, macro-F1, per-class recall, confusion matrix; on rows with two or"
            + " more modalities every fusion method side by side (MoE, plain average,"
            + " confidence-weighted, MoE with each modality removed) and the expert load.")
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "LABELS.csv", description = "The labeled CSV.")
  Path labels;

  @Option(names = "--crops", description = "Images are already cropped faces: skip detection.")
  boolean crops;

  @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
  boolean json;

  @Option(
      names = "--skip-unknown",
      description = "Skip and count rows with any label outside the vocabulary (default: refuse).")
  boolean skipUnknown;

  @Option(
      names = "--label-column",
      paramLabel = "NAME",
      description =
          "Take the label from this column (e.g. ferplus_label of a FER+ votes file); other"
              + " columns are then ignored.")
  String labelColumn;

  @Option(
      names = "--image-column",
      paramLabel = "NAME",
      description =
          "Take the image path from this column (e.g. path of a data set's labels.csv); other"
              + " columns are then ignored.")
  String imageColumn;

  @Option(
      names = "--compare",
      arity = "2",
      paramLabel = "MODEL",
      description =
          "Evaluate two versions of one model (installed names or model folders) on the same"
              + " rows, with McNemar's paired test.")
  List<String> compare;

  /** Which analyzer a model feeds, known from its manifest name. */
  enum Kind {
    FACE_EXPRESSION,
    VOICE,
    TEXT_EN,
    TEXT_ZH;

    static Kind of(String name) throws UserError {
      if (name.startsWith(ExpressionClassifier.MODEL)) {
        return FACE_EXPRESSION;
      }
      if (name.startsWith(Analyzers.VOICE_AFFECT)) {
        return VOICE;
      }
      if (name.startsWith(Analyzers.TEXT_AFFECT_EN)) {
        return TEXT_EN;
      }
      if (name.startsWith(Analyzers.TEXT_AFFECT_ZH)) {
        return TEXT_ZH;
      }
      throw new UserError(
          "--compare: model '" + name + "' is not a face-expression, voice- or text-affect model");
    }
  }

  @Override
  public Integer call() throws Exception {
    LabeledSet set;
    try {
      set = LabeledSet.read(labels, skipUnknown, labelColumn, imageColumn);
    } catch (LabeledSet.InvalidException e) {
      throw new UserError(e.getMessage(), e);
    }
    ModelRegistry registry = common.registry();
    OnnxHost host = OnnxHost.start(common.devicePreference(), 0);
    PrintStream err = System.err;
    if (compare == null) {
      Evaluator.Result result = run(set, host, registry, null, null, "evaluate");
      if (json) {
        System.out.println(new ObjectMapper().writeValueAsString(json(set, result)));
      } else {
        printText(set, result, null);
      }
      return 0;
    }
    List<InstalledModel> versions = new ArrayList<>();
    for (String spec : compare) {
      versions.add(resolve(registry, spec));
    }
    Kind kind = Kind.of(versions.get(0).name());
    if (Kind.of(versions.get(1).name()) != kind) {
      throw new UserError(
          "--compare: "
              + versions.get(0).name()
              + " and "
              + versions.get(1).name()
              + " are different kinds of model");
    }
    List<Evaluator.Result> results = new ArrayList<>();
    for (int v = 0; v < 2; v++) {
      results.add(
          run(set, host, registry, kind, versions.get(v), "evaluate " + (v == 0 ? "A" : "B")));
    }
    Map<String, McNemar> tests = Evaluator.compare(results.get(0), results.get(1));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", set.rows().size() + set.skipped().size());
      out.put("skipped", set.skipped().size());
      out.put("a", version(versions.get(0), json(set, results.get(0))));
      out.put("b", version(versions.get(1), json(set, results.get(1))));
      Map<String, Object> mc = new LinkedHashMap<>();
      tests.forEach(
          (key, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("only_a_correct", t.onlyA());
            m.put("only_b_correct", t.onlyB());
            m.put("chi_squared", t.chiSquared());
            m.put("p_value", t.pValue());
            mc.put(key, m);
          });
      out.put("mcnemar", mc);
      System.out.println(new ObjectMapper().writeValueAsString(out));
      return 0;
    }
    for (int v = 0; v < 2; v++) {
      InstalledModel m = versions.get(v);
      System.out.printf(
          Locale.ROOT,
          "=== %s: %s %s (%s)%n",
          v == 0 ? "A" : "B",
          m.name(),
          m.manifest().version(),
          m.directory());
      printText(set, results.get(v), null);
    }
    System.out.println("=== A vs B (McNemar, exact two-sided)");
    for (Map.Entry<String, McNemar> e : tests.entrySet()) {
      ClassificationReport a = results.get(0).reports().get(e.getKey());
      ClassificationReport b = results.get(1).reports().get(e.getKey());
      System.out.printf(
          Locale.ROOT,
          "%-6s accuracy %.4f vs %.4f (%+.4f); only A right %d, only B right %d; p = %.4g%s%n",
          e.getKey(),
          a.accuracy(),
          b.accuracy(),
          b.accuracy() - a.accuracy(),
          e.getValue().onlyA(),
          e.getValue().onlyB(),
          e.getValue().pValue(),
          e.getValue().pValue() < 0.05 ? " (significant at 0.05)" : " (not significant at 0.05)");
    }
    err.flush();
    return 0;
  }

  private static Map<String, Object> version(InstalledModel model, Map<String, Object> body) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", model.name());
    out.put("version", model.manifest().version());
    out.put("sha256", model.manifest().sha256());
    out.put("results", body.get("results"));
    return out;
  }

  private static InstalledModel resolve(ModelRegistry registry, String spec) throws UserError {
    try {
      Path folder = Path.of(spec);
      if (Files.isRegularFile(folder.resolve("manifest.json"))) {
        Path absolute = folder.toAbsolutePath().normalize();
        return new ModelRegistry(absolute.getParent(), "check the folder " + absolute)
            .readManifest(absolute);
      }
      return registry.find(spec);
    } catch (ModelException e) {
      throw new UserError("--compare: " + e.getMessage(), e);
    }
  }

  /** Evaluates with the installed models, {@code override} replacing the one of {@code kind}. */
  private Evaluator.Result run(
      LabeledSet set,
      OnnxHost host,
      ModelRegistry registry,
      Kind kind,
      InstalledModel override,
      String label)
      throws UserError, ModelException, EvaluationException {
    try (OpenedModels opened =
        OpenedModels.open(set, host, registry, crops, kind, override, true)) {
      Evaluator evaluator = new Evaluator(opened.models(), crops);
      ProgressLine progress = ProgressLine.onStderr(label);
      try {
        return evaluator.evaluate(set, (done, total) -> progress.onCount(done, total, "rows"));
      } finally {
        progress.finish();
      }
    } catch (EvaluationException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  /**
   * The analyzers an evaluation of {@code set} needs, opened from the installed models; closing
   * closes them.
   */
  record OpenedModels(Evaluator.Models models, List<AutoCloseable> owned) implements AutoCloseable {

    /**
     * Opens the analyzers the rows of {@code set} need, {@code override} replacing the model of
     * {@code kind}, and the MoE fusion model when {@code withMoe} and the set has fused rows.
     */
    static OpenedModels open(
        LabeledSet set,
        OnnxHost host,
        ModelRegistry registry,
        boolean crops,
        Kind kind,
        InstalledModel override,
        boolean withMoe)
        throws UserError, ModelException {
      boolean images = set.rows().stream().anyMatch(r -> r.image() != null);
      boolean audio = set.rows().stream().anyMatch(r -> r.audio() != null);
      boolean text = set.rows().stream().anyMatch(r -> r.text() != null);
      List<AutoCloseable> owned = new ArrayList<>();
      OpenedModels opened = new OpenedModels(null, owned);
      try {
        FaceAnalyzer face = null;
        ExpressionClassifier expression = null;
        if (images) {
          ModelSession expressionSession =
              EvaluateCommand.open(
                  host,
                  registry,
                  kind == Kind.FACE_EXPRESSION ? override : null,
                  ExpressionClassifier.DEFAULT);
          owned.add(expressionSession);
          expression = new ExpressionClassifier(expressionSession);
          if (!crops) {
            BlazeFaceDetector detector =
                new BlazeFaceDetector(
                    EvaluateCommand.open(host, registry, null, BlazeFaceDetector.MODEL),
                    BlazeFaceDetector.Options.DEFAULT);
            owned.add(detector);
            FaceVerifier verifier =
                new FaceVerifier(EvaluateCommand.open(host, registry, null, FaceVerifier.MODEL));
            owned.add(verifier);
            face =
                new FaceAnalyzer(
                    detector, verifier, expression, new FaceTracker(), FaceAnalyzer.MIN_PRESENCE);
          }
        }
        VoiceAnalyzer voice = null;
        if (audio) {
          ModelSession s =
              EvaluateCommand.open(
                  host, registry, kind == Kind.VOICE ? override : null, Analyzers.VOICE_AFFECT);
          owned.add(s);
          voice = new VoiceAnalyzer(16_000, s);
        }
        TextAnalyzer textAnalyzer = null;
        if (text) {
          TextAffectModel en =
              openText(host, registry, kind == Kind.TEXT_EN ? override : null, Language.EN);
          owned.add(en);
          TextAffectModel zh =
              openText(host, registry, kind == Kind.TEXT_ZH ? override : null, Language.ZH);
          owned.add(zh);
          textAnalyzer = new TextAnalyzer(en, zh);
        }
        MoeFusion moe = null;
        int experts = 0;
        boolean fusedRows = set.rows().stream().anyMatch(r -> r.modalities() > 1);
        if (withMoe
            && fusedRows
            && registry.list().stream().anyMatch(m -> m.name().equals(MoeFusion.MODEL))) {
          moe = MoeFusion.open(host, registry);
          owned.add(moe);
          experts = expertsOf(moe);
        }
        return new OpenedModels(
            new Evaluator.Models(face, expression, voice, textAnalyzer, moe, experts), owned);
      } catch (UserError | ModelException | RuntimeException e) {
        opened.close();
        throw e;
      }
    }

    @Override
    public void close() {
      for (int i = owned.size() - 1; i >= 0; i--) {
        try {
          owned.get(i).close();
        } catch (Exception ignored) {
          // closing a session that already failed: nothing more to report
        }
      }
    }
  }

  private static int expertsOf(MoeFusion moe) throws UserError {
    Path file = moe.session().model().modelFile();
    try {
      return FusionComparison.experts(file);
    } catch (IOException e) {
      throw new UserError(
          file + ": cannot read the fusion model's experts (" + e.getMessage() + ")", e);
    }
  }

  private static ModelSession open(
      OnnxHost host, ModelRegistry registry, InstalledModel override, String name)
      throws ModelException {
    if (override != null) {
      ModelRegistry own = new ModelRegistry(override.directory().getParent(), "check the folder");
      return host.open(own, override);
    }
    return host.open(registry, registry.find(name));
  }

  /** The text model of {@code language}: {@code override}, else the one the analysis reads. */
  private static TextAffectModel openText(
      OnnxHost host, ModelRegistry registry, InstalledModel override, Language language)
      throws ModelException {
    if (override != null) {
      ModelRegistry own = new ModelRegistry(override.directory().getParent(), "check the folder");
      return TextAffectModel.open(host, own, override, language);
    }
    return TextAffectModel.open(host, registry, Analyzers.textModel(registry, language), language);
  }

  static Map<String, Object> json(LabeledSet set, Evaluator.Result result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", set.rows().size() + set.skipped().size());
    out.put("skipped", set.skipped().size());
    Map<String, Object> results = new LinkedHashMap<>();
    for (Map.Entry<String, ClassificationReport> e : result.reports().entrySet()) {
      ClassificationReport r = e.getValue();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("n", r.n());
      body.put("accuracy", r.accuracy());
      body.put("macro_f1", r.macroF1());
      body.put("per_class_recall", r.perClassRecall());
      Map<String, Object> confusion = new LinkedHashMap<>();
      confusion.put("labels", r.labels().stream().map(Emotion::datasetLabel).toList());
      confusion.put("matrix", r.matrix());
      body.put("confusion", confusion);
      results.put(e.getKey(), body);
    }
    out.put("results", results);
    out.put("fused_rows", result.fusedRows());
    if (result.load() != null) {
      ExpertLoad load = result.load();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("windows", load.windows());
      body.put("share", load.share());
      body.put("idle", load.idle());
      body.put("max_over_mean", load.maxOverMean());
      body.put("coefficient_of_variation", load.coefficientOfVariation());
      body.put("overflow", load.overflow());
      body.put("capacity_factor", ExpertLoad.DEFAULT_CAPACITY_FACTOR);
      body.put("batch", ExpertLoad.DEFAULT_BATCH);
      out.put("expert_load", body);
    }
    return out;
  }

  private static void printText(LabeledSet set, Evaluator.Result result, String title) {
    System.out.printf(
        Locale.ROOT,
        "%s: %d rows, %d evaluated, %d skipped (label outside the vocabulary)%n",
        set.file(),
        set.rows().size() + set.skipped().size(),
        set.rows().size(),
        set.skipped().size());
    for (Map.Entry<String, ClassificationReport> e : result.reports().entrySet()) {
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "[%s]%s%n",
          e.getKey(),
          result.absent().get(e.getKey()) > 0
              ? " ("
                  + result.absent().get(e.getKey())
                  + " rows without an estimate, scored neutral)"
              : "");
      System.out.print(e.getValue().toText());
    }
    if (result.fusedRows() == 0) {
      return;
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Side by side (n: rows each method ran on; fusion methods on the %d rows with two or"
            + " more modalities):%n",
        result.fusedRows());
    System.out.printf(Locale.ROOT, "%-24s %6s %9s %9s%n", "method", "n", "accuracy", "macro-F1");
    for (Map.Entry<String, ClassificationReport> e : result.reports().entrySet()) {
      System.out.printf(
          Locale.ROOT,
          "%-24s %6d %9.4f %9.4f%n",
          e.getKey(),
          e.getValue().n(),
          e.getValue().accuracy(),
          e.getValue().macroF1());
    }
    if (result.load() != null) {
      System.out.println(
          result.load().describe()
              + " (capacity factor "
              + ExpertLoad.DEFAULT_CAPACITY_FACTOR
              + ", batch "
              + ExpertLoad.DEFAULT_BATCH
              + ")");
    } else {
      System.out.println("no MoE fusion model installed: no expert load");
    }
  }
}
