package org.sentio.affect;

import java.util.Locale;

/** The seven affect categories every modality and the fusion model report, in this fixed order. */
public enum Emotion {
  NEUTRAL("neutral", "neutral"),
  HAPPY("happy", "happy"),
  SAD("sad", "sad"),
  ANGRY("angry", "angry"),
  FEARFUL("fearful", "fear"),
  DISGUSTED("disgusted", "disgust"),
  SURPRISED("surprised", "surprise");

  /** Number of categories, the length of every probability vector. */
  public static final int COUNT = values().length;

  private final String label;
  private final String datasetLabel;

  Emotion(String label, String datasetLabel) {
    this.label = label;
    this.datasetLabel = datasetLabel;
  }

  /** The name shown to users and written to exports. */
  public String label() {
    return label;
  }

  /** The name labeled data sets use (angry, disgust, fear, happy, sad, surprise, neutral). */
  public String datasetLabel() {
    return datasetLabel;
  }

  /**
   * Reads either vocabulary, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted labels when {@code text} is none of them
   */
  public static Emotion parse(String text) {
    String wanted = text.trim().toLowerCase(Locale.ROOT);
    for (Emotion emotion : values()) {
      if (emotion.label.equals(wanted) || emotion.datasetLabel.equals(wanted)) {
        return emotion;
      }
    }
    throw new IllegalArgumentException(
        "unknown emotion '"
            + text
            + "': use one of neutral, happy, sad, angry, fear(ful), disgust(ed), surprise(d)");
  }
}
