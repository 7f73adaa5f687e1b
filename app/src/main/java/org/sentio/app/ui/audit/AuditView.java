package org.sentio.app.ui.audit;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.ui.I18n;

/**
 * The audit log: who opened, revealed, exported, shared or deleted what, newest first; "Verify
 * chain" recomputes the hashes and names the first bad entry; "Export…" writes CSV or JSON lines.
 */
public final class AuditView extends BorderPane {
  private final AuditViewModel model;
  private final I18n i18n;
  private Function<Window, Path> exportChooser = this::chooseExportFile;

  public AuditView(AuditViewModel model, I18n i18n) {
    this.model = model;
    this.i18n = i18n;
    setId("audit-view");
    getStyleClass().add("page");

    Label title = new Label(i18n.get("audit.title"));
    title.setId("audit-title");
    title.getStyleClass().addAll("title-2", "page-title");
    Button refresh = new Button(i18n.get("audit.refresh"), new FontIcon(Feather.REFRESH_CW));
    refresh.setId("audit-refresh");
    refresh.setOnAction(e -> model.refresh());
    Button verify = new Button(i18n.get("audit.verify"), new FontIcon(Feather.CHECK_CIRCLE));
    verify.setId("audit-verify");
    verify.setOnAction(e -> model.verify());
    verify.disableProperty().bind(model.busyProperty());
    Button export = new Button(i18n.get("audit.export"), new FontIcon(Feather.DOWNLOAD));
    export.setId("audit-export");
    export.setOnAction(
        e -> {
          Path file = exportChooser.apply(getScene() == null ? null : getScene().getWindow());
          if (file != null) {
            model.export(file);
          }
        });
    export.disableProperty().bind(model.busyProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox toolbar = new HBox(10, title, spacer, refresh, verify, export);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    toolbar.setPadding(new Insets(0, 0, 12, 0));

    Label chain = new Label();
    chain.setId("audit-verify-status");
    chain.setWrapText(true);
    chain.textProperty().bind(model.verifyStatusProperty());
    chain
        .styleProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    switch (model.chainProperty().get()) {
                      case INTACT -> "-fx-text-fill: #1b7f3b;";
                      case BROKEN -> "-fx-text-fill: #b00020; -fx-font-weight: bold;";
                      case UNKNOWN -> "";
                    },
                model.chainProperty()));
    Label exported = new Label();
    exported.setId("audit-export-status");
    exported.setWrapText(true);
    exported.textProperty().bind(model.exportStatusProperty());
    setTop(new VBox(6, toolbar, chain, exported));

    TableView<AuditRepository.Entry> table = new TableView<>(model.entries());
    table.setId("audit-table");
    table.setPlaceholder(new Label(i18n.get("audit.empty")));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getColumns().add(column("audit.column.seq", e -> Long.toString(e.seq()), 50));
    table.getColumns().add(column("audit.column.time", model::timeText, 170));
    table.getColumns().add(column("audit.column.user", AuditRepository.Entry::osUser, 100));
    table.getColumns().add(column("audit.column.action", model::actionText, 80));
    table.getColumns().add(column("audit.column.subject", AuditRepository.Entry::subject, 200));
    table.getColumns().add(column("audit.column.detail", AuditRepository.Entry::detail, 360));
    BorderPane.setMargin(table, new Insets(8, 0, 0, 0));
    setCenter(table);
    model.refresh();
  }

  /** Replaces the save dialog of "Export…" (tests answer it with a path). */
  public void setExportChooser(Function<Window, Path> chooser) {
    this.exportChooser = chooser;
  }

  private TableColumn<AuditRepository.Entry, String> column(
      String key, Function<AuditRepository.Entry, String> text, double width) {
    TableColumn<AuditRepository.Entry, String> c = new TableColumn<>(i18n.get(key));
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    c.setPrefWidth(width);
    c.setSortable(false);
    return c;
  }

  private Path chooseExportFile(Window owner) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("audit.export.title"));
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(i18n.get("audit.export.csv"), "*.csv"),
            new FileChooser.ExtensionFilter(i18n.get("audit.export.json"), "*.jsonl", "*.json"));
    chooser.setInitialFileName("sentio-audit.csv");
    File file = chooser.showSaveDialog(owner);
    return file == null ? null : file.toPath();
  }
}
