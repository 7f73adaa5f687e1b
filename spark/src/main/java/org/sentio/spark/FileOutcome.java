package org.sentio.spark;

import java.io.Serializable;

/**
 * What became of one input file.
 *
 * @param path the input as given
 * @param status done, skipped (already analysed with the same models and settings) or failed
 * @param reason why it failed, one line; {@code null} otherwise
 * @param contentKey the content key of its result, or {@code null} when none could be computed
 * @param mediaSeconds the media's duration when analysed now, else 0
 * @param analysisSeconds wall time spent on the file in the task
 * @param host the executor host that handled it
 */
public record FileOutcome(
    String path,
    Status status,
    String reason,
    String contentKey,
    double mediaSeconds,
    double analysisSeconds,
    String host)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How a file ended. */
  public enum Status {
    DONE,
    SKIPPED,
    FAILED
  }

  static FileOutcome failed(String path, String reason, String host) {
    return new FileOutcome(path, Status.FAILED, reason, null, 0, 0, host);
  }
}
