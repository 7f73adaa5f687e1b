package org.sentio.affect.speech;

/** A speech model is missing, altered, or not a model at all; the message says which and why. */
public final class SpeechModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public SpeechModelException(String message) {
    super(message);
  }

  public SpeechModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
