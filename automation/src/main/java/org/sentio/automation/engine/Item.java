package org.sentio.automation.engine;

import java.util.Map;

/**
 * What flows between steps: one recording and, once analysed, its stored session.
 *
 * @param file the recording's absolute path
 * @param sessionId the stored session, or {@code null} before analysis
 * @param title the session's title
 * @param emotionSeconds for each emotion (and {@code distressed}), the seconds of windows whose
 *     strongest fused emotion it was
 */
public record Item(String file, Long sessionId, String title, Map<String, Double> emotionSeconds) {
  public Item {
    emotionSeconds = emotionSeconds == null ? Map.of() : Map.copyOf(emotionSeconds);
  }

  public static Item file(String file) {
    return new Item(file, null, null, Map.of());
  }

  public double seconds(String emotion) {
    return emotionSeconds.getOrDefault(emotion, 0.0);
  }
}
