package org.sentio.spark;

/** Bad input to the whole job (options, models, output folder): one line, exit code 2. */
public final class JobInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public JobInputException(String message) {
    super(message);
  }

  public JobInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
