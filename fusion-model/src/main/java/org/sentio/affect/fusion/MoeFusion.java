package org.sentio.affect.fusion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.train.ModelFolder;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelSession;
import org.sentio.runtime.OnnxHost;
import org.sentio.runtime.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fusion by the trained sparse mixture-of-experts graph ({@link MoeOnnx}) run by ONNX Runtime.
 * Every result carries the modality attention weights and the top-k experts with their renormalised
 * gate weights. A window with no present modality gets the empty estimate and is not routed.
 *
 * <p>Windows are fused in batches of at most {@link #BATCH} under a per-expert capacity {@code
 * ceil(factor · k · batch / E)}: a window routed to an expert that is already full in its batch is
 * deferred and re-run at the head of the next batch, so that no batch gives an expert more than its
 * capacity and no result depends on which windows shared a batch (docs/decisions/0004).
 */
public final class MoeFusion implements FusionMethod, AutoCloseable {
  public static final String MODEL = "fusion-moe";
  public static final String NAME = "moe";

  /** The most windows fused in one batch. */
  public static final int BATCH = ExpertLoad.DEFAULT_BATCH;

  /** The capacity factor of batched inference. */
  public static final double CAPACITY_FACTOR = ExpertLoad.DEFAULT_CAPACITY_FACTOR;

  private static final Logger LOG = LoggerFactory.getLogger(MoeFusion.class);
  private static final int WARM_RUNS = 2;
  private static final int TIMED_RUNS = 7;
  private static final float AGREEMENT = 1e-4f;

  private final ModelSession session;
  private final int topK;
  private final int experts;
  private final FormulationChoice formulation;
  private final double capacityFactor;
  private final int batchSize;

  /** Wraps an open session on a graph {@link MoeOnnx} wrote; checks its signature. */
  public MoeFusion(ModelSession session) throws ModelException {
    this(session, null, CAPACITY_FACTOR, BATCH);
  }

  /**
   * Wraps an open session with the capacity bound of batched inference.
   *
   * @param formulation how the formulation was chosen, or {@code null} when the caller chose it
   * @param capacityFactor greater than 0
   * @param batchSize the most windows per batch, at least 1
   */
  public MoeFusion(
      ModelSession session, FormulationChoice formulation, double capacityFactor, int batchSize)
      throws ModelException {
    this(session, experts(session.model()), formulation, capacityFactor, batchSize);
  }

  private MoeFusion(
      ModelSession session,
      int experts,
      FormulationChoice formulation,
      double capacityFactor,
      int batchSize)
      throws ModelException {
    if (!(capacityFactor > 0) || batchSize < 1) {
      throw new IllegalArgumentException(
          "capacity factor must be > 0 and batch >= 1: " + capacityFactor + ", " + batchSize);
    }
    this.topK = checkSignature(session);
    this.session = session;
    this.experts = experts;
    this.formulation = formulation;
    this.capacityFactor = capacityFactor;
    this.batchSize = batchSize;
  }

  /** Returns k after checking the session holds the inputs and outputs of a Sentio MoE graph. */
  private static int checkSignature(ModelSession session) throws ModelException {
    var inputs = session.inputNames();
    var outputs = session.outputNames();
    if (!inputs.equals(Set.of(MoeOnnx.INPUT, MoeOnnx.MASK))
        || !outputs.containsAll(
            List.of(
                MoeOnnx.EMOTIONS,
                MoeOnnx.VALENCE,
                MoeOnnx.AROUSAL,
                MoeOnnx.MODALITY_WEIGHTS,
                MoeOnnx.EXPERTS,
                MoeOnnx.EXPERT_WEIGHTS))) {
      throw notOurs(session.model(), "inputs " + inputs + ", outputs " + outputs);
    }
    long[] expertShape = session.outputShapes().get(MoeOnnx.EXPERTS);
    return (int) expertShape[expertShape.length - 1];
  }

  private static ModelException notOurs(InstalledModel model, String why) {
    return new ModelException(
        model.modelFile()
            + ": not a Sentio MoE fusion model ("
            + why
            + "); reinstall "
            + MODEL
            + " or remove it to use confidence-weighted fusion",
        null);
  }

