package org.sentio.app.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.SentioHome;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.StepStatus;
import org.sentio.automation.engine.WorkflowEngine;
import org.sentio.automation.workflow.ErrorPolicy;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Trigger;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowJson;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/**
 * The runner on a real SQLite file with a fake clock: retry, rollback, review, schedule, resume.
 */
class WorkflowEngineTest {
  private static final Instant WEDNESDAY = Instant.parse("2026-12-02T12:00:00Z");

  @TempDir Path temp;
  private FakeClock clock;
  private WorkflowRuntime runtime;
  private final ByteArrayOutputStream notices = new ByteArrayOutputStream();
  private final String key = UUID.randomUUID().toString();

  @BeforeEach
  void open() throws Exception {
    clock = new FakeClock(WEDNESDAY);
    runtime = openRuntime();
  }

  private WorkflowRuntime openRuntime() throws Exception {
    return WorkflowRuntime.open(
        temp.resolve("data"),
        new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
        DevicePreference.parse("cpu"),
        new PrintStream(notices, true, java.nio.charset.StandardCharsets.UTF_8),
        clock,
        clock.sleeper());
  }

  @AfterEach
  void close() throws Exception {
    runtime.close();
  }

  private static Step step(String id, String skill, Map<String, Object> params, String... next) {
    return new Step(id, skill, params, List.of(next), ErrorPolicy.DEFAULT);
  }

  private Workflow save(String name, Trigger trigger, Step... steps) throws Exception {
    Workflow workflow = new Workflow(name, "json", null, trigger, List.of(steps));
    assertTrue(runtime.workflows().saveWorkflow(workflow, clock.instant()));
    return workflow;
  }

  private WorkflowEngine engine() {
    return runtime.engine();
  }

  private Run run(long id) throws Exception {
    return runtime.workflows().run(id).orElseThrow();
  }

  private StepRun stepRun(long run, String stepId) throws Exception {
    return runtime.workflows().steps(run).stream()
        .filter(s -> s.stepId().equals(stepId))
        .findFirst()
        .orElseThrow();
  }

  private List<String> log(long run) throws Exception {
    List<String> lines = new ArrayList<>();
    for (LogLine line : runtime.workflows().log(run)) {
      lines.add(line.message());
    }
    return lines;
  }

  @Test
  void aTransientFailureIsRetriedWithDoublingBackoffThenTheRunIsRolledBack() throws Exception {
    Path out = Files.createDirectories(temp.resolve("out"));
    save(
        "flaky",
        Trigger.MANUAL,
        step("write", "write-file", Map.of("folder", out.toString(), "name", "a.txt"), "flaky"),
        step("flaky", "flaky", Map.of("key", key, "failures", 9)));

    long run = engine().runNow("flaky");

    assertEquals(RunStatus.ROLLED_BACK, run(run).status());
    assertFalse(Files.exists(out.resolve("a.txt")), "the file written by the run is gone");
    assertEquals(4, TestSkills.runs(key), "one attempt and three retries");
    assertEquals(4, stepRun(run, "flaky").attempts());
    assertEquals(StepStatus.FAILED, stepRun(run, "flaky").status());
    assertEquals(WEDNESDAY.plusSeconds(30 + 60 + 120), clock.instant(), "30 s, 60 s, 120 s");
    List<String> log = log(run);
    assertTrue(
        log.contains("attempt 1 failed (disk busy (attempt 1)); retry 1 of 3 in 30 s"),
        log::toString);
    assertTrue(
        log.contains("attempt 3 failed (disk busy (attempt 3)); retry 3 of 3 in 120 s"),
        log::toString);
    assertTrue(log.contains("rollback: deleted " + out.resolve("a.txt")), log::toString);
    assertTrue(run(run).message().contains("rolled back 1 files"), run(run).message());
    assertTrue(runtime.workflows().artifacts(run).isEmpty(), "nothing left to undo");
  }

  @Test
  void aTransientFailureThatPassesLetsTheRunSucceed() throws Exception {
    save("flaky", Trigger.MANUAL, step("flaky", "flaky", Map.of("key", key, "failures", 2)));
    long run = engine().runNow("flaky");
    assertEquals(RunStatus.SUCCEEDED, run(run).status());
    assertEquals(3, stepRun(run, "flaky").attempts());
  }

  @Test
  void aStopPolicyKeepsTheOutputs() throws Exception {
    Path out = Files.createDirectories(temp.resolve("out"));
    Workflow workflow =
        new Workflow(
            "stop",
            "json",
            null,
            Trigger.MANUAL,
            List.of(
                step("write", "write-file", Map.of("folder", out.toString(), "name", "a.txt"), "x"),
                new Step("x", "explode", Map.of(), List.of(), new ErrorPolicy(0, 0, "stop"))));
    runtime.workflows().saveWorkflow(workflow, clock.instant());
    long run = engine().runNow("stop");
    assertEquals(RunStatus.FAILED, run(run).status());
    assertTrue(Files.exists(out.resolve("a.txt")));
  }

