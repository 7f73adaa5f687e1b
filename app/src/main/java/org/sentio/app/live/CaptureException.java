package org.sentio.app.live;

/** A camera, microphone or recording failed; the message says which and what to do. */
public class CaptureException extends Exception {
  private static final long serialVersionUID = 1L;

  public CaptureException(String message, Throwable cause) {
    super(message, cause);
  }
}
