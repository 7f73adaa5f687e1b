package org.sentio.app.workflows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.app.monitoring.MeteredWorkflowStore;
import org.sentio.app.monitoring.Monitoring;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.RunStatus;
import org.sentio.automation.engine.Sleeper;
import org.sentio.automation.engine.WorkflowEngine;
import org.sentio.automation.engine.WorkflowStoreException;
import org.sentio.automation.workflow.WorkflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow engine inside the desktop app: one thread of its own ("sentio-workflows") looks at
 * the saved workflows every interval and drives every run, the ones a person starts or approves on
 * the page included, so the engine never runs on the JavaFX thread and never twice at once. It
 * tells its listeners when runs change and raises a {@link Notice} when a review waits, a run fails
 * or a notify step speaks. Closing it interrupts the run in progress, which stays recorded as
 * running and resumes at the next start.
 */
public final class WorkflowRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunner.class);
  private static final int KEPT_NOTICES = 200;

  /** What a notice is about; the page words it in the user's language. */
  public enum NoticeKind {
    REVIEW_WAITING,
    RUN_FAILED,
    MESSAGE,
    PROBLEM,
    /** A monitoring threshold crossed (a slow step, failures in a row, a folder unreachable). */
    ALERT
  }

  /**
   * Something the user should see.
   *
   * @param workflow the workflow's name, or null for the runner itself
   * @param runId the run, or null
   * @param text the detail (the run's message, a notify step's words, a problem)
   */
  public record Notice(Instant at, NoticeKind kind, String workflow, Long runId, String text) {}

  private final ScheduledExecutorService thread;
  private final Clock clock;
  private final List<Notice> notices = new CopyOnWriteArrayList<>();
  private final List<Consumer<Notice>> noticeListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final Map<Long, RunStatus> known = new HashMap<>();
  private boolean looked;
  private WorkflowRuntime runtime;
  private MeteredWorkflowStore metered;
  private Monitoring monitoring;
  private Consumer<org.sentio.app.monitoring.Alert> alerts;

  private WorkflowRunner(Clock clock) {
    this.clock = clock;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sentio-workflows");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens the workflow tables beside {@code sessions} and starts looking every {@code interval}
   * (the first look at once). Steps and runs are measured in {@code monitoring}, which also raises
   * the alerts (slow steps, failures in a row, unreachable watched folders).
   */
  public static WorkflowRunner start(
      SessionStore sessions,
      Path dataDirectory,
      Callable<Analyzers> analyzers,
      Supplier<AnalysisOptions> options,
      Monitoring monitoring,
      Clock clock,
      Sleeper sleeper,
      Duration interval)
      throws StoreException {
    WorkflowRunner runner = new WorkflowRunner(clock);
    try {
      runner.runtime =
          WorkflowRuntime.openShared(
              sessions,
              dataDirectory,
              analyzers,
              options,
              (workflow, message) ->
                  runner.raise(
                      new Notice(
                          clock.instant(),
                          workflow == null ? NoticeKind.PROBLEM : NoticeKind.MESSAGE,
                          workflow,
                          null,
                          message)),
              store -> runner.metered = new MeteredWorkflowStore(store, monitoring),
              clock,
              sleeper);
    } catch (StoreException | RuntimeException e) {
      runner.thread.shutdownNow();
      throw e;
    }
    runner.monitoring = monitoring;
    runner.alerts =
        a ->
            runner.raise(
                new Notice(a.at(), NoticeKind.ALERT, a.workflow(), a.runId(), a.message()));
    monitoring.onAlert(runner.alerts);
    runner.thread.scheduleWithFixedDelay(
        runner::look, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return runner;
  }

  /** The runtime, for reading the workflow tables from any thread (each read is short). */
  public WorkflowRuntime runtime() {
    return runtime;
  }

  /** Called on the runner thread after each change to the runs. */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  public void removeOnChange(Runnable listener) {
    changeListeners.remove(listener);
  }

  /** Called on the runner thread with each new notice. */
  public void onNotice(Consumer<Notice> listener) {
    noticeListeners.add(listener);
  }

  public void removeOnNotice(Consumer<Notice> listener) {
    noticeListeners.remove(listener);
  }

  /** The notices raised since the app started, oldest first. */
  public List<Notice> notices() {
    return List.copyOf(notices);
  }

  /** Looks now instead of at the next interval. */
  public CompletableFuture<WorkflowEngine.Tick> lookNow() {
    return submit(this::lookOnce);
  }

  /** Starts a run of {@code name} on the runner thread; completes when it ends or waits. */
  public CompletableFuture<Long> runNow(String name) {
    return submit(() -> runtime.engine().runNow(name));
  }

  /** Records a decision on a waiting review and drives the run on, on the runner thread. */
  public CompletableFuture<RunStatus> decide(Decision decision) {
    return submit(() -> runtime.engine().decide(decision));
  }

  /**
   * Runs {@code work} on the runner thread, then tells the listeners what changed.
   *
   * @throws java.util.concurrent.RejectedExecutionException once closed
   */
  public <T> CompletableFuture<T> submit(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    thread.execute(
        () -> {
          T value;
          try {
            value = work.call();
          } catch (Exception | LinkageError e) {
            afterChange();
            result.completeExceptionally(e);
            return;
          }
          afterChange(); // before completing: whoever waits sees the notices it raised
          result.complete(value);
        });
    return result;
  }

  private WorkflowEngine.Tick lookOnce() throws WorkflowStoreException {
    metered.checkWatchedFolders();
    WorkflowEngine.Tick tick = runtime.engine().tick();
    for (String problem : tick.problems()) {
      raise(new Notice(clock.instant(), NoticeKind.PROBLEM, null, null, problem));
    }
    return tick;
  }

  private void look() {
    try {
      lookOnce();
    } catch (WorkflowStoreException | RuntimeException e) {
      // the next look tries again; the user sees why this one failed
      LOG.warn("workflow runner: {}", e.toString());
      raise(new Notice(clock.instant(), NoticeKind.PROBLEM, null, null, e.getMessage()));
    } finally {
      afterChange();
    }
  }

  /** Raises notices for runs that began waiting for a review or failed since the last look. */
  private void afterChange() {
    try {
      List<Run> runs = runtime.workflows().runs(null, 200);
      for (Run run : runs) {
        RunStatus before = known.put(run.id(), run.status());
        if (before == run.status()) {
          continue;
        }
        if (run.status() == RunStatus.WAITING) {
          raise(notice(NoticeKind.REVIEW_WAITING, run));
        } else if (looked
            && (run.status() == RunStatus.FAILED || run.status() == RunStatus.ROLLED_BACK)) {
          raise(notice(NoticeKind.RUN_FAILED, run));
        }
      }
      looked = true;
    } catch (WorkflowStoreException e) {
      LOG.warn("workflow runner: cannot read the runs: {}", e.toString());
    }
    for (Runnable listener : changeListeners) {
      listener.run();
    }
  }

  private Notice notice(NoticeKind kind, Run run) {
    return new Notice(clock.instant(), kind, run.workflow(), run.id(), run.message());
  }

  private void raise(Notice notice) {
    notices.add(notice);
    while (notices.size() > KEPT_NOTICES) {
      notices.remove(0);
    }
    for (Consumer<Notice> listener : noticeListeners) {
      listener.accept(notice);
    }
  }

  /**
   * Stops looking and interrupts the run in progress (it resumes at the next start), then closes
   * the workflow tables; the session store and models stay with their owner.
   */
  @Override
  public void close() throws Exception {
    thread.shutdownNow();
    if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
      LOG.warn("workflow runner: the step in progress did not stop within 30 s");
    }
    monitoring.removeOnAlert(alerts);
    runtime.close();
  }

  /** For the page: the message of a refused decision, or of a run that could not start. */
  public static String reason(Throwable failure) {
    Throwable cause =
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof WorkflowException || cause instanceof WorkflowStoreException) {
      return cause.getMessage();
    }
    return String.valueOf(cause);
  }
}
