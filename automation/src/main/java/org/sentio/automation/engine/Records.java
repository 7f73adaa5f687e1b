package org.sentio.automation.engine;

import java.time.Instant;
import org.sentio.automation.workflow.Workflow;

/** The rows of the workflow store, as plain values. */
public final class Records {
  private Records() {}

  /**
   * A saved workflow.
   *
   * @param checkedUpTo the instant up to which its schedule or folder has been looked at
   */
  public record SavedWorkflow(
      Workflow workflow, boolean paused, Instant createdAt, Instant checkedUpTo) {}

  /** A run of a workflow; {@code definition} is the workflow JSON it was started with. */
  public record Run(
      long id,
      String workflow,
      String definition,
      String trigger,
      RunStatus status,
      String message,
      Instant startedAt,
      Instant finishedAt) {}

  /** One step of a run; {@code output} is the JSON of the items it produced once done. */
  public record StepRun(
      long runId,
      String stepId,
      StepStatus status,
      int attempts,
      String output,
      String message,
      Instant startedAt,
      Instant finishedAt) {}

  /** What a step created: a file, a stored session, or a recording it has taken in. */
  public record Artifact(
      long id, long runId, String stepId, ArtifactKind kind, String ref, Long sessionId) {}

  public enum ArtifactKind {
    FILE,
    SESSION,
    SEEN
  }

  /** A line of a run's history. */
  public record LogLine(long runId, String stepId, Instant at, String message) {}

  /** A person's decision on a review step; {@code keep} lists the session ids kept by an edit. */
  public record Decision(long runId, String stepId, String verdict, String note, String keep) {
    public static final String APPROVE = "approve";
    public static final String EDIT = "edit";
    public static final String REJECT = "reject";
  }
}
