package org.sentio.affect.speech.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sentio.affect.speech.StretchPrint;

/**
 * Voice prints of utterances from the prints the transcript's recogniser gave for each stretch it
 * recognised (ADR 0052): libvosk prints a stretch between two endpoints, not an utterance of our
 * choosing. An utterance takes the mean of the prints of the stretches its span overlaps, each
 * weighted by the share of the stretch's frames inside the utterance; utterances within one stretch
 * share its print.
 */
public final class StretchPrints {
  private StretchPrints() {}

  /**
   * One voice print per span, in the order given.
   *
   * @param stretches the stretches' prints, in time order
   * @param spans each utterance's start and end in seconds, in time order
   */
  public static List<SpeakerTurns.VoicePrint> ofUtterances(
      List<StretchPrint> stretches, List<double[]> spans) {
    List<SpeakerTurns.VoicePrint> prints = new ArrayList<>(spans.size());
    for (double[] span : spans) {
      prints.add(new SpeakerTurns.VoicePrint(span[0], span[1], mean(stretches, span)));
    }
    return prints;
  }

  private static Optional<SpeakerEmbedding> mean(List<StretchPrint> stretches, double[] span) {
    double[] sum = new double[SpeakerEmbedder.DIMENSION];
    double weight = 0;
    for (StretchPrint s : stretches) {
      double length = s.endSeconds() - s.startSeconds();
      double overlap = Math.min(span[1], s.endSeconds()) - Math.max(span[0], s.startSeconds());
      boolean inside = s.startSeconds() >= span[0] && s.endSeconds() <= span[1];
      if (!(overlap > 0) && !inside) {
        continue;
      }
      double share = length > 0 ? Math.min(1, Math.max(0, overlap) / length) : 1;
      double w = s.frames() * share;
      float[] unit = SpeakerEmbedding.unitLength(s.vector());
      for (int i = 0; i < sum.length; i++) {
        sum[i] += w * unit[i];
      }
      weight += w;
    }
    if (!(weight > 0)) {
      return Optional.empty();
    }
    float[] v = new float[sum.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (sum[i] / weight);
    }
    return Optional.of(new SpeakerEmbedding(v, (int) Math.max(1, Math.round(weight))));
  }
}
