package org.sentio.app.ui.library;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongConsumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.app.store.LibraryEntry;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.UiFonts;

/**
 * The library: a searchable table of sessions, import by chooser or drag and drop, batch progress.
 */
public final class LibraryView extends BorderPane {
  private static final long NOTHING_CHOSEN = -1;
  private final LibraryViewModel model;
  private final I18n i18n;
  private final TableView<LibraryEntry> table = new TableView<>();
  private java.util.function.Function<Window, Path> shareFolder = this::chooseShareFolder;

  public LibraryView(LibraryViewModel model, I18n i18n, LongConsumer openSession) {
    this(model, null, i18n, openSession);
  }

  /**
   * @param sharing "Share de-identified…" of the selected session; null leaves the item out
   */
  public LibraryView(
      LibraryViewModel model, ShareViewModel sharing, I18n i18n, LongConsumer openSession) {
    this.model = model;
    this.i18n = i18n;
    setId("library-view");
    getStyleClass().add("page");

    Label title = new Label(i18n.get("library.title"));
    title.getStyleClass().addAll("title-2", "page-title");
    title.setId("library-title");
    TextField search = new TextField();
    search.setId("library-search");
    search.setPromptText(i18n.get("library.search"));
    search.textProperty().bindBidirectional(model.searchProperty());
    HBox.setHgrow(search, Priority.ALWAYS);
    ComboBox<String> mode = new ComboBox<>();
    mode.setId("library-mode");
    mode.getItems().setAll("all", "customer-service", "clinical");
    mode.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(String v) {
            return v == null ? "" : i18n.get("all".equals(v) ? "library.mode.all" : "mode." + v);
          }

          @Override
          public String fromString(String s) {
            return s;
          }
        });
    mode.valueProperty().bindBidirectional(model.modeFilterProperty());
    Button importButton = new Button(i18n.get("library.import"), new FontIcon(Feather.UPLOAD));
    importButton.setId("import-button");
    importButton.getStyleClass().add("accent");
    importButton.setOnAction(e -> chooseFiles());
    Region spacer = new Region();
    HBox toolbar = new HBox(10, title, spacer, search, mode, importButton);
    HBox.setHgrow(spacer, Priority.SOMETIMES);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    toolbar.setPadding(new Insets(0, 0, 12, 0));
    Label speechNotice = new Label();
    speechNotice.setId("library-speech-notice");
    speechNotice.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
    speechNotice.getStyleClass().add("warning");
    speechNotice.setWrapText(true);
    speechNotice.setPadding(new Insets(0, 0, 10, 0));
    speechNotice.textProperty().bind(model.speechNoticeProperty());
    speechNotice.visibleProperty().bind(model.speechNoticeProperty().isNotEmpty());
    speechNotice.managedProperty().bind(speechNotice.visibleProperty());
    setTop(new VBox(toolbar, speechNotice));

    table.setId("library-table");
    keepChoiceAcrossReads();
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label(i18n.get("library.empty")));
    table.getColumns().add(column("library.column.title", e -> e.summary().title(), 220));
    table.getColumns().add(column("library.column.date", model::dateText, 140));
    table.getColumns().add(column("library.column.mode", model::modeText, 120));
    table.getColumns().add(column("library.column.duration", model::durationText, 80));
    table.getColumns().add(column("library.column.status", model::statusText, 90));
    table.getColumns().add(column("library.column.modalities", model::modalitiesText, 150));
    table.getColumns().add(column("library.column.tags", e -> String.join(", ", e.tags()), 120));
    table.setRowFactory(
        tv -> {
          TableRow<LibraryEntry> row = new TableRow<>();
          row.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                  openSession.accept(row.getItem().id());
                }
              });
          return row;
        });
    MenuItem open = new MenuItem(i18n.get("library.open"), new FontIcon(Feather.PLAY));
    open.setOnAction(e -> selected(entry -> openSession.accept(entry.id())));
    MenuItem rename = new MenuItem(i18n.get("library.rename"), new FontIcon(Feather.EDIT_2));
    rename.setOnAction(e -> selected(this::rename));
    MenuItem tag = new MenuItem(i18n.get("library.tags"), new FontIcon(Feather.TAG));
    tag.setOnAction(e -> selected(this::tag));
    MenuItem delete = new MenuItem(i18n.get("library.delete"), new FontIcon(Feather.TRASH_2));
    delete.setOnAction(e -> selected(this::delete));
    ContextMenu menu = new ContextMenu(open, rename, tag, delete);
    table.setContextMenu(menu);
    if (sharing != null) {
      MenuItem share = new MenuItem(i18n.get("library.share"), new FontIcon(Feather.SHARE_2));
      share.setId("library-share");
      share.setOnAction(e -> selected(entry -> share(sharing, entry)));
      share.disableProperty().bind(sharing.runningProperty());
      menu.getItems().add(share);
      setCenter(new VBox(8, table, shareBar(sharing)));
      VBox.setVgrow(table, Priority.ALWAYS);
    } else {
      setCenter(table);
    }

    ListView<ImportJob> jobs = new ListView<>(model.jobs());
    jobs.setId("import-jobs");
    jobs.setPrefHeight(130);
    jobs.setCellFactory(lv -> new JobCell());
    Button cancelAll = new Button(i18n.get("import.cancelAll"), new FontIcon(Feather.X_CIRCLE));
    cancelAll.setId("import-cancel-all");
    cancelAll.setOnAction(e -> model.cancelAll());
    cancelAll.disableProperty().bind(model.importingProperty().not());
    Button clear = new Button(i18n.get("import.clear"));
    clear.setOnAction(e -> model.clearFinished());
    Label jobsTitle = new Label(i18n.get("import.title"));
    jobsTitle.getStyleClass().add("title-4");
    Region s2 = new Region();
    HBox.setHgrow(s2, Priority.ALWAYS);
    HBox jobsBar = new HBox(8, jobsTitle, s2, cancelAll, clear);
    jobsBar.setAlignment(Pos.CENTER_LEFT);
    VBox jobsBox = new VBox(6, jobsBar, jobs);
    jobsBox.setPadding(new Insets(12, 0, 0, 0));
    jobsBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.jobs()));
    jobsBox.managedProperty().bind(jobsBox.visibleProperty());
    setBottom(jobsBox);

    setOnDragOver(
        e -> {
          if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
          }
          e.consume();
        });
    setOnDragDropped(
        e -> {
          boolean ok = e.getDragboard().hasFiles();
          if (ok) {
            model.importFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
          }
          e.setDropCompleted(ok);
          e.consume();
        });
    model.refresh();
  }

  /** The share's progress bar, cancel button and status (then what was removed). */
  private VBox shareBar(ShareViewModel sharing) {
    ProgressBar bar = new ProgressBar();
    bar.setId("share-progress");
    bar.setPrefWidth(260);
    bar.progressProperty().bind(sharing.progressProperty());
    Button cancel = new Button(i18n.get("share.cancel"), new FontIcon(Feather.X));
    cancel.setId("share-cancel");
    cancel.setOnAction(e -> sharing.cancel());
    HBox running = new HBox(8, bar, cancel);
    running.setAlignment(Pos.CENTER_LEFT);
    running.visibleProperty().bind(sharing.runningProperty());
    running.managedProperty().bind(running.visibleProperty());
    Label status = new Label();
    status.setId("share-status");
    status.setWrapText(true);
    status.textProperty().bind(sharing.statusProperty());
    status
        .styleProperty()
        .bind(
            javafx.beans.binding.Bindings.when(sharing.failedProperty())
                .then("-fx-text-fill: #b00020;")
                .otherwise(""));
    VBox box = new VBox(4, running, status);
    box.setId("share-box");
    box.visibleProperty().bind(sharing.statusProperty().isNotEmpty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  /** Replaces the folder dialog of "Share de-identified…" (tests answer it with a path). */
  public void setShareFolderChooser(java.util.function.Function<Window, Path> chooser) {
    this.shareFolder = chooser;
  }

  private Path chooseShareFolder(Window owner) {
    DirectoryChooser chooser = new DirectoryChooser();
    chooser.setTitle(i18n.get("share.chooseFolder"));
    File folder = chooser.showDialog(owner);
    return folder == null ? null : folder.toPath();
  }

  private void share(ShareViewModel sharing, LibraryEntry entry) {
    Path folder = shareFolder.apply(getScene().getWindow());
    if (folder != null) {
      sharing.share(entry.id(), entry.summary().title(), folder);
    }
  }

  private TableColumn<LibraryEntry, String> column(
      String key, java.util.function.Function<LibraryEntry, String> text, double width) {
    TableColumn<LibraryEntry, String> c = new TableColumn<>(i18n.get(key));
    c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
    c.setPrefWidth(width);
    return c;
  }

  /**
   * Shows the library's rows and keeps the person's chosen session chosen when they are read again.
   * Each read replaces the rows, which clears the table's choice; the menu's actions act on the
   * chosen row, so a read landing just after a click made them do nothing. The id chosen before the
   * change is noted by a listener added before the table's own, and chosen again after it if that
   * session is still listed; if it is not, no other session takes its place.
   */
  private void keepChoiceAcrossReads() {
    long[] chosenBeforeChange = {NOTHING_CHOSEN};
    model
        .visibleEntries()
        .addListener(
            (javafx.collections.ListChangeListener<LibraryEntry>)
                c -> {
                  LibraryEntry chosen = table.getSelectionModel().getSelectedItem();
                  chosenBeforeChange[0] = chosen == null ? NOTHING_CHOSEN : chosen.id();
                });
    table.setItems(model.visibleEntries());
    model
        .visibleEntries()
        .addListener(
            (javafx.collections.ListChangeListener<LibraryEntry>)
                c -> {
                  long id = chosenBeforeChange[0];
                  chosenBeforeChange[0] = NOTHING_CHOSEN;
                  LibraryEntry now = table.getSelectionModel().getSelectedItem();
                  if (id == NOTHING_CHOSEN || (now != null && now.id() == id)) {
                    return;
                  }
                  // the chosen session again, or none: never another session in its place
                  table.getItems().stream()
                      .filter(e -> e.id() == id)
                      .findFirst()
                      .ifPresentOrElse(
                          e -> table.getSelectionModel().select(e),
                          () -> table.getSelectionModel().clearSelection());
                });
  }

  private void selected(java.util.function.Consumer<LibraryEntry> action) {
    LibraryEntry e = table.getSelectionModel().getSelectedItem();
    if (e != null) {
      action.accept(e);
    }
  }

  private void chooseFiles() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(i18n.get("library.import"));
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter(
                i18n.get("library.filter.media"),
                "*.mp4",
                "*.mkv",
                "*.mov",
                "*.webm",
                "*.avi",
                "*.wav",
                "*.mp3",
                "*.m4a",
                "*.ogg",
                "*.flac",
                "*.srt",
                "*.vtt",
                "*.txt"),
            new FileChooser.ExtensionFilter(i18n.get("library.filter.all"), "*.*"));
    List<File> files = chooser.showOpenMultipleDialog(getScene().getWindow());
    if (files != null && !files.isEmpty()) {
      List<Path> paths = files.stream().map(File::toPath).toList();
      model.importFiles(paths);
    }
  }

  private void rename(LibraryEntry e) {
    TextInputDialog d = new TextInputDialog(e.summary().title());
    UiFonts.apply(d.getDialogPane(), i18n.locale());
    d.initOwner(getScene().getWindow());
    d.setHeaderText(i18n.get("library.rename"));
    d.showAndWait().ifPresent(t -> model.rename(e.id(), t));
  }

  private void tag(LibraryEntry e) {
    TextInputDialog d = new TextInputDialog(String.join(", ", e.tags()));
    UiFonts.apply(d.getDialogPane(), i18n.locale());
    d.initOwner(getScene().getWindow());
    d.setHeaderText(i18n.get("library.tags.prompt"));
    d.showAndWait().ifPresent(t -> model.setTags(e.id(), t));
  }

  private void delete(LibraryEntry e) {
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            i18n.get("library.delete.confirm", e.summary().title()),
            ButtonType.OK,
            ButtonType.CANCEL);
    confirm.initOwner(getScene().getWindow());
    confirm.setHeaderText(i18n.get("library.delete"));
    confirm.getDialogPane().setId("delete-confirm");
    UiFonts.apply(confirm.getDialogPane(), i18n.locale());
    confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.delete(e.id()));
  }

  /** One import job: name, progress bar, status line and its cancel button. */
  private final class JobCell extends ListCell<ImportJob> {
    private final Label name = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final Label status = new Label();
    private final Button cancel = new Button(null, new FontIcon(Feather.X));
    private final HBox box = new HBox(10, name, bar, status, cancel);

    JobCell() {
      box.setAlignment(Pos.CENTER_LEFT);
      name.setPrefWidth(180);
      bar.setPrefWidth(220);
      bar.getStyleClass().add("import-progress");
      status.setMaxWidth(Double.MAX_VALUE);
      HBox.setHgrow(status, Priority.ALWAYS);
      cancel.getStyleClass().addAll("flat", "button-icon");
      cancel.setId("import-cancel");
    }

    @Override
    protected void updateItem(ImportJob job, boolean empty) {
      super.updateItem(job, empty);
      name.textProperty().unbind();
      bar.progressProperty().unbind();
      status.textProperty().unbind();
      cancel.disableProperty().unbind();
      if (empty || job == null) {
        setGraphic(null);
        return;
      }
      name.textProperty().bind(job.nameProperty());
      bar.progressProperty().bind(job.progressProperty());
      status.textProperty().bind(job.statusProperty());
      cancel
          .disableProperty()
          .bind(
              javafx.beans.binding.Bindings.createBooleanBinding(
                  job::isFinished, job.stateProperty()));
      cancel.setOnAction(e -> job.cancel());
      setGraphic(box);
    }
  }
}
