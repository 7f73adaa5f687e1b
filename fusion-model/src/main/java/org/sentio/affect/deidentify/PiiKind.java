package org.sentio.affect.deidentify;

/** The kinds of personal data the transcript redactor removes. */
public enum PiiKind {
  NAME,
  PHONE,
  EMAIL,
  ADDRESS,
  ID,
  CARD;

  /** What replaces a redacted span in the text, e.g. {@code [PHONE]}. */
  public String placeholder() {
    return "[" + name() + "]";
  }
}
