package org.sentio.app.ui.workflows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sentio.app.ui.ErrorReporter;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;
import org.sentio.app.workflows.WorkflowChecks;
import org.sentio.app.workflows.WorkflowRunner;
import org.sentio.app.workflows.WorkflowRunner.Notice;
import org.sentio.automation.engine.Records.Decision;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.SavedWorkflow;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.WorkflowEngine.PendingReview;
import org.sentio.automation.engine.WorkflowStoreException;
import org.sentio.automation.parse.ParseResult;
import org.sentio.automation.parse.WorkflowParser;
import org.sentio.automation.workflow.Workflow;
import org.sentio.automation.workflow.WorkflowDescription;

/**
 * The Workflows page: the saved workflows and their runs, steps and history; a new workflow made
 * from a sentence and shown (in words, as a diagram, with the words not understood) before it is
 * saved; the review queue; and the notices the runner raised. Every store read and every engine
 * call happens off the JavaFX thread: reads on the executor's pool, runs and decisions on the
 * runner's own thread.
 */
public final class WorkflowsViewModel implements AutoCloseable {
  /** A saved workflow as the list shows it. */
  public record WorkflowRow(
      String name,
      String trigger,
      String schedule,
      boolean paused,
      Run lastRun,
      Workflow workflow) {}

  /**
   * What a sentence would make, shown before saving.
   *
   * @param words the machine in words (in the sentence's language)
   * @param unparsed the words not understood
   * @param problems what the checks found (missing folders, a schedule that never fires, …)
   */
  public record Preview(
      String sentence,
      Workflow workflow,
      String words,
      List<String> unparsed,
      List<String> problems) {
    public boolean savable() {
      return unparsed.isEmpty() && problems.isEmpty() && !workflow.steps().isEmpty();
    }
  }

  private final WorkflowRunner runner;
  private final TaskExecutor executor;
  private final ErrorReporter errors;
  private final I18n i18n;
  private final ObservableList<WorkflowRow> workflows = FXCollections.observableArrayList();
  private final StringProperty selected = new SimpleStringProperty();
  private final ObservableList<Run> runs = FXCollections.observableArrayList();
  private final ObjectProperty<Long> selectedRun = new SimpleObjectProperty<>();
  private final ObservableList<StepRun> steps = FXCollections.observableArrayList();
  private final ObservableList<LogLine> log = FXCollections.observableArrayList();
  private final ObservableList<PendingReview> reviews = FXCollections.observableArrayList();
  private final ObservableList<Notice> notices = FXCollections.observableArrayList();
  private final StringProperty sentence = new SimpleStringProperty("");
  private final StringProperty name = new SimpleStringProperty("");
  private final ObjectProperty<Preview> preview = new SimpleObjectProperty<>();
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final StringProperty status = new SimpleStringProperty("");
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final AtomicBoolean refreshAgain = new AtomicBoolean();
  private final Runnable onChange = this::refresh;
  private final Consumer<Notice> onNotice;

  public WorkflowsViewModel(
      WorkflowRunner runner, TaskExecutor executor, ErrorReporter errors, I18n i18n) {
    this.runner = runner;
    this.executor = executor;
    this.errors = errors;
    this.i18n = i18n;
    this.onNotice = n -> executor.ui(() -> notices.add(0, n));
    notices.setAll(newestFirst(runner.notices()));
    selected.addListener((o, a, b) -> refresh());
    selectedRun.addListener((o, a, b) -> refresh());
    runner.onChange(onChange);
    runner.onNotice(onNotice);
  }

  private static List<Notice> newestFirst(List<Notice> oldestFirst) {
    List<Notice> list = new ArrayList<>(oldestFirst);
    java.util.Collections.reverse(list);
    return list;
  }

  public ObservableList<WorkflowRow> workflows() {
    return workflows;
  }

  /** The name of the workflow whose runs are shown, or null. */
  public StringProperty selectedProperty() {
    return selected;
  }

  public ObservableList<Run> runs() {
    return runs;
  }

  /** The id of the run whose steps and history are shown, or null. */
  public ObjectProperty<Long> selectedRunProperty() {
    return selectedRun;
  }

  public ObservableList<StepRun> steps() {
    return steps;
  }

  public ObservableList<LogLine> log() {
    return log;
  }

  public ObservableList<PendingReview> reviews() {
    return reviews;
  }

  public ObservableList<Notice> notices() {
    return notices;
  }

  public StringProperty sentenceProperty() {
    return sentence;
  }

  public StringProperty nameProperty() {
    return name;
  }

  public ObjectProperty<Preview> previewProperty() {
    return preview;
  }

  /** True while a preview or save is being worked out. */
  public BooleanProperty busyProperty() {
    return busy;
  }

