package org.sentio.app.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.SentioHome;
import org.sentio.app.store.WorkflowRepository;
import org.sentio.automation.engine.Records.ArtifactKind;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.WorkflowEngine;
import org.sentio.automation.parse.ParseResult;
import org.sentio.automation.parse.WorkflowParser;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/**
 * A workflow written in words, run end to end on the real demo recording with the real models and a
 * fake clock: the schedule fires, the recording is analysed and reported, a review waits and the
 * run resumes after approval; a failure is retried then rolled back; and a runner killed with
 * SIGKILL half-way through resumes without analysing anything twice.
 */
class WorkflowEndToEndTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath();
  private static final Path DEMO = ROOT.resolve("resources/demo/demo.mp4");

  @TempDir Path temp;
  private final ByteArrayOutputStream notices = new ByteArrayOutputStream();

  private WorkflowRuntime open(Path data, FakeClock clock) throws Exception {
    return WorkflowRuntime.open(
        data,
        new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
        DevicePreference.parse("cpu"),
        new PrintStream(notices, true, StandardCharsets.UTF_8),
        clock,
        clock.sleeper());
  }

  private static List<String> log(WorkflowRuntime runtime, long run) throws Exception {
    List<String> lines = new ArrayList<>();
    for (LogLine line : runtime.workflows().log(run)) {
      lines.add(line.message());
    }
    return lines;
  }

  private static StepRun step(WorkflowRuntime runtime, long run, String id) throws Exception {
    return runtime.workflows().steps(run).stream()
        .filter(s -> s.stepId().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static List<Path> files(Path folder, String extension) throws Exception {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.toString().endsWith(extension)).toList();
    }
  }

  @Test
  void aScheduledWorkflowAnalysesReportsWaitsForApprovalAndRollsBackAFailure() throws Exception {
    Path calls = Files.createDirectories(temp.resolve("calls"));
    Path reports = temp.resolve("reports");
    Path archive = temp.resolve("archive");
    Files.copy(DEMO, calls.resolve("call-1.mp4"));
    FakeClock clock = new FakeClock(Instant.parse("2026-12-02T12:00:00Z")); // a Wednesday
    ParseResult parsed =
        new WorkflowParser()
            .parse(
                "every Monday at 10:00 Europe/Berlin analyse the new recordings in "
                    + calls
                    + ", keep the calls where the speaker was happy for more than 2 seconds, write"
                    + " a PDF report to "
                    + reports
                    + ", have a supervisor approve it, then copy them to "
                    + archive
                    + " and notify me");
    assertTrue(parsed.accepted(), () -> parsed.unparsed() + " " + parsed.problems());

    try (WorkflowRuntime runtime = open(temp.resolve("data"), clock)) {
      WorkflowEngine engine = runtime.engine();
      String name = parsed.workflow().name();
      runtime.workflows().saveWorkflow(parsed.workflow(), clock.instant());
      assertTrue(engine.tick().started().isEmpty(), "not due on Wednesday");

      clock.set(Instant.parse("2026-12-07T09:00:05Z")); // Monday 10:00:05 in Berlin
      List<Long> started = engine.tick().started();
      assertEquals(1, started.size(), "the schedule fired");
      long run = started.get(0);
      Run waiting = runtime.workflows().run(run).orElseThrow();
      assertEquals(
          RunStatus.WAITING, waiting.status(), () -> waiting + " " + logSafe(runtime, run));
      assertEquals(1, runtime.sessionStore().list().size(), "the recording is stored");
      assertEquals(1, files(reports, ".pdf").size(), "the report is written before the review");
      assertFalse(Files.exists(archive), "nothing is copied before approval");
      assertEquals(1, engine.pendingReviews().size());

      assertEquals(
          RunStatus.SUCCEEDED,
          engine.decide(new Decision(run, "review", Decision.APPROVE, null, null)));
      assertTrue(Files.exists(archive.resolve("call-1.mp4")));
      assertEquals(1, step(runtime, run, "analyse").attempts(), "analysed once");
      assertEquals(1, runtime.sessionStore().list().size(), "no session twice");
      assertTrue(notices.toString(StandardCharsets.UTF_8).contains("sentio: notification: "));

      // A week later a new call arrives but the report folder is unusable: retried, rolled back.
      Files.copy(DEMO, calls.resolve("call-2.mp4"));
      Path pdf = files(reports, ".pdf").get(0);
      Files.delete(pdf);
      Files.delete(reports);
      Files.writeString(reports, "a file where the report folder should be");
      clock.set(Instant.parse("2026-12-14T09:00:05Z"));
      Instant before = clock.instant();
      long failed = engine.tick().started().get(0);
      Run rolledBack = runtime.workflows().run(failed).orElseThrow();
      assertEquals(RunStatus.ROLLED_BACK, rolledBack.status(), () -> logSafe(runtime, failed));
      assertEquals(4, step(runtime, failed, "report").attempts(), "one try and three retries");
      assertEquals(before.plusSeconds(30 + 60 + 120), clock.instant(), "backoff 30, 60, 120 s");
      assertEquals(1, runtime.sessionStore().list().size(), "call-2's session was rolled back");
      assertFalse(
          runtime.workflows().seenFiles(name).contains(calls.resolve("call-2.mp4").toString()),
          "call-2 is given back for the next run");
      assertTrue(rolledBack.message().contains("1 sessions"), rolledBack.message());
    }
  }

  private static String logSafe(WorkflowRuntime runtime, long run) {
    try {
      return String.join("\n", log(runtime, run));
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void aRunnerKilledHalfWayResumesWithoutAnalysingAnythingTwice() throws Exception {
    Path calls = Files.createDirectories(temp.resolve("calls"));
    for (String name : List.of("kill-1.mp4", "kill-2.mp4")) {
      Files.copy(DEMO, calls.resolve(name));
      Files.setLastModifiedTime(
          calls.resolve(name),
          FileTime.from(Instant.now().minusSeconds(60))); // copied in a while ago
    }
    Path data = temp.resolve("data");
    FakeClock clock = new FakeClock(Instant.now());
    ParseResult parsed =
        new WorkflowParser().parse("analyse the new recordings in " + calls + " and notify me");
    assertTrue(parsed.accepted(), () -> parsed.unparsed() + " " + parsed.problems());
    String name = parsed.workflow().name();
    try (WorkflowRuntime runtime = open(data, clock)) {
      runtime.workflows().saveWorkflow(parsed.workflow(), clock.instant());
    }

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dsentio.home=" + ROOT,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                WorkflowChild.class.getName(),
                data.toString(),
                name)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("child.log").toFile())
            .start();
    boolean killed = false;
    try (WorkflowRepository watcher = WorkflowRepository.open(data)) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (System.nanoTime() < deadline && child.isAlive()) {
        List<Run> runs = watcher.runs(name, 1);
        if (!runs.isEmpty()
            && watcher.artifacts(runs.get(0).id()).stream()
                .anyMatch(a -> a.kind() == ArtifactKind.SESSION)) {
          child.destroyForcibly(); // SIGKILL: mid-way through the second recording
          killed = true;
          break;
        }
        Thread.sleep(50);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    assertTrue(killed, () -> "the child never stored a session: " + childLog());

    try (WorkflowRuntime runtime = open(data, clock)) {
      long run = runtime.workflows().runs(name, 1).get(0).id();
      assertEquals(RunStatus.RUNNING, runtime.workflows().run(run).orElseThrow().status());
      assertEquals(1, runtime.sessionStore().list().size(), "one recording done before the kill");

      WorkflowEngine.Tick tick = runtime.engine().tick();

      assertEquals(List.of(run), tick.resumed());
      assertEquals(RunStatus.SUCCEEDED, runtime.workflows().run(run).orElseThrow().status());
      assertEquals(2, runtime.sessionStore().list().size(), "each recording stored once");
      assertEquals(2, step(runtime, run, "analyse").attempts(), "interrupted once, resumed once");
      assertEquals(1, step(runtime, run, "notify").attempts());
      List<String> log = log(runtime, run);
      assertTrue(
          log.stream().anyMatch(l -> l.contains("reused 1 stored before an interruption")),
          log::toString);
      List<String> afterRestart =
          log.subList(log.indexOf("resuming after an interruption"), log.size());
      assertTrue(
          afterRestart.stream()
              .noneMatch(l -> l.startsWith("analysed " + calls.resolve("kill-1.mp4"))),
          "kill-1 is not analysed again: " + afterRestart);
      assertEquals(
          1,
          afterRestart.stream()
              .filter(l -> l.startsWith("analysed " + calls.resolve("kill-2.mp4")))
              .count());
    }
  }

  private String childLog() {
    try {
      return Files.readString(temp.resolve("child.log"));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
