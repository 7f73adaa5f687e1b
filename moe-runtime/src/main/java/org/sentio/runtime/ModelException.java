package org.sentio.runtime;

/**
 * A model that cannot be used: missing, altered, mismatched or rejected by ONNX Runtime. The
 * message is one line that names the file and says what to do.
 */
public class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
