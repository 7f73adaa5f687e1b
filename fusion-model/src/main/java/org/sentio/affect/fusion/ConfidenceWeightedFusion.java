package org.sentio.affect.fusion;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;

/**
 * Late fusion by confidence: each part of the result (categories, valence, arousal) is the mean of
 * the present modalities that tell that part, weighted by their confidences. A modality's weight is
 * its share of the total confidence of the present modalities. The fused confidence is the
 * confidence-weighted mean of the present confidences, so a confident modality dominates it.
 *
 * <p>This is the documented fallback used until a trained fusion model is installed; it assumes the
 * modalities are conditionally independent evidence of equal calibration.
 */
public final class ConfidenceWeightedFusion implements FusionMethod {
  public static final String NAME = "confidence-weighted";

  /** The name used when this stands in for an absent trained fusion model. */
  public static final String FALLBACK_NAME =
      "confidence-weighted (fallback: fusion-moe not installed)";

  private final String name;

  public ConfidenceWeightedFusion() {
    this(NAME);
  }

  /** With another name stored on results, e.g. {@link #FALLBACK_NAME}. */
  public ConfidenceWeightedFusion(String name) {
    this.name = name;
  }

  /** The fallback the pipeline uses when no fusion model is installed. */
  public static ConfidenceWeightedFusion fallback() {
    return new ConfidenceWeightedFusion(FALLBACK_NAME);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<FusedEstimate> fuse(List<Map<Modality, AffectEstimate>> windows) {
    List<FusedEstimate> fused = new ArrayList<>(windows.size());
    for (Map<Modality, AffectEstimate> window : windows) {
      fused.add(fuseOne(window));
    }
    return fused;
  }

  /** Fuses one window. */
  public FusedEstimate fuseOne(Map<Modality, AffectEstimate> estimates) {
    List<EmotionDistribution> distributions = new ArrayList<>();
    List<Double> distributionWeights = new ArrayList<>();
    double valenceSum = 0;
    double valenceWeight = 0;
    double arousalSum = 0;
    double arousalWeight = 0;
    double confidenceTotal = 0;
    double weightedConfidence = 0;
    Map<Modality, Double> weights = new EnumMap<>(Modality.class);

    for (AffectEstimate estimate : estimates.values()) {
      if (!estimate.isPresent() || estimate.confidence() <= 0) {
        continue;
      }
      double c = estimate.confidence();
      weights.put(estimate.modality(), c);
      confidenceTotal += c;
      weightedConfidence += c * c;
      if (estimate.hasEmotions()) {
        distributions.add(estimate.emotions());
        distributionWeights.add(c);
      }
      if (estimate.hasValence()) {
        valenceSum += c * estimate.valence();
        valenceWeight += c;
      }
      if (estimate.hasArousal()) {
        arousalSum += c * estimate.arousal();
        arousalWeight += c;
      }
    }
    if (confidenceTotal == 0) {
      return new FusedEstimate(null, Double.NaN, Double.NaN, 0, Map.of(), List.of(), name);
    }
    for (Map.Entry<Modality, Double> entry : weights.entrySet()) {
      entry.setValue(entry.getValue() / confidenceTotal);
    }
    EmotionDistribution emotions =
        distributions.isEmpty()
            ? null
            : EmotionDistribution.weightedMean(
                distributions, distributionWeights.stream().mapToDouble(d -> d).toArray());
    return new FusedEstimate(
        emotions,
        valenceWeight > 0 ? valenceSum / valenceWeight : Double.NaN,
        arousalWeight > 0 ? arousalSum / arousalWeight : Double.NaN,
        weightedConfidence / confidenceTotal,
        weights,
        List.of(),
        name);
  }
}