  /** The outcome of the last action, in one line. */
  public StringProperty statusProperty() {
    return status;
  }

  /** The notice in the page's language. */
  public String describe(Notice notice) {
    String workflow = notice.workflow() == null ? "" : notice.workflow();
    String text = notice.text() == null ? "" : notice.text();
    return switch (notice.kind()) {
      case REVIEW_WAITING -> i18n.get("workflows.notice.review", workflow, notice.runId(), text);
      case RUN_FAILED -> i18n.get("workflows.notice.failed", workflow, notice.runId(), text);
      case MESSAGE -> i18n.get("workflows.notice.message", workflow, text);
      case PROBLEM -> i18n.get("workflows.notice.problem", text);
      case ALERT -> i18n.get("workflows.notice.alert", workflow, text);
    };
  }

  /**
   * Reads the workflows, the selected workflow's runs, the selected run's steps and history, and
   * the review queue again. Calls that arrive while a read is under way make one more read.
   */
  public void refresh() {
    if (!refreshing.compareAndSet(false, true)) {
      refreshAgain.set(true);
      return;
    }
    String chosen = selected.get();
    Long chosenRun = selectedRun.get();
    executor.background(
        () -> {
          try {
            read(chosen, chosenRun);
          } catch (WorkflowStoreException | RuntimeException e) {
            executor.ui(() -> status.set(i18n.get("workflows.readFailed", e.getMessage())));
          } finally {
            refreshing.set(false);
            if (refreshAgain.getAndSet(false)) {
              executor.ui(this::refresh);
            }
          }
        });
  }

  private void read(String chosen, Long chosenRun) throws WorkflowStoreException {
    var repository = runner.runtime().workflows();
    List<WorkflowRow> rows = new ArrayList<>();
    for (SavedWorkflow saved : repository.workflows()) {
      Workflow w = saved.workflow();
      List<Run> last = repository.runs(w.name(), 1);
      rows.add(
          new WorkflowRow(
              w.name(),
              WorkflowChecks.trigger(w),
              WorkflowChecks.schedule(w),
              saved.paused(),
              last.isEmpty() ? null : last.get(0),
              w));
    }
    List<Run> runRows = chosen == null ? List.of() : repository.runs(chosen, 50);
    List<StepRun> stepRows = chosenRun == null ? List.of() : repository.steps(chosenRun);
    List<LogLine> logRows = chosenRun == null ? List.of() : repository.log(chosenRun);
    List<PendingReview> pending = runner.runtime().engine().pendingReviews();
    executor.ui(
        () -> {
          workflows.setAll(rows);
          if (chosen != null && rows.stream().noneMatch(r -> r.name().equals(chosen))) {
            selected.set(null); // deleted elsewhere (the CLI)
          }
          runs.setAll(runRows);
          steps.setAll(stepRows);
          log.setAll(logRows);
          reviews.setAll(pending);
        });
  }

  /** Parses the sentence and checks the machine (folders included); saves nothing. */
  public void check() {
    String text = sentence.get() == null ? "" : sentence.get().strip();
    if (text.isEmpty()) {
      status.set(i18n.get("workflows.new.empty"));
      preview.set(null);
      return;
    }
    busy.set(true);
    String chosenName = name.get() == null ? "" : name.get().strip();
    executor.background(
        () -> {
          ParseResult parsed = new WorkflowParser().parse(text);
          Workflow workflow =
              chosenName.isEmpty() ? parsed.workflow() : parsed.workflow().withName(chosenName);
          List<String> problems = new ArrayList<>(parsed.problems());
          if (!workflow.steps().isEmpty()) {
            for (String p : WorkflowChecks.problems(workflow, runner.runtime().skills(), true)) {
              if (!problems.contains(p)) {
                problems.add(p);
              }
            }
          }
          String words = WorkflowDescription.inWords(workflow, WorkflowChecks.schedule(workflow));
          Preview made = new Preview(text, workflow, words, parsed.unparsed(), problems);
          executor.ui(
              () -> {
                busy.set(false);
                preview.set(made);
                status.set(
                    made.savable()
                        ? i18n.get("workflows.new.ready")
                        : made.unparsed().isEmpty()
                            ? i18n.get("workflows.new.problems")
                            : i18n.get(
                                "workflows.new.unparsed", String.join("\", \"", made.unparsed())));
              });
        });
  }

  /** True when the shown machine is the sentence's as it is now, and can be saved. */
  public boolean canSave() {
    Preview p = preview.get();
    return p != null
        && p.savable()
        && p.sentence().equals(sentence.get() == null ? "" : sentence.get().strip());
  }

