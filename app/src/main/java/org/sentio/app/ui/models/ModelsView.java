package org.sentio.app.ui.models;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.UiFonts;
import org.sentio.learning.gate.ModelTask;
import org.sentio.learning.gate.ModelVersion;

/**
 * The installed models (with the privacy budget of DP-trained ones), the versions of the fusion and
 * text models with adopt and rollback, the execution provider and the expert load of the reviewed
 * session.
 */
public final class ModelsView extends BorderPane {
  private static final DateTimeFormatter SINCE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  public ModelsView(ModelsViewModel model, I18n i18n) {
    setId("models-view");
    getStyleClass().add("page");
    Label title = new Label(i18n.get("models.title"));
    title.getStyleClass().addAll("title-2", "page-title");
    Label provider = new Label();
    provider.setId("models-provider");
    provider.setWrapText(true);
    provider.textProperty().bind(model.providerProperty());
    HBox providerBox = new HBox(8, new FontIcon(Feather.CPU), provider);
    providerBox.setAlignment(Pos.CENTER_LEFT);
    VBox top = new VBox(8, title, providerBox);
    top.setPadding(new Insets(0, 0, 12, 0));
    setTop(top);

    TableView<ModelRow> table = new TableView<>(model.models());
    table.setId("models-table");
    ProgressIndicator checking = new ProgressIndicator();
    checking.setPrefSize(22, 22);
    checking.visibleProperty().bind(model.listingProperty());
    checking.managedProperty().bind(model.listingProperty());
    Label listState = new Label();
    listState.setId("models-table-placeholder");
    listState
        .textProperty()
        .bind(
            Bindings.when(model.listingProperty())
                .then(i18n.get("models.checking"))
                .otherwise(i18n.get("models.none")));
    HBox placeholder = new HBox(8, checking, listState);
    placeholder.setAlignment(Pos.CENTER);
    table.setPlaceholder(placeholder);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(col(i18n.get("models.column.name"), r -> r.model().name()));
    table
        .getColumns()
        .add(col(i18n.get("models.column.version"), r -> r.model().manifest().version()));
    table.getColumns().add(col(i18n.get("models.column.task"), r -> r.model().manifest().task()));
    table
        .getColumns()
        .add(col(i18n.get("models.column.licence"), r -> r.model().manifest().licence()));
    table
        .getColumns()
        .add(
            col(
                i18n.get("models.column.status"),
                r ->
                    r.verification().ok()
                        ? "✔ " + i18n.get("models.verified")
                        : "✘ " + r.verification().message()));
    table
        .getColumns()
        .add(
            col(
                i18n.get("models.column.privacy"),
                r ->
                    r.epsilon().isPresent()
                        ? i18n.get(
                            "models.privacy.value",
                            figure(r.epsilon(), "%.3f"),
                            figure(r.delta(), "%.0e"))
                        : ""));
    table.setPrefHeight(190);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, a, b) -> model.selectedProperty().set(b));
    model
        .selectedProperty()
        .addListener(
            (o, a, b) -> {
              if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
              }
            });

    MarkdownView card = new MarkdownView();
    card.setId("models-card");
    card.setMarkdown(model.cardProperty().get());
    model.cardProperty().addListener((o, a, b) -> card.setMarkdown(b));
    TextArea licence = new TextArea();
    licence.setEditable(false);
    licence.textProperty().bind(model.licenceProperty());
    TextArea manifest = new TextArea();
    manifest.setEditable(false);
    manifest.setWrapText(true);
    model
        .selectedProperty()
        .addListener(
            (o, a, b) ->
                manifest.setText(
                    b == null
                        ? ""
                        : String.join(
                            "\n",
                            "name: " + b.model().manifest().name(),
                            "version: " + b.model().manifest().version(),
                            "file: " + b.model().manifest().file(),
                            "sha256: " + b.model().manifest().sha256(),
                            "converter: " + b.model().manifest().converter(),
                            "preprocessing: " + b.model().manifest().preprocessing(),
                            "classes: " + b.model().manifest().classes())));
    Tab versionsTab = new Tab(i18n.get("models.versions"), versions(model, i18n));
    versionsTab.setId("models-versions-tab");
    TabPane tabs =
        new TabPane(
            new Tab(i18n.get("models.card"), card),
            new Tab(i18n.get("models.manifest"), manifest),
            new Tab(i18n.get("models.licence"), licence),
            versionsTab);
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    VBox left = new VBox(10, table, tabs);
    VBox.setVgrow(tabs, Priority.ALWAYS);
    setCenter(left);

    Label expertsTitle = new Label(i18n.get("models.experts"));
    expertsTitle.getStyleClass().add("title-4");
    Label note = new Label();
    note.setWrapText(true);
    note.setId("models-expert-note");
    note.textProperty().bind(model.expertNoteProperty());
    ListView<Map.Entry<Integer, Double>> load = new ListView<>(model.expertLoad());
    load.setCellFactory(
        lv ->
            new ListCell<>() {
              @Override
              protected void updateItem(Map.Entry<Integer, Double> e, boolean empty) {
                super.updateItem(e, empty);
                if (empty || e == null) {
                  setGraphic(null);
                  return;
                }
                ProgressBar bar = new ProgressBar(e.getValue());
                bar.setPrefWidth(120);
                setGraphic(
                    new HBox(
                        8,
                        new Label(i18n.get("models.expert", e.getKey())),
                        bar,
                        new Label(String.format(Locale.ROOT, "%.0f%%", e.getValue() * 100))));
              }
            });
    VBox experts = new VBox(8, expertsTitle, note, load);
    experts.setPrefWidth(280);
    experts.setPadding(new Insets(0, 0, 0, 12));
    VBox.setVgrow(load, Priority.ALWAYS);
    setRight(experts);
  }

  /**
   * The versions of the fusion and text models with their figures, and the adopt and rollback
   * buttons.
   */
  private VBox versions(ModelsViewModel model, I18n i18n) {
    TableView<ModelVersion> table = new TableView<>(model.versions());
    table.setId("models-versions");
    table.setPlaceholder(new Label(i18n.get("models.versions.none")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(vcol(i18n.get("models.versions.column.model"), v -> v.task().modelName));
    table.getColumns().add(vcol(i18n.get("models.versions.column.version"), ModelVersion::version));
    table
        .getColumns()
        .add(
            vcol(
                i18n.get("models.versions.column.state"),
                v -> i18n.get("models.versions.state." + v.state().name())));
    table
        .getColumns()
        .add(vcol(i18n.get("models.versions.column.accuracy"), v -> figure(v.accuracy(), "%.4f")));
    table
        .getColumns()
        .add(vcol(i18n.get("models.versions.column.macroF1"), v -> figure(v.macroF1(), "%.4f")));
    table
        .getColumns()
        .add(
            vcol(
                i18n.get("models.versions.column.figures"),
                v -> i18n.get("models.versions.figures." + v.figuresFrom())));
    table
        .getColumns()
        .add(vcol(i18n.get("models.versions.column.epsilon"), v -> figure(v.epsilon(), "%.3f")));
    table
        .getColumns()
        .add(vcol(i18n.get("models.versions.column.delta"), v -> figure(v.delta(), "%.0e")));
    table
        .getColumns()
        .add(
            vcol(
                i18n.get("models.versions.column.since"),
                v -> v.since() == null ? "" : SINCE.format(v.since())));
    table.setRowFactory(
        tv ->
            new javafx.scene.control.TableRow<>() {
              @Override
              protected void updateItem(ModelVersion v, boolean empty) {
                super.updateItem(v, empty);
                setStyle(
                    !empty && v != null && v.state() == ModelVersion.State.IN_USE
                        ? "-fx-font-weight: bold;"
                        : "");
              }
            });

    Button adopt = new Button(i18n.get("models.versions.adopt"), new FontIcon(Feather.CHECK));
    adopt.setId("models-adopt");
    adopt
        .disableProperty()
        .bind(
            model
                .busyProperty()
                .or(
                    javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> {
                          ModelVersion v = table.getSelectionModel().getSelectedItem();
                          return v == null || v.state() != ModelVersion.State.CANDIDATE;
                        },
                        table.getSelectionModel().selectedItemProperty())));
    adopt.setOnAction(
        e -> {
          ModelVersion candidate = table.getSelectionModel().getSelectedItem();
          String inUse = named(candidate.task(), model.inUseVersion(candidate.task()));
          if (confirm(
              i18n,
              "models-adopt-confirm",
              i18n.get("models.versions.adopt"),
              i18n.get(
                  "models.versions.adopt.confirm",
                  named(candidate.task(), candidate.version()),
                  inUse))) {
            model.adopt(candidate);
          }
        });
    Button rollback =
        new Button(i18n.get("models.versions.rollback"), new FontIcon(Feather.ROTATE_CCW));
    rollback.setId("models-rollback");
    rollback
        .disableProperty()
        .bind(
            model
                .busyProperty()
                .or(
                    javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> !model.canRollBack(), model.versions())));
    rollback.setOnAction(
        e -> {
          ModelVersion selected = table.getSelectionModel().getSelectedItem();
          ModelTask target = model.rollbackTarget(selected).orElse(null);
          if (target == null) {
            return;
          }
          if (confirm(
              i18n,
              "models-rollback-confirm",
              i18n.get("models.versions.rollback"),
              i18n.get(
                  "models.versions.rollback.confirm", named(target, model.inUseVersion(target))))) {
            model.rollback(selected);
          }
        });
    ProgressIndicator working = new ProgressIndicator();
    working.setPrefSize(18, 18);
    working.visibleProperty().bind(model.busyProperty());
    HBox buttons = new HBox(8, adopt, rollback, working);
    buttons.setAlignment(Pos.CENTER_LEFT);
    Label note = new Label();
    note.setId("models-versions-note");
    note.setWrapText(true);
    note.textProperty().bind(model.versionNoteProperty());
    Label hint = new Label(i18n.get("models.versions.hint"));
    hint.setWrapText(true);
    hint.getStyleClass().add("text-muted");
    VBox box = new VBox(8, table, buttons, note, hint);
    box.setPadding(new Insets(8));
    VBox.setVgrow(table, Priority.ALWAYS);
    return box;
  }

  private boolean confirm(I18n i18n, String id, String header, String question) {
    Alert confirm =
        new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
    if (getScene() != null) {
      confirm.initOwner(getScene().getWindow());
    }
    confirm.setHeaderText(header);
    confirm.getDialogPane().setId(id);
    UiFonts.apply(confirm.getDialogPane(), i18n.locale());
    return confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }

  /** "text-affect-en-bge 2.0.0+dp": which model, which version. */
  private static String named(ModelTask task, String version) {
    return task.modelName + " " + version;
  }

  private static String figure(OptionalDouble value, String format) {
    return value.isPresent() ? String.format(Locale.ROOT, format, value.getAsDouble()) : "";
  }

  private static TableColumn<ModelVersion, String> vcol(
      String title, java.util.function.Function<ModelVersion, String> f) {
    TableColumn<ModelVersion, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
    return c;
  }

  private static TableColumn<ModelRow, String> col(
      String title, java.util.function.Function<ModelRow, String> f) {
    TableColumn<ModelRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
    return c;
  }
}