  private static int experts(InstalledModel model) throws ModelException {
    try {
      return MoeOnnx.read(Files.readAllBytes(model.modelFile())).experts();
    } catch (IOException e) {
      throw new ModelException(model.modelFile() + ": cannot read (" + e.getMessage() + ")", e);
    } catch (IllegalArgumentException e) {
      throw notOurs(model, e.getMessage());
    }
  }

  /** Opens the installed model, verified against its manifest, in the faster formulation. */
  public static MoeFusion open(OnnxHost host, ModelRegistry registry) throws ModelException {
    return open(host, registry, null);
  }

  /**
   * Opens the installed model, verified against its manifest. Both formulations are built from the
   * file's weights (the one the file holds, the other rebuilt from its initializers), each is run
   * on a few warm batches of {@link #BATCH} windows, and the faster is kept unless {@code forced}
   * names one; a formulation the provider refuses, that fails to run or that disagrees with the
   * file's own graph is dropped with the reason.
   *
   * @param forced the formulation to use when it can run, or {@code null} for the faster
   * @throws ModelException naming the file when it is missing, altered, refused or not ours
   */
  public static MoeFusion open(OnnxHost host, ModelRegistry registry, MoeOnnx.Formulation forced)
      throws ModelException {
    long start = System.nanoTime();
    InstalledModel model = registry.find(MODEL);
    registry.requireVerified(model);
    Map<MoeOnnx.Formulation, ModelSession> candidates = new EnumMap<>(MoeOnnx.Formulation.class);
    Map<MoeOnnx.Formulation, String> refused = new EnumMap<>(MoeOnnx.Formulation.class);
    try {
      Probed probed = openCandidates(host, model, candidates, refused, forced);
      FormulationChoice timed = probed.choice();
      ModelSession chosen = candidates.remove(timed.chosen());
      closeAll(candidates);
      FormulationChoice choice =
          new FormulationChoice(
              timed.chosen(),
              timed.provider(),
              timed.chosenMillis(),
              timed.other(),
              timed.otherMillis(),
              timed.batch(),
              timed.note(),
              Math.round((System.nanoTime() - start) / 1e6));
      LOG.info("{}: {} (checked in {} ms)", MODEL, choice.describe(), choice.checkMillis());
      return new MoeFusion(chosen, probed.experts(), choice, CAPACITY_FACTOR, BATCH);
    } catch (ModelException | RuntimeException e) {
      closeAll(candidates);
      throw e;
    }
  }

  /** The timed choice and the number of experts read from the file's weights. */
  private record Probed(FormulationChoice choice, int experts) {}

  private static Probed openCandidates(
      OnnxHost host,
      InstalledModel model,
      Map<MoeOnnx.Formulation, ModelSession> candidates,
      Map<MoeOnnx.Formulation, String> refused,
      MoeOnnx.Formulation forced)
      throws ModelException {
    byte[] file;
    try {
      file = Files.readAllBytes(model.modelFile());
    } catch (IOException e) {
      throw new ModelException(model.modelFile() + ": cannot read (" + e.getMessage() + ")", e);
    }
    MoeOnnx.Formulation own = null;
    MoeWeights weights = null;
    String parseProblem = null;
    try {
      MoeOnnx.Graph graph = MoeOnnx.parse(file);
      own = graph.formulation();
      weights = graph.weights();
    } catch (IOException | IllegalArgumentException e) {
      parseProblem = e.getMessage();
    }
    ModelException fileFailure = null;
    ModelSession session = null;
    try {
      session = host.openUnchecked(model);
    } catch (ModelException e) {
      fileFailure = e;
    }
    if (session != null) {
      try {
        checkSignature(session);
      } catch (ModelException e) {
        session.close();
        throw e;
      }
      if (parseProblem == null) {
        candidates.put(own, session);
      } else {
        session.close();
      }
    }
    if (parseProblem != null) {
      throw fileFailure != null ? fileFailure : notOurs(model, parseProblem);
    }
    if (fileFailure != null) {
      refused.put(own, firstClause(fileFailure.getMessage()));
    }
    MoeOnnx.Formulation rebuilt =
        own == MoeOnnx.Formulation.FUSED ? MoeOnnx.Formulation.STANDARD : MoeOnnx.Formulation.FUSED;
    try {
      byte[] graph = MoeOnnx.write(weights, rebuilt, "sentio", "rebuilt from " + model.name());
      candidates.put(rebuilt, host.openDerived(model, graph));
    } catch (ModelException e) {
      refused.put(rebuilt, firstClause(e.getMessage()));
    }
    Map<String, Tensor> probe = probeBatch(BATCH);
    Map<MoeOnnx.Formulation, float[]> answers = new EnumMap<>(MoeOnnx.Formulation.class);
    for (MoeOnnx.Formulation f : List.copyOf(candidates.keySet())) {
      try {
        for (int i = 0; i < WARM_RUNS; i++) {
          answers.put(f, candidates.get(f).run(probe).get(MoeOnnx.EMOTIONS).floats());
        }
      } catch (ModelException e) {
        refused.put(f, firstClause(e.getMessage()));
        candidates.remove(f).close();
      }
    }
    if (answers.size() == 2) {
      float gap = maxGap(answers.get(own), answers.get(rebuilt));
      if (!(gap <= AGREEMENT)) {
        refused.put(rebuilt, "disagrees with the file's graph by " + gap);
        candidates.remove(rebuilt).close();
      }
    }
    if (candidates.isEmpty()) {
      if (fileFailure != null) {
        throw fileFailure;
      }
      throw new ModelException(
          model.modelFile() + ": neither formulation runs (" + refused + ")", null);
    }
    Map<MoeOnnx.Formulation, Double> millis = time(candidates, probe);
    return new Probed(decide(millis, refused, forced, host), weights.experts());
  }

