package org.sentio.app.ui.review;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.app.store.Annotation;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Palette;
import org.sentio.app.ui.UiFonts;

/**
 * The review timeline, drawn on one canvas: fused emotions stacked, one lane per modality (the top
 * emotion, as opaque as the modality was confident; hatched where absent), valence and arousal
 * lines, the annotations, then one lane per tracked face (person), the selected span and the
 * playhead. Drag to seek; Shift-drag, or drag in the annotation lane, to select a span.
 */
public final class TimelineCanvas extends Region {
  /** Width of the lane names at the left; the plot starts here. */
  public static final double GUTTER = 78;

  private static final double FUSED_H = 70;
  private static final double LANE_H = 18;
  private static final double VA_H = 46;
  private static final double NOTE_H = 20;
  private static final double GAP = 6;

  private final Canvas canvas = new Canvas();
  private final ReviewViewModel model;
  private final I18n i18n;
  private double dragAnchor = Double.NaN;

  public TimelineCanvas(ReviewViewModel model, I18n i18n) {
    this.model = model;
    this.i18n = i18n;
    setId("timeline");
    getChildren().add(canvas);
    setMinHeight(totalHeight());
    setPrefHeight(totalHeight());
    model.windows().addListener((javafx.collections.ListChangeListener<AffectWindow>) c -> draw());
    model
        .faceTracks()
        .addListener(
            (javafx.collections.ListChangeListener<TrackReading>)
                c -> {
                  double height = totalHeight() + trackIds().size() * (LANE_H + GAP);
                  setMinHeight(height);
                  setPrefHeight(height);
                  draw();
                });
    model
        .annotations()
        .addListener((javafx.collections.ListChangeListener<Annotation>) c -> draw());
    model.positionProperty().addListener((o, a, b) -> draw());
    model.durationProperty().addListener((o, a, b) -> draw());
    model.selectionStartProperty().addListener((o, a, b) -> draw());
    model.selectionEndProperty().addListener((o, a, b) -> draw());
    sceneProperty().addListener((o, a, b) -> draw());
    canvas.setOnMousePressed(this::pressed);
    canvas.setOnMouseDragged(this::dragged);
    canvas.setOnMouseReleased(e -> dragAnchor = Double.NaN);
  }

  static double totalHeight() {
    return FUSED_H + 3 * (LANE_H + GAP) + VA_H + GAP + NOTE_H + 10;
  }

  private static double notesTop() {
    return FUSED_H + GAP + 3 * (LANE_H + GAP) + VA_H + GAP;
  }

  /** The y of the middle of the annotation lane, where a drag selects a span. */
  public static double annotationLaneY() {
    return notesTop() + NOTE_H / 2;
  }

  @Override
  protected void layoutChildren() {
    canvas.setWidth(getWidth());
    canvas.setHeight(getHeight());
    draw();
  }

  /** The media time at x, clamped to the session. */
  public double timeAt(double x) {
    double width = Math.max(1, canvas.getWidth() - GUTTER - 8);
    double d = model.durationProperty().get();
    return Math.max(0, Math.min(d, (x - GUTTER) / width * d));
  }

  /** The x of a media time. */
  public double xAt(double t) {
    double width = Math.max(1, canvas.getWidth() - GUTTER - 8);
    double d = Math.max(1e-9, model.durationProperty().get());
    return GUTTER + t / d * width;
  }

  private void pressed(MouseEvent e) {
    if (e.isShiftDown() || e.getY() >= notesTop()) {
      dragAnchor = timeAt(e.getX());
      model.select(dragAnchor, dragAnchor);
    } else {
      dragAnchor = Double.NaN;
      model.seek(timeAt(e.getX()));
    }
  }

  private void dragged(MouseEvent e) {
    if (!Double.isNaN(dragAnchor)) {
      model.select(dragAnchor, timeAt(e.getX()));
    } else {
      model.seek(timeAt(e.getX()));
    }
  }

  private void draw() {
    double w = canvas.getWidth();
    double h = canvas.getHeight();
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.clearRect(0, 0, w, h);
    // A canvas out of the scene keeps its drawing commands until shown: draw only when it shows.
    if (getScene() == null || w < GUTTER + 20 || !(model.durationProperty().get() > 0)) {
      return;
    }
    Color text = Color.web("#6b7280");
    g.setFont(UiFonts.font(i18n.locale(), 11));
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.LEFT);
    List<AffectWindow> windows = model.windows();
    double hop =
        windows.size() > 1 ? windows.get(1).startSeconds() - windows.get(0).startSeconds() : 0.5;

    double y = 0;
    g.setFill(text);
    g.fillText(i18n.get("timeline.fused"), 4, y + FUSED_H / 2);
    for (AffectWindow win : windows) {
      FusedEstimate f = win.fused();
      double centre = (win.startSeconds() + win.endSeconds()) / 2;
      double x0 = xAt(centre - hop / 2);
      double x1 = xAt(centre + hop / 2);
      if (!f.hasEmotions()) {
        g.setFill(Color.web("#e5e7eb"));
        g.fillRect(x0, y, x1 - x0, FUSED_H);
        continue;
      }
      double yy = y + FUSED_H;
      for (Emotion em : Emotion.values()) {
        double p = f.emotions().get(em) * FUSED_H;
        g.setFill(Palette.of(em));
        g.fillRect(x0, yy - p, x1 - x0 + 0.5, p);
        yy -= p;
      }
    }
    y += FUSED_H + GAP;

