package org.sentio.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.sentio.affect.pipeline.ProgressListener;

/**
 * Progress on stderr: stage, percent, amount done and the estimated time left. On a terminal it is
 * one line redrawn in place with carriage returns, at most four times a second. Into a file or a
 * pipe (a log, CI, an IDE console) nothing is redrawn: a whole line is written when the work
 * starts, each time another tenth of it is done and at least every 30 seconds, so a log holds about
 * a dozen readable lines rather than hundreds of fragments.
 */
final class ProgressLine implements ProgressListener {
  private static final long REDRAW_NANOS = 250_000_000L;
  private static final long LOG_LINE_NANOS = 30_000_000_000L;
  private static final int LOG_STEPS = 10;

  private final PrintStream out;
  private final String label;
  private final boolean inPlace;
  private final LongSupplier clock;
  private final long startNanos;
  private long lastDrawNanos;
  private boolean drawn;
  private int lastStep = -1;
  private int lastLength;

  /**
   * @param inPlace redraw one line with carriage returns (a terminal), else write whole lines
   */
  ProgressLine(PrintStream out, String label, boolean inPlace) {
    this(out, label, inPlace, System::nanoTime);
  }

  ProgressLine(PrintStream out, String label, boolean inPlace, LongSupplier clock) {
    this.out = out;
    this.label = label;
    this.inPlace = inPlace;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
  }

  /** Progress on stderr, redrawn in place only when stderr is a terminal. */
  static ProgressLine onStderr(String label) {
    return new ProgressLine(System.err, label, stderrIsTerminal());
  }

  /**
   * Whether stderr itself is a terminal. {@link System#console()} answers for stdin and stdout, so
   * {@code sentio evaluate x.csv 2> log} would still be drawn with carriage returns; on Linux the
   * descriptor's target tells.
   */
  static boolean stderrIsTerminal() {
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(fd)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }

  @Override
  public void onProgress(double done, double total, String stage) {
    update(done, total, () -> format(done, total, stage, elapsedSeconds()));
  }

  /** Progress counted in items, e.g. {@code onCount(12, 199, "rows")}. */
  void onCount(long done, long total, String unit) {
    update(done, total, () -> formatCount(done, total, unit, elapsedSeconds()));
  }

  private void update(double done, double total, Supplier<String> text) {
    long now = clock.getAsLong();
    boolean complete = total > 0 && done >= total;
    if (inPlace) {
      if (drawn && !complete && now - lastDrawNanos < REDRAW_NANOS) {
        return;
      }
      draw(text.get());
    } else {
      int step = total > 0 ? (int) Math.floor(Math.min(1, done / total) * LOG_STEPS) : -1;
      boolean due = !drawn || step > lastStep || now - lastDrawNanos >= LOG_LINE_NANOS;
      if (!due) {
        return;
      }
      lastStep = Math.max(lastStep, step);
      out.println(label + ": " + text.get());
      out.flush();
    }
    drawn = true;
    lastDrawNanos = now;
  }

  private double elapsedSeconds() {
    return (clock.getAsLong() - startNanos) / 1e9;
  }

  static String format(double done, double total, String stage, double elapsedSeconds) {
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s  %.1f s", stage, done);
    }
    double fraction = Math.max(0, Math.min(1, done / total));
    return String.format(
        Locale.ROOT,
        "%s %3.0f%%  %.1f/%.1f s  ETA %s",
        stage,
        fraction * 100,
        done,
        total,
        eta(fraction, elapsedSeconds));
  }

  static String formatCount(long done, long total, String unit, double elapsedSeconds) {
    if (total <= 0) {
      return String.format(Locale.ROOT, "%d %s", done, unit);
    }
    double fraction = Math.max(0, Math.min(1, (double) done / total));
    return String.format(
        Locale.ROOT,
        "%d/%d %s %3.0f%%  ETA %s",
        done,
        total,
        unit,
        fraction * 100,
        eta(fraction, elapsedSeconds));
  }

  private static String eta(double fraction, double elapsedSeconds) {
    return fraction > 0.01 ? clock(elapsedSeconds * (1 - fraction) / fraction) : "--:--";
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

  /** Ends the progress: clears the terminal line; a log keeps its whole lines as they are. */
  void finish() {
    if (inPlace && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      out.flush();
      lastLength = 0;
    }
  }
}