  private static FormulationChoice decide(
      Map<MoeOnnx.Formulation, Double> millis,
      Map<MoeOnnx.Formulation, String> refused,
      MoeOnnx.Formulation forced,
      OnnxHost host) {
    var provider = host.providerChoice().provider();
    if (millis.size() == 1) {
      MoeOnnx.Formulation only = millis.keySet().iterator().next();
      MoeOnnx.Formulation other =
          only == MoeOnnx.Formulation.FUSED
              ? MoeOnnx.Formulation.STANDARD
              : MoeOnnx.Formulation.FUSED;
      String note =
          (forced == other ? "forced " : "")
              + FormulationChoice.label(other)
              + " cannot run: "
              + refused.get(other);
      return new FormulationChoice(
          only, provider, millis.get(only), null, Double.NaN, BATCH, note, 0);
    }
    MoeOnnx.Formulation fused = MoeOnnx.Formulation.FUSED;
    MoeOnnx.Formulation standard = MoeOnnx.Formulation.STANDARD;
    MoeOnnx.Formulation chosen =
        forced != null ? forced : millis.get(fused) <= millis.get(standard) ? fused : standard;
    MoeOnnx.Formulation other = chosen == fused ? standard : fused;
    return new FormulationChoice(
        chosen,
        provider,
        millis.get(chosen),
        other,
        millis.get(other),
        BATCH,
        forced != null ? "forced" : null,
        0);
  }

