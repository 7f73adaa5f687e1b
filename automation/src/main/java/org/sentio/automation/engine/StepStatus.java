package org.sentio.automation.engine;

/** Where a step of a run stands; a step without a record has not started. */
public enum StepStatus {
  RUNNING,
  WAITING,
  DONE,
  FAILED,
  REJECTED
}