    for (Modality m : Modality.values()) {
      g.setFill(text);
      g.fillText(i18n.get("modality." + m.label()), 4, y + LANE_H / 2);
      for (AffectWindow win : windows) {
        AffectEstimate e = win.estimate(m);
        double centre = (win.startSeconds() + win.endSeconds()) / 2;
        double x0 = xAt(centre - hop / 2);
        double x1 = xAt(centre + hop / 2);
        if (!e.isPresent()) {
          g.setFill(Color.web("#f3f4f6"));
          g.fillRect(x0, y, x1 - x0, LANE_H);
          g.setStroke(Color.web("#d1d5db"));
          g.setLineWidth(1);
          for (double hx = x0; hx < x1 && hx < w; hx += 5) {
            g.strokeLine(hx, y + LANE_H, Math.min(x1, hx + LANE_H), y);
          }
          continue;
        }
        Color c = e.hasEmotions() ? Palette.of(e.emotions().top()) : Palette.of(m);
        double alpha = 0.25 + 0.75 * e.confidence();
        if (!e.hasEmotions() && e.hasArousal()) {
          alpha = 0.2 + 0.8 * (e.arousal() + 1) / 2;
        }
        g.setFill(c.deriveColor(0, 1, 1, alpha));
        g.fillRect(x0, y, x1 - x0 + 0.5, LANE_H);
      }
      y += LANE_H + GAP;
    }

    g.setFill(text);
    g.fillText(i18n.get("timeline.valenceArousal"), 4, y + VA_H / 2);
    g.setStroke(Color.web("#d1d5db"));
    g.strokeLine(GUTTER, y + VA_H / 2, w - 8, y + VA_H / 2);
    line(g, windows, y, true, Color.web("#16a34a"));
    line(g, windows, y, false, Color.web("#ea580c"));
    y += VA_H + GAP;

    g.setFill(text);
    g.fillText(i18n.get("timeline.annotations"), 4, y + NOTE_H / 2);
    g.setFill(Color.web("#f9fafb"));
    g.fillRect(GUTTER, y, w - GUTTER - 8, NOTE_H);
    for (Annotation a : model.annotations()) {
      double x0 = xAt(a.startSeconds());
      double x1 = xAt(a.endSeconds());
      Color c;
      try {
        c = Palette.of(Emotion.parse(a.label()));
      } catch (IllegalArgumentException ex) {
        c = Color.GRAY;
      }
      g.setFill(c.deriveColor(0, 1, 1, 0.85));
      g.fillRoundRect(x0, y + 2, Math.max(2, x1 - x0), NOTE_H - 4, 6, 6);
      g.setFill(Color.WHITE);
      g.fillText(i18n.get("emotion." + a.label()), x0 + 4, y + NOTE_H / 2);
    }

    if (model.hasSelection()) {
      double x0 = xAt(model.selectionStartProperty().get());
      double x1 = xAt(model.selectionEndProperty().get());
      g.setFill(Color.web("#3b82f6", 0.18));
      g.fillRect(x0, 0, x1 - x0, h);
      g.setStroke(Color.web("#3b82f6"));
      g.strokeRect(x0, 0.5, x1 - x0, h - 1);
    }
    y += NOTE_H + GAP;
    List<Integer> tracks = trackIds();
    for (int i = 0; i < tracks.size(); i++) {
      int track = tracks.get(i);
      g.setFill(text);
      g.fillText(i18n.get("timeline.person", track), 4, y + LANE_H / 2);
      g.setFill(Color.web("#f3f4f6"));
      g.fillRect(GUTTER, y, w - GUTTER - 8, LANE_H);
      for (TrackReading reading : model.faceTracks()) {
        if (reading.trackId() != track || reading.windowIndex() >= windows.size()) {
          continue;
        }
        AffectWindow win = windows.get(reading.windowIndex());
        double centre = (win.startSeconds() + win.endSeconds()) / 2;
        double x0 = xAt(centre - hop / 2);
        double x1 = xAt(centre + hop / 2);
        AffectEstimate e = reading.estimate();
        g.setFill(
            Palette.of(e.emotions().top()).deriveColor(0, 1, 1, 0.25 + 0.75 * e.confidence()));
        g.fillRect(x0, y, x1 - x0 + 0.5, LANE_H);
      }
      y += LANE_H + GAP;
    }

    double px = xAt(model.positionProperty().get());
    g.setStroke(Color.web("#dc2626"));
    g.setLineWidth(2);
    g.strokeLine(px, 0, px, h);
    g.setLineWidth(1);
  }

  private List<Integer> trackIds() {
    return model.faceTracks().stream().map(TrackReading::trackId).distinct().sorted().toList();
  }

  private void line(
      GraphicsContext g, List<AffectWindow> windows, double top, boolean valence, Color colour) {
    g.setStroke(colour);
    g.setLineWidth(1.6);
    boolean started = false;
    g.beginPath();
    for (AffectWindow win : windows) {
      double v = valence ? win.fused().valence() : win.fused().arousal();
      if (Double.isNaN(v)) {
        started = false;
        continue;
      }
      double x = xAt((win.startSeconds() + win.endSeconds()) / 2);
      double yy = top + VA_H / 2 - v * (VA_H / 2 - 2);
      if (!started) {
        g.moveTo(x, yy);
        started = true;
      } else {
        g.lineTo(x, yy);
      }
    }
    g.stroke();
    g.setLineWidth(1);
  }
}
