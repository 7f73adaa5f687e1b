package org.sentio.affect;

import java.util.Objects;

/**
 * One modality's reading of one window.
 *
 * <p>A present estimate has a confidence in [0, 1] and any of categories, valence and arousal that
 * the modality can tell (voice prosody tells arousal, not always categories): an absent part is
 * {@code null} for categories and {@link Double#NaN} for valence or arousal. An absent estimate
 * carries why it is absent instead.
 *
 * @param modality where the estimate comes from
 * @param emotions category probabilities, or {@code null} when this modality does not tell them
 * @param valence in [-1, 1], or NaN when not estimated
 * @param arousal in [-1, 1], or NaN when not estimated
 * @param confidence in [0, 1]; 0 when absent
 * @param absence why there is no estimate, or {@code null} when present
 * @param absenceDetail more words on the absence (e.g. "no video stream"), or {@code null}
 * @param embedding the model's penultimate layer for this reading (ADR 0059), or {@code null} when
 *     the model has none or the estimate is absent
 */
public record AffectEstimate(
    Modality modality,
    EmotionDistribution emotions,
    double valence,
    double arousal,
    double confidence,
    AbsenceReason absence,
    String absenceDetail,
    Embedding embedding) {

  public AffectEstimate {
    Objects.requireNonNull(modality, "modality");
    if (absence == null) {
      requireUnitOrNaN(valence, "valence", -1);
      requireUnitOrNaN(arousal, "arousal", -1);
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
      }
      if (emotions == null && Double.isNaN(valence) && Double.isNaN(arousal)) {
        throw new IllegalArgumentException("a present estimate must tell something");
      }
    } else if (embedding != null) {
      throw new IllegalArgumentException("an absent estimate carries no embedding");
    }
  }

  /** An estimate without an embedding. */
  public AffectEstimate(
      Modality modality,
      EmotionDistribution emotions,
      double valence,
      double arousal,
      double confidence,
      AbsenceReason absence,
      String absenceDetail) {
    this(modality, emotions, valence, arousal, confidence, absence, absenceDetail, null);
  }

  /** This estimate carrying {@code embedding} (null for none). */
  public AffectEstimate withEmbedding(Embedding embedding) {
    return new AffectEstimate(
        modality, emotions, valence, arousal, confidence, absence, absenceDetail, embedding);
  }

  public boolean hasEmbedding() {
    return embedding != null;
  }

  /**
   * Two estimates are equal when they read the same: modality, categories, valence, arousal,
   * confidence and absence. The embedding is left out: it is the model's internal state carried
   * along for fusion and stored apart from the reading (ADR 0059), so a window read back from the
   * store equals the window the analysis made.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof AffectEstimate e
        && modality == e.modality
        && Objects.equals(emotions, e.emotions)
        && Double.compare(valence, e.valence) == 0
        && Double.compare(arousal, e.arousal) == 0
        && Double.compare(confidence, e.confidence) == 0
        && absence == e.absence
        && Objects.equals(absenceDetail, e.absenceDetail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modality, emotions, valence, arousal, confidence, absence, absenceDetail);
  }

  private static void requireUnitOrNaN(double value, String name, double lowest) {
    if (!Double.isNaN(value) && !(value >= lowest && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [" + lowest + ", 1]: " + value);
    }
  }

  public static AffectEstimate present(
      Modality modality,
      EmotionDistribution emotions,
      double valence,
      double arousal,
      double confidence) {
    return new AffectEstimate(modality, emotions, valence, arousal, confidence, null, null);
  }

  public static AffectEstimate absent(Modality modality, AbsenceReason reason, String detail) {
    Objects.requireNonNull(reason, "reason");
    return new AffectEstimate(modality, null, Double.NaN, Double.NaN, 0, reason, detail);
  }

  public boolean isPresent() {
    return absence == null;
  }

  public boolean hasEmotions() {
    return emotions != null;
  }

  public boolean hasValence() {
    return !Double.isNaN(valence);
  }

  public boolean hasArousal() {
    return !Double.isNaN(arousal);
  }
}
