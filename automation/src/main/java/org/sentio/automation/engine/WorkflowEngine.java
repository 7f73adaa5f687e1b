package org.sentio.automation.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.sentio.automation.engine.Records.Artifact;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.SavedWorkflow;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.SkillRegistry.LoadedSkill;
import org.sentio.automation.schedule.CronSchedule;
import org.sentio.automation.workflow.ErrorPolicy;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.TriggerType;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowException;
import org.sentio.automation.workflow.WorkflowJson;

/**
 * Runs workflows as durable state machines. Each step's state is in the {@link WorkflowStore}
 * before and after it runs, so {@link #drive} continues a run where it stopped: a finished step
 * never runs again (its recorded output feeds the next steps), an interrupted step runs again and
 * its skill reuses what it had recorded. A transient failure is retried with a doubling backoff; a
 * failure that stays rolls the run's outputs back (or keeps them, by the step's policy). A review
 * step leaves the run waiting until a person decides.
 */
public final class WorkflowEngine {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Item>> ITEMS = new TypeReference<>() {};

  /**
   * This machine's name without a name lookup: InetAddress.getLocalHost() asks the resolver (a
   * network query on some systems), and Sentio opens no socket. The environment or /etc/hostname
   * names the machine well enough to tell its runners from another machine's.
   */
  private static final String HOST = hostName();

  /** This process: pid, start time and host, so a reused pid is never taken for the runner. */
  static final String SELF = identity(ProcessHandle.current());

  /** The runs this process is driving right now. */
  private static final Set<Long> DRIVING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final WorkflowStore store;
  private final SkillRegistry skills;
  private final SkillServices services;
  private final Clock clock;
  private final Sleeper sleeper;

