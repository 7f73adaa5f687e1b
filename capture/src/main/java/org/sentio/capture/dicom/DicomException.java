package org.sentio.capture.dicom;

import java.nio.file.Path;

/**
 * A DICOM file cannot be opened or written. The message is one line naming the file and the reason
 * (for an unsupported transfer syntax, its name and UID).
 */
public class DicomException extends Exception {

  private final Path path;
  private final String reason;

  public DicomException(Path path, String reason) {
    this(path, reason, null);
  }

  public DicomException(Path path, String reason, Throwable cause) {
    super(
        (path == null ? "DICOM" : path.toString()) + ": " + reason.replaceAll("\\s+", " "), cause);
    this.path = path;
    this.reason = reason;
  }

  /** The file concerned, or null for data not read from a file. */
  public Path path() {
    return path;
  }

  /** The reason alone, without the file name. */
  public String reason() {
    return reason;
  }
}
