package org.sentio.app.ui.review;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import org.sentio.affect.AbsenceDetail;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.face.FaceBox;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Palette;

/**
 * The window under the playhead: who speaks in it and each speaker's role (changeable here), the
 * face crop with its box, each modality's reading or why it is absent, the modality weights, the
 * fused emotions and the experts the gate chose.
 */
public final class InspectorPane extends VBox {
  private final I18n i18n;
  private final Label window = new Label();
  private final Canvas crop = new Canvas(200, 150);
  private final Label cropNote = new Label();
  private final GridPane modalities = new GridPane();
  private final GridPane weights = new GridPane();
  private final GridPane emotions = new GridPane();
  private final VBox experts = new VBox(2);
  private final ReviewViewModel model;
  private final Label speakersHeading;
  private final Label speaking = new Label();
  private final GridPane speakerRoles = new GridPane();

  public InspectorPane(ReviewViewModel model, I18n i18n) {
    super(8);
    this.i18n = i18n;
    this.model = model;
    setId("inspector");
    setPadding(new Insets(12));
    setPrefWidth(300);
    setMinWidth(260);
    getStyleClass().add("inspector");
    window.setId("inspector-window");
    window.getStyleClass().add("title-4");
    cropNote.getStyleClass().add("text-muted");
    modalities.setHgap(6);
    modalities.setVgap(4);
    weights.setHgap(6);
    weights.setVgap(4);
    emotions.setHgap(6);
    emotions.setVgap(2);
    experts.setId("inspector-experts");
    speakersHeading = heading("inspector.speakers");
    speaking.setId("inspector-speaking");
    speaking.setWrapText(true);
    speakerRoles.setId("inspector-speakers");
    speakerRoles.setHgap(8);
    speakerRoles.setVgap(4);
    getChildren()
        .addAll(
            window,
            speakersHeading,
            speaking,
            speakerRoles,
            crop,
            cropNote,
            heading("inspector.modalities"),
            modalities,
            heading("inspector.weights"),
            weights,
            heading("inspector.fused"),
            emotions,
            heading("inspector.experts"),
            experts);
    model.currentWindowProperty().addListener((o, a, b) -> showWindow(b));
    model.currentWindowProperty().addListener((o, a, b) -> showSpeaking());
    model
        .speakers()
        .addListener(
            (javafx.collections.ListChangeListener<Speaker>)
                c -> {
                  showSpeakers();
                  showSpeaking();
                });
    showSpeakers();
    showSpeaking();
    model.frameProperty().addListener((o, a, b) -> showCrop(b));
    sceneProperty().addListener((o, a, b) -> showCrop(model.frameProperty().get()));
    showWindow(model.currentWindowProperty().get());
    showCrop(null);
  }

  private Label heading(String key) {
    Label l = new Label(i18n.get(key));
    l.getStyleClass().addAll("text-bold", "inspector-heading");
    VBox.setMargin(l, new Insets(6, 0, 0, 0));
    return l;
  }

  /** One row per speaker: the id and a choice of role that changes it in the store. */
  private void showSpeakers() {
    boolean any = !model.speakers().isEmpty();
    for (javafx.scene.Node n : List.of(speakersHeading, speaking, speakerRoles)) {
      n.setVisible(any);
      n.setManaged(any);
    }
    speakerRoles.getChildren().clear();
    int row = 0;
    for (Speaker speaker : model.speakers()) {
      Label id = new Label(speaker.id());
      id.getStyleClass().add("text-bold");
      id.setTextFill(TimelineCanvas.roleColour(speaker.role()));
      ComboBox<SpeakerRole> role = new ComboBox<>();
      role.setId("speaker-role-" + speaker.id());
      role.getItems().setAll(SpeakerRole.values());
      role.setConverter(
          new StringConverter<>() {
            @Override
            public String toString(SpeakerRole r) {
              return r == null ? "" : TimelineCanvas.roleName(i18n, r);
            }

            @Override
            public SpeakerRole fromString(String text) {
              return null;
            }
          });
      role.setValue(speaker.role());
      role.valueProperty()
          .addListener(
              (o, a, b) -> {
                if (b != null && b != a) {
                  model.changeRole(speaker.id(), b);
                }
              });
      speakerRoles.addRow(row++, id, role);
    }
  }

  private void showSpeaking() {
    if (model.speakers().isEmpty()) {
      return;
    }
    List<String> here = model.speakersHere();
    if (here.isEmpty()) {
      speaking.setText(i18n.get("inspector.speaking.none"));
      return;
    }
    List<String> named = new java.util.ArrayList<>();
    for (String id : here) {
      Speaker speaker = model.speaker(id);
      named.add(
          speaker == null
              ? id
              : i18n.get(
                  "inspector.speaking.one", id, TimelineCanvas.roleName(i18n, speaker.role())));
    }
    speaking.setText(i18n.get("inspector.speaking", String.join(", ", named)));
  }

