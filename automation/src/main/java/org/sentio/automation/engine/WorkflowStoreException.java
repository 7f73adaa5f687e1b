package org.sentio.automation.engine;

/** The workflow store failed to read or write: the message names the file and the reason. */
public class WorkflowStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public WorkflowStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
