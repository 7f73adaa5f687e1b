package org.sentio.app.ui.review;

import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.app.store.Annotation;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Palette;
import org.sentio.app.ui.UiFonts;

/**
 * The review timeline, drawn on one canvas: fused emotions stacked, one lane per modality (the top
 * emotion, as opaque as the modality was confident; hatched where absent), valence and arousal
 * lines, the annotations, one lane per speaker (their turns, each showing the voice reading above,
 * the fused reading in the middle and the text reading of the utterance below; named with the
 * speaker's role), then one lane per tracked face (person), the selected span and the playhead.
 * Drag to seek; Shift-drag, or drag in the annotation lane, to select a span; right-click a speaker
 * lane to change the speaker's role.
 */
public final class TimelineCanvas extends Region {
  /** Width of the lane names at the left; the plot starts here. */
  public static final double GUTTER = 78;

  private static final double FUSED_H = 70;
  private static final double LANE_H = 18;
  private static final double VA_H = 46;
  private static final double NOTE_H = 20;
  private static final double GAP = 6;
  private static final double SPEAKER_H = 30;
  private static final double READING_H = 7;

  private final Canvas canvas = new Canvas();
  private final ReviewViewModel model;
  private final I18n i18n;
  private double dragAnchor = Double.NaN;
  private ContextMenu roleMenu;

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
        .addListener((javafx.collections.ListChangeListener<TrackReading>) c -> fitLanes());
    model.speakers().addListener((javafx.collections.ListChangeListener<Speaker>) c -> fitLanes());
    model.transcript().addListener((javafx.collections.ListChangeListener<Utterance>) c -> draw());
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

  private void fitLanes() {
    double height =
        totalHeight()
            + model.speakers().size() * (SPEAKER_H + GAP)
            + trackIds().size() * (LANE_H + GAP);
    setMinHeight(height);
    setPrefHeight(height);
    draw();
  }

  static double totalHeight() {
    return FUSED_H + 3 * (LANE_H + GAP) + VA_H + GAP + NOTE_H + 10;
  }

  private static double notesTop() {
    return FUSED_H + GAP + 3 * (LANE_H + GAP) + VA_H + GAP;
  }

  private static double speakersTop() {
    return notesTop() + NOTE_H + GAP;
  }

  /** The y of the middle of the lane of the {@code index}-th speaker (0 = the first). */
  public static double speakerLaneY(int index) {
    return speakersTop() + index * (SPEAKER_H + GAP) + SPEAKER_H / 2;
  }

  /** The speaker whose lane is at {@code y}, or {@code null} when none is. */
  private Speaker speakerAt(double y) {
    double offset = y - speakersTop();
    int index = (int) Math.floor(offset / (SPEAKER_H + GAP));
    if (offset < 0
        || index >= model.speakers().size()
        || offset - index * (SPEAKER_H + GAP) > SPEAKER_H) {
      return null;
    }
    return model.speakers().get(index);
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
    if (roleMenu != null) {
      roleMenu.hide();
    }
    Speaker speaker = speakerAt(e.getY());
    if (e.getButton() == MouseButton.SECONDARY) {
      dragAnchor = Double.NaN;
      if (speaker != null) {
        showRoleMenu(speaker, e.getScreenX(), e.getScreenY());
      }
      return;
    }
    boolean inNotes = e.getY() >= notesTop() && e.getY() < notesTop() + NOTE_H;
    if (e.isShiftDown() || inNotes) {
      dragAnchor = timeAt(e.getX());
      model.select(dragAnchor, dragAnchor);
    } else {
      dragAnchor = Double.NaN;
      model.seek(timeAt(e.getX()));
    }
  }

  private void showRoleMenu(Speaker speaker, double screenX, double screenY) {
    roleMenu = new ContextMenu();
    roleMenu.setId("speaker-role-menu");
    for (SpeakerRole role : SpeakerRole.values()) {
      MenuItem item =
          new MenuItem(i18n.get("review.speaker.make", speaker.id(), roleName(i18n, role)));
      item.setId("speaker-menu-" + role.id());
      item.setDisable(speaker.role() == role);
      item.setOnAction(e -> model.changeRole(speaker.id(), role));
      roleMenu.getItems().add(item);
    }
    roleMenu.show(canvas, screenX, screenY);
  }

