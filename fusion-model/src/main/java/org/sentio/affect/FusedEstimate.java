package org.sentio.affect;

import java.util.List;
import java.util.Map;

/**
 * The fused reading of one window and why it is what it is.
 *
 * @param emotions category probabilities, or {@code null} when no present modality tells them
 * @param valence in [-1, 1], or NaN when no present modality tells it
 * @param arousal in [-1, 1], or NaN when no present modality tells it
 * @param confidence in [0, 1]; 0 when nothing was present
 * @param modalityWeights the share each present modality had in the result (sums to 1 when any)
 * @param experts the experts chosen with their gate weights; empty for a method without experts
 * @param method the name of the fusion method that produced this estimate
 */
public record FusedEstimate(
    EmotionDistribution emotions,
    double valence,
    double arousal,
    double confidence,
    Map<Modality, Double> modalityWeights,
    List<ExpertChoice> experts,
    String method) {

  public FusedEstimate {
    modalityWeights = Map.copyOf(modalityWeights);
    experts = List.copyOf(experts);
  }

  public boolean hasEmotions() {
    return emotions != null;
  }
}
