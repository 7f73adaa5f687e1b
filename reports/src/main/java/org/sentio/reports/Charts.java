package org.sentio.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.SessionResult;

/**
 * The report's two charts drawn with Java2D (no JavaFX) into images at twice their layout size: a
 * timeline per modality and fused, and the valence–arousal plane of the fused windows.
 */
final class Charts {
  /** Layout width of both charts in points (PDF) or CSS pixels (HTML). */
  static final int WIDTH = 760;

  static final int TIMELINE_HEIGHT = 420;
  static final int PLANE_HEIGHT = 400;
  private static final int SCALE = 2;

  static final Map<Emotion, Color> COLORS =
      Map.of(
          Emotion.NEUTRAL, new Color(0x9e9e9e),
          Emotion.HAPPY, new Color(0xf2b701),
          Emotion.SAD, new Color(0x3969ac),
          Emotion.ANGRY, new Color(0xe73f74),
          Emotion.FEARFUL, new Color(0x7f3c8d),
          Emotion.DISGUSTED, new Color(0x11a579),
          Emotion.SURPRISED, new Color(0xf97b15));

  private static final Color INK = new Color(0x222222);
  private static final Color GRID = new Color(0xdddddd);
  private static final Color ABSENT = new Color(0xeeeeee);
  private static final Color VALENCE = new Color(0x1f4e79);
  private static final Color AROUSAL = new Color(0xc0392b);

  private Charts() {}

  /** One row of the timeline: what to read from a window. */
  private record Row(String label, Function<AffectWindow, Reading> reading) {}

  /** What one row shows for one window; {@code null} emotions when the row does not tell them. */
  private record Reading(
      boolean present, EmotionDistribution emotions, double valence, double arousal) {}

  static BufferedImage timeline(SessionResult result, Messages text) {
    List<AffectWindow> windows = result.windows();
    List<Row> rows =
        List.of(
            modalityRow(Modality.FACE, text),
            modalityRow(Modality.VOICE, text),
            modalityRow(Modality.TEXT, text),
            new Row(
                text.get("modality.fused"),
                w -> {
                  FusedEstimate f = w.fused();
                  boolean present = f.hasEmotions() || !Double.isNaN(f.valence());
                  return new Reading(present, f.emotions(), f.valence(), f.arousal());
                }));
    BufferedImage image = canvas(TIMELINE_HEIGHT);
    Graphics2D g = graphics(image);
    try {
      double left = 70;
      double right = WIDTH - 12;
      double top = 8;
      double legendHeight = 22;
      double axisHeight = 34;
      double rowGap = 8;
      double rowHeight =
          (TIMELINE_HEIGHT - top - axisHeight - legendHeight - rowGap * (rows.size() - 1))
              / rows.size();
      double duration = Math.max(result.durationSeconds(), lastEnd(windows));
      if (!(duration > 0)) {
        duration = 1;
      }
      double scaleX = (right - left) / duration;
      g.setFont(ReportFonts.awt(11f, Font.PLAIN));
      for (int r = 0; r < rows.size(); r++) {
        Row row = rows.get(r);
        double y0 = top + r * (rowHeight + rowGap);
        double band = 9;
        double plotTop = y0 + band + 3;
        double plotHeight = rowHeight - band - 3;
        g.setColor(INK);
        g.drawString(row.label(), 4f, (float) (y0 + rowHeight / 2 + 4));
        g.setColor(GRID);
        g.draw(new Rectangle2D.Double(left, plotTop, right - left, plotHeight));
        double zero = plotTop + plotHeight / 2;
        g.draw(new Line2D.Double(left, zero, right, zero));
        Path2D.Double valence = new Path2D.Double();
        Path2D.Double arousal = new Path2D.Double();
        boolean valenceOpen = false;
        boolean arousalOpen = false;
        for (int i = 0; i < windows.size(); i++) {
          AffectWindow w = windows.get(i);
          double x0 = left + w.startSeconds() * scaleX;
          double x1 =
              left
                  + (i + 1 < windows.size() ? windows.get(i + 1).startSeconds() : w.endSeconds())
                      * scaleX;
          double mid = left + (w.startSeconds() + w.endSeconds()) / 2 * scaleX;
          Reading reading = row.reading().apply(w);
          if (!reading.present()) {
            g.setColor(ABSENT);
            g.fill(new Rectangle2D.Double(x0, plotTop + 1, Math.max(x1 - x0, 0.5), plotHeight - 1));
            valenceOpen = false;
            arousalOpen = false;
            continue;
          }
          if (reading.emotions() != null) {
            g.setColor(COLORS.get(reading.emotions().top()));
            g.fill(new Rectangle2D.Double(x0, y0, Math.max(x1 - x0, 0.5), band));
          }
          double vy = zero - reading.valence() * plotHeight / 2;
          double ay = zero - reading.arousal() * plotHeight / 2;
          if (!Double.isNaN(reading.valence())) {
            if (valenceOpen) {
              valence.lineTo(mid, vy);
            } else {
              valence.moveTo(mid, vy);
            }
            valenceOpen = true;
          } else {
            valenceOpen = false;
          }
          if (!Double.isNaN(reading.arousal())) {
            if (arousalOpen) {
              arousal.lineTo(mid, ay);
            } else {
              arousal.moveTo(mid, ay);
            }
            arousalOpen = true;
          } else {
            arousalOpen = false;
          }
        }
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(VALENCE);
        g.draw(valence);
        g.setStroke(
            new BasicStroke(
                1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {4f, 3f}, 0f));
        g.setColor(AROUSAL);
        g.draw(arousal);
        g.setStroke(new BasicStroke(1f));
        g.setColor(INK);
        g.setFont(ReportFonts.awt(8f, Font.PLAIN));
        g.drawString("+1", (float) (left - 16), (float) (plotTop + 8));
        g.drawString("−1", (float) (left - 16), (float) (plotTop + plotHeight));
        g.setFont(ReportFonts.awt(11f, Font.PLAIN));
      }
      double axisY = top + rows.size() * (rowHeight + rowGap) - rowGap;
      drawTimeAxis(g, left, right, axisY, duration, text);
      drawLegend(g, left, TIMELINE_HEIGHT - 8, text, true);
    } finally {
      g.dispose();
    }
    return image;
  }

