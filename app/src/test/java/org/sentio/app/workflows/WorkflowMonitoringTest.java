package org.sentio.app.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.app.monitoring.Alert;
import org.sentio.app.monitoring.AlertRules;
import org.sentio.app.monitoring.Monitoring;
import org.sentio.app.store.SessionStore;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.workflow.ErrorPolicy;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Trigger;
import org.sentio.automation.workflow.Workflow;

/**
 * Monitoring of the desktop app's workflow runner on a real store with a fake clock: step times and
 * run outcomes reach the meters; a step slower than its limit, two failed runs in a row and an
 * unreachable watched folder raise alerts that reach the runner's notices and the run's history.
 */
class WorkflowMonitoringTest {
  private static final Instant START = Instant.parse("2026-12-02T12:00:00Z");

  @TempDir Path temp;
  private final FakeClock clock = new FakeClock(START);
  private final String key = UUID.randomUUID().toString();
  private SessionStore sessions;
  private Monitoring monitoring;
  private WorkflowRunner runner;

  @BeforeEach
  void start() throws Exception {
    Path data = temp.resolve("data");
    sessions = SessionStore.open(data);
    monitoring = new Monitoring(clock, new AlertRules(Duration.ofSeconds(60), Map.of(), 2));
    runner =
        WorkflowRunner.start(
            sessions,
            data,
            () -> {
              throw new IllegalStateException("these workflows analyse nothing");
            },
            () -> AnalysisOptions.DEFAULT,
            monitoring,
            clock,
            clock.sleeper(),
            Duration.ofHours(1));
  }

  @AfterEach
  void stop() throws Exception {
    runner.close();
    sessions.close();
  }

  private void save(Workflow workflow) throws Exception {
    assertThat(runner.runtime().workflows().saveWorkflow(workflow, clock.instant())).isTrue();
  }

  private List<String> history(long run) throws Exception {
    return runner.runtime().workflows().log(run).stream().map(LogLine::message).toList();
  }

