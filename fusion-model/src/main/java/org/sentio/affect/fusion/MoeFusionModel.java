package org.sentio.affect.fusion;

import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;

/**
 * The input encoding of the MoE fusion model: per modality {@value #FEATURES} numbers (the
 * logarithms of the 7 category probabilities plus {@link #PROBABILITY_FLOOR} — so that a linear map
 * can sum independent evidence —, valence, arousal, confidence; 0 where not told) and a presence
 * mask.
 */
public final class MoeFusionModel {
  public static final List<Modality> MODALITIES =
      List.of(Modality.FACE, Modality.VOICE, Modality.TEXT);
  public static final int FEATURES = 10;
  public static final int WIDTH = FEATURES * 3;

  /** Added to each probability before its logarithm. */
  public static final double PROBABILITY_FLOOR = 1e-3;

  private MoeFusionModel() {}

  /** Writes one window's features into {@code x} [30] and mask into {@code mask} [3]. */
  public static void encode(
      Map<Modality, AffectEstimate> window, float[] x, int xOffset, float[] mask, int maskOffset) {
    for (int m = 0; m < MODALITIES.size(); m++) {
      AffectEstimate e = window.get(MODALITIES.get(m));
      int o = xOffset + m * FEATURES;
      if (e == null || !e.isPresent() || e.confidence() <= 0) {
        java.util.Arrays.fill(x, o, o + FEATURES, 0f);
        mask[maskOffset + m] = 0;
        continue;
      }
      if (e.hasEmotions()) {
        double[] p = e.emotions().toArray();
        for (int k = 0; k < 7; k++) {
          x[o + k] = (float) Math.log(p[k] + PROBABILITY_FLOOR);
        }
      } else {
        java.util.Arrays.fill(x, o, o + 7, 0f);
      }
      x[o + 7] = e.hasValence() ? (float) e.valence() : 0f;
      x[o + 8] = e.hasArousal() ? (float) e.arousal() : 0f;
      x[o + 9] = (float) e.confidence();
      mask[maskOffset + m] = 1;
    }
  }
}
