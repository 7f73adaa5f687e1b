package org.sentio.affect.fusion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Fusion by the trained sparse mixture-of-experts graph ({@link MoeOnnx}) run by ONNX Runtime.
 * Every result carries the modality attention weights and the top-k experts with their renormalised
 * gate weights. A window with no present modality gets the empty estimate.
 */
public final class MoeFusion implements FusionMethod, AutoCloseable {
  public static final String MODEL = "fusion-moe";
  public static final String NAME = "moe";

  private final ModelSession session;
  private final int topK;

  /** Wraps an open session on a graph {@link MoeOnnx} wrote; checks its signature. */
  public MoeFusion(ModelSession session) throws ModelException {
    this.session = session;
    var inputs = session.inputNames();
    var outputs = session.outputNames();
    if (!inputs.equals(java.util.Set.of(MoeOnnx.INPUT, MoeOnnx.MASK))
        || !outputs.containsAll(
            List.of(
                MoeOnnx.EMOTIONS,
                MoeOnnx.VALENCE,
                MoeOnnx.AROUSAL,
                MoeOnnx.MODALITY_WEIGHTS,
                MoeOnnx.EXPERTS,
                MoeOnnx.EXPERT_WEIGHTS))) {
      throw new ModelException(
          session.model().modelFile()
              + ": not a Sentio MoE fusion model (inputs "
              + inputs
              + ", outputs "
              + outputs
              + "); reinstall "
              + MODEL
              + " or remove it to use confidence-weighted fusion",
          null);
    }
    long[] expertShape = session.outputShapes().get(MoeOnnx.EXPERTS);
    this.topK = (int) expertShape[expertShape.length - 1];
  }

  /** Opens the installed model, verified against its manifest. */
  public static MoeFusion open(OnnxHost host, ModelRegistry registry) throws ModelException {
    InstalledModel model = registry.find(MODEL);
    ModelSession session = host.open(registry, model);
    try {
      return new MoeFusion(session);
    } catch (ModelException e) {
      session.close();
      throw e;
    }
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

  @Override
  public List<FusedEstimate> fuse(List<Map<Modality, AffectEstimate>> windows)
      throws FusionException {
    int n = windows.size();
    List<FusedEstimate> out = new ArrayList<>(n);
    if (n == 0) {
      return out;
    }
    float[] x = new float[n * MoeFusionModel.WIDTH];
    float[] mask = new float[n * 3];
    for (int i = 0; i < n; i++) {
      MoeFusionModel.encode(windows.get(i), x, i * MoeFusionModel.WIDTH, mask, i * 3);
    }
    Map<String, Tensor> result;
    try {
      result = run(x, mask, n);
    } catch (ModelException e) {
      throw new FusionException("the MoE fusion model failed: " + e.getMessage(), e);
    }
    float[] p = result.get(MoeOnnx.EMOTIONS).floats();
    float[] v = result.get(MoeOnnx.VALENCE).floats();
    float[] a = result.get(MoeOnnx.AROUSAL).floats();
    float[] mw = result.get(MoeOnnx.MODALITY_WEIGHTS).floats();
    long[] experts = result.get(MoeOnnx.EXPERTS).longs();
    float[] ew = result.get(MoeOnnx.EXPERT_WEIGHTS).floats();
    for (int i = 0; i < n; i++) {
      if (mask[i * 3] + mask[i * 3 + 1] + mask[i * 3 + 2] == 0) {
        out.add(new FusedEstimate(null, Double.NaN, Double.NaN, 0, Map.of(), List.of(), NAME));
        continue;
      }
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
      out.add(
          new FusedEstimate(
              EmotionDistribution.normalise(probs),
              clamp(v[i]),
              clamp(a[i]),
              top,
              weights,
              chosen,
              NAME));
    }
    return out;
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
