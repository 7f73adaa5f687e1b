package org.sentio.app.ui.clinical;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.sentio.affect.triage.TriageCard;
import org.sentio.affect.triage.Vital;
import org.sentio.app.ui.I18n;
import org.sentio.capture.dicom.DicomSeries;
import org.sentio.capture.dicom.ImageInfo;
import org.sentio.capture.dicom.PatientIdentity;

/**
 * Clinical mode: viewer, metadata, intake (complaint, the patient's voice note, the webcam,
 * vitals), the triage card and the exports, drawn from a {@link ClinicalViewModel}. The view asks
 * for files and folders; everything else happens in the view model.
 */
public final class ClinicalView extends BorderPane {
  private static final String ERROR_STYLE = "-fx-text-fill: #b00020;";

  private final ClinicalViewModel model;
  private final I18n i18n;
  private final ClinicalChoosers choosers;

  private final DicomViewer viewer;
  private final GridPane metadata = new GridPane();
  private final ToggleButton reveal = new ToggleButton();
  private final Label status = new Label();
  private final TextArea complaint = new TextArea();
  private final Label transcriptQuestion = new Label();
  private final HBox transcriptChoice = new HBox(6);
  private final Button record = new Button();
  private final Button importVoice = new Button();
  private final ProgressBar voiceProgress = new ProgressBar(0);
  private final Button cancelVoice = new Button();
  private final HBox voiceProgressRow = new HBox(6, voiceProgress, cancelVoice);
  private final Label voiceStatus = new Label();
  private final ToggleButton webcam = new ToggleButton();
  private final ImageView webcamPreview = new ImageView();
  private final Label faceStatus = new Label();
  private final Map<Vital, TextField> vitals = new EnumMap<>(Vital.class);
  private final Label vitalsError = new Label();
  private final Label level = new Label();
  private final VBox reasons = new VBox(2);
  private final Button exportDicom = new Button();
  private final Button exportCard = new Button();
  private final ProgressBar exportProgress = new ProgressBar();
  private final Label exportStatus = new Label();
  private final ImagingPanel imagingPanel;

  /**
   * @param model the page's state and work
   * @param choosers where files, folders and the imaging model are asked for
   */
  public ClinicalView(ClinicalViewModel model, ClinicalChoosers choosers) {
    this.model = model;
    this.i18n = model.i18n();
    this.choosers = choosers;
    this.viewer = new DicomViewer(i18n);
    setId("clinical-view");

    Button open = new Button(i18n.get("clinical.open"));
    open.setId("clinical-open");
    open.setOnAction(
        e -> {
          Path dir = choosers.study(window());
          if (dir != null) {
            model.open(dir);
          }
        });
    status.setId("clinical-status");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    reveal.setId("clinical-reveal");
    reveal.setText(i18n.get("clinical.identity.show"));
    reveal.setOnAction(
        e -> {
          // The toggle follows the view model: it shows the identity once the audit log has it.
          boolean wanted = reveal.isSelected();
          reveal.setSelected(model.revealedProperty().get());
          model.setRevealed(wanted);
        });
    metadata.setId("clinical-metadata");
    metadata.setHgap(8);
    metadata.setVgap(2);
    imagingPanel =
        new ImagingPanel(
            i18n,
            model.engine(),
            model.executor(),
            choosers,
            this::window,
            this::currentSlice,
            model::setImagingFinding);
    model.revealedProperty().addListener((o, a, b) -> showMetadata());
    model
        .seriesProperty()
        .addListener(
            (o, a, b) -> {
              viewer.setSeries(b);
              imagingPanel.studyChanged();
              showMetadata();
            });

    VBox side =
        new VBox(
            8,
            open,
            status,
            heading("clinical.series", "clinical-series-title"),
            metadata,
            reveal,
            imagingPanel,
            heading("clinical.intake", "clinical-intake-title"),
            complaintBox(),
            voiceBox(),
            faceBox(),
            vitalsBox(),
            cardBox(),
            exportBox());
    side.setPadding(new Insets(8));
    side.setPrefWidth(380);
    ScrollPane scroll = new ScrollPane(side);
    scroll.setFitToWidth(true);
    setCenter(viewer);
    setRight(scroll);
  }