  /** Median wall time of one batch per formulation, the runs interleaved. */
  private static Map<MoeOnnx.Formulation, Double> time(
      Map<MoeOnnx.Formulation, ModelSession> candidates, Map<String, Tensor> probe)
      throws ModelException {
    Map<MoeOnnx.Formulation, double[]> runs = new EnumMap<>(MoeOnnx.Formulation.class);
    candidates.keySet().forEach(f -> runs.put(f, new double[TIMED_RUNS]));
    for (int i = 0; i < TIMED_RUNS; i++) {
      for (Map.Entry<MoeOnnx.Formulation, ModelSession> c : candidates.entrySet()) {
        long t = System.nanoTime();
        c.getValue().run(probe);
        runs.get(c.getKey())[i] = (System.nanoTime() - t) / 1e6;
      }
    }
    Map<MoeOnnx.Formulation, Double> medians = new EnumMap<>(MoeOnnx.Formulation.class);
    runs.forEach((f, r) -> medians.put(f, median(r)));
    return medians;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** A fixed batch of {@code n} windows of Gaussian features, each with at least one modality. */
  static Map<String, Tensor> probeBatch(int n) {
    Random r = new Random(20261129L);
    float[] x = new float[n * MoeFusionModel.WIDTH];
    float[] mask = new float[n * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      int present = 1 + r.nextInt(7);
      for (int m = 0; m < 3; m++) {
        mask[i * 3 + m] = (present >> m & 1) == 1 ? 1 : 0;
      }
    }
    return Map.of(
        MoeOnnx.INPUT, Tensor.ofFloats(new long[] {n, MoeFusionModel.WIDTH}, x),
        MoeOnnx.MASK, Tensor.ofFloats(new long[] {n, 3}, mask));
  }

  private static float maxGap(float[] a, float[] b) {
    float gap = 0;
    for (int i = 0; i < a.length; i++) {
      gap = Math.max(gap, Math.abs(a[i] - b[i]));
    }
    return gap;
  }

  private static void closeAll(Map<MoeOnnx.Formulation, ModelSession> sessions) {
    for (ModelSession s : sessions.values()) {
      try {
        s.close();
      } catch (ModelException e) {
        LOG.warn("closing an unused formulation: {}", e.getMessage());
      }
    }
    sessions.clear();
  }

  private static String firstClause(String message) {
    int paren = message.indexOf(": ONNX Runtime refused");
    return paren < 0 ? message : message.substring(paren + 2);
  }

  /**
   * Writes {@code weights} to {@code folder} (model.onnx + manifest) and opens it; for tests and
   * training.
   */
  public static ModelSession openFile(
      OnnxHost host, Path folder, MoeWeights weights, MoeOnnx.Formulation formulation)
      throws IOException, ModelException {
    byte[] onnx = MoeOnnx.write(weights, formulation, "sentio", "");
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", MODEL);
    manifest.put("version", "0");
    ModelFolder.write(folder, onnx, manifest);
    return host.openUnchecked(new ModelRegistry(folder.getParent(), "").readManifest(folder));
  }

  @Override
  public String name() {
    return NAME;
  }

  public ModelSession session() {
    return session;
  }

  /** How the formulation was chosen, or {@code null} when the caller opened the session. */
  public FormulationChoice formulation() {
    return formulation;
  }

  @Override
  public List<FusedEstimate> fuse(List<Map<Modality, AffectEstimate>> windows)
      throws FusionException {
    return fuseSession(windows).fused();
  }

  @Override
  public FusionOutcome fuseSession(List<Map<Modality, AffectEstimate>> windows)
      throws FusionException {
    int n = windows.size();
    float[] x = new float[n * MoeFusionModel.WIDTH];
    float[] mask = new float[n * 3];
    int[] routed = new int[n];
    int routedCount = 0;
    for (int i = 0; i < n; i++) {
      MoeFusionModel.encode(windows.get(i), x, i * MoeFusionModel.WIDTH, mask, i * 3);
      if (mask[i * 3] + mask[i * 3 + 1] + mask[i * 3 + 2] > 0) {
        routed[routedCount++] = i;
      }
    }
    Rows rows = new Rows(n, topK);
    long[] counts = new long[experts];
    int overflow = 0;
    int deferrals = 0;
    ArrayDeque<Integer> deferred = new ArrayDeque<>();
    boolean[] firstTry = new boolean[n];
    Arrays.fill(firstTry, true);
    int next = 0;
    while (!deferred.isEmpty() || next < routedCount) {
      int[] batch = new int[Math.min(batchSize, deferred.size() + routedCount - next)];
      for (int i = 0; i < batch.length; i++) {
        batch[i] = deferred.isEmpty() ? routed[next++] : deferred.poll();
      }
      Map<String, Tensor> result = runRows(x, mask, batch);
      long[] chosen = result.get(MoeOnnx.EXPERTS).longs();
      long capacity = (long) Math.ceil(capacityFactor * topK * batch.length / experts);
      long[] load = new long[experts];
      for (int i = 0; i < batch.length; i++) {
        boolean fits = true;
        for (int j = 0; j < topK; j++) {
          long e = chosen[i * topK + j];
          if (e < 0 || e >= experts) {
            throw new FusionException(
                "the MoE fusion model routed a window to expert " + e + " of " + experts, null);
          }
          if (load[(int) e] >= capacity) {
            overflow += firstTry[batch[i]] ? 1 : 0;
            fits = false;
          }
        }
        firstTry[batch[i]] = false;
        if (!fits) {
          deferred.add(batch[i]);
          deferrals++;
          continue;
        }
        for (int j = 0; j < topK; j++) {
          load[(int) chosen[i * topK + j]]++;
          counts[(int) chosen[i * topK + j]]++;
        }
        rows.copy(result, i, batch[i]);
      }
    }
    List<FusedEstimate> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          mask[i * 3] + mask[i * 3 + 1] + mask[i * 3 + 2] == 0
              ? new FusedEstimate(null, Double.NaN, Double.NaN, 0, Map.of(), List.of(), NAME)
              : rows.estimate(i, mask));
    }
    return new FusionOutcome(
        out,
        new ExpertTelemetry(
            experts, topK, capacityFactor, batchSize, routedCount, counts, overflow, deferrals));
  }

  private Map<String, Tensor> runRows(float[] x, float[] mask, int[] batch) throws FusionException {
    int w = MoeFusionModel.WIDTH;
    float[] bx = new float[batch.length * w];
    float[] bm = new float[batch.length * 3];
    for (int i = 0; i < batch.length; i++) {
      System.arraycopy(x, batch[i] * w, bx, i * w, w);
      System.arraycopy(mask, batch[i] * 3, bm, i * 3, 3);
    }
    try {
      return run(bx, bm, batch.length);
    } catch (ModelException e) {
      throw new FusionException("the MoE fusion model failed: " + e.getMessage(), e);
    }
  }

  /** The graph's outputs gathered per window, whichever batch each window was fused in. */
  private static final class Rows {
    private final int topK;
    private final float[] p;
    private final float[] v;
    private final float[] a;
    private final float[] mw;
    private final long[] experts;
    private final float[] ew;

    Rows(int n, int topK) {
      this.topK = topK;
      p = new float[n * 7];
      v = new float[n];
      a = new float[n];
      mw = new float[n * 3];
      experts = new long[n * topK];
      ew = new float[n * topK];
    }

    void copy(Map<String, Tensor> result, int from, int to) {
      System.arraycopy(result.get(MoeOnnx.EMOTIONS).floats(), from * 7, p, to * 7, 7);
      v[to] = result.get(MoeOnnx.VALENCE).floats()[from];
      a[to] = result.get(MoeOnnx.AROUSAL).floats()[from];
      System.arraycopy(result.get(MoeOnnx.MODALITY_WEIGHTS).floats(), from * 3, mw, to * 3, 3);
      System.arraycopy(result.get(MoeOnnx.EXPERTS).longs(), from * topK, experts, to * topK, topK);
      System.arraycopy(
          result.get(MoeOnnx.EXPERT_WEIGHTS).floats(), from * topK, ew, to * topK, topK);
    }

    FusedEstimate estimate(int i, float[] mask) {
      double[] probs = new double[7];
      double top = 0;
      for (int k = 0; k < 7; k++) {
        probs[k] = p[i * 7 + k];
        top = Math.max(top, probs[k]);
      }
      Map<Modality, Double> weights = new EnumMap<>(Modality.class);
      for (int m = 0; m < 3; m++) {
        if (mask[i * 3 + m] > 0) {
          weights.put(MoeFusionModel.MODALITIES.get(m), (double) mw[i * 3 + m]);
        }
      }
      List<ExpertChoice> chosen = new ArrayList<>(topK);
      for (int j = 0; j < topK; j++) {
        chosen.add(new ExpertChoice((int) experts[i * topK + j], ew[i * topK + j]));
      }
      return new FusedEstimate(
          EmotionDistribution.normalise(probs),
          clamp(v[i]),
          clamp(a[i]),
          top,
          weights,
          chosen,
          NAME);
    }
  }

  /** Runs raw encoded inputs ([n,30], [n,3]); every output of the graph. */
  public Map<String, Tensor> run(float[] x, float[] mask, int n) throws ModelException {
    return session.run(
        Map.of(
            MoeOnnx.INPUT, Tensor.ofFloats(new long[] {n, MoeFusionModel.WIDTH}, x),
            MoeOnnx.MASK, Tensor.ofFloats(new long[] {n, 3}, mask)));
  }

  private static double clamp(float v) {
    return Math.max(-1, Math.min(1, v));
  }

  @Override
  public void close() throws ModelException {
    session.close();
  }
}
