package org.sentio.app.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.sentio.affect.pipeline.ProgressListener;

/**
 * A progress line on stderr: stage, percent, media seconds and the estimated time left. On a
 * terminal it is redrawn in place at most four times a second; into a file or pipe a new line is
 * written every five seconds, so logs stay readable.
 */
final class ProgressLine implements ProgressListener {
  private static final long REDRAW_NANOS = 250_000_000L;
  private static final long LOG_LINE_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final String label;
  private final boolean inPlace;
  private final long startNanos = System.nanoTime();
  private long lastDrawNanos;
  private int lastLength;

  /**
   * @param inPlace redraw one line with carriage returns (a terminal), else write whole lines
   */
  ProgressLine(PrintStream out, String label, boolean inPlace) {
    this.out = out;
    this.label = label;
    this.inPlace = inPlace;
  }

  /** A progress line on stderr, redrawn in place when the process has a terminal. */
  static ProgressLine onStderr(String label) {
    return new ProgressLine(System.err, label, System.console() != null);
  }

  @Override
  public void onProgress(double done, double total, String stage) {
    long now = System.nanoTime();
    boolean first = lastDrawNanos == 0;
    if (!first && now - lastDrawNanos < (inPlace ? REDRAW_NANOS : LOG_LINE_NANOS)) {
      return;
    }
    lastDrawNanos = now;
    String text = format(done, total, stage, (now - startNanos) / 1e9);
    if (inPlace) {
      draw(text);
    } else {
      out.println(label + ": " + text);
    }
  }

  static String format(double done, double total, String stage, double elapsedSeconds) {
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s  %.1f s", stage, done);
    }
    double fraction = Math.max(0, Math.min(1, done / total));
    String eta = fraction > 0.01 ? clock(elapsedSeconds * (1 - fraction) / fraction) : "--:--";
    return String.format(
        Locale.ROOT, "%s %3.0f%%  %.1f/%.1f s  ETA %s", stage, fraction * 100, done, total, eta);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private void draw(String text) {
    String line = label + ": " + text;
    StringBuilder padded = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < lastLength; i++) {
      padded.append(' ');
    }
    lastLength = line.length();
    out.print(padded);
    out.flush();
  }

  /** Ends the line. */
  void finish() {
    if (inPlace && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      out.flush();
    }
  }
}