  private Label heading(String key, String id) {
    Label l = new Label(i18n.get(key));
    l.setId(id);
    l.setStyle("-fx-font-weight: bold;");
    return l;
  }

  private static void errorStyle(Label label, javafx.beans.value.ObservableBooleanValue error) {
    label
        .styleProperty()
        .bind(javafx.beans.binding.Bindings.when(error).then(ERROR_STYLE).otherwise(""));
  }

  private VBox complaintBox() {
    complaint.setId("clinical-complaint");
    complaint.setPromptText(i18n.get("clinical.complaint.prompt"));
    complaint.setPrefRowCount(3);
    complaint.setWrapText(true);
    complaint.textProperty().bindBidirectional(model.complaintProperty());
    transcriptQuestion.setId("clinical-transcript-question");
    transcriptQuestion.setWrapText(true);
    transcriptQuestion.textProperty().bind(model.transcriptQuestionProperty());
    Button append = new Button(i18n.get("clinical.voice.append"));
    append.setId("clinical-transcript-append");
    append.setOnAction(e -> model.resolveTranscript(ClinicalViewModel.TranscriptChoice.APPEND));
    Button replace = new Button(i18n.get("clinical.voice.replace"));
    replace.setId("clinical-transcript-replace");
    replace.setOnAction(e -> model.resolveTranscript(ClinicalViewModel.TranscriptChoice.REPLACE));
    Button keep = new Button(i18n.get("clinical.voice.keep"));
    keep.setId("clinical-transcript-keep");
    keep.setOnAction(e -> model.resolveTranscript(ClinicalViewModel.TranscriptChoice.KEEP));
    transcriptChoice.getChildren().addAll(append, replace, keep);
    transcriptChoice.setId("clinical-transcript-choice");
    VBox question = new VBox(4, transcriptQuestion, transcriptChoice);
    question.visibleProperty().bind(transcriptQuestion.textProperty().isNotEmpty());
    question.managedProperty().bind(question.visibleProperty());
    return new VBox(4, complaint, question);
  }

  private VBox voiceBox() {
    record.setId("clinical-voice-record");
    record.setText(i18n.get("clinical.voice.record"));
    record.setOnAction(e -> model.toggleRecording());
    importVoice.setId("clinical-voice-import");
    importVoice.setText(i18n.get("clinical.voice.import"));
    importVoice.setOnAction(
        e ->
            model.importVoiceNote(
                () -> choosers.voiceNote(window()), () -> choosers.transcript(window())));
    voiceProgress.setId("clinical-voice-progress");
    voiceProgress.setPrefWidth(200);
    voiceProgress.progressProperty().bind(model.voiceProgressProperty());
    cancelVoice.setId("clinical-voice-cancel");
    cancelVoice.setText(i18n.get("clinical.voice.cancel"));
    cancelVoice.setOnAction(e -> model.cancelVoice());
    voiceProgressRow.setAlignment(Pos.CENTER_LEFT);
    voiceProgressRow.setVisible(false);
    voiceProgressRow.managedProperty().bind(voiceProgressRow.visibleProperty());
    model.voiceStateProperty().addListener((o, a, b) -> showVoiceState(b));
    voiceStatus.setId("clinical-voice-status");
    voiceStatus.setWrapText(true);
    voiceStatus.textProperty().bind(model.voiceStatusProperty());
    errorStyle(voiceStatus, model.voiceErrorProperty());
    Label note = new Label(i18n.get("clinical.voice.transcriptNote"));
    note.setId("clinical-transcript-note");
    note.setWrapText(true);
    note.getStyleClass().add("text-muted");
    FlowPane buttons = new FlowPane(6, 6, record, importVoice);
    return new VBox(
        4,
        heading("clinical.voice", "clinical-voice-title"),
        buttons,
        voiceProgressRow,
        voiceStatus,
        note);
  }