  public WorkflowEngine(
      WorkflowStore store,
      SkillRegistry skills,
      SkillServices services,
      Clock clock,
      Sleeper sleeper) {
    this.store = store;
    this.skills = skills;
    this.services = services;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** What one look at the saved workflows did. */
  public record Tick(List<Long> started, List<Long> resumed, List<String> problems) {}

  /** A review step waiting for a person. */
  public record PendingReview(long runId, String workflow, String stepId, String question) {}

  /** Starts a run of {@code name} now, by hand, and drives it. */
  public long runNow(String name) throws WorkflowStoreException, WorkflowException {
    SavedWorkflow saved =
        store
            .workflow(name)
            .orElseThrow(() -> new WorkflowException("no workflow named \"" + name + "\""));
    long run = start(saved.workflow(), "manual", null).orElseThrow();
    drive(run);
    return run;
  }

  private Optional<Long> start(Workflow workflow, String trigger, String fireKey)
      throws WorkflowStoreException {
    Optional<Long> run =
        store.startRun(
            workflow.name(), WorkflowJson.write(workflow), trigger, fireKey, clock.instant());
    if (run.isPresent()) {
      store.log(run.get(), null, clock.instant(), "started (" + trigger + ")");
    }
    return run;
  }

  /**
   * Looks at every saved workflow once: resumes runs left unfinished (after a crash, or with a
   * review decided), then starts the runs that are due — a schedule that fired since the last look
   * (once, however many firings were missed), or new recordings in a watched folder. A workflow
   * with an unfinished run starts no second one.
   */
  public Tick tick() throws WorkflowStoreException {
    List<Long> resumed = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> busy = new LinkedHashSet<>();
    for (Run run : store.runs(null, 10_000)) {
      if (run.status().finished()) {
        continue;
      }
      if (run.status() == RunStatus.RUNNING || hasDecision(run.id())) {
        resumed.add(run.id());
        drive(run.id());
      }
      if (!store.run(run.id()).orElseThrow().status().finished()) {
        busy.add(run.workflow());
      }
    }
    List<Long> started = new ArrayList<>();
    Instant now = clock.instant();
    for (SavedWorkflow saved : store.workflows()) {
      Workflow workflow = saved.workflow();
      if (saved.paused() || busy.contains(workflow.name())) {
        continue;
      }
      try {
        Optional<Long> run = due(saved, now);
        store.setCheckedUpTo(workflow.name(), now);
        if (run.isPresent()) {
          started.add(run.get());
          drive(run.get());
        }
      } catch (IllegalArgumentException e) {
        problems.add("workflow " + workflow.name() + ": " + e.getMessage());
      }
    }
    return new Tick(started, resumed, problems);
  }

  private Optional<Long> due(SavedWorkflow saved, Instant now) throws WorkflowStoreException {
    Workflow workflow = saved.workflow();
    if (workflow.trigger().type() == TriggerType.SCHEDULE) {
      CronSchedule schedule =
          CronSchedule.of(
              workflow.trigger().cron(), workflow.trigger().zone(), saved.checkedUpTo());
      Optional<ZonedDateTime> firing = schedule.nextAfter(saved.checkedUpTo());
      if (firing.isPresent() && !firing.get().toInstant().isAfter(now)) {
        // The latest firing up to now is the key: missed firings make one run, not many.
        Instant last = firing.get().toInstant();
        for (Optional<ZonedDateTime> next = schedule.nextAfter(last);
            next.isPresent() && !next.get().toInstant().isAfter(now);
            next = schedule.nextAfter(last)) {
          last = next.get().toInstant();
        }
        return start(workflow, "schedule " + last, last.toString());
      }
    } else if (workflow.trigger().type() == TriggerType.WATCH) {
      Path folder = Folders.readable(workflow.trigger().folder());
      Set<String> seen = store.seenFiles(workflow.name());
      boolean fresh;
      try (Stream<Path> files = Files.list(folder)) {
        fresh =
            files.anyMatch(
                f ->
                    Files.isRegularFile(f)
                        && Folders.isMedia(f)
                        && !seen.contains(f.toString())
                        && Folders.settled(f, now));
      } catch (IOException e) {
        throw new IllegalArgumentException(folder + ": cannot list the folder (" + e + ")", e);
      }
      if (fresh) {
        return start(workflow, "new files in " + workflow.trigger().folder(), null);
      }
    }
    return Optional.empty();
  }

  private boolean hasDecision(long runId) throws WorkflowStoreException {
    for (StepRun step : store.steps(runId)) {
      if (step.status() == StepStatus.WAITING && store.decision(runId, step.stepId()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** The review steps waiting for a person, oldest run first. */
  public List<PendingReview> pendingReviews() throws WorkflowStoreException {
    List<PendingReview> pending = new ArrayList<>();
    List<Run> oldestFirst = new ArrayList<>(store.runs(null, 10_000));
    java.util.Collections.reverse(oldestFirst);
    for (Run run : oldestFirst) {
      if (run.status() != RunStatus.WAITING) {
        continue;
      }
      for (StepRun step : store.steps(run.id())) {
        if (step.status() == StepStatus.WAITING
            && store.decision(run.id(), step.stepId()).isEmpty()) {
          pending.add(new PendingReview(run.id(), run.workflow(), step.stepId(), step.message()));
        }
      }
    }
    return pending;
  }

  /**
   * Records a person's decision on a waiting review step and drives the run on.
   *
   * @throws WorkflowException when the run has no such waiting step
   */
  public RunStatus decide(Decision decision) throws WorkflowStoreException, WorkflowException {
    Optional<StepRun> waiting =
        store.steps(decision.runId()).stream()
            .filter(s -> s.stepId().equals(decision.stepId()) && s.status() == StepStatus.WAITING)
            .findFirst();
    if (waiting.isEmpty() || store.decision(decision.runId(), decision.stepId()).isPresent()) {
      throw new WorkflowException(
          "run "
              + decision.runId()
              + " has no review step \""
              + decision.stepId()
              + "\" waiting; see sentio workflows reviews");
    }
    store.decide(decision, clock.instant());
    store.log(
        decision.runId(),
        decision.stepId(),
        clock.instant(),
        decision.verdict() + (decision.note() == null ? "" : ": " + decision.note()));
    return drive(decision.runId());
  }

  /** How a runner process is named in a run's owner column. */
  public static String identity(ProcessHandle process) {
    String start = process.info().startInstant().map(Instant::toString).orElse("?");
    return process.pid() + ":" + start + "@" + HOST;
  }

  private static String hostName() {
    for (String variable : List.of("HOSTNAME", "COMPUTERNAME")) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    try {
      String name = Files.readString(Path.of("/etc/hostname")).strip();
      return name.isEmpty() ? "localhost" : name;
    } catch (IOException | RuntimeException e) {
      return "localhost";
    }
  }

  /** True when {@code owner} is a live process other than a finished or crashed runner. */
  private static boolean alive(String owner) {
    if (owner == null) {
      return false;
    }
    if (owner.equals(SELF)) {
      return true;
    }
    int colon = owner.indexOf(':');
    int at = owner.lastIndexOf('@');
    if (colon < 0
        || at < colon
        || !owner.substring(at).equals(SELF.substring(SELF.lastIndexOf('@')))) {
      return true; // another machine's runner: never taken over from here
    }
    try {
      long pid = Long.parseLong(owner.substring(0, colon));
      return ProcessHandle.of(pid).map(p -> identity(p).equals(owner)).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Drives a run until it ends or waits; a finished run is left as it is, and so is a run that
   * another live runner is driving (it answers the run's current status).
   */
  public RunStatus drive(long runId) throws WorkflowStoreException {
    Run run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
    if (run.status().finished()) {
      return run.status();
    }
    if (!DRIVING.add(runId)) {
      return run.status(); // driven right now by this process
    }
    try {
      String owner = store.runOwner(runId).orElse(null);
      boolean mine = SELF.equals(owner);
      if (!mine && (alive(owner) || !store.claimRun(runId, SELF, owner))) {
        return run.status();
      }
      RunStatus status = driveClaimed(runId);
      store.claimRun(runId, null, SELF); // a waiting or finished run is anyone's to continue
      return status;
    } finally {
      DRIVING.remove(runId);
    }
  }

  private RunStatus driveClaimed(long runId) throws WorkflowStoreException {
    Run run = store.run(runId).orElseThrow();
    if (run.status().finished()) {
      return run.status();
    }
    Workflow workflow;
    try {
      workflow = WorkflowJson.read(run.definition(), "run " + runId);
    } catch (WorkflowException e) {
      store.setRunStatus(runId, RunStatus.FAILED, e.getMessage(), clock.instant());
      return RunStatus.FAILED;
    }
    if (run.status() == RunStatus.WAITING) {
      store.setRunStatus(runId, RunStatus.RUNNING, null, clock.instant());
    }
    Map<String, StepRun> states = new HashMap<>();
    for (StepRun step : store.steps(runId)) {
      states.put(step.stepId(), step);
    }
    Map<String, List<Item>> outputs = new HashMap<>();
    Map<String, List<String>> predecessors = predecessors(workflow);
    for (Step step : order(workflow)) {
      List<Item> input = new ArrayList<>();
      for (String previous : predecessors.get(step.id())) {
        input.addAll(outputs.getOrDefault(previous, List.of()));
      }
      StepRun state = states.get(step.id());
      if (state != null && state.status() == StepStatus.DONE) {
        outputs.put(step.id(), items(state.output()));
        continue; // recorded as done: never runs twice
      }
      if (state != null
          && state.status() == StepStatus.WAITING
          && store.decision(runId, step.id()).isEmpty()) {
        store.setRunStatus(runId, RunStatus.WAITING, state.message(), clock.instant());
        return RunStatus.WAITING;
      }
      StepOutcome outcome;
      try {
        outcome = runStep(runId, workflow, step, dedupe(input), state);
      } catch (StepFailure failure) {
        return fail(runId, step, failure.getMessage());
      } catch (StepInterrupted interrupted) {
        // The runner is stopping (the desktop app closes): the step stays running, so the next
        // runner resumes it; nothing is failed or rolled back.
        store.log(runId, step.id(), now(), "interrupted; resumes when a runner starts again");
        return RunStatus.RUNNING;
      }
      switch (outcome.kind()) {
        case DONE -> {
          store.stepFinished(
              runId, step.id(), StepStatus.DONE, json(outcome.items()), outcome.message(), now());
          if (outcome.message() != null) {
            store.log(runId, step.id(), now(), outcome.message());
          }
          outputs.put(step.id(), outcome.items());
        }
        case WAITING -> {
          store.stepFinished(runId, step.id(), StepStatus.WAITING, null, outcome.message(), now());
          store.log(runId, step.id(), now(), "waiting for review: " + outcome.message());
          store.setRunStatus(runId, RunStatus.WAITING, outcome.message(), now());
          return RunStatus.WAITING;
        }
        case REJECTED -> {
          store.stepFinished(runId, step.id(), StepStatus.REJECTED, null, outcome.message(), now());
          store.setRunStatus(runId, RunStatus.REJECTED, outcome.message(), now());
          return RunStatus.REJECTED;
        }
      }
    }
    store.setRunStatus(runId, RunStatus.SUCCEEDED, null, now());
    store.log(runId, null, now(), "succeeded");
    return RunStatus.SUCCEEDED;
  }

  private Instant now() {
    return clock.instant();
  }

  /** A step that failed for good; the message says which skill and why. */
  private static final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
      super(message);
    }
  }

  /** The thread driving the run was interrupted: its runner is stopping. */
  private static final class StepInterrupted extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private StepOutcome runStep(
      long runId, Workflow workflow, Step step, List<Item> input, StepRun state)
      throws WorkflowStoreException, StepFailure, StepInterrupted {
    LoadedSkill loaded =
        skills
            .skill(step.skill())
            .orElseThrow(
                () ->
                    new StepFailure(
                        "skill \""
                            + step.skill()
                            + "\" is not installed (a missing plug-in?); see sentio workflows"
                            + " skills"));
    int attempt = state == null ? 0 : state.attempts();
    if (state != null && state.status() == StepStatus.RUNNING) {
      store.log(runId, step.id(), now(), "resuming after an interruption");
    }
    ErrorPolicy policy = step.onError();
    int failures = 0;
    while (true) {
      attempt++;
      store.stepStarted(runId, step.id(), attempt, now());
      List<Artifact> earlier =
          store.artifacts(runId).stream().filter(a -> a.stepId().equals(step.id())).toList();
      SkillContext context =
          new SkillContext(
              store,
              services,
              clock,
              runId,
              workflow,
              step,
              earlier,
              store.decision(runId, step.id()));
      try {
        return invoke(loaded, step, input, context);
      } catch (TransientSkillException e) {
        failures++;
        if (failures > policy.retries()) {
          throw new StepFailure(
              describe(loaded) + " failed " + failures + " times; last: " + e.getMessage());
        }
        Duration wait = Duration.ofMillis(Math.round(policy.backoffBefore(failures) * 1000));
        store.log(
            runId,
            step.id(),
            now(),
            "attempt "
                + attempt
                + " failed ("
                + e.getMessage()
                + "); retry "
                + failures
                + " of "
                + policy.retries()
                + " in "
                + wait.toSeconds()
                + " s");
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new StepInterrupted();
        }
      }
    }
  }

  /**
   * Runs the skill with its own class loader as the thread's context loader; whatever it throws (a
   * plug-in's bug included) fails this step only.
   */
  private StepOutcome invoke(LoadedSkill loaded, Step step, List<Item> input, SkillContext context)
      throws TransientSkillException, StepFailure, StepInterrupted {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loaded.skill().getClass().getClassLoader());
    try {
      StepOutcome outcome = loaded.skill().run(step, input, context);
      if (outcome == null) {
        throw new StepFailure(describe(loaded) + " returned nothing");
      }
      return outcome;
    } catch (TransientSkillException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new StepInterrupted();
      }
      throw e;
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (SkillException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new StepInterrupted();
      }
      throw new StepFailure(describe(loaded) + ": " + e.getMessage());
    } catch (Exception | Error e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new StepInterrupted();
      }
      throw new StepFailure(describe(loaded) + " failed: " + SkillRegistry.rootMessage(e));
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static String describe(LoadedSkill loaded) {
    return "skill "
        + loaded.name()
        + (loaded.source().equals("built-in")
            ? ""
            : " (" + loaded.source() + ", " + loaded.version() + ")");
  }

  private RunStatus fail(long runId, Step step, String message) throws WorkflowStoreException {
    store.stepFinished(runId, step.id(), StepStatus.FAILED, null, message, now());
    store.log(runId, step.id(), now(), "failed: " + message);
    if (ErrorPolicy.STOP.equals(step.onError().then())) {
      store.setRunStatus(runId, RunStatus.FAILED, "step " + step.id() + ": " + message, now());
      return RunStatus.FAILED;
    }
    List<String> undone = rollback(runId);
    store.setRunStatus(
        runId,
        RunStatus.ROLLED_BACK,
        "step " + step.id() + ": " + message + "; rolled back " + String.join(", ", undone),
        now());
    return RunStatus.ROLLED_BACK;
  }

  /** Undoes a run's outputs, newest first; returns what was undone in words. */
  private List<String> rollback(long runId) throws WorkflowStoreException {
    List<Artifact> artifacts = new ArrayList<>(store.artifacts(runId));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = artifacts.size() - 1; i >= 0; i--) {
      Artifact artifact = artifacts.get(i);
      try {
        switch (artifact.kind()) {
          case FILE -> {
            if (Files.deleteIfExists(Path.of(artifact.ref()))) {
              counts.merge("files", 1, Integer::sum);
              store.log(runId, artifact.stepId(), now(), "rollback: deleted " + artifact.ref());
            }
          }
          case SESSION -> {
            if (services.sessions().delete(artifact.sessionId())) {
              counts.merge("sessions", 1, Integer::sum);
              store.log(
                  runId,
                  artifact.stepId(),
                  now(),
                  "rollback: deleted session " + artifact.sessionId());
            }
          }
          case SEEN -> counts.merge("recordings given back", 1, Integer::sum);
        }
        store.removeArtifact(artifact.id());
      } catch (Exception e) {
        // Kept on record so that a later look can retry; the history says what stayed.
        store.log(
            runId,
            artifact.stepId(),
            now(),
            "rollback could not undo " + artifact.kind() + " " + artifact.ref() + ": " + e);
      }
    }
    List<String> words = new ArrayList<>();
    counts.forEach((what, n) -> words.add(n + " " + what));
    return words.isEmpty() ? List.of("nothing") : words;
  }

  private static List<Item> dedupe(List<Item> items) {
    Map<String, Item> byFile = new LinkedHashMap<>();
    for (Item item : items) {
      byFile.putIfAbsent(item.file() + "#" + item.sessionId(), item);
    }
    return List.copyOf(byFile.values());
  }

  private static Map<String, List<String>> predecessors(Workflow workflow) {
    Map<String, List<String>> predecessors = new LinkedHashMap<>();
    for (Step step : workflow.steps()) {
      predecessors.putIfAbsent(step.id(), new ArrayList<>());
      for (String next : step.next()) {
        predecessors.computeIfAbsent(next, k -> new ArrayList<>()).add(step.id());
      }
    }
    return predecessors;
  }

  /** The reachable steps, each after all of its predecessors (the machine is acyclic). */
  private static List<Step> order(Workflow workflow) {
    Map<String, List<String>> predecessors = predecessors(workflow);
    List<Step> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    Set<String> reachable = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(workflow.steps().get(0).id()));
    while (!todo.isEmpty()) {
      String id = todo.remove(0);
      if (reachable.add(id)) {
        workflow.step(id).ifPresent(s -> todo.addAll(s.next()));
      }
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      for (Step step : workflow.steps()) {
        if (reachable.contains(step.id())
            && !placed.contains(step.id())
            && predecessors.get(step.id()).stream()
                .filter(reachable::contains)
                .allMatch(placed::contains)) {
          ordered.add(step);
          placed.add(step.id());
          progress = true;
        }
      }
    }
    return ordered;
  }

  private static String json(List<Item> items) {
    try {
      return JSON.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("items always serialise", e);
    }
  }

  private static List<Item> items(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, ITEMS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored step output is not readable: " + e, e);
    }
  }
}
