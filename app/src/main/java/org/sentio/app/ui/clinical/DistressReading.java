package org.sentio.app.ui.clinical;

import java.util.List;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.triage.TriageRules;

/**
 * The patient's voice or face estimates from one source, and the distress score the triage card
 * will read from them: the confidence-weighted mean over the present estimates of {@link
 * TriageRules#distress(AffectEstimate)} (the probability mass of fearful, sad, angry and disgusted;
 * without categories, negative valence and positive arousal averaged). The card counts it as high
 * at {@link TriageRules#HIGH_DISTRESS} with a mean confidence of {@link
 * TriageRules#MIN_CONFIDENCE}.
 *
 * @param modality voice or face
 * @param estimates the present estimates (one per analysis window or analysed picture)
 * @param source where they came from, in words (a file name, a camera)
 */
record DistressReading(Modality modality, List<AffectEstimate> estimates, String source) {

  DistressReading {
    estimates = estimates.stream().filter(e -> e.modality() == modality && e.isPresent()).toList();
  }

  boolean isEmpty() {
    return estimates.isEmpty() || confidenceSum() == 0;
  }

  /** The distress score in [0, 1]; 0 when empty. */
  double score() {
    double weighted = 0;
    for (AffectEstimate e : estimates) {
      weighted += TriageRules.distress(e) * e.confidence();
    }
    return isEmpty() ? 0 : weighted / confidenceSum();
  }

  double meanConfidence() {
    return estimates.isEmpty() ? 0 : confidenceSum() / estimates.size();
  }

  private double confidenceSum() {
    return estimates.stream().mapToDouble(AffectEstimate::confidence).sum();
  }
}
