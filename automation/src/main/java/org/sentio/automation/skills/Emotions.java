package org.sentio.automation.skills;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.pipeline.SessionResult;

/** How long each emotion led a session: what conditions like "angry for 30 s" are tested on. */
final class Emotions {
  /** The negative emotions that "distressed" stands for. */
  static final java.util.Set<Emotion> DISTRESS =
      java.util.EnumSet.of(Emotion.ANGRY, Emotion.SAD, Emotion.FEARFUL, Emotion.DISGUSTED);

  private Emotions() {}

  /**
   * For each emotion, the seconds of windows whose strongest fused emotion it was; windows start a
   * hop apart, so each counts for one hop. {@code distressed} sums the negative emotions.
   */
  static Map<String, Double> seconds(SessionResult result) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Emotion emotion : Emotion.values()) {
      seconds.put(emotion.label(), 0.0);
    }
    double distressed = 0;
    double hop = result.options().hopSeconds();
    for (AffectWindow window : result.windows()) {
      if (window.fused() == null || !window.fused().hasEmotions()) {
        continue;
      }
      Emotion top = window.fused().emotions().top();
      seconds.merge(top.label(), hop, Double::sum);
      if (DISTRESS.contains(top)) {
        distressed += hop;
      }
    }
    seconds.put("distressed", distressed);
    return seconds;
  }
}
