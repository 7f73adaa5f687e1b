package org.sentio.affect.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceObservation;

/** What the analyzers saw inside one window while the media streamed past. */
final class WindowAccumulator {
  private final List<EmotionDistribution> faceExpressions = new ArrayList<>();
  private final List<Double> faceQualities = new ArrayList<>();
  private double faceValence;
  private double faceArousal;
  private double faceQualitySum;
  private int framesSeen;
  private int framesWithFace;
  private int vadFrames;
  private int vadSpeechFrames;
  private AffectEstimate voice;

  /** Adds one analysed video frame: the subject face, or {@code null} when none was found. */
  void addFrame(FaceObservation subject) {
    framesSeen++;
    if (subject == null) {
      return;
    }
    framesWithFace++;
    double q = Math.max(subject.quality(), 1e-3);
    faceExpressions.add(subject.expression());
    faceQualities.add(q);
    faceValence += q * subject.valence();
    faceArousal += q * subject.arousal();
    faceQualitySum += q;
  }

  void addVadFrame(boolean speech) {
    vadFrames++;
    if (speech) {
      vadSpeechFrames++;
    }
  }

  double speechFraction() {
    return vadFrames == 0 ? 0 : (double) vadSpeechFrames / vadFrames;
  }

  void setVoice(AffectEstimate estimate) {
    voice = estimate;
  }

  AffectEstimate voice() {
    return voice;
  }

  /**
   * The face estimate: quality-weighted mean expression of the frames with a face; confidence is
   * the mean quality scaled by the share of frames that had a face.
   */
  AffectEstimate face(boolean mediaHasVideo) {
    if (!mediaHasVideo) {
      return AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, "no video stream");
    }
    if (framesSeen == 0) {
      return AffectEstimate.absent(
          Modality.FACE, AbsenceReason.UNREADABLE, "no video frame decoded in this window");
    }
    if (framesWithFace == 0) {
      return AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null);
    }
    double[] weights = faceQualities.stream().mapToDouble(Double::doubleValue).toArray();
    double meanQuality = faceQualitySum / framesWithFace;
    double confidence = Math.min(1, meanQuality * framesWithFace / framesSeen);
    return AffectEstimate.present(
        Modality.FACE,
        EmotionDistribution.weightedMean(faceExpressions, weights),
        clamp(faceValence / faceQualitySum),
        clamp(faceArousal / faceQualitySum),
        confidence);
  }

  private static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
