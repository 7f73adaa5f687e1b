package org.sentio.affect.voice;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was measured on each 10 ms frame of one session's audio stream, kept by the frame's first
 * sample in the stream, so that overlapping windows and the speech context, which cover the same
 * stretch of the stream several times over, measure each frame once (issue 16).
 *
 * <p>A frame is taken from here only when all its samples are the same stretch of the stream that
 * was measured before (see {@link Pieces}); frames that run past the end of a buffer (zero-padded)
 * or across the seam of two pieces that were not adjacent in the stream are measured as before and
 * not kept. A frame's measurement depends only on its samples, so the features are the same as when
 * every frame is measured afresh ({@code StreamFramesTest}).
 *
 * <p>Frames older than {@value #KEEP_SECONDS} s before the newest one are forgotten. One per
 * session; not thread-safe.
 */
final class StreamFrames {
  static final double KEEP_SECONDS = 10;

  private final Map<String, TreeMap<Long, Object>> byPurpose = new HashMap<>();
  private final long keepSamples;
  private long reused;
  private long measured;

  StreamFrames(int sampleRate) {
    this.keepSamples = Math.round(KEEP_SECONDS * sampleRate);
  }

  /** The measurement of the frame starting at stream sample {@code first}, or null. */
  Object get(String purpose, long first) {
    TreeMap<Long, Object> frames = byPurpose.get(purpose);
    Object measurement = frames == null ? null : frames.get(first);
    if (measurement != null) {
      reused++;
    }
    return measurement;
  }

  /** Frames taken from here instead of measured, and frames measured and kept. */
  long[] counts() {
    return new long[] {reused, measured};
  }

  void put(String purpose, long first, Object measurement) {
    measured++;
    TreeMap<Long, Object> frames = byPurpose.computeIfAbsent(purpose, p -> new TreeMap<>());
    frames.put(first, measurement);
    frames.headMap(frames.lastKey() - keepSamples).clear();
  }

  /**
   * Where the samples of a buffer lie in the stream: the buffer is made of pieces, each a
   * contiguous stretch of the stream.
   */
  static final class Pieces {
    private final int[] bufferStarts;
    private final long[] streamStarts;
    private final int length;

    Pieces(int[] bufferStarts, long[] streamStarts, int length) {
      this.bufferStarts = bufferStarts.clone();
      this.streamStarts = streamStarts.clone();
      this.length = length;
    }

    /** A buffer that is one stretch of the stream, from stream sample {@code first}. */
    static Pieces contiguous(long first, int length) {
      return new Pieces(new int[] {0}, new long[] {first}, length);
    }

    /**
     * The stream sample of buffer sample {@code offset}, when the {@code count} samples from there
     * lie in the buffer and in one piece; otherwise -1.
     */
    long streamSample(int offset, int count) {
      if (offset < 0 || offset + count > length) {
        return -1;
      }
      for (int p = bufferStarts.length - 1; p >= 0; p--) {
        if (bufferStarts[p] <= offset) {
          int end = p + 1 < bufferStarts.length ? bufferStarts[p + 1] : length;
          boolean inside = offset + count <= end && streamStarts[p] >= 0;
          return inside ? streamStarts[p] + offset - bufferStarts[p] : -1;
        }
      }
      return -1;
    }
  }

  /**
   * A frame measurement the voice extractors know how to make and to collect: {@link #measure}
   * depends on the frame's samples alone.
   */
  interface Measure<R> {
    R measure(float[] frame);

    void collect(R measurement);
  }
}
