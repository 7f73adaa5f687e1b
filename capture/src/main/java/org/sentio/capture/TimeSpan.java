package org.sentio.capture;

/**
 * A half-open interval of media time, in seconds from the start of the recording.
 *
 * @param start where the span begins (seconds, finite, not negative)
 * @param end where it ends (seconds, not before {@code start})
 */
public record TimeSpan(double start, double end) {

  public TimeSpan {
    if (!Double.isFinite(start) || !Double.isFinite(end) || start < 0 || end < start) {
      throw new IllegalArgumentException("invalid time span [" + start + ", " + end + "]");
    }
  }

  /** The length of the span in seconds. */
  public double duration() {
    return end - start;
  }
}
