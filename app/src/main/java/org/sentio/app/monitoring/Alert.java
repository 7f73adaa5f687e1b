package org.sentio.app.monitoring;

import java.time.Instant;

/**
 * A threshold crossed.
 *
 * @param workflow the workflow concerned, or null
 * @param runId the run whose history also records it, or null
 * @param message what happened and the threshold, in words
 */
public record Alert(Instant at, Kind kind, String workflow, Long runId, String message) {
  /** What crossed its threshold. */
  public enum Kind {
    /** A workflow step took longer than its limit. */
    SLOW_STEP,
    /** A workflow failed several runs in a row. */
    REPEATED_FAILURES,
    /** A watched folder cannot be read. */
    FOLDER_UNREACHABLE
  }
}