  @Test
  void aSlowStepAndTwoFailedRunsInARowRaiseAlertsSeenOnTheDesktopAndInTheHistory()
      throws Exception {
    save(
        new Workflow(
            "flaky-export",
            "json",
            null,
            Trigger.MANUAL,
            List.of(
                new Step(
                    "count",
                    "count",
                    Map.of("key", key + "-count"),
                    List.of("flaky"),
                    ErrorPolicy.DEFAULT),
                new Step(
                    "flaky",
                    "flaky",
                    Map.of("key", key, "failures", 99),
                    List.of(),
                    ErrorPolicy.DEFAULT))));

    long first = runner.runNow("flaky-export").get();
    assertThat(runner.runtime().workflows().run(first).orElseThrow().status())
        .isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(monitoring.alerts()).extracting(Alert::kind).containsExactly(Alert.Kind.SLOW_STEP);
    assertThat(history(first))
        .contains("alert: step flaky (flaky) took 210 s, over its limit of 60 s");

    long second = runner.runNow("flaky-export").get();
    assertThat(monitoring.alerts())
        .extracting(Alert::kind)
        .containsExactly(Alert.Kind.SLOW_STEP, Alert.Kind.SLOW_STEP, Alert.Kind.REPEATED_FAILURES);
    assertThat(history(second))
        .anyMatch(line -> line.startsWith("alert: flaky-export failed 2 runs in a row"));
    assertThat(runner.notices())
        .filteredOn(n -> n.kind() == WorkflowRunner.NoticeKind.ALERT)
        .hasSize(3);
    assertThat(runner.notices())
        .filteredOn(n -> n.kind() == WorkflowRunner.NoticeKind.RUN_FAILED)
        .hasSize(2);

    Timer failed =
        monitoring
            .registry()
            .get(Monitoring.STEP)
            .tag("skill", "flaky")
            .tag("outcome", "failed")
            .timer();
    assertThat(failed.count()).isEqualTo(2);
    assertThat(failed.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(420.0);
    Timer quick =
        monitoring
            .registry()
            .get(Monitoring.STEP)
            .tag("skill", "count")
            .tag("outcome", "done")
            .timer();
    assertThat(quick.count()).isEqualTo(2);
    assertThat(quick.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isZero();
    assertThat(
            monitoring
                .registry()
                .get(Monitoring.RUNS)
                .tag("status", "rolled_back")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(
            monitoring.registry().get(Monitoring.ALERTS).tag("kind", "SLOW_STEP").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void aSuccessBetweenFailuresResetsTheCountAndFastStepsRaiseNothing() throws Exception {
    save(
        new Workflow(
            "sometimes",
            "json",
            null,
            Trigger.MANUAL,
            List.of(
                new Step(
                    "flaky",
                    "flaky",
                    Map.of("key", key, "failures", 1),
                    List.of(),
                    new ErrorPolicy(0, 0, ErrorPolicy.ROLLBACK)))));
    long failed = runner.runNow("sometimes").get();
    long succeeded = runner.runNow("sometimes").get();
    assertThat(runner.runtime().workflows().run(failed).orElseThrow().status())
        .isEqualTo(RunStatus.ROLLED_BACK);
    assertThat(runner.runtime().workflows().run(succeeded).orElseThrow().status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(monitoring.alerts()).isEmpty();
    assertThat(monitoring.registry().get(Monitoring.QUEUE).tag("state", "running").gauge().value())
        .isZero();
  }

  @Test
  void anUnreachableWatchedFolderRaisesOneAlertUntilItIsBack() throws Exception {
    Path inbox = Files.createDirectories(temp.resolve("inbox"));
    save(
        new Workflow(
            "inbox",
            "json",
            null,
            Trigger.watch(inbox.toString()),
            List.of(
                new Step("count", "count", Map.of("key", key), List.of(), ErrorPolicy.DEFAULT))));
    runner.lookNow().get();
    assertThat(monitoring.alerts()).isEmpty();

    Files.delete(inbox);
    runner.lookNow().get();
    runner.lookNow().get();
    assertThat(monitoring.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.kind()).isEqualTo(Alert.Kind.FOLDER_UNREACHABLE);
              assertThat(a.workflow()).isEqualTo("inbox");
              assertThat(a.message()).contains(inbox.toString());
            });

    Files.createDirectories(inbox);
    runner.lookNow().get();
    Files.delete(inbox);
    runner.lookNow().get();
    assertThat(monitoring.alerts()).hasSize(2);
  }

  @Test
  void whileTheWatchedFolderIsUnreachableItsFallbackIsWatchedAndTheAlertSaysSo() throws Exception {
    Path inbox = Files.createDirectories(temp.resolve("inbox"));
    Path spare = Files.createDirectories(temp.resolve("spare"));
    Path call = Files.writeString(spare.resolve("call.wav"), "not read by the count step");
    Files.setLastModifiedTime(call, java.nio.file.attribute.FileTime.from(START.minusSeconds(60)));
    monitoring.useFallbacks(Map.of(inbox.toString(), spare.toString()));
    save(
        new Workflow(
            "inbox",
            "json",
            null,
            Trigger.watch(inbox.toString()),
            List.of(
                new Step("count", "count", Map.of("key", key), List.of(), ErrorPolicy.DEFAULT))));
    assertThat(runner.lookNow().get().started()).as("nothing new in the inbox").isEmpty();

    Files.delete(inbox);
    List<Long> started = runner.lookNow().get().started();
    assertThat(started).as("the new recording in the fallback starts a run").hasSize(1);
    assertThat(history(started.get(0))).first().isEqualTo("started (new files in " + spare + ")");
    assertThat(TestSkills.runs(key)).isEqualTo(1);
    assertThat(monitoring.alerts())
        .singleElement()
        .satisfies(
            a ->
                assertThat(a.message())
                    .contains(inbox.toString())
                    .endsWith("; using the fallback " + spare + " while it is unreachable"));
    assertThat(
            runner
                .runtime()
                .workflows()
                .workflow("inbox")
                .orElseThrow()
                .workflow()
                .trigger()
                .folder())
        .as("the saved workflow keeps its own folder")
        .isEqualTo(inbox.toString());
  }
}
