package org.sentio.app.ui.review;

import java.io.File;
import java.util.EnumSet;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.affect.Emotion;
import org.sentio.affect.face.FaceBox;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.app.store.Annotation;
import org.sentio.app.ui.ArgbImages;
import org.sentio.app.ui.I18n;
import org.sentio.reports.Format;

/**
 * Review of one session: the picture at the playhead above the timeline, the transcript following
 * playback, the inspector of the current window, and annotation of a selected span.
 */
public final class ReviewView extends BorderPane {
  private final ReviewViewModel model;
  private final I18n i18n;
  private final Canvas video = new Canvas(480, 300);
  private final AnimationTimer player;
  private WritableImage picture;

  public ReviewView(ReviewViewModel model, I18n i18n) {
    this.model = model;
    this.i18n = i18n;
    setId("review-view");
    getStyleClass().add("page");

    Label title = new Label();
    title.setId("review-title");
    title.getStyleClass().addAll("title-2", "page-title");
    title
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    model.sessionProperty().get() == null
                        ? i18n.get("review.empty")
                        : model.sessionProperty().get().result().title(),
                model.sessionProperty()));
    Button play = new Button(null, new FontIcon(Feather.PLAY));
    play.setId("review-play");
    play.getStyleClass().add("button-icon");
    play.setOnAction(e -> model.togglePlaying());
    model
        .playingProperty()
        .addListener((o, a, b) -> play.setGraphic(new FontIcon(b ? Feather.PAUSE : Feather.PLAY)));
    Label time = new Label();
    time.setId("review-time");
    time.textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    clock(model.positionProperty().get())
                        + " / "
                        + clock(model.durationProperty().get()),
                model.positionProperty(),
                model.durationProperty()));
    MenuButton export = new MenuButton(i18n.get("review.export"), new FontIcon(Feather.SHARE));
    export.setId("review-export");
    export.disableProperty().bind(model.sessionProperty().isNull());
    for (Format format : Format.values()) {
      MenuItem item = new MenuItem(i18n.get("review.export." + format.extension()));
      item.setId("review-export-" + format.extension());
      item.setOnAction(
          e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle(i18n.get("review.export.choose"));
            File folder = chooser.showDialog(getScene().getWindow());
            if (folder != null) {
              model.export(EnumSet.of(format), folder.toPath());
            }
          });
      export.getItems().add(item);
    }
    Label exportStatus = new Label();
    exportStatus.setId("review-export-status");
    exportStatus.getStyleClass().add("text-muted");
    exportStatus.textProperty().bind(model.exportStatusProperty());
    Label audioNote = new Label();
    audioNote.setId("review-audio-note");
    audioNote.getStyleClass().add("text-muted");
    audioNote.setGraphic(new FontIcon(Feather.VOLUME_X));
    audioNote.textProperty().bind(model.audioNoteProperty());
    audioNote.visibleProperty().bind(model.audioNoteProperty().isNotEmpty());
    audioNote.managedProperty().bind(audioNote.visibleProperty());
    HBox header = new HBox(10, title, new Region(), audioNote, exportStatus, export, play, time);
    HBox.setHgrow(header.getChildren().get(1), Priority.ALWAYS);
    header.setAlignment(Pos.CENTER_LEFT);
    header.setPadding(new Insets(0, 0, 10, 0));
    setTop(header);

    StackPane videoBox = new StackPane(video);
    videoBox.getStyleClass().add("video-box");
    videoBox.setMinSize(320, 200);
    video.widthProperty().bind(videoBox.widthProperty());
    video.heightProperty().bind(videoBox.heightProperty());
    video.widthProperty().addListener((o, a, b) -> drawFrame(model.frameProperty().get()));
    video.heightProperty().addListener((o, a, b) -> drawFrame(model.frameProperty().get()));
    model.frameProperty().addListener((o, a, b) -> drawFrame(b));
    sceneProperty().addListener((o, a, b) -> drawFrame(model.frameProperty().get()));

    ListView<Utterance> transcript = new ListView<>(model.transcript());
    transcript.setId("review-transcript");
    transcript.setPrefWidth(280);
    transcript.setCellFactory(
        lv ->
            new ListCell<>() {
              @Override
              protected void updateItem(Utterance u, boolean empty) {
                super.updateItem(u, empty);
                if (empty || u == null) {
                  setText(null);
                  return;
                }
                setText(clock(u.startSeconds()) + "  " + said(u) + (u.corrected() ? "  ✎" : ""));
                setWrapText(true);
                setPrefWidth(0);
              }
            });
    model
        .speakers()
        .addListener(
            (javafx.collections.ListChangeListener<org.sentio.affect.pipeline.Speaker>)
                c -> transcript.refresh());
    MenuItem correct = new MenuItem(i18n.get("review.correct.menu"));
    correct.setId("review-correct");
    correct.setOnAction(
        e -> {
          int index = transcript.getSelectionModel().getSelectedIndex();
          if (index < 0) {
            return;
          }
          TextInputDialog dialog = new TextInputDialog(model.transcript().get(index).text());
          dialog.setTitle(i18n.get("review.correct.menu"));
          dialog.setHeaderText(i18n.get("review.correct.header"));
          dialog.showAndWait().ifPresent(text -> model.correctUtterance(index, text));
        });
    transcript.setContextMenu(new ContextMenu(correct));
    transcript.setOnMouseClicked(
        e -> {
          Utterance u = transcript.getSelectionModel().getSelectedItem();
          if (u != null && e.getClickCount() == 2) {
            model.seek(u.startSeconds());
          }
        });
    model
        .currentUtteranceProperty()
        .addListener(
            (o, a, b) -> {
              int i = b.intValue();
              if (i >= 0) {
                transcript.getSelectionModel().select(i);
                transcript.scrollTo(Math.max(0, i - 1));
              } else {
                transcript.getSelectionModel().clearSelection();
              }
            });
    Label transcriptTitle = new Label(i18n.get("review.transcript"));
    transcriptTitle.getStyleClass().add("text-bold");
    VBox transcriptBox = new VBox(4, transcriptTitle, transcript);
    VBox.setVgrow(transcript, Priority.ALWAYS);
    HBox top = new HBox(10, videoBox, transcriptBox);
    HBox.setHgrow(videoBox, Priority.ALWAYS);
    VBox.setVgrow(top, Priority.ALWAYS);

    TimelineCanvas timeline = new TimelineCanvas(model, i18n);

    ComboBox<Emotion> label = new ComboBox<>();
    label.setId("annotation-label");
    label.getItems().setAll(Emotion.values());
    label.valueProperty().bindBidirectional(model.labelProperty());
    label.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(Emotion e) {
            return e == null ? "" : i18n.get("emotion." + e.label());
          }

          @Override
          public Emotion fromString(String s) {
            return null;
          }
        });
    Button annotate = new Button(i18n.get("review.annotate"), new FontIcon(Feather.BOOKMARK));
    annotate.setId("annotate-button");
    annotate.getStyleClass().add("accent");
    annotate.setOnAction(e -> model.annotate());
    annotate.disableProperty().bind(model.sessionProperty().isNull());
    Label hint = new Label(i18n.get("review.annotate.hint"));
    hint.getStyleClass().add("text-muted");
    ListView<Annotation> notes = new ListView<>(model.annotations());
    notes.setId("annotation-list");
    notes.setPrefHeight(90);
    // speaker and face lanes make the timeline taller: the picture shrinks, the labels stay in view
    notes.setMinHeight(56);
    notes.setCellFactory(
        lv ->
            new ListCell<>() {
              @Override
              protected void updateItem(Annotation a, boolean empty) {
                super.updateItem(a, empty);
                if (empty || a == null) {
                  setText(null);
                  setGraphic(null);
                  return;
                }
                setText(
                    String.format(
                        Locale.ROOT,
                        "%s–%s  %s  (%s)",
                        clock(a.startSeconds()),
                        clock(a.endSeconds()),
                        i18n.get("emotion." + a.label()),
                        a.author()));
                Button delete = new Button(null, new FontIcon(Feather.TRASH_2));
                delete.getStyleClass().addAll("flat", "button-icon");
                delete.setOnAction(ev -> model.deleteAnnotation(a));
                setGraphic(delete);
              }
            });
    Label labelText = new Label(i18n.get("review.label"));
    labelText.setMinWidth(Region.USE_PREF_SIZE);
    label.setMinWidth(Region.USE_PREF_SIZE);
    annotate.setMinWidth(Region.USE_PREF_SIZE);
    hint.setMinWidth(0);
    HBox annotationBar = new HBox(8, labelText, label, annotate, hint);
    annotationBar.setAlignment(Pos.CENTER_LEFT);
    VBox bottom = new VBox(8, timeline, annotationBar, notes);
    bottom.setPadding(new Insets(10, 0, 0, 0));

    VBox centre = new VBox(top, bottom);
    setCenter(centre);
    ScrollPane inspector = new ScrollPane(new InspectorPane(model, i18n));
    inspector.setFitToWidth(true);
    inspector.setPrefWidth(310);
    BorderPane.setMargin(inspector, new Insets(0, 0, 0, 10));
    setRight(inspector);

    player =
        new AnimationTimer() {
          private long last;

          @Override
          public void handle(long now) {
            if (!model.playingProperty().get()) {
              last = 0;
              return;
            }
            if (last != 0) {
              model.tick((now - last) / 1e9);
            }
            last = now;
          }
        };
    player.start();
    drawFrame(null);
  }

  /** Stops the playback timer; the view is being thrown away. */
  public void dispose() {
    player.stop();
  }

  private void drawFrame(FrameImage frame) {
    if (getScene() == null) {
      return; // not shown: a detached canvas would keep every drawing command
    }
    GraphicsContext g = video.getGraphicsContext2D();
    double w = video.getWidth();
    double h = video.getHeight();
    g.setFill(Color.web("#0b0f17"));
    g.fillRect(0, 0, w, h);
    if (frame == null) {
      g.setFill(Color.web("#9ca3af"));
      g.fillText(
          model.sessionProperty().get() == null
              ? i18n.get("review.empty")
              : i18n.get("review.noVideo"),
          16,
          24);
      return;
    }
    picture = ArgbImages.write(picture, frame.width(), frame.height(), frame.argb());
    double scale = Math.min(w / frame.width(), h / frame.height());
    double dw = frame.width() * scale;
    double dh = frame.height() * scale;
    double dx = (w - dw) / 2;
    double dy = (h - dh) / 2;
    g.drawImage(picture, dx, dy, dw, dh);
    g.setStroke(Color.web("#22d3ee"));
    g.setLineWidth(2);
    g.setFill(Color.web("#22d3ee"));
    for (FaceObservation f : frame.faces()) {
      FaceBox b = f.box();
      g.strokeRect(dx + b.x() * scale, dy + b.y() * scale, b.width() * scale, b.height() * scale);
      g.fillText(
          "#" + f.trackId() + " " + i18n.get("emotion." + f.expression().top().label()),
          dx + b.x() * scale,
          dy + b.y() * scale - 4);
    }
  }

  /** What was said, after "S2 Customer:" when the speaker is known. */
  private String said(Utterance u) {
    org.sentio.affect.pipeline.Speaker speaker =
        u.speaker() == null ? null : model.speaker(u.speaker());
    if (speaker == null) {
      return u.text();
    }
    return i18n.get(
        "review.transcript.speaker",
        speaker.id(),
        TimelineCanvas.roleName(i18n, speaker.role()),
        u.text());
  }

  static String clock(double seconds) {
    if (!(seconds >= 0)) {
      seconds = 0;
    }
    int tenths = (int) Math.floor(seconds * 10);
    return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, tenths / 10 % 60, tenths % 10);
  }
}
