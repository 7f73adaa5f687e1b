package org.sentio.affect.deidentify;

import java.util.List;

/**
 * A text with its personal data replaced by placeholders.
 *
 * @param text the text with each span replaced by its kind's {@link PiiKind#placeholder()}
 * @param redactions the spans removed, in the original text's positions, in order
 */
public record RedactedText(String text, List<Redaction> redactions) {
  public RedactedText {
    redactions = List.copyOf(redactions);
  }
}
