package org.sentio.reports;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one typeface reports use for every language: WenQuanYi Micro Hei (Latin and CJK, Apache-2.0,
 * shipped in this jar with its licence beside it under {@code org/sentio/reports/fonts/}).
 */
final class ReportFonts {
  static final String RESOURCE = "/org/sentio/reports/fonts/wqy-microhei.ttc";

  /** The PostScript name of the proportional face inside the collection. */
  static final String FACE = "WenQuanYiMicroHei";

  private static volatile byte[] bytes;
  private static volatile Font awtFont;

  private ReportFonts() {}

  /** The font collection's bytes, read once. */
  static byte[] collection() {
    byte[] b = bytes;
    if (b == null) {
      try (InputStream in = ReportFonts.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              "the report font " + RESOURCE + " is missing from the jar");
        }
        b = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the report font " + RESOURCE, e);
      }
      bytes = b;
    }
    return b;
  }

  /** The face for Java2D charts, at {@code size} points. */
  static Font awt(float size, int style) {
    Font f = awtFont;
    if (f == null) {
      try (InputStream in = new java.io.ByteArrayInputStream(collection())) {
        for (Font candidate : Font.createFonts(in)) {
          if (candidate.getPSName().equals(FACE) || f == null) {
            f = candidate;
          }
        }
      } catch (IOException | FontFormatException e) {
        throw new IllegalStateException("cannot load the report font " + RESOURCE, e);
      }
      awtFont = f;
    }
    return f.deriveFont(style, size);
  }
}
