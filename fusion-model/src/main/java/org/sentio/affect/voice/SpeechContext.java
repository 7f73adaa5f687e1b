package org.sentio.affect.voice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last few seconds of speech a session's windows carried, each sample once: a new window that
 * starts inside the previous one (the pipeline's windows overlap by half) adds only its new tail.
 * The overlap is found by matching samples exactly, so it needs windows cut from one stream.
 *
 * <p>When the windows say where they start in the stream, it also knows where each of its samples
 * lies there ({@link #pieces()}), so that frames measured before can be taken from {@link
 * StreamFrames}.
 */
final class SpeechContext {
  private static final long UNKNOWN = -1;

  private final int capacity;
  private float[] buffer = new float[0];
  private float[] previous;

  /** Where each run of the buffer that is one stretch of the stream starts: {buffer, stream}. */
  private List<long[]> runs = new ArrayList<>();

  SpeechContext(int capacity) {
    this.capacity = capacity;
  }

  void append(float[] window) {
    append(window, UNKNOWN);
  }

  /** Appends a window whose first sample is stream sample {@code firstSample} (or -1: unknown). */
  void append(float[] window, long firstSample) {
    int overlap = previous == null ? 0 : overlap(previous, window);
    int fresh = window.length - overlap;
    int keep = Math.min(buffer.length, Math.max(0, capacity - fresh));
    float[] next = new float[keep + fresh];
    System.arraycopy(buffer, buffer.length - keep, next, 0, keep);
    System.arraycopy(window, overlap, next, keep, fresh);
    List<long[]> nextRuns = shifted(runs, buffer.length - keep);
    if (fresh > 0) {
      nextRuns.add(new long[] {keep, firstSample < 0 ? UNKNOWN : firstSample + overlap});
    }
    if (next.length > capacity) {
      nextRuns = shifted(nextRuns, next.length - capacity);
      next = Arrays.copyOfRange(next, next.length - capacity, next.length);
    }
    buffer = next;
    runs = nextRuns;
    previous = window.clone();
  }

  /** The runs once the first {@code dropped} samples of the buffer are gone. */
  private static List<long[]> shifted(List<long[]> runs, int dropped) {
    List<long[]> kept = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      long start = runs.get(i)[0] - dropped;
      long stream = runs.get(i)[1];
      long end = i + 1 < runs.size() ? runs.get(i + 1)[0] - dropped : Long.MAX_VALUE;
      if (end <= 0) {
        continue;
      }
      if (start < 0) {
        stream = stream == UNKNOWN ? UNKNOWN : stream - start;
        start = 0;
      }
      kept.add(new long[] {start, stream});
    }
    return kept;
  }

  float[] samples() {
    return buffer.clone();
  }

  /** Where the samples of {@link #samples()} lie in the stream. */
  StreamFrames.Pieces pieces() {
    int[] bufferStarts = new int[runs.size()];
    long[] streamStarts = new long[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      bufferStarts[i] = (int) runs.get(i)[0];
      streamStarts[i] = runs.get(i)[1];
    }
    return new StreamFrames.Pieces(bufferStarts, streamStarts, buffer.length);
  }

  /** The longest suffix of {@code before} that {@code after} starts with (at least 1 sample). */
  static int overlap(float[] before, float[] after) {
    int limit = Math.min(before.length, after.length);
    for (int length = limit; length >= 1; length--) {
      int start = before.length - length;
      if (before[start] != after[0]) {
        continue;
      }
      boolean match = true;
      for (int i = 1; i < length && match; i++) {
        match = before[start + i] == after[i];
      }
      if (match && length >= 16) {
        return length;
      }
    }
    return 0;
  }
}
