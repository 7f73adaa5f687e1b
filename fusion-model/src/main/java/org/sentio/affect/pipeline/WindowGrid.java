package org.sentio.affect.pipeline;

/**
 * The windows of a session: window {@code k} spans {@code [k·hop, k·hop + length)}, and a session
 * of duration {@code d} has every window that starts before {@code d} (at least one).
 */
public record WindowGrid(double length, double hop) {

  public double start(int index) {
    return index * hop;
  }

  public double end(int index) {
    return index * hop + length;
  }

  /** The number of windows for a session of {@code durationSeconds}. */
  public int count(double durationSeconds) {
    if (!(durationSeconds > 0)) {
      return 1;
    }
    return Math.max(1, (int) Math.ceil(durationSeconds / hop - 1e-9));
  }

  /** The first window whose span contains {@code t}. */
  public int firstContaining(double t) {
    return Math.max(0, (int) Math.floor((t - length) / hop) + 1);
  }

  /** The last window whose span contains {@code t}. */
  public int lastContaining(double t) {
    return Math.max(0, (int) Math.floor(t / hop));
  }
}
