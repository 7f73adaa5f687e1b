package org.sentio.app.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.WorkflowRepository;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.StepStatus;

/**
 * {@code kill -9} of a real child {@code sentio workflows run NAME} (analyse two recordings, the
 * first seconds of the demo, export them as CSV, notify) at random moments, each time on a fresh
 * store; then the next runner, a child {@code sentio workflows daemon --once}, takes over. After
 * every kill the store passes {@code PRAGMA integrity_check} and the run is not shown as done
 * unless it is; after the resume the run has succeeded, each recording is analysed and stored once,
 * and no step that had finished before the kill is done again.
 */
class KillDuringWorkflowRunTest {
  private static final Path ROOT =
      Path.of(System.getProperty("sentio.root.dir", ".")).toAbsolutePath().normalize();
  private static final Path DEMO = ROOT.resolve("resources/demo/demo.mp4");
  private static final String NAME = "kill-test";

  /**
   * Seconds of the demo in each recording: the resume is what is tested, and every recording is
   * analysed up to three times (the reference run, the killed one, the resume).
   */
  private static final double CLIP_SECONDS = 6;

  /**
   * Kills per run (CI: 1, each run takes minutes); {@code -Dsentio.kill.count=10} for a longer run.
   */
  private static final int KILLS = Integer.getInteger("sentio.kill.count", 1);

  /** Seed of the kill moments; {@code -Dsentio.kill.seed=N} tries other moments. */
  private static final long SEED = Long.getLong("sentio.kill.seed", 20261202L);

  @TempDir Path work;

  @Test
  void aKilledWorkflowRunIsResumedByTheNextRunnerWithoutRedoingFinishedSteps() throws Exception {
    Path calls = Files.createDirectories(work.resolve("calls"));
    List<Path> recordings = List.of(calls.resolve("call-1.mp4"), calls.resolve("call-2.mp4"));
    for (Path recording : recordings) {
      DemoClip.cut(DEMO, CLIP_SECONDS, recording);
      // copied in a while ago: the runner takes only recordings that are no longer being written
      Files.setLastModifiedTime(recording, FileTime.from(Instant.now().minusSeconds(60)));
    }
    String sentence =
        "analyse the new recordings in "
            + calls
            + ", export them as CSV to "
            + work.resolve("exports")
            + " and notify me";

    Path reference = work.resolve("reference");
    define(reference, sentence);
    long started = System.nanoTime();
    Process whole = sentio(reference, "workflows", "run", NAME);
    assertThat(whole.waitFor(10, TimeUnit.MINUTES)).isTrue();
    int runMs = (int) ((System.nanoTime() - started) / 1_000_000);
    assertThat(whole.exitValue()).as(log()).isZero();
    assertThat(sessions(reference)).isEqualTo(recordings.size());

    Random random = new Random(SEED);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < KILLS; i++) {
      Path data = work.resolve("data-" + i);
      define(data, sentence);
      long delayMs = 2000 + random.nextInt(runMs);
      Process run = sentio(data, "workflows", "run", NAME);
      boolean finished = run.waitFor(delayMs, TimeUnit.MILLISECONDS);
      if (!finished) {
        run.destroyForcibly().waitFor(); // SIGKILL on Linux
      }
      String moment = delayMs + " ms: " + (finished ? "finished first" : "killed");
      assertThat(integrity(data)).as(moment).isEqualTo("ok");

      Map<String, Integer> doneBefore = new HashMap<>();
      RunStatus before;
      try (WorkflowRepository workflows = WorkflowRepository.open(data)) {
        List<Run> runs = workflows.runs(NAME, 5);
        assertThat(runs).as(moment).hasSizeLessThanOrEqualTo(1);
        if (runs.isEmpty()) {
          outcomes.add(moment + ", before the run was stored");
          continue;
        }
        before = runs.get(0).status();
        for (StepRun step : workflows.steps(runs.get(0).id())) {
          if (step.status() == StepStatus.DONE) {
            doneBefore.put(step.stepId(), step.attempts());
          }
        }
        if (before == RunStatus.SUCCEEDED) {
          assertThat(doneBefore).as(moment).containsKeys("analyse", "export", "notify");
        } else {
          assertThat(before).as(moment).isEqualTo(RunStatus.RUNNING);
        }
      }

      Process next = sentio(data, "workflows", "daemon", "--once");
      assertThat(next.waitFor(10, TimeUnit.MINUTES)).isTrue();
      assertThat(next.exitValue()).as(log()).isZero();
      assertThat(integrity(data)).as(moment).isEqualTo("ok");
      try (WorkflowRepository workflows = WorkflowRepository.open(data)) {
        List<Run> runs = workflows.runs(NAME, 5);
        assertThat(runs).as(moment).hasSize(1);
        Run after = runs.get(0);
        assertThat(after.status())
            .as(moment + " " + lines(workflows, after.id()))
            .isEqualTo(RunStatus.SUCCEEDED);
        for (StepRun step : workflows.steps(after.id())) {
          if (doneBefore.containsKey(step.stepId())) {
            assertThat(step.attempts())
                .as("%s: step %s finished before the kill", moment, step.stepId())
                .isEqualTo(doneBefore.get(step.stepId()));
          }
        }
        List<String> log = lines(workflows, after.id());
        for (Path recording : recordings) {
          assertThat(log.stream().filter(l -> l.startsWith("analysed " + recording)).count())
              .as("%s: %s analysed once: %s", moment, recording, log)
              .isEqualTo(1);
        }
      }
      assertThat(sessions(data)).as(moment).isEqualTo(recordings.size());
      outcomes.add(moment + ", run " + before.label() + " then resumed: succeeded");
    }
    System.out.println(
        "a whole workflow run " + runMs + " ms; kill moments (seed " + SEED + "): " + outcomes);
  }

  private void define(Path data, String sentence) throws Exception {
    Process p = sentio(data, "workflows", "new", sentence, "--name", NAME);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(log()).isZero();
  }

  private Process sentio(Path data, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dsentio.home=" + ROOT);
    command.add("org.sentio.app.Sentio");
    command.addAll(List.of(args));
    command.add("--data-dir");
    command.add(data.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("child.log").toFile());
    builder.environment().remove("SENTIO_DATA_DIR");
    return builder.start();
  }

  private static List<String> lines(WorkflowRepository workflows, long run) throws Exception {
    List<String> lines = new ArrayList<>();
    for (LogLine line : workflows.log(run)) {
      lines.add(line.message());
    }
    return lines;
  }

  private static int sessions(Path data) throws Exception {
    try (SessionStore store = SessionStore.open(data)) {
      return store.sessions().list().size();
    }
  }

  private static String integrity(Path data) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("sentio.db"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }

  private String log() throws Exception {
    return Files.readString(work.resolve("child.log"));
  }
}