  private void showVoiceState(ClinicalViewModel.VoiceState state) {
    boolean recording = state == ClinicalViewModel.VoiceState.RECORDING;
    boolean analysing = state == ClinicalViewModel.VoiceState.ANALYSING;
    record.setText(i18n.get(recording ? "clinical.voice.stop" : "clinical.voice.record"));
    record.setDisable(analysing);
    importVoice.setDisable(recording || analysing);
    voiceProgressRow.setVisible(recording || analysing);
    cancelVoice.setVisible(analysing);
  }

  private VBox faceBox() {
    webcam.setId("clinical-webcam");
    webcam.setText(i18n.get("clinical.face.webcam"));
    webcam.selectedProperty().bindBidirectional(model.webcamOnProperty());
    webcamPreview.setId("clinical-webcam-preview");
    webcamPreview.setFitWidth(160);
    webcamPreview.setPreserveRatio(true);
    webcamPreview.imageProperty().bind(model.webcamPreviewProperty());
    webcamPreview.visibleProperty().bind(webcamPreview.imageProperty().isNotNull());
    webcamPreview.managedProperty().bind(webcamPreview.visibleProperty());
    faceStatus.setId("clinical-face-status");
    faceStatus.setWrapText(true);
    faceStatus.textProperty().bind(model.faceStatusProperty());
    errorStyle(faceStatus, model.faceErrorProperty());
    return new VBox(
        4, heading("clinical.face", "clinical-face-title"), webcam, webcamPreview, faceStatus);
  }

  private VBox vitalsBox() {
    GridPane grid = new GridPane();
    grid.setHgap(6);
    grid.setVgap(4);
    int row = 0;
    for (Vital v : model.vitals()) {
      TextField f = new TextField();
      f.setId("vital-" + v.name());
      f.setPromptText(v.range());
      f.setPrefColumnCount(6);
      f.textProperty().bindBidirectional(model.vitalText(v));
      f.styleProperty()
          .bind(
              javafx.beans.binding.Bindings.when(model.vitalRefused(v))
                  .then("-fx-border-color: #b00020;")
                  .otherwise(""));
      vitals.put(v, f);
      grid.addRow(row++, new Label(v.label(i18n.locale()) + " (" + v.unit() + ")"), f);
    }
    vitalsError.setId("clinical-vitals-error");
    vitalsError.setWrapText(true);
    vitalsError.setStyle(ERROR_STYLE);
    vitalsError.textProperty().bind(model.vitalsErrorProperty());
    Button assess = new Button(i18n.get("clinical.assess"));
    assess.setId("clinical-assess");
    assess.setDefaultButton(true);
    assess.setOnAction(e -> model.assess());
    return new VBox(
        4, heading("clinical.vitals", "clinical-vitals-title"), grid, vitalsError, assess);
  }

  private VBox cardBox() {
    level.setId("clinical-level");
    level.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
    level.textProperty().bind(model.levelProperty());
    reasons.setId("clinical-reasons");
    model
        .reasons()
        .addListener(
            (javafx.collections.ListChangeListener<String>)
                change -> {
                  reasons.getChildren().clear();
                  for (String line : model.reasons()) {
                    Label l = new Label(line);
                    l.setWrapText(true);
                    reasons.getChildren().add(l);
                  }
                });
    Label disclaimer =
        new Label(model.chinese() ? TriageCard.DISCLAIMER_ZH : TriageCard.DISCLAIMER);
    disclaimer.setId("clinical-disclaimer");
    disclaimer.setStyle("-fx-font-weight: bold;");
    VBox card = new VBox(4, disclaimer, level, reasons);
    card.setId("clinical-card");
    card.setPadding(new Insets(6));
    card.setStyle("-fx-border-color: #888; -fx-border-radius: 4;");
    return card;
  }

