package org.sentio.app.ui.clinical;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.triage.Contribution;
import org.sentio.affect.triage.ImagingFinding;
import org.sentio.affect.triage.TriageCard;
import org.sentio.affect.triage.TriageInput;
import org.sentio.affect.triage.TriageRules;
import org.sentio.affect.triage.Vital;
import org.sentio.affect.triage.Vitals;
import org.sentio.capture.dicom.DicomException;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSeries;
import org.sentio.capture.dicom.ImageInfo;
import org.sentio.capture.dicom.PatientIdentity;

/** Clinical mode: viewer, metadata, intake form and triage card. */
public final class ClinicalView extends BorderPane {

  private final DicomViewer viewer = new DicomViewer();
  private final GridPane metadata = new GridPane();
  private final ToggleButton reveal = new ToggleButton("Show identity");
  private final Label status = new Label();
  private final TextArea complaint = new TextArea();
  private final Map<Vital, TextField> vitals = new EnumMap<>(Vital.class);
  private final Label vitalsError = new Label();
  private final VBox card = new VBox(4);
  private final Label level = new Label();
  private final VBox reasons = new VBox(2);
  private final List<AffectEstimate> distress = new ArrayList<>();
  private DicomSeries series;
  private ImagingFinding imaging;
  private TriageCard lastCard;

  public ClinicalView() {
    setId("clinical-view");
    Button open = new Button("Open study…");
    open.setId("clinical-open");
    open.setOnAction(
        e -> {
          DirectoryChooser chooser = new DirectoryChooser();
          chooser.setTitle("Open a DICOM folder");
          var dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
          if (dir != null) {
            open(dir.toPath());
          }
        });
    status.setId("clinical-status");
    status.setWrapText(true);
    reveal.setId("clinical-reveal");
    reveal.selectedProperty().addListener((o, a, b) -> showMetadata());
    metadata.setId("clinical-metadata");
    metadata.setHgap(8);
    metadata.setVgap(2);

    complaint.setId("clinical-complaint");
    complaint.setPromptText("Complaint (typed, or from the voice note's transcript)");
    complaint.setPrefRowCount(3);
    complaint.setWrapText(true);
    GridPane vitalsGrid = new GridPane();
    vitalsGrid.setHgap(6);
    vitalsGrid.setVgap(4);
    int row = 0;
    for (Vital v : Vital.values()) {
      TextField f = new TextField();
      f.setId("vital-" + v.name());
      f.setPromptText(v.range());
      f.setPrefColumnCount(6);
      vitals.put(v, f);
      vitalsGrid.addRow(row++, new Label(v.label() + " (" + v.unit() + ")"), f);
    }
    vitalsError.setId("clinical-vitals-error");
    vitalsError.setWrapText(true);
    vitalsError.setStyle("-fx-text-fill: #b00020;");
    Button assess = new Button("Assess");
    assess.setId("clinical-assess");
    assess.setDefaultButton(true);
    assess.setOnAction(e -> assess());

    level.setId("clinical-level");
    level.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
    reasons.setId("clinical-reasons");
    Label disclaimer = new Label(TriageCard.DISCLAIMER);
    disclaimer.setId("clinical-disclaimer");
    disclaimer.setStyle("-fx-font-weight: bold;");
    card.setId("clinical-card");
    card.getChildren().addAll(disclaimer, level, reasons);
    card.setPadding(new Insets(6));
    card.setStyle("-fx-border-color: #888; -fx-border-radius: 4;");

    VBox side =
        new VBox(
            8,
            open,
            status,
            new Label("Series"),
            metadata,
            reveal,
            new Label("Intake"),
            complaint,
            vitalsGrid,
            vitalsError,
            assess,
            card);
    side.setPadding(new Insets(8));
    side.setPrefWidth(360);
    ScrollPane scroll = new ScrollPane(side);
    scroll.setFitToWidth(true);
    setCenter(viewer);
    setRight(scroll);
  }

  public DicomViewer viewer() {
    return viewer;
  }

