package org.sentio.automation.engine;

/** A failure a skill explains itself (a missing folder, a bad parameter): shown as it is. */
public class SkillException extends Exception {
  private static final long serialVersionUID = 1L;

  public SkillException(String message) {
    super(message);
  }

  public SkillException(String message, Throwable cause) {
    super(message, cause);
  }
}
