package org.sentio.automation.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sentio.automation.engine.Records.Artifact;
import org.sentio.automation.engine.Records.ArtifactKind;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.SavedWorkflow;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.workflow.Workflow;

/**
 * Where workflows, runs, step states, outputs and decisions live durably. The desktop app
 * implements it on its SQLite store; every method commits before it returns, so a crash after a
 * call never loses what the call recorded.
 */
public interface WorkflowStore {
  /** Saves a new workflow; false when the name is taken. */
  boolean saveWorkflow(Workflow workflow, Instant createdAt) throws WorkflowStoreException;

  Optional<SavedWorkflow> workflow(String name) throws WorkflowStoreException;

  List<SavedWorkflow> workflows() throws WorkflowStoreException;

  /** Deletes a workflow and its history; its outputs (files, sessions) stay. */
  boolean deleteWorkflow(String name) throws WorkflowStoreException;

  boolean setPaused(String name, boolean paused) throws WorkflowStoreException;

  void setCheckedUpTo(String name, Instant instant) throws WorkflowStoreException;

  /**
   * Starts a run unless one was already started for the same {@code fireKey} (a schedule's firing
   * time, or null for none), so a crash between firing and recording never starts a run twice.
   */
  Optional<Long> startRun(
      String workflow, String definition, String trigger, String fireKey, Instant at)
      throws WorkflowStoreException;

  Optional<Run> run(long id) throws WorkflowStoreException;

  /** The process that last claimed the run, or empty. */
  Optional<String> runOwner(long id) throws WorkflowStoreException;

  /**
   * Claims a run for {@code owner} if its owner is still {@code expected} (null: none); false when
   * another process claimed it first.
   */
  boolean claimRun(long id, String owner, String expected) throws WorkflowStoreException;

  /** Runs newest first; all workflows when {@code workflow} is null. */
  List<Run> runs(String workflow, int limit) throws WorkflowStoreException;

  /** Sets the status (and, for a finished status, the finishing time) of a run. */
  void setRunStatus(long id, RunStatus status, String message, Instant at)
      throws WorkflowStoreException;

  List<StepRun> steps(long runId) throws WorkflowStoreException;

  void stepStarted(long runId, String stepId, int attempt, Instant at)
      throws WorkflowStoreException;

  void stepFinished(
      long runId, String stepId, StepStatus status, String output, String message, Instant at)
      throws WorkflowStoreException;

  long addArtifact(long runId, String stepId, ArtifactKind kind, String ref, Long sessionId)
      throws WorkflowStoreException;

  /** A run's artifacts in the order they were recorded. */
  List<Artifact> artifacts(long runId) throws WorkflowStoreException;

  void removeArtifact(long artifactId) throws WorkflowStoreException;

  /** The recordings a workflow has taken in (SEEN artifacts of runs not rolled back). */
  Set<String> seenFiles(String workflow) throws WorkflowStoreException;

  void log(long runId, String stepId, Instant at, String message) throws WorkflowStoreException;

  List<LogLine> log(long runId) throws WorkflowStoreException;

  void decide(Decision decision, Instant at) throws WorkflowStoreException;

  Optional<Decision> decision(long runId, String stepId) throws WorkflowStoreException;
}
