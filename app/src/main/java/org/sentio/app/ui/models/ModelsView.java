package org.sentio.app.ui.models;

import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
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

/** The installed models, the execution provider and the expert load of the reviewed session. */
public final class ModelsView extends BorderPane {

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
    TabPane tabs =
        new TabPane(
            new Tab(i18n.get("models.card"), card),
            new Tab(i18n.get("models.manifest"), manifest),
            new Tab(i18n.get("models.licence"), licence));
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

  private static TableColumn<ModelRow, String> col(
      String title, java.util.function.Function<ModelRow, String> f) {
    TableColumn<ModelRow, String> c = new TableColumn<>(title);
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(f.apply(cell.getValue())));
    return c;
  }
}
