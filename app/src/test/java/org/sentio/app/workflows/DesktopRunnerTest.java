package org.sentio.app.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.app.monitoring.AlertRules;
import org.sentio.app.monitoring.Monitoring;
import org.sentio.app.store.SessionStore;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.Sleeper;
import org.sentio.automation.engine.StepStatus;
import org.sentio.automation.workflow.ErrorPolicy;
import org.sentio.automation.workflow.Step;
import org.sentio.automation.workflow.Trigger;
import org.sentio.automation.workflow.Workflow;

/**
 * The desktop app's runner, closed while a step waits to retry (as when the app quits): the step is
 * left running, nothing is rolled back, and the next runner on the same store resumes the run and
 * finishes it.
 */
class DesktopRunnerTest {
  @TempDir Path temp;

  private WorkflowRunner start(SessionStore sessions, Clock clock, Sleeper sleeper)
      throws Exception {
    return WorkflowRunner.start(
        sessions,
        temp.resolve("data"),
        () -> {
          throw new IllegalStateException("this workflow analyses nothing");
        },
        () -> AnalysisOptions.DEFAULT,
        new Monitoring(clock, AlertRules.DEFAULT),
        clock,
        sleeper,
        Duration.ofHours(1));
  }

  @Test
  void closingTheAppMidStepLeavesTheRunToResumeAtTheNextStart() throws Exception {
    String key = UUID.randomUUID().toString();
    long run;
    try (SessionStore sessions = SessionStore.open(temp.resolve("data"))) {
      WorkflowRunner first = start(sessions, Clock.systemUTC(), Sleeper.REAL);
      assertThat(
              first
                  .runtime()
                  .workflows()
                  .saveWorkflow(
                      new Workflow(
                          "retry-later",
                          "json",
                          null,
                          Trigger.MANUAL,
                          List.of(
                              new Step(
                                  "flaky",
                                  "flaky",
                                  Map.of("key", key, "failures", 1),
                                  List.of(),
                                  new ErrorPolicy(3, 3600, ErrorPolicy.ROLLBACK)))),
                      Instant.now()))
          .isTrue();
      CompletableFuture<Long> started = first.runNow("retry-later");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (TestSkills.runs(key) < 1 && System.nanoTime() < deadline) {
        Thread.sleep(20); // until the first attempt failed and the hour's wait began
      }
      assertThat(TestSkills.runs(key)).isEqualTo(1);
      first.close();
      assertThat(started).isCompleted();
      run = started.get();
    }

    try (SessionStore sessions = SessionStore.open(temp.resolve("data"));
        WorkflowRunner second = start(sessions, Clock.systemUTC(), d -> {})) {
      var stored = second.runtime().workflows();
      assertThat(stored.run(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
      assertThat(stored.steps(run).get(0).status()).isEqualTo(StepStatus.RUNNING);
      assertThat(stored.log(run).stream().map(LogLine::message))
          .contains("interrupted; resumes when a runner starts again")
          .noneMatch(m -> m.startsWith("failed") || m.startsWith("rollback"));

      second.lookNow().get();
      assertThat(stored.run(run).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(TestSkills.runs(key))
          .as("the step ran once more, not from scratch twice")
          .isEqualTo(2);
    }
  }
}
