package org.sentio.app.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.sentio.automation.engine.Folders;
import org.sentio.automation.engine.Records.Artifact;
import org.sentio.automation.engine.Records.ArtifactKind;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.SavedWorkflow;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.StepStatus;
import org.sentio.automation.engine.WorkflowStore;
import org.sentio.automation.engine.WorkflowStoreException;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Trigger;
import org.sentio.automation.workflow.TriggerType;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowException;
import org.sentio.automation.workflow.WorkflowJson;

/**
 * The workflow store as the engine sees it, measured: each step's time (from the engine's clock, so
 * a test's fake clock drives it) goes to {@value Monitoring#STEP}, each finished run to {@value
 * Monitoring#RUNS}, and the runs waiting for review or running to {@value Monitoring#QUEUE}. A step
 * slower than its limit and a workflow failing several runs in a row raise alerts that are also
 * written into the run's history. A watched folder that cannot be read is replaced, while it
 * cannot, by its configured fallback ({@link Monitoring#fallbacks()}): the engine then watches and
 * analyses the fallback, and the runs it starts record that folder. Everything else passes through
 * unchanged.
 */
public final class MeteredWorkflowStore implements WorkflowStore {
  private final WorkflowStore store;
  private final Monitoring monitoring;
  private final Map<String, Instant> stepStarts = new ConcurrentHashMap<>();
  private final Map<Long, Workflow> definitions = new ConcurrentHashMap<>();
  private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();
  private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  public MeteredWorkflowStore(WorkflowStore store, Monitoring monitoring) {
    this.store = store;
    this.monitoring = monitoring;
    Gauge.builder(Monitoring.QUEUE, waiting, AtomicInteger::get)
        .description("workflow runs in a state")
        .tag("state", "waiting_for_review")
        .register(monitoring.registry());
    Gauge.builder(Monitoring.QUEUE, running, AtomicInteger::get)
        .tag("state", "running")
        .register(monitoring.registry());
    try {
      countQueues();
    } catch (WorkflowStoreException e) {
      monitoring.error("workflow store");
    }
  }

  private void countQueues() throws WorkflowStoreException {
    int w = 0;
    int r = 0;
    for (Run run : store.runs(null, 10_000)) {
      if (run.status() == RunStatus.WAITING) {
        w++;
      } else if (run.status() == RunStatus.RUNNING) {
        r++;
      }
    }
    waiting.set(w);
    running.set(r);
  }

  /**
   * Raises an alert for each watched folder that cannot be read, once until it can be read again,
   * and writes it into the workflow's latest run's history.
   */
  public void checkWatchedFolders() throws WorkflowStoreException {
    for (SavedWorkflow saved : store.workflows()) {
      Workflow workflow = saved.workflow();
      if (saved.paused() || workflow.trigger().type() != TriggerType.WATCH) {
        continue;
      }
      String folder = workflow.trigger().folder();
      try {
        Folders.readable(folder);
        unreachable.remove(workflow.name());
      } catch (IllegalArgumentException e) {
        if (unreachable.add(workflow.name())) {
          alert(
              Alert.Kind.FOLDER_UNREACHABLE,
              workflow.name(),
              latestRun(workflow.name()),
              null,
              "watched folder unreachable: "
                  + e.getMessage()
                  + (fallbackFor(folder) == null
                      ? ""
                      : "; using the fallback "
                          + fallbackFor(folder)
                          + " while it is unreachable"));
        }
      }
    }
  }

  private Long latestRun(String workflow) throws WorkflowStoreException {
    List<Run> runs = store.runs(workflow, 1);
    return runs.isEmpty() ? null : runs.get(0).id();
  }

  private void alert(Alert.Kind kind, String workflow, Long runId, String stepId, String message)
      throws WorkflowStoreException {
    Instant now = monitoring.clock().instant();
    if (runId != null) {
      store.log(runId, stepId, now, "alert: " + message);
    }
    monitoring.raise(new Alert(now, kind, workflow, runId, message));
  }

