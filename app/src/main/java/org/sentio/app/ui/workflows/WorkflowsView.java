package org.sentio.app.ui.workflows;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.workflows.WorkflowsViewModel.Preview;
import org.sentio.app.ui.workflows.WorkflowsViewModel.WorkflowRow;
import org.sentio.app.workflows.WorkflowRunner.Notice;
import org.sentio.automation.engine.Records.LogLine;
import org.sentio.automation.engine.Records.Run;
import org.sentio.automation.engine.Records.StepRun;
import org.sentio.automation.engine.WorkflowEngine.PendingReview;

/**
 * The Workflows page: saved workflows with their runs, steps and history; a new workflow from a
 * sentence, shown before it is saved; the review queue; the notices. While shown it reads the runs
 * again every two seconds, so a run in progress shows its steps as they finish.
 */
public final class WorkflowsView extends BorderPane {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private final WorkflowsViewModel model;
  private final I18n i18n;
  private final Timeline poll;

  public WorkflowsView(WorkflowsViewModel model, I18n i18n) {
    this.model = model;
    this.i18n = i18n;
    setId("workflows-view");
    getStyleClass().add("page");
    Label title = new Label(i18n.get("workflows.title"));
    title.getStyleClass().addAll("title-2", "page-title");
    Label intro = new Label(i18n.get("workflows.intro"));
    intro.setWrapText(true);
    VBox top = new VBox(6, title, intro);
    top.setPadding(new Insets(0, 0, 12, 0));
    setTop(top);

    Tab list = new Tab(i18n.get("workflows.tab.list"), listPane());
    list.setId("workflows-tab-list");
    Tab create = new Tab(i18n.get("workflows.tab.new"), newPane());
    create.setId("workflows-tab-new");
    Tab reviews = new Tab(i18n.get("workflows.tab.reviews", 0), reviewPane());
    reviews.setId("workflows-tab-reviews");
    model
        .reviews()
        .addListener(
            (javafx.collections.ListChangeListener<PendingReview>)
                c -> reviews.setText(i18n.get("workflows.tab.reviews", model.reviews().size())));
    Tab notices = new Tab(i18n.get("workflows.tab.notices"), noticePane());
    notices.setId("workflows-tab-notices");
    TabPane tabs = new TabPane(list, create, reviews, notices);
    tabs.setId("workflows-tabs");
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    setCenter(tabs);

    Label status = new Label();
    status.setId("workflows-status");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    BorderPane.setMargin(status, new Insets(8, 0, 0, 0));
    setBottom(status);

    poll = new Timeline(new KeyFrame(Duration.seconds(2), e -> model.refresh()));
    poll.setCycleCount(Timeline.INDEFINITE);
    sceneProperty()
        .addListener(
            (o, a, b) -> {
              if (b == null) {
                poll.stop();
              } else {
                model.refresh();
                poll.play();
              }
            });
  }

