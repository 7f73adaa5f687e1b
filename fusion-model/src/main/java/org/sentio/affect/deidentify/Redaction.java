package org.sentio.affect.deidentify;

/**
 * One span of personal data found in a text.
 *
 * @param start index of the first character in the original text
 * @param end index after the last character in the original text
 */
public record Redaction(PiiKind kind, int start, int end) {
  public Redaction {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("empty or negative span " + start + ".." + end);
    }
  }

  boolean overlaps(Redaction other) {
    return start < other.end && other.start < end;
  }
}