  @Override
  public void stepStarted(long runId, String stepId, int attempt, Instant at)
      throws WorkflowStoreException {
    store.stepStarted(runId, stepId, attempt, at);
    // the first attempt's start: retries and their waits count towards the step's time
    stepStarts.putIfAbsent(runId + "/" + stepId, at);
  }

  @Override
  public void stepFinished(
      long runId, String stepId, StepStatus status, String output, String message, Instant at)
      throws WorkflowStoreException {
    store.stepFinished(runId, stepId, status, output, message, at);
    Instant start = stepStarts.remove(runId + "/" + stepId);
    if (start == null) {
      return; // started before this process: its time is unknown
    }
    Duration took = Duration.between(start, at);
    String skill = skillOf(runId, stepId);
    Timer.builder(Monitoring.STEP)
        .description("workflow steps, retries included")
        .tag("skill", skill)
        .tag("outcome", status.name().toLowerCase(Locale.ROOT))
        .register(monitoring.registry())
        .record(took);
    if (status == StepStatus.FAILED) {
      monitoring.error("workflow step " + skill);
    }
    Duration limit = monitoring.rules().limitOf(skill);
    if (took.compareTo(limit) > 0) {
      Run run = store.run(runId).orElse(null);
      alert(
          Alert.Kind.SLOW_STEP,
          run == null ? null : run.workflow(),
          runId,
          stepId,
          "step "
              + stepId
              + " ("
              + skill
              + ") took "
              + took.toSeconds()
              + " s, over its limit of "
              + limit.toSeconds()
              + " s");
    }
  }

  private String skillOf(long runId, String stepId) throws WorkflowStoreException {
    Workflow workflow = definitions.get(runId);
    if (workflow == null) {
      Optional<Run> run = store.run(runId);
      if (run.isEmpty()) {
        return "unknown";
      }
      try {
        workflow = WorkflowJson.read(run.get().definition(), "run " + runId);
      } catch (WorkflowException e) {
        return "unknown";
      }
      definitions.put(runId, workflow);
    }
    return workflow.step(stepId).map(Step::skill).orElse("unknown");
  }

  @Override
  public void setRunStatus(long id, RunStatus status, String message, Instant at)
      throws WorkflowStoreException {
    store.setRunStatus(id, status, message, at);
    countQueues();
    if (!status.finished()) {
      return;
    }
    definitions.remove(id);
    Counter.builder(Monitoring.RUNS)
        .tag("status", status.name().toLowerCase(Locale.ROOT))
        .register(monitoring.registry())
        .increment();
    Optional<Run> run = store.run(id);
    if (run.isEmpty()) {
      return;
    }
    String workflow = run.get().workflow();
    if (status == RunStatus.FAILED || status == RunStatus.ROLLED_BACK) {
      int failed = failuresInARow.merge(workflow, 1, Integer::sum);
      if (failed == monitoring.rules().failuresInARow()) {
        alert(
            Alert.Kind.REPEATED_FAILURES,
            workflow,
            id,
            null,
            workflow + " failed " + failed + " runs in a row; the last: " + message);
      }
    } else {
      failuresInARow.remove(workflow);
    }
  }

  @Override
  public Optional<Long> startRun(
      String workflow, String definition, String trigger, String fireKey, Instant at)
      throws WorkflowStoreException {
    Optional<Long> run = store.startRun(workflow, definition, trigger, fireKey, at);
    countQueues();
    return run;
  }

  // Everything below passes through.

  @Override
  public boolean saveWorkflow(Workflow workflow, Instant createdAt) throws WorkflowStoreException {
    return store.saveWorkflow(workflow, createdAt);
  }

  @Override
  public Optional<SavedWorkflow> workflow(String name) throws WorkflowStoreException {
    return store.workflow(name).map(this::withFallback);
  }

  @Override
  public List<SavedWorkflow> workflows() throws WorkflowStoreException {
    return store.workflows().stream().map(this::withFallback).toList();
  }

