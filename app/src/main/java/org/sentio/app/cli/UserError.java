package org.sentio.app.cli;

/** Bad input from the user: printed as one line, exit code 2. */
public class UserError extends Exception {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
