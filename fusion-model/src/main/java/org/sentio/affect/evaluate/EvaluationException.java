package org.sentio.affect.evaluate;

/** A row could not be evaluated: its file is unreadable or a model failed. One-line message. */
public final class EvaluationException extends Exception {
  private static final long serialVersionUID = 1L;

  public EvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