  /** Opens a file or folder; refusals are shown in the status line. */
  public void open(Path path) {
    try {
      DicomReader.FolderResult r = DicomReader.read(path);
      if (r.series().isEmpty()) {
        status.setText(
            r.refused().isEmpty() ? path + ": no DICOM image" : r.refused().get(0).getMessage());
        return;
      }
      series = r.series().get(0);
      viewer.setSeries(series);
      status.setText(
          series.size()
              + " slice(s)"
              + (r.refused().isEmpty() ? "" : "; " + r.refused().size() + " file(s) refused"));
      showMetadata();
    } catch (DicomException e) {
      status.setText(e.getMessage());
    }
  }

  /** Voice and face estimates of the patient, from the recorded voice note or the webcam. */
  public void setDistress(List<AffectEstimate> estimates) {
    distress.clear();
    distress.addAll(estimates);
  }

  /** The installed imaging model's finding for the open study, or null. */
  public void setImagingFinding(ImagingFinding finding) {
    this.imaging = finding;
  }

  public TriageCard lastCard() {
    return lastCard;
  }

  private void showMetadata() {
    metadata.getChildren().clear();
    if (series == null) {
      return;
    }
    PatientIdentity id = reveal.isSelected() ? series.identity() : series.identity().masked();
    reveal.setText(reveal.isSelected() ? "Hide identity" : "Show identity");
    ImageInfo i = series.info();
    int r = 0;
    r = row(r, "Patient", id.name(), "clinical-patient-name");
    r = row(r, "Patient ID", id.id(), "clinical-patient-id");
    r = row(r, "Birth date", id.birthDate(), null);
    r = row(r, "Modality", i.modality(), null);
    r = row(r, "Study date", i.studyDate(), null);
    r = row(r, "Series", i.seriesDescription(), null);
    r = row(r, "Size", i.columns() + " × " + i.rows() + " × " + series.size(), null);
    if (i.pixelSpacing().length == 2) {
      r =
          row(
              r,
              "Spacing",
              String.format(
                  Locale.ROOT, "%.3f × %.3f mm", i.pixelSpacing()[1], i.pixelSpacing()[0]),
              null);
    }
    row(r, "Transfer syntax", i.transferSyntax().displayName(), null);
  }

  private int row(int r, String label, String value, String id) {
    Label v = new Label(value == null || value.isEmpty() ? "—" : value);
    if (id != null) {
      v.setId(id);
    }
    metadata.addRow(r, new Label(label), v);
    return r + 1;
  }

  /** Reads the form, refuses impossible vitals with their range, and shows the card. */
  public void assess() {
    Vitals v = Vitals.none();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<Vital, TextField> e : vitals.entrySet()) {
      try {
        v = v.withText(e.getKey(), e.getValue().getText());
        e.getValue().setStyle("");
      } catch (IllegalArgumentException ex) {
        errors.add(ex.getMessage());
        e.getValue().setStyle("-fx-border-color: #b00020;");
      }
    }
    if (!errors.isEmpty()) {
      vitalsError.setText(String.join("\n", errors));
      return;
    }
    vitalsError.setText("");
    lastCard = TriageRules.assess(new TriageInput(complaint.getText(), v, distress, imaging));
    level.setText("Level " + lastCard.level() + " — " + lastCard.levelName());
    reasons.getChildren().clear();
    for (Contribution c : lastCard.contributions()) {
      Label l =
          new Label(
              String.format(
                  Locale.ROOT,
                  "[%s] %s — %s (suggests %d, weight %.2f)",
                  c.source().name().toLowerCase(Locale.ROOT),
                  c.rule(),
                  c.evidence().isEmpty() ? "—" : c.evidence(),
                  c.suggestedLevel(),
                  c.weight()));
      l.setWrapText(true);
      reasons.getChildren().add(l);
    }
  }

  /** For tests and the intake: the vitals field of one sign. */
  TextField vitalField(Vital v) {
    return vitals.get(v);
  }
}
