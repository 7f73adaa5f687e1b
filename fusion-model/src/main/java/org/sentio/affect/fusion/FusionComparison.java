package org.sentio.affect.fusion;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;

/**
 * The fusion methods side by side on the same windows: the MoE model, the plain average of the
 * present modalities' probabilities, confidence-weighted late fusion, and the MoE model with each
 * modality removed (only for modalities some window has), with the MoE model's expert load.
 *
 * <p>A window a method gives no emotions for is predicted neutral, as the application shows it.
 */
public final class FusionComparison {
  public static final String MOE = MoeFusion.NAME;
  public static final String AVERAGE = "average";
  public static final String CONFIDENCE_WEIGHTED = ConfidenceWeightedFusion.NAME;
  public static final String WITHOUT = "moe without ";
  private static final String GATE_BIAS = "gate_b";

  /**
   * Predictions per method (in output order, one per window) and the MoE model's expert load on the
   * windows (null without a MoE model).
   */
  public record Result(Map<String, List<Emotion>> predictions, ExpertLoad load) {}

  private FusionComparison() {}

  /**
   * Compares the methods on {@code windows}; {@code moe} may be null (no installed model), else
   * {@code experts} is its number of experts.
   */
  public static Result run(List<Map<Modality, AffectEstimate>> windows, MoeFusion moe, int experts)
      throws FusionException {
    Map<String, List<Emotion>> predictions = new LinkedHashMap<>();
    ExpertLoad load = null;
    if (moe != null) {
      List<FusedEstimate> fused = moe.fuse(windows);
      predictions.put(MOE, tops(fused));
      load =
          ExpertLoad.of(
              fused, experts, ExpertLoad.DEFAULT_CAPACITY_FACTOR, ExpertLoad.DEFAULT_BATCH);
    }
    List<Emotion> average = new ArrayList<>(windows.size());
    for (Map<Modality, AffectEstimate> w : windows) {
      average.add(averageTop(w));
    }
    predictions.put(AVERAGE, average);
    predictions.put(CONFIDENCE_WEIGHTED, tops(new ConfidenceWeightedFusion().fuse(windows)));
    if (moe != null) {
      for (Modality removed : MoeFusionModel.MODALITIES) {
        if (windows.stream().noneMatch(w -> present(w.get(removed)))) {
          continue;
        }
        List<Map<Modality, AffectEstimate>> reduced = new ArrayList<>(windows.size());
        for (Map<Modality, AffectEstimate> w : windows) {
          Map<Modality, AffectEstimate> r = new EnumMap<>(w);
          r.put(
              removed,
              AffectEstimate.absent(removed, absence(removed), AbsenceDetail.REMOVED.text()));
          reduced.add(r);
        }
        predictions.put(WITHOUT + removed.label(), tops(moe.fuse(reduced)));
      }
    }
    return new Result(predictions, load);
  }

  /**
   * The number of experts of a MoE graph {@link MoeOnnx} wrote: the length of its gate bias. Read
   * from the file because ONNX Runtime does not expose initializers.
   */
  public static int experts(Path modelFile) throws IOException {
    ModelProto model;
    try (InputStream in = Files.newInputStream(modelFile)) {
      model = ModelProto.parseFrom(in);
    }
    for (TensorProto t : model.getGraph().getInitializerList()) {
      if (t.getName().equals(GATE_BIAS) && t.getDimsCount() == 1) {
        return (int) t.getDims(0);
      }
    }
    throw new IOException(modelFile + ": no " + GATE_BIAS + " initializer; not a Sentio MoE graph");
  }

  /** The top emotion of one modality's estimate, neutral when it has none. */
  public static Emotion top(AffectEstimate e) {
    return present(e) ? e.emotions().top() : Emotion.NEUTRAL;
  }

  private static boolean present(AffectEstimate e) {
    return e != null && e.isPresent() && e.hasEmotions();
  }

  private static Emotion averageTop(Map<Modality, AffectEstimate> window) {
    double[] sum = new double[Emotion.COUNT];
    for (AffectEstimate e : window.values()) {
      if (present(e)) {
        double[] p = e.emotions().toArray();
        for (int k = 0; k < sum.length; k++) {
          sum[k] += p[k];
        }
      }
    }
    int best = 0;
    for (int k = 1; k < sum.length; k++) {
      if (sum[k] > sum[best]) {
        best = k;
      }
    }
    return Emotion.values()[best];
  }

  private static List<Emotion> tops(List<FusedEstimate> fused) {
    return fused.stream().map(f -> f.hasEmotions() ? f.emotions().top() : Emotion.NEUTRAL).toList();
  }

  static AbsenceReason absence(Modality m) {
    return switch (m) {
      case FACE -> AbsenceReason.NO_FACE;
      case VOICE -> AbsenceReason.NO_SPEECH;
      case TEXT -> AbsenceReason.NO_TEXT;
    };
  }
}
