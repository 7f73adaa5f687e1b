package org.sentio.affect.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sentio.affect.AffectEstimate;

/**
 * What the voice branch computed for a recording.
 *
 * @param vadProbabilities the voice-activity model's speech probability of each frame, in order
 * @param windows the voice estimate of each window by index, {@code null} where the window held too
 *     little audio to analyse
 */
public record VoiceFeatures(double[] vadProbabilities, List<AffectEstimate> windows) {
  public VoiceFeatures {
    vadProbabilities = vadProbabilities.clone();
    windows = Collections.unmodifiableList(new ArrayList<>(windows));
  }

  @Override
  public double[] vadProbabilities() {
    return vadProbabilities.clone();
  }
}
