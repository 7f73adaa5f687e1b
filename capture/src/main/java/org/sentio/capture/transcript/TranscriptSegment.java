package org.sentio.capture.transcript;

import java.util.Objects;

/**
 * One utterance of a transcript.
 *
 * @param start seconds from the start of the recording, or {@code NaN} when untimed
 * @param end seconds, not before {@code start}, or {@code NaN} when untimed
 * @param text what was said, markup removed, lines of one cue joined by a space
 */
public record TranscriptSegment(double start, double end, String text) {

  public TranscriptSegment {
    Objects.requireNonNull(text, "text");
    boolean untimed = Double.isNaN(start) && Double.isNaN(end);
    boolean timed = Double.isFinite(start) && Double.isFinite(end) && start >= 0 && end >= start;
    if (!untimed && !timed) {
      throw new IllegalArgumentException(
          "a segment is either untimed (NaN, NaN) or 0 <= start <= end, got ["
              + start
              + ", "
              + end
              + "]");
    }
  }

  /** An utterance with no time attached. */
  public static TranscriptSegment untimed(String text) {
    return new TranscriptSegment(Double.NaN, Double.NaN, text);
  }

  /** Whether this segment carries a time. */
  public boolean isTimed() {
    return !Double.isNaN(start);
  }
}
