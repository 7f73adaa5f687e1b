package org.sentio.app.share;

/**
 * Thrown through the media copy's progress callback when the user cancels a share; the copy's
 * half-written media file is removed on the way out.
 */
public final class ShareCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ShareCancelledException() {
    super("the de-identified copy was cancelled");
  }
}
