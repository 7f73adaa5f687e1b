package org.sentio.capture.media;

import java.nio.file.Path;

/**
 * A media file cannot be read. The message is one line a user can act on: the file and what is
 * wrong with it; the underlying cause, if any, stays attached.
 */
public class MediaException extends Exception {

  private final Path path;

  public MediaException(Path path, String problem) {
    this(path, problem, null);
  }

  public MediaException(Path path, String problem, Throwable cause) {
    super(path + ": " + OneLine.of(problem), cause);
    this.path = path;
  }

  /** The file that could not be read. */
  public Path path() {
    return path;
  }
}