  private VBox exportBox() {
    exportDicom.setId("clinical-export-dicom");
    exportDicom.setText(i18n.get("clinical.export.dicom"));
    exportDicom.setOnAction(e -> model.exportDeidentified(() -> choosers.exportFolder(window())));
    exportDicom.disableProperty().bind(model.exportBusyProperty());
    exportCard.setId("clinical-export-card");
    exportCard.setText(i18n.get("clinical.export.card"));
    exportCard.setOnAction(e -> model.exportTriageCard(() -> choosers.cardFile(window())));
    exportCard.disableProperty().bind(model.exportBusyProperty());
    exportProgress.setId("clinical-export-progress");
    exportProgress.visibleProperty().bind(model.exportBusyProperty());
    exportProgress.managedProperty().bind(exportProgress.visibleProperty());
    exportStatus.setId("clinical-export-status");
    exportStatus.setWrapText(true);
    exportStatus.textProperty().bind(model.exportStatusProperty());
    errorStyle(exportStatus, model.exportErrorProperty());
    return new VBox(
        4,
        heading("clinical.exports", "clinical-exports-title"),
        new FlowPane(6, 6, exportDicom, exportCard),
        exportProgress,
        exportStatus);
  }

  private Window window() {
    return getScene() == null ? null : getScene().getWindow();
  }

  public DicomViewer viewer() {
    return viewer;
  }

  public ClinicalViewModel model() {
    return model;
  }

  /** Opens a file or folder off the JavaFX thread; refusals are shown in the status line. */
  public void open(Path path) {
    model.open(path);
  }

  private ImagingPanel.CurrentSlice currentSlice() {
    DicomSeries series = model.seriesProperty().get();
    if (series == null) {
      return null;
    }
    int index = viewer.sliceIndex();
    return new ImagingPanel.CurrentSlice(series.slice(index), index + 1);
  }

  public TriageCard lastCard() {
    return model.lastCard();
  }

  /** Reads the form, refuses impossible vitals with their range, and shows the card. */
  public void assess() {
    model.assess();
  }

  private void showMetadata() {
    metadata.getChildren().clear();
    boolean shown = model.revealedProperty().get();
    reveal.setSelected(shown);
    reveal.setText(i18n.get(shown ? "clinical.identity.hide" : "clinical.identity.show"));
    DicomSeries series = model.seriesProperty().get();
    if (series == null) {
      return;
    }
    PatientIdentity id = model.shownIdentity();
    ImageInfo i = series.info();
    int r = 0;
    r = row(r, "clinical.meta.patient", id.name(), "clinical-patient-name");
    r = row(r, "clinical.meta.patientId", id.id(), "clinical-patient-id");
    r = row(r, "clinical.meta.birthDate", id.birthDate(), null);
    r = row(r, "clinical.meta.modality", i.modality(), null);
    r = row(r, "clinical.meta.studyDate", i.studyDate(), null);
    r = row(r, "clinical.meta.series", i.seriesDescription(), null);
    r = row(r, "clinical.meta.size", i.columns() + " × " + i.rows() + " × " + series.size(), null);
    if (i.pixelSpacing().length == 2) {
      r =
          row(
              r,
              "clinical.meta.spacing",
              String.format(
                  Locale.ROOT, "%.3f × %.3f mm", i.pixelSpacing()[1], i.pixelSpacing()[0]),
              null);
    }
    row(r, "clinical.meta.transferSyntax", i.transferSyntax().displayName(), null);
  }

  private int row(int r, String key, String value, String id) {
    Label v = new Label(value == null || value.isEmpty() ? "—" : value);
    if (id != null) {
      v.setId(id);
    }
    metadata.addRow(r, new Label(i18n.get(key)), v);
    return r + 1;
  }

  /** Stops the webcam and the microphone, cancels a voice analysis; drops a recorded note. */
  public void dispose() {
    model.dispose();
    imagingPanel.dispose();
  }

  /** For tests and the intake: the vitals field of one sign. */
  TextField vitalField(Vital v) {
    return vitals.get(v);
  }
}
