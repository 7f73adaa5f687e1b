package org.sentio.app.ui;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.text.Font;

/**
 * The typeface that lets the desktop UI show Chinese on any machine. A JavaFX UI draws Chinese only
 * with a CJK font, and many machines have none (Debian without fonts-noto-cjk, a fresh WSL): labels
 * became boxes. The reports already ship WenQuanYi Micro Hei (Latin and CJK, Apache-2.0) in the
 * reports jar; the UI loads the same file once and uses it as its font family in Simplified
 * Chinese. In English the platform's own font stays.
 */
public final class UiFonts {
  /** The font collection the reports jar ships (with its COPYRIGHT beside it). */
  static final String RESOURCE = "/org/sentio/reports/fonts/wqy-microhei.ttc";

  /** The family of the proportional face in the collection. */
  public static final String CJK_FAMILY = "WenQuanYi Micro Hei";

  private static boolean loaded;

  private UiFonts() {}

  /**
   * Loads the bundled CJK font into JavaFX once (about 5 MB; only when Chinese is first shown).
   *
   * @throws IllegalStateException if the font is missing from the class path or unreadable
   */
  public static synchronized void loadCjk() {
    if (loaded) {
      return;
    }
    try (InputStream in = UiFonts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the UI font " + RESOURCE + " is missing from the jar");
      }
      Font[] faces = Font.loadFonts(in, 13);
      if (faces == null || Arrays.stream(faces).noneMatch(f -> CJK_FAMILY.equals(f.getFamily()))) {
        throw new IllegalStateException("the UI font " + RESOURCE + " holds no " + CJK_FAMILY);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the UI font " + RESOURCE, e);
    }
    loaded = true;
  }

  /** Whether the UI in {@code locale} needs the bundled CJK font. */
  static boolean needsCjk(Locale locale) {
    return "zh".equals(locale.getLanguage());
  }

  /**
   * Gives {@code root} and everything under it the bundled CJK family when {@code locale} is
   * Chinese (fonts are inherited in JavaFX CSS), and the platform's font otherwise.
   */
  public static void apply(Parent root, Locale locale) {
    if (needsCjk(locale)) {
      loadCjk();
      root.setStyle("-fx-font-family: \"" + CJK_FAMILY + "\";");
    } else {
      root.setStyle("");
    }
  }

  /** A font of the UI's family for {@code locale}, for drawing text on a canvas. */
  public static Font font(Locale locale, double size) {
    if (needsCjk(locale)) {
      loadCjk();
      return Font.font(CJK_FAMILY, size);
    }
    return Font.font(size);
  }
}
