package org.sentio.app.ui.clinical;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.sentio.app.ui.I18n;
import org.sentio.capture.dicom.DicomSeries;
import org.sentio.capture.dicom.DicomSlice;

/**
 * Shows a series: scroll (or the slider) for slices, a preset list, primary drag for window/level
 * (horizontal: width, vertical: centre), secondary or shift-drag to pan, ctrl+scroll to zoom, and
 * the value under the cursor.
 */
public final class DicomViewer extends BorderPane {

  private final ImageView view = new ImageView();
  private final Pane canvas = new Pane(view);
  private final Slider sliceSlider = new Slider(0, 0, 0);
  private final ComboBox<WindowPreset> presets = new ComboBox<>();
  private final Label windowLabel = new Label();
  private final Label huLabel = new Label(" ");
  private final Label sliceLabel = new Label();

  private DicomSeries series;
  private int index;
  private double center = WindowPreset.BRAIN.center();
  private double width = WindowPreset.BRAIN.width();
  private double zoom = 1;
  private double panX;
  private double panY;
  private double dragX;
  private double dragY;

  public DicomViewer(I18n i18n) {
    presets.getItems().setAll(WindowPreset.values());
    presets.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(WindowPreset p) {
            return p == null
                ? ""
                : i18n.get("clinical.preset." + p.name())
                    + " "
                    + (int) p.center()
                    + "/"
                    + (int) p.width();
          }

          @Override
          public WindowPreset fromString(String text) {
            return presets.getItems().stream()
                .filter(p -> toString(p).equals(text))
                .findFirst()
                .orElse(null);
          }
        });
    presets.setId("clinical-preset");
    presets.setOnAction(
        e -> {
          WindowPreset p = presets.getValue();
          if (p != null) {
            setWindow(p.center(), p.width());
          }
        });
    sliceSlider.setId("clinical-slice");
    sliceSlider.setMajorTickUnit(1);
    sliceSlider.setSnapToTicks(true);
    sliceSlider
        .valueProperty()
        .addListener((o, a, b) -> showSlice((int) Math.round(b.doubleValue())));
    huLabel.setId("clinical-hu");
    windowLabel.setId("clinical-window");
    sliceLabel.setId("clinical-slice-label");
    view.setId("clinical-image");
    view.setPreserveRatio(true);
    view.setSmooth(false);
    canvas.setId("clinical-canvas");
    canvas.setPrefSize(512, 512);
    canvas.setMinSize(128, 128);
    canvas.setStyle("-fx-background-color: black;");
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(canvas.widthProperty());
    clip.heightProperty().bind(canvas.heightProperty());
    canvas.setClip(clip);
    canvas.widthProperty().addListener((o, a, b) -> layoutImage());
    canvas.heightProperty().addListener((o, a, b) -> layoutImage());
    canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> showValue(e.getX(), e.getY()));
    canvas.addEventHandler(
        MouseEvent.MOUSE_PRESSED,
        e -> {
          dragX = e.getX();
          dragY = e.getY();
        });
    canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);
    canvas.addEventHandler(ScrollEvent.SCROLL, this::scroll);
    HBox tools = new HBox(8, presets, windowLabel, sliceSlider, sliceLabel);
    tools.setPadding(new Insets(4));
    HBox status = new HBox(8, huLabel);
    status.setPadding(new Insets(4));
    setTop(tools);
    setCenter(canvas);
    setBottom(status);
    updateWindowLabel();
  }

  public void setSeries(DicomSeries s) {
    this.series = s;
    zoom = 1;
    panX = 0;
    panY = 0;
    sliceSlider.setMax(Math.max(0, s.size() - 1));
    if (s.info().hounsfield()) {
      presets.setValue(WindowPreset.BRAIN);
      setWindow(WindowPreset.BRAIN.center(), WindowPreset.BRAIN.width());
    } else if (!Double.isNaN(s.info().windowCenter())) {
      setWindow(s.info().windowCenter(), s.info().windowWidth());
    } else {
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (float v : s.slice(0).values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      setWindow((min + max) / 2, Math.max(1, max - min));
    }
    sliceSlider.setValue(s.size() / 2);
    showSlice(s.size() / 2);
  }

  public void setWindow(double c, double w) {
    center = c;
    width = Math.max(1, w);
    updateWindowLabel();
    render();
  }

  public double windowCenter() {
    return center;
  }

  public double windowWidth() {
    return width;
  }

  public int sliceIndex() {
    return index;
  }

  public double zoom() {
    return zoom;
  }

  public void setZoom(double z) {
    zoom = Math.max(0.25, Math.min(16, z));
    layoutImage();
  }

  private void updateWindowLabel() {
    windowLabel.setText(String.format(Locale.ROOT, "W %.0f  L %.0f", width, center));
  }

  private void showSlice(int i) {
    if (series == null) {
      return;
    }
    index = Math.max(0, Math.min(series.size() - 1, i));
    sliceLabel.setText((index + 1) + " / " + series.size());
    render();
  }

  private void render() {
    if (series == null) {
      return;
    }
    DicomSlice s = series.slice(index);
    WritableImage img = new WritableImage(s.width(), s.height());
    img.getPixelWriter()
        .setPixels(
            0,
            0,
            s.width(),
            s.height(),
            PixelFormat.getIntArgbInstance(),
            SliceRenderer.argb(s, center, width),
            0,
            s.width());
    view.setImage(img);
    layoutImage();
  }

  private double baseScale() {
    if (series == null) {
      return 1;
    }
    DicomSlice s = series.slice(index);
    double cw = canvas.getWidth() > 0 ? canvas.getWidth() : canvas.getPrefWidth();
    double ch = canvas.getHeight() > 0 ? canvas.getHeight() : canvas.getPrefHeight();
    return Math.min(cw / s.width(), ch / s.height());
  }

  private void layoutImage() {
    if (series == null) {
      return;
    }
    DicomSlice s = series.slice(index);
    double scale = baseScale() * zoom;
    view.setFitWidth(s.width() * scale);
    view.setFitHeight(s.height() * scale);
    double cw = canvas.getWidth() > 0 ? canvas.getWidth() : canvas.getPrefWidth();
    double ch = canvas.getHeight() > 0 ? canvas.getHeight() : canvas.getPrefHeight();
    view.setLayoutX((cw - s.width() * scale) / 2 + panX);
    view.setLayoutY((ch - s.height() * scale) / 2 + panY);
  }

  /** The pixel under a point of the canvas, or null outside the image. */
  public int[] pixelAt(double x, double y) {
    if (series == null) {
      return null;
    }
    DicomSlice s = series.slice(index);
    double scale = baseScale() * zoom;
    Point2D p = new Point2D((x - view.getLayoutX()) / scale, (y - view.getLayoutY()) / scale);
    int px = (int) Math.floor(p.getX());
    int py = (int) Math.floor(p.getY());
    if (px < 0 || py < 0 || px >= s.width() || py >= s.height()) {
      return null;
    }
    return new int[] {px, py};
  }

  private void showValue(double x, double y) {
    int[] p = pixelAt(x, y);
    if (p == null) {
      huLabel.setText(" ");
      return;
    }
    DicomSlice s = series.slice(index);
    if (s.info().colour()) {
      huLabel.setText(
          String.format(Locale.ROOT, "(%d, %d) RGB #%06X", p[0], p[1], s.storedAt(p[0], p[1])));
      return;
    }
    huLabel.setText(
        String.format(
            Locale.ROOT,
            "(%d, %d) %s %s",
            p[0],
            p[1],
            fmt(s.valueAt(p[0], p[1])),
            s.info().hounsfield() ? "HU" : ""));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private void drag(MouseEvent e) {
    double dx = e.getX() - dragX;
    double dy = e.getY() - dragY;
    dragX = e.getX();
    dragY = e.getY();
    if (e.getButton() == MouseButton.SECONDARY || e.isShiftDown()) {
      panX += dx;
      panY += dy;
      layoutImage();
    } else if (e.getButton() == MouseButton.PRIMARY) {
      presets.setValue(null);
      setWindow(center + dy * Math.max(1, width / 200), width + dx * Math.max(1, width / 200));
    }
  }

  private void scroll(ScrollEvent e) {
    if (e.isControlDown()) {
      setZoom(zoom * (e.getDeltaY() > 0 ? 1.25 : 0.8));
    } else if (series != null) {
      sliceSlider.setValue(index + (e.getDeltaY() > 0 ? -1 : 1));
    }
    e.consume();
  }
}
