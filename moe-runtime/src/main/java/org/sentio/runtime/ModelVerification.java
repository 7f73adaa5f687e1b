package org.sentio.runtime;

/**
 * The outcome of checking a model file against its manifest.
 *
 * @param model the model checked
 * @param status what was found
 * @param actualSha256 the file's digest, or {@code null} when it could not be read
 * @param message one line for users
 */
public record ModelVerification(
    InstalledModel model, Status status, String actualSha256, String message) {

  /** What a check can find. */
  public enum Status {
    OK,
    MISSING,
    CHANGED
  }

  public boolean ok() {
    return status == Status.OK;
  }
}
