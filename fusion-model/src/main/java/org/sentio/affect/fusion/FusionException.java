package org.sentio.affect.fusion;

/** Fusion could not run, e.g. the fusion model failed; the message is one line for users. */
public class FusionException extends Exception {
  private static final long serialVersionUID = 1L;

  public FusionException(String message, Throwable cause) {
    super(message, cause);
  }
}