  /** The role's name in the UI's language, e.g. "Customer". */
  static String roleName(I18n i18n, SpeakerRole role) {
    return i18n.get("speaker.role." + role.id());
  }

  /** The colour of a role's label and turn outlines. */
  static Color roleColour(SpeakerRole role) {
    return role == SpeakerRole.AGENT ? Color.web("#2563eb") : Color.web("#c2410c");
  }

  private void dragged(MouseEvent e) {
    if (!e.isPrimaryButtonDown()) {
      return;
    }
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
    for (Speaker speaker : model.speakers()) {
      drawSpeaker(g, speaker, windows, y, w, text);
      y += SPEAKER_H + GAP;
    }
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

  /**
   * One speaker's lane: the id and role at the left; each of their turns outlined in the role's
   * colour, holding the voice reading (top strip), the fused reading (middle) of the windows the
   * turn overlaps, cut to the turn, and the text reading of the utterance (bottom strip).
   */
  private void drawSpeaker(
      GraphicsContext g,
      Speaker speaker,
      List<AffectWindow> windows,
      double y,
      double w,
      Color text) {
    Color role = roleColour(speaker.role());
    g.setFill(text);
    g.fillText(speaker.id(), 4, y + SPEAKER_H / 4 + 1);
    g.setFill(role);
    g.fillText(roleName(i18n, speaker.role()), 4, y + SPEAKER_H * 3 / 4);
    g.setFill(Color.web("#f3f4f6"));
    g.fillRect(GUTTER, y, w - GUTTER - 8, SPEAKER_H);
    for (Utterance u : model.transcript()) {
      if (!speaker.id().equals(u.speaker())) {
        continue;
      }
      double turn0 = xAt(u.startSeconds());
      double turn1 = Math.max(turn0 + 2, xAt(u.endSeconds()));
      for (AffectWindow win : windows) {
        double x0 = Math.max(turn0, xAt(win.startSeconds()));
        double x1 = Math.min(turn1, xAt(win.endSeconds()));
        if (x1 <= x0) {
          continue;
        }
        Color voice = colourOf(win.estimate(Modality.VOICE), Modality.VOICE);
        if (voice != null) {
          g.setFill(voice);
          g.fillRect(x0, y, x1 - x0, READING_H);
        }
        FusedEstimate f = win.fused();
        if (f.hasEmotions()) {
          g.setFill(
              Palette.of(f.emotions().top()).deriveColor(0, 1, 1, 0.3 + 0.7 * f.confidence()));
          g.fillRect(x0, y + READING_H, x1 - x0, SPEAKER_H - 2 * READING_H);
        }
      }
      Color said = colourOf(u.affect(), Modality.TEXT);
      if (said != null) {
        g.setFill(said);
        g.fillRect(turn0, y + SPEAKER_H - READING_H, turn1 - turn0, READING_H);
      }
      g.setStroke(role);
      g.setLineWidth(1.5);
      g.strokeRect(turn0, y + 0.75, turn1 - turn0, SPEAKER_H - 1.5);
      g.setLineWidth(1);
    }
  }

  /**
   * A reading's colour: its top emotion as opaque as it was confident, or the modality's colour by
   * arousal when it tells no emotions; {@code null} when the reading is absent.
   */
  private static Color colourOf(AffectEstimate e, Modality m) {
    if (e == null || !e.isPresent()) {
      return null;
    }
    if (e.hasEmotions()) {
      return Palette.of(e.emotions().top()).deriveColor(0, 1, 1, 0.25 + 0.75 * e.confidence());
    }
    double alpha =
        e.hasArousal() ? 0.2 + 0.8 * (e.arousal() + 1) / 2 : 0.25 + 0.75 * e.confidence();
    return Palette.of(m).deriveColor(0, 1, 1, alpha);
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
