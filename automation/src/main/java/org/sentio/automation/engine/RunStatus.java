package org.sentio.automation.engine;

import java.util.Locale;

/** Where a run stands. */
public enum RunStatus {
  /** Started and not finished: a runner drives it (or resumes it after a crash). */
  RUNNING,
  /** A review step waits for a person's decision. */
  WAITING,
  SUCCEEDED,
  /** A step failed and its policy kept the outputs. */
  FAILED,
  /** A step failed and the run's outputs were undone. */
  ROLLED_BACK,
  /** A reviewer rejected it; the steps after the review did not run. */
  REJECTED;

  public boolean finished() {
    return this != RUNNING && this != WAITING;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
