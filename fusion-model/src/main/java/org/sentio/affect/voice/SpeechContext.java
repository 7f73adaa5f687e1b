package org.sentio.affect.voice;

import java.util.Arrays;

/**
 * The last few seconds of speech a session's windows carried, each sample once: a new window that
 * starts inside the previous one (the pipeline's windows overlap by half) adds only its new tail.
 * The overlap is found by matching samples exactly, so it needs windows cut from one stream.
 */
final class SpeechContext {
  private final int capacity;
  private float[] buffer = new float[0];
  private float[] previous;

  SpeechContext(int capacity) {
    this.capacity = capacity;
  }

  void append(float[] window) {
    int overlap = previous == null ? 0 : overlap(previous, window);
    int fresh = window.length - overlap;
    int keep = Math.min(buffer.length, Math.max(0, capacity - fresh));
    float[] next = new float[keep + fresh];
    System.arraycopy(buffer, buffer.length - keep, next, 0, keep);
    System.arraycopy(window, overlap, next, keep, fresh);
    if (next.length > capacity) {
      next = Arrays.copyOfRange(next, next.length - capacity, next.length);
    }
    buffer = next;
    previous = window.clone();
  }

  float[] samples() {
    return buffer.clone();
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