  /** Saves the machine shown (never one the user has not seen). */
  public void save() {
    if (!canSave()) {
      status.set(i18n.get("workflows.new.checkFirst"));
      return;
    }
    Workflow workflow = preview.get().workflow();
    busy.set(true);
    executor.background(
        () -> {
          try {
            boolean saved = runner.runtime().workflows().saveWorkflow(workflow, Instant.now());
            executor.ui(
                () -> {
                  busy.set(false);
                  if (saved) {
                    status.set(i18n.get("workflows.new.saved", workflow.name()));
                    preview.set(null);
                    sentence.set("");
                    name.set("");
                  } else {
                    status.set(i18n.get("workflows.new.taken", workflow.name()));
                  }
                });
            refresh();
          } catch (WorkflowStoreException e) {
            executor.ui(
                () -> {
                  busy.set(false);
                  errors.show(i18n.get("workflows.error.title"), e.getMessage(), e);
                });
          }
        });
  }

  /** Starts a run of the selected workflow on the runner's thread. */
  public void runNow() {
    String row = selected.get();
    if (row == null) {
      return;
    }
    status.set(i18n.get("workflows.run.started", row));
    runner
        .runNow(row)
        .whenComplete(
            (run, failure) ->
                executor.ui(
                    () -> {
                      if (failure != null) {
                        errors.show(
                            i18n.get("workflows.error.title"),
                            WorkflowRunner.reason(failure),
                            failure);
                      } else {
                        status.set(i18n.get("workflows.run.ended", row, run));
                      }
                    }));
    refresh();
  }

  /** Pauses or resumes the selected workflow; firings missed while paused are not made up. */
  public void setPaused(boolean paused) {
    String row = selected.get();
    if (row == null) {
      return;
    }
    executor.background(
        () -> {
          try {
            var repository = runner.runtime().workflows();
            repository.setPaused(row, paused);
            if (!paused) {
              repository.setCheckedUpTo(row, Instant.now());
            }
            executor.ui(
                () -> status.set(i18n.get(paused ? "workflows.paused" : "workflows.resumed", row)));
            refresh();
          } catch (WorkflowStoreException e) {
            executor.ui(() -> errors.show(i18n.get("workflows.error.title"), e.getMessage(), e));
          }
        });
  }

  /** Deletes the selected workflow and its history; the sessions and files it made stay. */
  public void delete() {
    String row = selected.get();
    if (row == null) {
      return;
    }
    executor.background(
        () -> {
          try {
            runner.runtime().workflows().deleteWorkflow(row);
            executor.ui(
                () -> {
                  selected.set(null);
                  selectedRun.set(null);
                  status.set(i18n.get("workflows.deleted", row));
                });
            refresh();
          } catch (WorkflowStoreException e) {
            executor.ui(() -> errors.show(i18n.get("workflows.error.title"), e.getMessage(), e));
          }
        });
  }

  /** Approves a waiting review: the run goes on with every session. */
  public void approve(PendingReview review, String note) {
    decide(review, Decision.APPROVE, note, null);
  }

  /**
   * Approves with an edit: only the sessions listed in {@code keep} (ids, comma-separated) go on.
   */
  public void edit(PendingReview review, String keep, String note) {
    String ids = keep == null ? "" : keep.strip();
    if (!ids.matches("\\d+(\\s*,\\s*\\d+)*")) {
      status.set(i18n.get("workflows.review.badKeep", ids));
      return;
    }
    decide(review, Decision.EDIT, note, ids.replaceAll("\\s", ""));
  }

  /** Rejects a waiting review: the steps after it do not run. */
  public void reject(PendingReview review, String note) {
    decide(review, Decision.REJECT, note, null);
  }

  private void decide(PendingReview review, String verdict, String note, String keep) {
    if (review == null) {
      status.set(i18n.get("workflows.review.none"));
      return;
    }
    String trimmed = note == null || note.isBlank() ? null : note.strip();
    status.set(i18n.get("workflows.review.sent", review.runId()));
    runner
        .decide(new Decision(review.runId(), review.stepId(), verdict, trimmed, keep))
        .whenComplete(
            (outcome, failure) ->
                executor.ui(
                    () -> {
                      if (failure != null) {
                        errors.show(
                            i18n.get("workflows.error.title"),
                            WorkflowRunner.reason(failure),
                            failure);
                      } else {
                        status.set(
                            i18n.get(
                                "workflows.review.done",
                                review.runId(),
                                i18n.get(
                                    "workflows.run."
                                        + outcome.name().toLowerCase(java.util.Locale.ROOT))));
                      }
                    }));
  }

  @Override
  public void close() {
    runner.removeOnChange(onChange);
    runner.removeOnNotice(onNotice);
  }
}
