package org.sentio.capture.transcript;

import java.nio.file.Path;

/**
 * A transcript file cannot be read. The message is one line naming the file, the line (when there
 * is one) and the problem, e.g. {@code "subs.srt line 7: broken timestamp '…' (expected …)"}.
 */
public class TranscriptException extends Exception {

  private final Path path;
  private final int line;

  /** A problem with the file as a whole. */
  public TranscriptException(Path path, String problem, Throwable cause) {
    super(path + ": " + problem, cause);
    this.path = path;
    this.line = 0;
  }

  public TranscriptException(Path path, String problem) {
    this(path, problem, null);
  }

  /** A problem on one line (1-based). */
  public TranscriptException(Path path, int line, String problem) {
    super(path + " line " + line + ": " + problem);
    this.path = path;
    this.line = line;
  }

  public Path path() {
    return path;
  }

  /** The 1-based line of the problem, 0 when the problem is not on one line. */
  public int line() {
    return line;
  }
}