  private void showWindow(AffectWindow w) {
    modalities.getChildren().clear();
    weights.getChildren().clear();
    emotions.getChildren().clear();
    experts.getChildren().clear();
    if (w == null) {
      window.setText(i18n.get("inspector.none"));
      return;
    }
    window.setText(
        i18n.get(
            "inspector.window",
            w.index() + 1,
            String.format(Locale.ROOT, "%.1f", w.startSeconds()),
            String.format(Locale.ROOT, "%.1f", w.endSeconds())));
    int row = 0;
    for (Modality m : Modality.values()) {
      AffectEstimate e = w.estimate(m);
      Label name = new Label(i18n.get("modality." + m.label()));
      name.setMinWidth(48);
      ProgressBar bar = bar(e.confidence(), Palette.of(m));
      Label what = new Label(describe(e));
      what.setId("inspector-" + m.label());
      what.setWrapText(true);
      what.setMaxWidth(130);
      modalities.addRow(row++, name, bar, what);
    }
    FusedEstimate f = w.fused();
    row = 0;
    for (Modality m : Modality.values()) {
      double weight = f.modalityWeights().getOrDefault(m, 0.0);
      weights.addRow(
          row++,
          new Label(i18n.get("modality." + m.label())),
          bar(weight, Palette.of(m)),
          new Label(percent(weight)));
    }
    row = 0;
    if (f.hasEmotions()) {
      for (Emotion em : Emotion.values()) {
        double p = f.emotions().get(em);
        emotions.addRow(
            row++,
            new Label(i18n.get("emotion." + em.label())),
            bar(p, Palette.of(em)),
            new Label(percent(p)));
      }
    } else {
      emotions.addRow(0, new Label(i18n.get("inspector.noEmotions")));
    }
    if (f.experts().isEmpty()) {
      Label none = new Label(i18n.get("inspector.noExperts", f.method()));
      none.setWrapText(true);
      none.getStyleClass().add("text-muted");
      experts.getChildren().add(none);
    } else {
      for (ExpertChoice c : f.experts()) {
        experts
            .getChildren()
            .add(new Label(i18n.get("inspector.expert", c.expert(), percent(c.weight()))));
      }
    }
  }

  private String describe(AffectEstimate e) {
    if (!e.isPresent()) {
      String reason = i18n.get("absence." + e.absence().name());
      if (e.absenceDetail() == null) {
        return i18n.get("inspector.absent", reason);
      }
      return AbsenceDetail.parse(e.absenceDetail())
          .map(
              d ->
                  i18n.get(
                      "inspector.absentDetail",
                      reason,
                      i18n.get("absenceDetail." + d.code().name(), d.numbers().toArray())))
          // A detail outside the catalog (an error message, an older wording) is in English only:
          // the English bundle shows it, the Chinese one shows the reason alone.
          .orElseGet(() -> i18n.get("inspector.absentOther", reason, e.absenceDetail()));
    }
    if (e.hasEmotions()) {
      Emotion top = e.emotions().top();
      return i18n.get("emotion." + top.label()) + " " + percent(e.emotions().get(top));
    }
    if (e.hasArousal()) {
      return i18n.get("inspector.arousal", String.format(Locale.ROOT, "%+.2f", e.arousal()));
    }
    return i18n.get("inspector.valence", String.format(Locale.ROOT, "%+.2f", e.valence()));
  }

  private static ProgressBar bar(double value, Color colour) {
    ProgressBar bar = new ProgressBar(Math.max(0, Math.min(1, value)));
    bar.setPrefWidth(90);
    bar.setStyle(
        "-fx-accent: "
            + Palette.css(colour)
            + "; -color-progress-bar-fill: "
            + Palette.css(colour)
            + ";");
    return bar;
  }

  private static String percent(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  private void showCrop(FrameImage frame) {
    if (getScene() == null && frame != null) {
      return;
    }
    GraphicsContext g = crop.getGraphicsContext2D();
    g.setFill(Color.web("#111827"));
    g.fillRect(0, 0, crop.getWidth(), crop.getHeight());
    if (frame == null) {
      cropNote.setText(i18n.get("inspector.noPicture"));
      return;
    }
    WritableImage image = new WritableImage(frame.width(), frame.height());
    image
        .getPixelWriter()
        .setPixels(
            0,
            0,
            frame.width(),
            frame.height(),
            PixelFormat.getIntArgbInstance(),
            frame.argb(),
            0,
            frame.width());
    FaceObservation face = null;
    for (FaceObservation f : frame.faces()) {
      if (face == null || f.box().area() > face.box().area()) {
        face = f;
      }
    }
    double sx = 0;
    double sy = 0;
    double sw = frame.width();
    double sh = frame.height();
    if (face != null) {
      FaceBox b = face.box();
      double side = Math.max(b.width(), b.height()) * 1.8;
      sw = Math.min(frame.width(), side * crop.getWidth() / crop.getHeight());
      sh = Math.min(frame.height(), side);
      sx = Math.max(0, Math.min(frame.width() - sw, b.centerX() - sw / 2));
      sy = Math.max(0, Math.min(frame.height() - sh, b.centerY() - sh / 2));
      cropNote.setText(
          i18n.get(
              "inspector.face",
              face.trackId(),
              i18n.get("emotion." + face.expression().top().label())));
    } else {
      cropNote.setText(i18n.get("inspector.noFaceOnPicture"));
    }
    double scale = Math.min(crop.getWidth() / sw, crop.getHeight() / sh);
    double dw = sw * scale;
    double dh = sh * scale;
    double dx = (crop.getWidth() - dw) / 2;
    double dy = (crop.getHeight() - dh) / 2;
    g.drawImage(image, sx, sy, sw, sh, dx, dy, dw, dh);
    g.setStroke(Color.web("#22d3ee"));
    g.setLineWidth(2);
    for (FaceObservation f : frame.faces()) {
      FaceBox b = f.box();
      g.strokeRect(
          dx + (b.x() - sx) * scale,
          dy + (b.y() - sy) * scale,
          b.width() * scale,
          b.height() * scale);
    }
  }
}
