package org.sentio.automation.engine;

/** A failure that may pass: the step is retried after its backoff. */
public class TransientSkillException extends Exception {
  private static final long serialVersionUID = 1L;

  public TransientSkillException(String message) {
    super(message);
  }

  public TransientSkillException(String message, Throwable cause) {
    super(message, cause);
  }
}