  @Test
  void aReviewWaitsAndTheRunResumesAfterApprovalWithoutRedoingSteps() throws Exception {
    save(
        "reviewed",
        Trigger.MANUAL,
        step("before", "count", Map.of("key", key + "-before"), "review"),
        step("review", "review", Map.of("approver", "supervisor"), "after"),
        step("after", "count", Map.of("key", key + "-after")));

    long run = engine().runNow("reviewed");
    assertEquals(RunStatus.WAITING, run(run).status());
    List<WorkflowEngine.PendingReview> pending = engine().pendingReviews();
    assertEquals(1, pending.size());
    assertEquals("review", pending.get(0).stepId());
    assertEquals("a supervisor to approve the run", pending.get(0).question());

    engine().tick(); // nothing to do while it waits
    assertEquals(RunStatus.WAITING, run(run).status());
    assertEquals(0, TestSkills.runs(key + "-after"));

    assertEquals(
        RunStatus.SUCCEEDED,
        engine().decide(new Decision(run, "review", Decision.APPROVE, "fine", null)));
    assertEquals(1, TestSkills.runs(key + "-before"), "the step before the review ran once");
    assertEquals(1, TestSkills.runs(key + "-after"));
    assertTrue(engine().pendingReviews().isEmpty());
  }

  @Test
  void anEditedReviewPassesOnOnlyTheSessionsKept() throws Exception {
    save(
        "edited",
        Trigger.MANUAL,
        step("emit", "emit", Map.of("sessions", "11,12,13"), "review"),
        step("review", "review", Map.of(), "after"),
        step("after", "count", Map.of("key", key)));
    long run = engine().runNow("edited");
    assertEquals(
        "a person to approve session 11, session 12, session 13",
        engine().pendingReviews().get(0).question());
    engine().decide(new Decision(run, "review", Decision.EDIT, null, "11,13"));
    assertEquals(RunStatus.SUCCEEDED, run(run).status());
    assertEquals(2, TestSkills.runs(key + "-items"), "sessions 11 and 13 went on");
  }

  @Test
  void aRejectedReviewEndsTheRun() throws Exception {
    save(
        "reviewed",
        Trigger.MANUAL,
        step("review", "review", Map.of(), "after"),
        step("after", "count", Map.of("key", key)));
    long run = engine().runNow("reviewed");
    engine().decide(new Decision(run, "review", Decision.REJECT, "not now", null));
    assertEquals(RunStatus.REJECTED, run(run).status());
    assertEquals("rejected: not now", run(run).message());
    assertEquals(0, TestSkills.runs(key));
  }

