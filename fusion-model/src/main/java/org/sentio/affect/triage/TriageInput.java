package org.sentio.affect.triage;

import java.util.List;
import org.sentio.affect.AffectEstimate;

/**
 * What the triage rules read.
 *
 * @param complaint the complaint text (typed or transcribed), English or Chinese; may be empty
 * @param vitals the vitals entered
 * @param distress voice and face estimates of the patient (text estimates are ignored: the
 *     complaint rules read the words)
 * @param imaging the imaging model's finding, or null when no model is installed or no study opened
 */
public record TriageInput(
    String complaint, Vitals vitals, List<AffectEstimate> distress, ImagingFinding imaging) {

  public TriageInput {
    complaint = complaint == null ? "" : complaint;
    vitals = vitals == null ? Vitals.none() : vitals;
    distress = distress == null ? List.of() : List.copyOf(distress);
  }
}
