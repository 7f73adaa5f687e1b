package org.sentio.automation.workflow;

/** A workflow (file, name or definition) that cannot be used: the message says what and where. */
public class WorkflowException extends Exception {
  private static final long serialVersionUID = 1L;

  public WorkflowException(String message) {
    super(message);
  }

  public WorkflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
