package org.sentio.automation.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sentio.automation.engine.Records.Artifact;
import org.sentio.automation.engine.Records.ArtifactKind;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Workflow;

/** What the engine gives a running step: its run, its services, and where to record outputs. */
public final class SkillContext {
  private final WorkflowStore store;
  private final SkillServices services;
  private final long runId;
  private final Workflow workflow;
  private final Step step;
  private final List<Artifact> earlier;
  private final Optional<Decision> decision;
  private final java.time.Clock clock;

  SkillContext(
      WorkflowStore store,
      SkillServices services,
      java.time.Clock clock,
      long runId,
      Workflow workflow,
      Step step,
      List<Artifact> earlier,
      Optional<Decision> decision) {
    this.store = store;
    this.services = services;
    this.clock = clock;
    this.runId = runId;
    this.workflow = workflow;
    this.step = step;
    this.earlier = List.copyOf(earlier);
    this.decision = decision;
  }

  public long runId() {
    return runId;
  }

  public Workflow workflow() {
    return workflow;
  }

  public Instant now() {
    return clock.instant();
  }

  public SkillServices services() {
    return services;
  }

  /** What this step recorded in earlier, interrupted or failed attempts of this run. */
  public List<Artifact> earlierOutputs() {
    return earlier;
  }

  /** Records a file before it is written, so a rollback removes it even after a crash. */
  public void recordFile(Path file) throws WorkflowStoreException {
    store.addArtifact(runId, step.id(), ArtifactKind.FILE, file.toString(), null);
  }

  /** Records a stored session made from {@code file}, so a rollback deletes it. */
  public void recordSession(String file, long sessionId) throws WorkflowStoreException {
    store.addArtifact(runId, step.id(), ArtifactKind.SESSION, file, sessionId);
  }

  /** Records that this workflow has taken in {@code file}; a rollback gives it back. */
  public void recordSeen(String file) throws WorkflowStoreException {
    store.addArtifact(runId, step.id(), ArtifactKind.SEEN, file, null);
  }

  /** The recordings this workflow has already taken in. */
  public Set<String> seenFiles() throws WorkflowStoreException {
    return store.seenFiles(workflow.name());
  }

  /** Writes a line to the run's history. */
  public void log(String message) throws WorkflowStoreException {
    store.log(runId, step.id(), clock.instant(), message);
  }

  /** A person's decision on this (review) step, once made. */
  public Optional<Decision> decision() {
    return decision;
  }
}