  static BufferedImage plane(SessionResult result, Messages text) {
    BufferedImage image = canvas(PLANE_HEIGHT);
    Graphics2D g = graphics(image);
    try {
      double size = PLANE_HEIGHT - 60;
      double left = (WIDTH - size) / 2;
      double top = 10;
      double cx = left + size / 2;
      double cy = top + size / 2;
      g.setColor(GRID);
      g.draw(new Rectangle2D.Double(left, top, size, size));
      g.draw(new Line2D.Double(left, cy, left + size, cy));
      g.draw(new Line2D.Double(cx, top, cx, top + size));
      g.setColor(INK);
      g.setFont(ReportFonts.awt(11f, Font.PLAIN));
      FontMetrics fm = g.getFontMetrics();
      String valence = text.get("chart.valence");
      String arousal = text.get("chart.arousal");
      g.drawString(valence + " →", (float) (left + size + 6), (float) (cy + 4));
      g.drawString(
          "↑ " + arousal, (float) (cx - fm.stringWidth("↑ " + arousal) / 2.0), (float) top + 12);
      g.setFont(ReportFonts.awt(9f, Font.PLAIN));
      g.drawString("−1", (float) (left - 14), (float) (cy + 4));
      g.drawString("+1", (float) (left + size + 2), (float) (cy + 16));
      g.drawString("−1", (float) (cx + 3), (float) (top + size - 3));
      for (AffectWindow w : result.windows()) {
        FusedEstimate f = w.fused();
        if (Double.isNaN(f.valence()) || Double.isNaN(f.arousal())) {
          continue;
        }
        double x = cx + f.valence() * size / 2;
        double y = cy - f.arousal() * size / 2;
        Color c = f.hasEmotions() ? COLORS.get(f.emotions().top()) : INK;
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
        g.fill(new Ellipse2D.Double(x - 3.5, y - 3.5, 7, 7));
      }
      drawLegend(g, 70, PLANE_HEIGHT - 12, text, false);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static Row modalityRow(Modality m, Messages text) {
    return new Row(
        text.modality(m),
        w -> {
          AffectEstimate e = w.estimate(m);
          return new Reading(e.isPresent(), e.emotions(), e.valence(), e.arousal());
        });
  }

  private static void drawTimeAxis(
      Graphics2D g, double left, double right, double y, double duration, Messages text) {
    g.setColor(INK);
    g.draw(new Line2D.Double(left, y + 2, right, y + 2));
    g.setFont(ReportFonts.awt(9f, Font.PLAIN));
    FontMetrics fm = g.getFontMetrics();
    double step = niceStep(duration / 8);
    for (double t = 0; t <= duration + 1e-9; t += step) {
      double x = left + t * (right - left) / duration;
      g.draw(new Line2D.Double(x, y + 2, x, y + 6));
      String label = formatTick(t, step);
      g.drawString(label, (float) (x - fm.stringWidth(label) / 2.0), (float) (y + 16));
    }
    String caption = text.get("chart.time");
    g.drawString(caption, (float) (right - fm.stringWidth(caption)), (float) (y + 28));
  }

  private static void drawLegend(Graphics2D g, double x, double y, Messages text, boolean lines) {
    g.setFont(ReportFonts.awt(10f, Font.PLAIN));
    FontMetrics fm = g.getFontMetrics();
    double cursor = x;
    for (Emotion e : Emotion.values()) {
      g.setColor(COLORS.get(e));
      g.fill(new Rectangle2D.Double(cursor, y - 8, 10, 10));
      g.setColor(INK);
      String label = text.emotion(e);
      g.drawString(label, (float) (cursor + 13), (float) y + 1);
      cursor += 13 + fm.stringWidth(label) + 12;
    }
    if (lines) {
      cursor += 6;
      g.setColor(VALENCE);
      g.setStroke(new BasicStroke(1.6f));
      g.draw(new Line2D.Double(cursor, y - 3, cursor + 16, y - 3));
      g.setColor(INK);
      String v = text.get("chart.valence");
      g.drawString(v, (float) (cursor + 19), (float) y + 1);
      cursor += 19 + fm.stringWidth(v) + 12;
      g.setColor(AROUSAL);
      g.setStroke(
          new BasicStroke(
              1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
      g.draw(new Line2D.Double(cursor, y - 3, cursor + 16, y - 3));
      g.setStroke(new BasicStroke(1f));
      g.setColor(INK);
      g.drawString(text.get("chart.arousal"), (float) (cursor + 19), (float) y + 1);
    }
  }

  private static double lastEnd(List<AffectWindow> windows) {
    return windows.isEmpty() ? 0 : windows.get(windows.size() - 1).endSeconds();
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static String formatTick(double t, double step) {
    return step >= 1
        ? String.format(Locale.ROOT, "%.0f", t)
        : String.format(Locale.ROOT, "%.1f", t);
  }

  private static BufferedImage canvas(int height) {
    return new BufferedImage(WIDTH * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
  }

  private static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.scale(SCALE, SCALE);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return g;
  }
}