  private VBox listPane() {
    TableView<WorkflowRow> table = new TableView<>(model.workflows());
    table.setPlaceholder(new Label(i18n.get("workflows.table.none")));
    table.setId("workflows-table");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(col(i18n.get("workflows.column.name"), WorkflowRow::name));
    table
        .getColumns()
        .add(
            col(
                i18n.get("workflows.column.trigger"),
                r -> r.trigger() + (r.schedule() == null ? "" : " — " + r.schedule())));
    table
        .getColumns()
        .add(
            col(
                i18n.get("workflows.column.state"),
                r -> i18n.get(r.paused() ? "workflows.state.paused" : "workflows.state.active")));
    table
        .getColumns()
        .add(
            col(
                i18n.get("workflows.column.lastRun"),
                r -> r.lastRun() == null ? "" : r.lastRun().id() + " · " + status(r.lastRun())));
    table.setPrefHeight(170);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && !b.name().equals(model.selectedProperty().get())) {
                model.selectedRunProperty().set(null);
                model.selectedProperty().set(b.name());
              }
            });
    model
        .workflows()
        .addListener(
            (javafx.collections.ListChangeListener<WorkflowRow>)
                c -> {
                  reselect(table, model.selectedProperty().get());
                });

    Button runNow = button("workflow-run-now", "workflows.runNow", Feather.PLAY);
    runNow.setOnAction(e -> model.runNow());
    Button pause = button("workflow-pause", "workflows.pause", Feather.PAUSE);
    pause.setOnAction(e -> model.setPaused(true));
    Button resume = button("workflow-resume", "workflows.resume", Feather.PLAY_CIRCLE);
    resume.setOnAction(e -> model.setPaused(false));
    Button delete = button("workflow-delete", "workflows.delete", Feather.TRASH_2);
    delete.setOnAction(e -> confirmDelete());
    for (Button b : new Button[] {runNow, pause, resume, delete}) {
      b.disableProperty().bind(model.selectedProperty().isNull());
    }
    HBox actions = new HBox(8, runNow, pause, resume, delete);
    actions.setAlignment(Pos.CENTER_LEFT);

    TableView<Run> runs = new TableView<>(model.runs());
    runs.setPlaceholder(new Label(i18n.get("workflows.runs.none")));
    runs.setId("workflow-runs");
    runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    runs.getColumns().add(col(i18n.get("workflows.column.run"), r -> Long.toString(r.id())));
    runs.getColumns()
        .add(col(i18n.get("workflows.column.started"), r -> TIME.format(r.startedAt())));
    runs.getColumns().add(col(i18n.get("workflows.column.trigger"), Run::trigger));
    runs.getColumns().add(col(i18n.get("workflows.column.status"), this::status));
    runs.getColumns()
        .add(
            col(i18n.get("workflows.column.message"), r -> r.message() == null ? "" : r.message()));
    runs.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && !Long.valueOf(b.id()).equals(model.selectedRunProperty().get())) {
                model.selectedRunProperty().set(b.id());
              }
            });
    model
        .runs()
        .addListener(
            (javafx.collections.ListChangeListener<Run>)
                c -> {
                  Long chosen = model.selectedRunProperty().get();
                  if (chosen != null) {
                    runs.getItems().stream()
                        .filter(r -> r.id() == chosen)
                        .findFirst()
                        .ifPresent(r -> runs.getSelectionModel().select(r));
                  }
                });

    TableView<StepRun> steps = new TableView<>(model.steps());
    steps.setPlaceholder(new Label(i18n.get("workflows.steps.none")));
    steps.setId("workflow-steps");
    steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    steps.getColumns().add(col(i18n.get("workflows.column.step"), StepRun::stepId));
    steps
        .getColumns()
        .add(
            col(
                i18n.get("workflows.column.status"),
                s -> i18n.get("workflows.step." + s.status().name().toLowerCase(Locale.ROOT))));
    steps
        .getColumns()
        .add(col(i18n.get("workflows.column.attempts"), s -> Integer.toString(s.attempts())));
    steps
        .getColumns()
        .add(
            col(i18n.get("workflows.column.message"), s -> s.message() == null ? "" : s.message()));

    ListView<LogLine> log = new ListView<>(model.log());
    log.setId("workflow-log");
    log.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(LogLine line, boolean empty) {
                super.updateItem(line, empty);
                setText(
                    empty || line == null
                        ? null
                        : TIME.format(line.at())
                            + (line.stepId() == null ? "" : "  [" + line.stepId() + "]")
                            + "  "
                            + line.message());
              }
            });
    Label runsTitle = new Label(i18n.get("workflows.runs"));
    runsTitle.getStyleClass().add("title-4");
    Label stepsTitle = new Label(i18n.get("workflows.steps"));
    stepsTitle.getStyleClass().add("title-4");
    SplitPane runDetail = new SplitPane(steps, log);
    VBox.setVgrow(runDetail, Priority.ALWAYS);
    VBox pane = new VBox(8, table, actions, runsTitle, runs, stepsTitle, runDetail);
    runs.setPrefHeight(150);
    pane.setPadding(new Insets(10, 0, 0, 0));
    return pane;
  }

  private void reselect(TableView<WorkflowRow> table, String chosen) {
    if (chosen == null) {
      return;
    }
    table.getItems().stream()
        .filter(r -> r.name().equals(chosen))
        .findFirst()
        .ifPresent(r -> table.getSelectionModel().select(r));
  }

  private void confirmDelete() {
    String row = model.selectedProperty().get();
    if (row == null) {
      return;
    }
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            i18n.get("workflows.delete.confirm", row),
            ButtonType.OK,
            ButtonType.CANCEL);
    confirm.setHeaderText(null);
    confirm.setTitle(i18n.get("workflows.delete"));
    if (getScene() != null) {
      confirm.initOwner(getScene().getWindow());
    }
    confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.delete());
  }

  private VBox newPane() {
    TextArea sentence = new TextArea();
    sentence.setId("workflow-sentence");
    sentence.setPromptText(i18n.get("workflows.new.prompt"));
    sentence.setWrapText(true);
    sentence.setPrefRowCount(3);
    sentence.textProperty().bindBidirectional(model.sentenceProperty());
    TextField name = new TextField();
    name.setId("workflow-name");
    name.setPromptText(i18n.get("workflows.new.name"));
    name.textProperty().bindBidirectional(model.nameProperty());
    Button check = button("workflow-check", "workflows.new.check", Feather.EYE);
    check.setOnAction(e -> model.check());
    check.disableProperty().bind(model.busyProperty());
    Button save = button("workflow-save", "workflows.new.save", Feather.SAVE);
    save.setOnAction(e -> model.save());
    Runnable updateSave = () -> save.setDisable(!model.canSave() || model.busyProperty().get());
    model.previewProperty().addListener((o, a, b) -> updateSave.run());
    model.sentenceProperty().addListener((o, a, b) -> updateSave.run());
    model.busyProperty().addListener((o, a, b) -> updateSave.run());
    updateSave.run();
    HBox actions = new HBox(8, name, check, save);
    actions.setAlignment(Pos.CENTER_LEFT);
    HBox.setHgrow(name, Priority.ALWAYS);

    Label unparsed = new Label();
    unparsed.setId("workflow-unparsed");
    unparsed.getStyleClass().add("danger");
    unparsed.setWrapText(true);
    Label problems = new Label();
    problems.setId("workflow-problems");
    problems.getStyleClass().add("warning");
    problems.setWrapText(true);
    TextArea words = new TextArea();
    words.setId("workflow-words");
    words.setEditable(false);
    words.setWrapText(true);
    words.setPrefRowCount(8);
    MachineDiagram diagram = new MachineDiagram(i18n);
    ScrollPane diagramScroll = new ScrollPane(diagram);
    diagramScroll.setPrefViewportHeight(180);
    model
        .previewProperty()
        .addListener(
            (o, a, p) -> {
              showPreview(p, unparsed, problems, words);
              diagram.show(p == null ? null : p.workflow());
            });
    Label wordsTitle = new Label(i18n.get("workflows.new.inWords"));
    wordsTitle.getStyleClass().add("title-4");
    Label diagramTitle = new Label(i18n.get("workflows.new.diagram"));
    diagramTitle.getStyleClass().add("title-4");
    VBox pane =
        new VBox(
            8,
            sentence,
            actions,
            unparsed,
            problems,
            wordsTitle,
            words,
            diagramTitle,
            diagramScroll);
    VBox.setVgrow(diagramScroll, Priority.ALWAYS);
    pane.setPadding(new Insets(10, 0, 0, 0));
    return pane;
  }

  private void showPreview(Preview p, Label unparsed, Label problems, TextArea words) {
    if (p == null) {
      unparsed.setText("");
      problems.setText("");
      words.setText("");
      return;
    }
    unparsed.setText(
        p.unparsed().isEmpty()
            ? ""
            : i18n.get("workflows.new.notUnderstood", String.join("\", \"", p.unparsed())));
    problems.setText(
        p.problems().isEmpty()
            ? ""
            : i18n.get("workflows.new.problemList", String.join("\n", p.problems())));
    words.setText(p.words());
  }

  private VBox reviewPane() {
    ListView<PendingReview> queue = new ListView<>(model.reviews());
    queue.setId("review-queue");
    queue.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(PendingReview r, boolean empty) {
                super.updateItem(r, empty);
                setText(
                    empty || r == null
                        ? null
                        : i18n.get(
                            "workflows.review.item",
                            r.runId(),
                            r.workflow(),
                            r.stepId(),
                            r.question()));
              }
            });
    model
        .reviews()
        .addListener(
            (javafx.collections.ListChangeListener<PendingReview>)
                c -> {
                  if (queue.getSelectionModel().getSelectedItem() == null
                      && !model.reviews().isEmpty()) {
                    queue.getSelectionModel().select(0);
                  }
                });
    TextField note = new TextField();
    note.setId("review-note");
    note.setPromptText(i18n.get("workflows.review.note"));
    TextField keep = new TextField();
    keep.setId("review-keep");
    keep.setPromptText(i18n.get("workflows.review.keep"));
    Button approve = button("review-approve", "workflows.review.approve", Feather.CHECK);
    approve.setOnAction(
        e -> model.approve(queue.getSelectionModel().getSelectedItem(), note.getText()));
    Button edit = button("review-edit", "workflows.review.edit", Feather.EDIT_2);
    edit.setOnAction(
        e ->
            model.edit(
                queue.getSelectionModel().getSelectedItem(), keep.getText(), note.getText()));
    Button reject = button("review-reject", "workflows.review.reject", Feather.X);
    reject.setOnAction(
        e -> model.reject(queue.getSelectionModel().getSelectedItem(), note.getText()));
    for (Button b : new Button[] {approve, edit, reject}) {
      b.disableProperty().bind(queue.getSelectionModel().selectedItemProperty().isNull());
    }
    HBox actions = new HBox(8, approve, keep, edit, reject);
    actions.setAlignment(Pos.CENTER_LEFT);
    VBox pane = new VBox(8, queue, note, actions);
    VBox.setVgrow(queue, Priority.ALWAYS);
    pane.setPadding(new Insets(10, 0, 0, 0));
    return pane;
  }

  private VBox noticePane() {
    ListView<Notice> list = new ListView<>(model.notices());
    list.setId("workflow-notices");
    list.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(Notice n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : TIME.format(n.at()) + "  " + model.describe(n));
              }
            });
    Label where = new Label(i18n.get("workflows.notices.where"));
    where.setWrapText(true);
    VBox pane = new VBox(8, where, list);
    VBox.setVgrow(list, Priority.ALWAYS);
    pane.setPadding(new Insets(10, 0, 0, 0));
    return pane;
  }

  private Button button(String id, String key, Feather icon) {
    Button b = new Button(i18n.get(key), new FontIcon(icon));
    b.setId(id);
    return b;
  }

  private String status(Run run) {
    return i18n.get("workflows.run." + run.status().name().toLowerCase(Locale.ROOT));
  }

  private static <T> TableColumn<T, String> col(String title, Function<T, String> value) {
    TableColumn<T, String> c = new TableColumn<>(title);
    c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
    return c;
  }

  /** Stops reading the runs again; the model stops listening to the runner. */
  public void dispose() {
    poll.stop();
    model.close();
  }
}
