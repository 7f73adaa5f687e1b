package org.sentio.app.live;

import java.util.Arrays;

/** Capture-to-screen latencies and the rate of pictures shown, over the last few hundred. */
public final class LatencyStats {
  private final long[] latencies;
  private final long[] shownAt;
  private int count;
  private int next;

  public LatencyStats(int capacity) {
    latencies = new long[capacity];
    shownAt = new long[capacity];
  }

  /** A picture captured at {@code captureNanos} reached the screen at {@code shownNanos}. */
  public synchronized void shown(long captureNanos, long shownNanos) {
    latencies[next] = shownNanos - captureNanos;
    shownAt[next] = shownNanos;
    next = (next + 1) % latencies.length;
    count = Math.min(count + 1, latencies.length);
  }

  public synchronized int count() {
    return count;
  }

  /** The q-quantile (0–1) of the latencies in milliseconds; NaN before any. */
  public synchronized double percentileMillis(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    int index = (int) Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1));
    return sorted[index] / 1e6;
  }

  /** Pictures shown per second over the kept span; NaN with fewer than two. */
  public synchronized double framesPerSecond() {
    if (count < 2) {
      return Double.NaN;
    }
    long newest = shownAt[(next - 1 + latencies.length) % latencies.length];
    long oldest = shownAt[count < latencies.length ? 0 : next];
    return newest == oldest ? Double.NaN : (count - 1) / ((newest - oldest) / 1e9);
  }
}