  @Test
  void aDecisionOnARunThatDoesNotWaitIsRefused() throws Exception {
    save("plain", Trigger.MANUAL, step("count", "count", Map.of("key", key)));
    long run = engine().runNow("plain");
    org.sentio.automation.workflow.WorkflowException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.sentio.automation.workflow.WorkflowException.class,
            () -> engine().decide(new Decision(run, "count", Decision.APPROVE, null, null)));
    assertTrue(e.getMessage().contains("has no review step \"count\" waiting"), e.getMessage());
  }

  @Test
  void aThrowingSkillFailsItsStepNotTheEngine() throws Exception {
    save("buggy", Trigger.MANUAL, step("x", "explode", Map.of()));
    save("error", Trigger.MANUAL, step("x", "explode", Map.of("kind", "error")));
    save("fine", Trigger.MANUAL, step("count", "count", Map.of("key", key)));

    long buggy = engine().runNow("buggy");
    long error = engine().runNow("error");
    long fine = engine().runNow("fine");

    assertEquals(RunStatus.ROLLED_BACK, run(buggy).status());
    assertTrue(
        run(buggy)
            .message()
            .startsWith("step x: skill explode failed: IllegalStateException: boom"),
        run(buggy).message());
    assertTrue(run(error).message().contains("NoClassDefFoundError: com/example/Missing"));
    assertEquals(RunStatus.SUCCEEDED, run(fine).status());
  }

  @Test
  void aScheduleFiresOnceAtItsTimeInItsZoneAndMissedFiringsMakeOneRun() throws Exception {
    save(
        "weekly",
        Trigger.schedule("0 10 * * 1", "Europe/Berlin"),
        step("count", "count", Map.of("key", key)));

    assertTrue(engine().tick().started().isEmpty(), "Wednesday: not due");
    clock.set(Instant.parse("2026-12-07T08:59:59Z"));
    assertTrue(engine().tick().started().isEmpty(), "09:59:59 in Berlin: not yet");
    clock.set(Instant.parse("2026-12-07T09:00:05Z"));
    List<Long> started = engine().tick().started();
    assertEquals(1, started.size(), "10:00 in Berlin");
    assertEquals(RunStatus.SUCCEEDED, run(started.get(0)).status());
    assertTrue(engine().tick().started().isEmpty(), "fired once");

    clock.set(Instant.parse("2026-12-28T12:00:00Z")); // three Mondays missed
    assertEquals(1, engine().tick().started().size());
    assertEquals(2, TestSkills.runs(key));
  }

  @Test
  void aPausedWorkflowDoesNotStart() throws Exception {
    save("weekly", Trigger.schedule("0 10 * * 1", "UTC"), step("c", "count", Map.of("key", key)));
    runtime.workflows().setPaused("weekly", true);
    clock.set(Instant.parse("2026-12-07T10:00:05Z"));
    assertTrue(engine().tick().started().isEmpty());
  }

  @Test
  void aRunCutShortResumesAfterARestartWithoutRedoingFinishedSteps() throws Exception {
    Workflow workflow =
        save(
            "two",
            Trigger.MANUAL,
            step("first", "count", Map.of("key", key + "-1"), "second"),
            step("second", "count", Map.of("key", key + "-2")));
    // What a process killed during "second" leaves behind.
    long run =
        runtime
            .workflows()
            .startRun("two", WorkflowJson.write(workflow), "manual", null, clock.instant())
            .orElseThrow();
    runtime.workflows().stepStarted(run, "first", 1, clock.instant());
    runtime.workflows().stepFinished(run, "first", StepStatus.DONE, "[]", null, clock.instant());
    runtime.workflows().stepStarted(run, "second", 1, clock.instant());
    runtime.close();

    runtime = openRuntime();
    WorkflowEngine.Tick tick = engine().tick();

    assertEquals(List.of(run), tick.resumed());
    assertEquals(RunStatus.SUCCEEDED, run(run).status());
    assertEquals(0, TestSkills.runs(key + "-1"), "the finished step did not run again");
    assertEquals(1, TestSkills.runs(key + "-2"));
    assertEquals(2, stepRun(run, "second").attempts());
    assertTrue(log(run).contains("resuming after an interruption"));
  }

  @Test
  void aRunDrivenByAnotherLiveRunnerIsLeftAloneUntilThatRunnerDies() throws Exception {
    Workflow workflow = save("owned", Trigger.MANUAL, step("c", "count", Map.of("key", key)));
    long run =
        runtime
            .workflows()
            .startRun("owned", WorkflowJson.write(workflow), "manual", null, clock.instant())
            .orElseThrow();
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      String owner = WorkflowEngine.identity(other.toHandle());
      assertTrue(runtime.workflows().claimRun(run, owner, null));
      assertTrue(engine().tick().resumed().contains(run), "looked at");
      assertEquals(RunStatus.RUNNING, run(run).status());
      assertEquals(0, TestSkills.runs(key), "not driven while its runner lives");
    } finally {
      other.destroyForcibly();
      other.waitFor();
    }
    engine().tick();
    assertEquals(RunStatus.SUCCEEDED, run(run).status());
    assertEquals(1, TestSkills.runs(key));
    assertTrue(runtime.workflows().runOwner(run).isEmpty(), "released when finished");
  }

  @Test
  void aWatchedFolderThatIsMissingIsReportedAndOthersStillRun() throws Exception {
    save(
        "watch", Trigger.watch(temp.resolve("nowhere").toString()), step("a", "analyse", Map.of()));
    save("weekly", Trigger.schedule("0 10 * * 1", "UTC"), step("c", "count", Map.of("key", key)));
    clock.set(Instant.parse("2026-12-07T10:00:05Z"));
    WorkflowEngine.Tick tick = engine().tick();
    assertEquals(1, tick.started().size());
    assertEquals(1, tick.problems().size());
    assertTrue(tick.problems().get(0).startsWith("workflow watch: "), tick.problems().get(0));
    assertTrue(tick.problems().get(0).contains("the folder does not exist"));
  }

  @Test
  void aWatchedFolderWithoutRecordingsStartsNothing() throws Exception {
    Path calls = Files.createDirectories(temp.resolve("calls"));
    Files.writeString(calls.resolve("notes.txt"), "not a recording");
    save("watch", Trigger.watch(calls.toString()), step("a", "analyse", Map.of()));
    assertTrue(engine().tick().started().isEmpty());
    clock.advance(Duration.ofHours(1));
    assertTrue(engine().tick().problems().isEmpty());
  }

  @Test
  void aRecordingStillBeingWrittenIsLeftForTheNextLook() throws Exception {
    Path calls = Files.createDirectories(temp.resolve("calls"));
    Path fresh = calls.resolve("fresh.wav");
    Files.writeString(fresh, "half a recording");
    Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.from(clock.instant()));
    save("watch", Trigger.watch(calls.toString()), step("c", "count", Map.of("key", key)));
    assertTrue(engine().tick().started().isEmpty(), "modified just now");
    clock.advance(Duration.ofSeconds(10));
    assertEquals(1, engine().tick().started().size(), "settled");
  }

  @Test
  void workflowsAreSavedOnceByNameAndDeletedWithTheirHistory() throws Exception {
    Workflow workflow = save("once", Trigger.MANUAL, step("c", "count", Map.of("key", key)));
    assertFalse(runtime.workflows().saveWorkflow(workflow, clock.instant()), "name taken");
    long run = engine().runNow("once");
    assertEquals(workflow, runtime.workflows().workflow("once").orElseThrow().workflow());
    assertTrue(runtime.workflows().deleteWorkflow("once"));
    assertTrue(runtime.workflows().run(run).isEmpty());
    assertTrue(runtime.workflows().workflows().isEmpty());
  }
}