  /** The readable fallback of an unreadable {@code folder}, or null. */
  private String fallbackFor(String folder) {
    try {
      String fallback = monitoring.fallbacks().get(Folders.expand(folder));
      if (fallback != null) {
        Folders.readable(fallback);
      }
      return fallback;
    } catch (IllegalArgumentException e) {
      return null; // the fallback is unreachable too: the engine reports the first folder
    }
  }

  /**
   * The workflow as the engine should see it now: a watch workflow whose folder cannot be read
   * watches and analyses its fallback instead (analyse steps naming that folder included).
   */
  private SavedWorkflow withFallback(SavedWorkflow saved) {
    Workflow workflow = saved.workflow();
    if (workflow.trigger().type() != TriggerType.WATCH || monitoring.fallbacks().isEmpty()) {
      return saved;
    }
    String folder = workflow.trigger().folder();
    try {
      Folders.readable(folder);
      return saved;
    } catch (IllegalArgumentException unreadable) {
      String fallback = fallbackFor(folder);
      if (fallback == null) {
        return saved;
      }
      java.nio.file.Path primary = Folders.expand(folder);
      List<Step> steps =
          workflow.steps().stream()
              .map(
                  step -> {
                    String named = step.text("folder");
                    if (!step.skill().equals("analyse")
                        || named == null
                        || !Folders.expand(named).equals(primary)) {
                      return step;
                    }
                    Map<String, Object> params = new java.util.LinkedHashMap<>(step.params());
                    params.put("folder", fallback);
                    return new Step(step.id(), step.skill(), params, step.next(), step.onError());
                  })
              .toList();
      Workflow switched =
          new Workflow(
              workflow.name(),
              workflow.language(),
              workflow.sentence(),
              Trigger.watch(fallback),
              steps);
      return new SavedWorkflow(switched, saved.paused(), saved.createdAt(), saved.checkedUpTo());
    }
  }

  @Override
  public boolean deleteWorkflow(String name) throws WorkflowStoreException {
    return store.deleteWorkflow(name);
  }

  @Override
  public boolean setPaused(String name, boolean paused) throws WorkflowStoreException {
    return store.setPaused(name, paused);
  }

  @Override
  public void setCheckedUpTo(String name, Instant instant) throws WorkflowStoreException {
    store.setCheckedUpTo(name, instant);
  }

  @Override
  public Optional<Run> run(long id) throws WorkflowStoreException {
    return store.run(id);
  }

  @Override
  public Optional<String> runOwner(long id) throws WorkflowStoreException {
    return store.runOwner(id);
  }

  @Override
  public boolean claimRun(long id, String owner, String expected) throws WorkflowStoreException {
    return store.claimRun(id, owner, expected);
  }

  @Override
  public List<Run> runs(String workflow, int limit) throws WorkflowStoreException {
    return store.runs(workflow, limit);
  }

  @Override
  public List<StepRun> steps(long runId) throws WorkflowStoreException {
    return store.steps(runId);
  }

  @Override
  public long addArtifact(long runId, String stepId, ArtifactKind kind, String ref, Long sessionId)
      throws WorkflowStoreException {
    return store.addArtifact(runId, stepId, kind, ref, sessionId);
  }

  @Override
  public List<Artifact> artifacts(long runId) throws WorkflowStoreException {
    return store.artifacts(runId);
  }

  @Override
  public void removeArtifact(long artifactId) throws WorkflowStoreException {
    store.removeArtifact(artifactId);
  }

  @Override
  public Set<String> seenFiles(String workflow) throws WorkflowStoreException {
    return store.seenFiles(workflow);
  }

  @Override
  public void log(long runId, String stepId, Instant at, String message)
      throws WorkflowStoreException {
    store.log(runId, stepId, at, message);
  }

  @Override
  public List<LogLine> log(long runId) throws WorkflowStoreException {
    return store.log(runId);
  }

  @Override
  public void decide(Decision decision, Instant at) throws WorkflowStoreException {
    store.decide(decision, at);
  }

  @Override
  public Optional<Decision> decision(long runId, String stepId) throws WorkflowStoreException {
    return store.decision(runId, stepId);
  }
}
