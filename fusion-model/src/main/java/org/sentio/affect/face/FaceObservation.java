package org.sentio.affect.face;

import java.util.List;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Embedding;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;

/**
 * What the face analyzer saw of one face in one frame.
 *
 * @param trackId stable id of the face across frames of one stream (from 1)
 * @param box detector box in source pixels
 * @param keypoints the detector's six keypoints in source pixels ({@link FaceDetection} order)
 * @param detectionScore detector score in [0, 1]
 * @param quality size, sharpness and detection combined, in [0, 1] ({@link FaceQuality})
 * @param expression expression probabilities in {@link org.sentio.affect.Emotion} order
 * @param valence from {@code expression} by {@link Circumplex}, in [-1, 1]
 * @param arousal from {@code expression} by {@link Circumplex}, in [-1, 1]
 * @param mouthOpening the mouth's opening from the FaceMesh landmarks ({@link MouthOpening}), or
 *     {@code NaN} when it was not measured
 * @param embedding the expression model's embedding of the face (ADR 0059), or {@code null} when
 *     the model has none
 */
public record FaceObservation(
    int trackId,
    FaceBox box,
    List<FacePoint> keypoints,
    double detectionScore,
    double quality,
    EmotionDistribution expression,
    double valence,
    double arousal,
    double mouthOpening,
    Embedding embedding) {

  public FaceObservation {
    keypoints = List.copyOf(keypoints);
  }

  /** An observation without an embedding. */
  public FaceObservation(
      int trackId,
      FaceBox box,
      List<FacePoint> keypoints,
      double detectionScore,
      double quality,
      EmotionDistribution expression,
      double valence,
      double arousal,
      double mouthOpening) {
    this(
        trackId,
        box,
        keypoints,
        detectionScore,
        quality,
        expression,
        valence,
        arousal,
        mouthOpening,
        null);
  }

  /** An observation whose mouth opening was not measured. */
  public FaceObservation(
      int trackId,
      FaceBox box,
      List<FacePoint> keypoints,
      double detectionScore,
      double quality,
      EmotionDistribution expression,
      double valence,
      double arousal) {
    this(
        trackId, box, keypoints, detectionScore, quality, expression, valence, arousal, Double.NaN);
  }

  /** This face as a face-modality estimate whose confidence is the quality score. */
  public AffectEstimate toEstimate() {
    return AffectEstimate.present(Modality.FACE, expression, valence, arousal, quality)
        .withEmbedding(embedding);
  }
}
