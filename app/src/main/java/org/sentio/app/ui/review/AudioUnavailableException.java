package org.sentio.app.ui.review;

/** A session's sound cannot be played; {@link #reason()} says whether for want of a device. */
public final class AudioUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the sound cannot be played. */
  public enum Reason {
    NO_DEVICE,
    UNREADABLE
  }

  private final Reason reason;

  public AudioUnavailableException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public AudioUnavailableException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
