package org.sentio.app.ui;

import javafx.scene.paint.Color;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;

/** The colours of emotions and modalities, shared by timeline, inspector and live view. */
public final class Palette {
  private Palette() {}

  public static Color of(Emotion e) {
    return switch (e) {
      case NEUTRAL -> Color.web("#9aa5b1");
      case HAPPY -> Color.web("#f2b705");
      case SAD -> Color.web("#3b82f6");
      case ANGRY -> Color.web("#e5484d");
      case FEARFUL -> Color.web("#8e4ec6");
      case DISGUSTED -> Color.web("#30a46c");
      case SURPRISED -> Color.web("#f76b15");
    };
  }

  public static Color of(Modality m) {
    return switch (m) {
      case FACE -> Color.web("#0ea5e9");
      case VOICE -> Color.web("#a855f7");
      case TEXT -> Color.web("#22c55e");
    };
  }

  /** CSS hex of a colour, for inline styles. */
  public static String css(Color c) {
    return String.format(
        "#%02x%02x%02x",
        (int) Math.round(c.getRed() * 255),
        (int) Math.round(c.getGreen() * 255),
        (int) Math.round(c.getBlue() * 255));
  }
}
