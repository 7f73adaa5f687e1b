package org.sentio.affect.triage;

/**
 * A finding from an installed imaging model.
 *
 * @param model the model's name and version
 * @param finding what it looks for ("intracranial haemorrhage")
 * @param score the model's output score
 * @param threshold the manifest's threshold: positive at or above it
 * @param validation the manifest's validation figures, shown next to the finding
 */
public record ImagingFinding(
    String model, String finding, double score, double threshold, String validation) {

  public boolean positive() {
    return score >= threshold;
  }
}
