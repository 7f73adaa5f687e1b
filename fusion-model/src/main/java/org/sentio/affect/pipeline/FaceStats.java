package org.sentio.affect.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Embedding;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceObservation;

/** The readings of one face (the subject, or one track) over the frames of a window. */
final class FaceStats {
  private final List<EmotionDistribution> expressions = new ArrayList<>();
  private final List<Double> qualities = new ArrayList<>();
  private final List<Embedding> embeddings = new ArrayList<>();
  private final List<Double> embeddingQualities = new ArrayList<>();
  private double valence;
  private double arousal;
  private double qualitySum;

  void add(FaceObservation face) {
    double q = Math.max(face.quality(), 1e-3);
    expressions.add(face.expression());
    qualities.add(q);
    if (face.embedding() != null) {
      embeddings.add(face.embedding());
      embeddingQualities.add(q);
    }
    valence += q * face.valence();
    arousal += q * face.arousal();
    qualitySum += q;
  }

  int frames() {
    return expressions.size();
  }

  /**
   * The quality-weighted mean expression and embedding (when the model gives one); confidence is
   * the mean quality scaled by the share of the window's {@code framesSeen} in which this face was
   * seen.
   */
  AffectEstimate estimate(int framesSeen) {
    double[] weights = qualities.stream().mapToDouble(Double::doubleValue).toArray();
    double meanQuality = qualitySum / frames();
    double confidence = Math.min(1, meanQuality * frames() / framesSeen);
    return AffectEstimate.present(
            Modality.FACE,
            EmotionDistribution.weightedMean(expressions, weights),
            clamp(valence / qualitySum),
            clamp(arousal / qualitySum),
            confidence)
        .withEmbedding(
            Embedding.weightedMean(
                embeddings,
                embeddingQualities.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  private static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
