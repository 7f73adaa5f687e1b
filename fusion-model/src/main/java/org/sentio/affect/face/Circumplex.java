package org.sentio.affect.face;

import java.util.EnumMap;
import java.util.Map;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;

/**
 * Valence and arousal from a category distribution: the probability-weighted mean of fixed
 * positions of the categories on Russell's circumplex (valence, arousal in [-1, 1]): neutral (0,
 * 0), happy (+0.8, +0.5), sad (-0.6, -0.4), angry (-0.6, +0.7), fearful (-0.6, +0.6), disgusted
 * (-0.6, +0.3), surprised (+0.2, +0.8). The positions are a documented convention (close to the
 * placements in Russell 1980 and the Geneva emotion wheel), not fitted to data; the mean of points
 * inside the square stays inside it.
 */
public final class Circumplex {
  /** Valence and arousal, each in [-1, 1]. */
  public record Point(double valence, double arousal) {}

  private static final Map<Emotion, Point> POSITIONS = new EnumMap<>(Emotion.class);

  static {
    POSITIONS.put(Emotion.NEUTRAL, new Point(0, 0));
    POSITIONS.put(Emotion.HAPPY, new Point(0.8, 0.5));
    POSITIONS.put(Emotion.SAD, new Point(-0.6, -0.4));
    POSITIONS.put(Emotion.ANGRY, new Point(-0.6, 0.7));
    POSITIONS.put(Emotion.FEARFUL, new Point(-0.6, 0.6));
    POSITIONS.put(Emotion.DISGUSTED, new Point(-0.6, 0.3));
    POSITIONS.put(Emotion.SURPRISED, new Point(0.2, 0.8));
  }

  private Circumplex() {}

  public static Point position(Emotion emotion) {
    return POSITIONS.get(emotion);
  }

  public static Point of(EmotionDistribution distribution) {
    double valence = 0;
    double arousal = 0;
    for (Emotion e : Emotion.values()) {
      valence += distribution.get(e) * POSITIONS.get(e).valence();
      arousal += distribution.get(e) * POSITIONS.get(e).arousal();
    }
    return new Point(clamp(valence), clamp(arousal));
  }

  private static double clamp(double v) {
    return Math.max(-1, Math.min(1, v));
  }
}
