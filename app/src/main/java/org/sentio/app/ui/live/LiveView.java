package org.sentio.app.ui.live;

import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.face.FaceBox;
import org.sentio.affect.face.FaceObservation;
import org.sentio.app.live.CapturedFrame;
import org.sentio.app.live.LiveSession;
import org.sentio.app.ui.ArgbImages;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Palette;

/**
 * The live page: camera preview with face boxes drawn by one animation timer from the latest
 * picture, expression bars of the main face, a rolling timeline, preview and record buttons.
 */
public final class LiveView extends BorderPane {
  private final LiveViewModel model;
  private final I18n i18n;
  private final Canvas preview = new Canvas(640, 400);
  private final Canvas rolling = new Canvas(640, 70);
  private final ProgressBar[] bars = new ProgressBar[Emotion.COUNT];
  private final Label faceCount = new Label();
  private final Label stats = new Label();
  private final AnimationTimer timer;
  private WritableImage image;
  private CapturedFrame drawn;
  private LiveSession.Faces drawnFaces;
  private long lastStats;

  public LiveView(LiveViewModel model, I18n i18n) {
    this.model = model;
    this.i18n = i18n;
    setId("live-view");
    getStyleClass().add("page");

    Label title = new Label(i18n.get("live.title"));
    title.getStyleClass().addAll("title-2", "page-title");
    ComboBox<String> camera = new ComboBox<>();
    camera.setId("live-camera");
    camera.getItems().setAll(model.cameras());
    camera.valueProperty().bindBidirectional(model.cameraProperty());
    camera.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(String v) {
            return v == null ? "" : "virtual".equals(v) ? i18n.get("live.virtualCamera") : v;
          }

          @Override
          public String fromString(String s) {
            return s;
          }
        });
    camera.disableProperty().bind(model.stateProperty().isNotEqualTo(LiveViewModel.State.IDLE));
    ComboBox<String> microphone = new ComboBox<>();
    microphone.setId("live-microphone");
    microphone.getItems().setAll(model.microphones());
    microphone.valueProperty().bindBidirectional(model.microphoneProperty());
    microphone.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(String v) {
            return v == null
                ? ""
                : "virtual".equals(v) || "none".equals(v)
                    ? i18n.get("settings.microphone." + v)
                    : v;
          }

          @Override
          public String fromString(String s) {
            return s;
          }
        });
    microphone.disableProperty().bind(model.stateProperty().isNotEqualTo(LiveViewModel.State.IDLE));
    microphone.setTooltip(new javafx.scene.control.Tooltip(i18n.get("live.microphone")));
    Label noMicrophone = new Label(null, new FontIcon(Feather.MIC_OFF));
    noMicrophone.setId("live-no-microphone");
    noMicrophone.getStyleClass().add("text-muted");
    noMicrophone.setTooltip(
        new javafx.scene.control.Tooltip(i18n.get("settings.microphone.noneFound")));
    noMicrophone.setVisible(!model.microphonePresent());
    noMicrophone.setManaged(noMicrophone.isVisible());
    Button start = new Button();
    start.setId("live-start");
    start
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.stateProperty().get() == LiveViewModel.State.IDLE
                        ? i18n.get("live.start")
                        : i18n.get("live.stop"),
                model.stateProperty()));
    start.setGraphic(new FontIcon(Feather.VIDEO));
    start.setOnAction(
        e -> {
          if (model.stateProperty().get() == LiveViewModel.State.IDLE) {
            model.startPreview();
          } else {
            model.stop();
          }
        });
    start.disableProperty().bind(model.stateProperty().isEqualTo(LiveViewModel.State.STARTING));
    Button record = new Button();
    record.setId("live-record");
    record.setGraphic(new FontIcon(Feather.CIRCLE));
    record.getStyleClass().add("danger");
    record
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.stateProperty().get() == LiveViewModel.State.RECORDING
                        ? i18n.get("live.stopRecording")
                        : i18n.get("live.record"),
                model.stateProperty()));
    record.setOnAction(
        e -> {
          if (model.stateProperty().get() == LiveViewModel.State.RECORDING) {
            model.stopRecording();
          } else {
            model.startRecording();
          }
        });
    record
        .disableProperty()
        .bind(
            model
                .stateProperty()
                .isNotEqualTo(LiveViewModel.State.PREVIEW)
                .and(model.stateProperty().isNotEqualTo(LiveViewModel.State.RECORDING)));
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox toolbar = new HBox(10, title, spacer, camera, microphone, noMicrophone, start, record);
    toolbar.setAlignment(Pos.CENTER_LEFT);
    toolbar.setPadding(new Insets(0, 0, 10, 0));
    Label message = new Label();
    message.setId("live-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());
    setTop(new VBox(4, toolbar, message));

    StackPane box = new StackPane(preview);
    box.getStyleClass().add("video-box");
    box.setMinSize(320, 240);
    preview.widthProperty().bind(box.widthProperty());
    preview.heightProperty().bind(box.heightProperty());
    rolling.setId("live-timeline");
    rolling.widthProperty().bind(box.widthProperty());
    VBox centre = new VBox(8, box, new Label(i18n.get("live.rolling")), rolling);
    VBox.setVgrow(box, Priority.ALWAYS);
    setCenter(centre);

    GridPane expression = new GridPane();
    expression.setHgap(6);
    expression.setVgap(4);
    int row = 0;
    for (Emotion e : Emotion.values()) {
      ProgressBar bar = new ProgressBar(0);
      bar.setPrefWidth(140);
      bar.setStyle(
          "-fx-accent: "
              + Palette.css(Palette.of(e))
              + "; -color-progress-bar-fill: "
              + Palette.css(Palette.of(e))
              + ";");
      bars[e.ordinal()] = bar;
      expression.addRow(row++, new Label(i18n.get("emotion." + e.label())), bar);
    }
    faceCount.setId("live-faces");
    stats.setId("live-stats");
    stats.getStyleClass().add("text-muted");
    stats.setWrapText(true);
    Label exprTitle = new Label(i18n.get("live.expression"));
    exprTitle.getStyleClass().add("text-bold");
    VBox side = new VBox(8, faceCount, exprTitle, expression, stats);
    side.setPadding(new Insets(0, 0, 0, 12));
    side.setPrefWidth(260);
    setRight(side);

    model
        .rollingWindows()
        .addListener((javafx.collections.ListChangeListener<AffectWindow>) c -> drawRolling());
    timer =
        new AnimationTimer() {
          @Override
          public void handle(long now) {
            tick(now);
          }
        };
    timer.start();
    drawPreview(null, null);
    faceCount.setText(i18n.get("live.faces", 0));
  }

  /** Stops the animation timer and the capture. */
  public void dispose() {
    timer.stop();
  }

  private void tick(long now) {
    if (getScene() == null) {
      return; // not shown: a detached canvas would keep every drawing command
    }
    CapturedFrame frame = model.latestFrame();
    LiveSession.Faces faces = model.latestFaces();
    if (frame != drawn || faces != drawnFaces) {
      boolean newFrame = frame != drawn;
      drawn = frame;
      drawnFaces = faces;
      drawPreview(frame, faces);
      if (newFrame && frame != null) {
        model.shown(frame);
      }
    }
    if (frame == null && drawn != null) {
      drawn = null;
      drawPreview(null, null);
    }
    if (now - lastStats > 500_000_000L) {
      lastStats = now;
      double p50 = model.latency().percentileMillis(0.5);
      double p95 = model.latency().percentileMillis(0.95);
      double fps = model.latency().framesPerSecond();
      stats.setText(
          Double.isNaN(p50)
              ? ""
              : i18n.get(
                  "live.stats",
                  String.format(Locale.ROOT, "%.0f", p50),
                  String.format(Locale.ROOT, "%.0f", p95),
                  String.format(Locale.ROOT, "%.1f", fps)));
    }
  }

  private void drawPreview(CapturedFrame frame, LiveSession.Faces faces) {
    GraphicsContext g = preview.getGraphicsContext2D();
    double w = preview.getWidth();
    double h = preview.getHeight();
    g.setFill(Color.web("#0b0f17"));
    g.fillRect(0, 0, w, h);
    if (frame == null) {
      g.setFill(Color.web("#9ca3af"));
      g.fillText(i18n.get("live.idle"), 16, 24);
      return;
    }
    image = ArgbImages.write(image, frame.width(), frame.height(), frame.argb());
    double scale = Math.min(w / frame.width(), h / frame.height());
    double dx = (w - frame.width() * scale) / 2;
    double dy = (h - frame.height() * scale) / 2;
    g.drawImage(image, dx, dy, frame.width() * scale, frame.height() * scale);
    int count = 0;
    FaceObservation main = null;
    if (faces != null) {
      g.setLineWidth(2);
      for (FaceObservation f : faces.faces()) {
        count++;
        if (main == null || f.box().area() > main.box().area()) {
          main = f;
        }
        Emotion top = f.expression().top();
        Color c = Palette.of(top);
        FaceBox b = f.box();
        g.setStroke(c);
        g.strokeRect(dx + b.x() * scale, dy + b.y() * scale, b.width() * scale, b.height() * scale);
        g.setFill(c);
        g.fillText(
            "#"
                + f.trackId()
                + " "
                + i18n.get("emotion." + top.label())
                + String.format(Locale.ROOT, " %.0f%%", f.expression().get(top) * 100),
            dx + b.x() * scale,
            dy + b.y() * scale - 5);
      }
    }
    faceCount.setText(i18n.get("live.faces", count));
    for (Emotion e : Emotion.values()) {
      bars[e.ordinal()].setProgress(main == null ? 0 : main.expression().get(e));
    }
  }

  private void drawRolling() {
    if (getScene() == null) {
      return;
    }
    GraphicsContext g = rolling.getGraphicsContext2D();
    double w = rolling.getWidth();
    double h = rolling.getHeight();
    g.clearRect(0, 0, w, h);
    g.setFill(Color.web("#f3f4f6"));
    g.fillRect(0, 0, w, h);
    var windows = model.rollingWindows();
    if (windows.isEmpty()) {
      return;
    }
    double slot = w / 120;
    double x = w - windows.size() * slot;
    for (AffectWindow win : windows) {
      if (win.fused().hasEmotions()) {
        double y = h;
        for (Emotion e : Emotion.values()) {
          double p = win.fused().emotions().get(e) * h;
          g.setFill(Palette.of(e));
          g.fillRect(x, y - p, slot + 0.5, p);
          y -= p;
        }
      }
      x += slot;
    }
  }
}
