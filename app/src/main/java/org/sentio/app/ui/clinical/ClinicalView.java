package org.sentio.app.ui.clinical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
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
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.triage.Contribution;
import org.sentio.affect.triage.ImagingFinding;
import org.sentio.affect.triage.TriageCard;
import org.sentio.affect.triage.TriageInput;
import org.sentio.affect.triage.TriageRules;
import org.sentio.affect.triage.Vital;
import org.sentio.affect.triage.VitalOutOfRangeException;
import org.sentio.affect.triage.Vitals;
import org.sentio.app.live.CaptureException;
import org.sentio.app.live.CaptureSource;
import org.sentio.app.live.CapturedFrame;
import org.sentio.app.live.GrabberSource;
import org.sentio.app.live.Microphones;
import org.sentio.app.ui.ArgbImages;
import org.sentio.app.ui.Engine;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Settings;
import org.sentio.app.ui.TaskExecutor;
import org.sentio.capture.dicom.Deidentifier;
import org.sentio.capture.dicom.DicomException;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSeries;
import org.sentio.capture.dicom.ImageInfo;
import org.sentio.capture.dicom.PatientIdentity;

/**
 * Clinical mode: viewer, metadata, intake (complaint, the patient's voice note, the webcam,
 * vitals), the triage card and the exports. Models, decoding and file writing run off the JavaFX
 * thread; what the user typed is never replaced without asking.
 */
public final class ClinicalView extends BorderPane {
  private static final String ERROR_STYLE = "-fx-text-fill: #b00020;";

  private final I18n i18n;
  private final Engine engine;
  private final TaskExecutor executor;
  private final Supplier<Settings> settings;
  private final Microphones microphones;
  private final ClinicalChoosers choosers;
  private final boolean chinese;

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

  private DicomSeries series;
  private Path studyPath;
  private ImagingFinding imaging;
  private TriageCard lastCard;
  private DistressReading voiceReading;
  private DistressReading faceReading;
  private String pendingTranscript;
  private VoiceNoteRecorder recorder;
  private Path recordedNote;
  private AtomicBoolean voiceCancelled;
  private WebcamFaces webcamFaces;
  private WritableImage previewImage;

  /**
   * @param engine the models (the voice note and the webcam run the real analyzers)
   * @param settings the camera, microphone and analysis settings in force
   * @param microphones where voice notes are recorded from
   * @param choosers where files, folders and the imaging model are asked for
   */
  public ClinicalView(
      I18n i18n,
      Engine engine,
      TaskExecutor executor,
      Supplier<Settings> settings,
      Microphones microphones,
      ClinicalChoosers choosers) {
    this.i18n = i18n;
    this.engine = engine;
    this.executor = executor;
    this.settings = settings;
    this.microphones = microphones;
    this.choosers = choosers;
    this.chinese = "zh".equals(i18n.locale().getLanguage());
    this.viewer = new DicomViewer(i18n);
    setId("clinical-view");

    Button open = new Button(i18n.get("clinical.open"));
    open.setId("clinical-open");
    open.setOnAction(
        e -> {
          Path dir = choosers.study(window());
          if (dir != null) {
            open(dir);
          }
        });
    status.setId("clinical-status");
    status.setWrapText(true);
    reveal.setId("clinical-reveal");
    reveal.setText(i18n.get("clinical.identity.show"));
    reveal.selectedProperty().addListener((o, a, b) -> showMetadata());
    metadata.setId("clinical-metadata");
    metadata.setHgap(8);
    metadata.setVgap(2);
    imagingPanel =
        new ImagingPanel(
            i18n,
            engine,
            executor,
            choosers,
            this::window,
            this::currentSlice,
            this::setImagingFinding);

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

  private VBox complaintBox() {
    complaint.setId("clinical-complaint");
    complaint.setPromptText(i18n.get("clinical.complaint.prompt"));
    complaint.setPrefRowCount(3);
    complaint.setWrapText(true);
    transcriptQuestion.setId("clinical-transcript-question");
    transcriptQuestion.setWrapText(true);
    Button append = new Button(i18n.get("clinical.voice.append"));
    append.setId("clinical-transcript-append");
    append.setOnAction(e -> resolveTranscript(complaint.getText().strip() + "\n"));
    Button replace = new Button(i18n.get("clinical.voice.replace"));
    replace.setId("clinical-transcript-replace");
    replace.setOnAction(e -> resolveTranscript(""));
    Button keep = new Button(i18n.get("clinical.voice.keep"));
    keep.setId("clinical-transcript-keep");
    keep.setOnAction(e -> resolveTranscript(null));
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
    record.setOnAction(e -> toggleRecording());
    importVoice.setId("clinical-voice-import");
    importVoice.setText(i18n.get("clinical.voice.import"));
    importVoice.setOnAction(e -> importVoiceNote());
    voiceProgress.setId("clinical-voice-progress");
    voiceProgress.setPrefWidth(200);
    cancelVoice.setId("clinical-voice-cancel");
    cancelVoice.setText(i18n.get("clinical.voice.cancel"));
    cancelVoice.setOnAction(
        e -> {
          if (voiceCancelled != null) {
            voiceCancelled.set(true);
          }
        });
    voiceProgressRow.setAlignment(Pos.CENTER_LEFT);
    voiceProgressRow.setVisible(false);
    voiceProgressRow.managedProperty().bind(voiceProgressRow.visibleProperty());
    voiceStatus.setId("clinical-voice-status");
    voiceStatus.setWrapText(true);
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

  private VBox faceBox() {
    webcam.setId("clinical-webcam");
    webcam.setText(i18n.get("clinical.face.webcam"));
    webcam.selectedProperty().addListener((o, was, on) -> webcamToggled(on));
    webcamPreview.setId("clinical-webcam-preview");
    webcamPreview.setFitWidth(160);
    webcamPreview.setPreserveRatio(true);
    webcamPreview.visibleProperty().bind(webcamPreview.imageProperty().isNotNull());
    webcamPreview.managedProperty().bind(webcamPreview.visibleProperty());
    faceStatus.setId("clinical-face-status");
    faceStatus.setWrapText(true);
    return new VBox(
        4, heading("clinical.face", "clinical-face-title"), webcam, webcamPreview, faceStatus);
  }

  private VBox vitalsBox() {
    GridPane grid = new GridPane();
    grid.setHgap(6);
    grid.setVgap(4);
    int row = 0;
    for (Vital v : Vital.values()) {
      TextField f = new TextField();
      f.setId("vital-" + v.name());
      f.setPromptText(v.range());
      f.setPrefColumnCount(6);
      vitals.put(v, f);
      grid.addRow(row++, new Label(v.label(i18n.locale()) + " (" + v.unit() + ")"), f);
    }
    vitalsError.setId("clinical-vitals-error");
    vitalsError.setWrapText(true);
    vitalsError.setStyle(ERROR_STYLE);
    Button assess = new Button(i18n.get("clinical.assess"));
    assess.setId("clinical-assess");
    assess.setDefaultButton(true);
    assess.setOnAction(e -> assess());
    return new VBox(
        4, heading("clinical.vitals", "clinical-vitals-title"), grid, vitalsError, assess);
  }

  private VBox cardBox() {
    level.setId("clinical-level");
    level.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
    reasons.setId("clinical-reasons");
    Label disclaimer = new Label(chinese ? TriageCard.DISCLAIMER_ZH : TriageCard.DISCLAIMER);
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
    exportDicom.setOnAction(e -> exportDeidentified());
    exportCard.setId("clinical-export-card");
    exportCard.setText(i18n.get("clinical.export.card"));
    exportCard.setOnAction(e -> exportTriageCard());
    exportProgress.setId("clinical-export-progress");
    exportProgress.setVisible(false);
    exportProgress.managedProperty().bind(exportProgress.visibleProperty());
    exportStatus.setId("clinical-export-status");
    exportStatus.setWrapText(true);
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

  /** Opens a file or folder off the JavaFX thread; refusals are shown in the status line. */
  public void open(Path path) {
    status.setText(i18n.get("clinical.opening", path));
    executor.background(
        () -> {
          try {
            DicomReader.FolderResult r = DicomReader.read(path);
            executor.ui(() -> opened(path, r));
          } catch (DicomException e) {
            executor.ui(() -> status.setText(e.getMessage()));
          } catch (RuntimeException e) {
            executor.ui(() -> status.setText(path + ": " + e.getMessage()));
          }
        });
  }

  private void opened(Path path, DicomReader.FolderResult r) {
    if (r.series().isEmpty()) {
      status.setText(
          r.refused().isEmpty()
              ? i18n.get("clinical.noImage", path)
              : r.refused().get(0).getMessage());
      return;
    }
    series = r.series().get(0);
    studyPath = path;
    viewer.setSeries(series);
    imagingPanel.studyChanged();
    status.setText(
        r.refused().isEmpty()
            ? i18n.get("clinical.slices", series.size())
            : i18n.get("clinical.slicesRefused", series.size(), r.refused().size()));
    showMetadata();
  }

  /** The installed imaging model's finding for the open study, or null; the card follows it. */
  public void setImagingFinding(ImagingFinding finding) {
    this.imaging = finding;
    reassess();
  }

  private ImagingPanel.CurrentSlice currentSlice() {
    if (series == null) {
      return null;
    }
    int index = viewer.sliceIndex();
    return new ImagingPanel.CurrentSlice(series.slice(index), index + 1);
  }

  public TriageCard lastCard() {
    return lastCard;
  }

  private void showMetadata() {
    metadata.getChildren().clear();
    reveal.setText(
        i18n.get(reveal.isSelected() ? "clinical.identity.hide" : "clinical.identity.show"));
    if (series == null) {
      return;
    }
    PatientIdentity id = reveal.isSelected() ? series.identity() : series.identity().masked();
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

  private void importVoiceNote() {
    Path audio = choosers.voiceNote(window());
    if (audio == null) {
      return;
    }
    Path transcript = choosers.transcript(window());
    analyseVoice(audio, audio.getFileName().toString(), transcript, false);
  }

  /**
   * Analyses a voice note (and its transcript, or null) off the JavaFX thread; a {@code temporary}
   * note (a recording) is deleted afterwards, so no patient voice stays on disk.
   */
  private void analyseVoice(Path audio, String source, Path transcript, boolean temporary) {
    AtomicBoolean cancelled = new AtomicBoolean();
    voiceCancelled = cancelled;
    setVoiceBusy(true);
    voiceProgress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
    voiceStatus.setStyle("");
    voiceStatus.setText(i18n.get("clinical.voice.analysing", source));
    Settings s = settings.get();
    double[] shown = {-1};
    executor.background(
        () -> {
          try {
            VoiceNoteAnalysis.Result result =
                VoiceNoteAnalysis.analyse(
                    engine,
                    s.analysisOptions(),
                    i18n,
                    audio,
                    source,
                    transcript,
                    (done, total, stage) -> {
                      double fraction = total > 0 ? Math.min(1, done / total) : -1;
                      if (Math.abs(fraction - shown[0]) >= 0.02) {
                        shown[0] = fraction;
                        executor.ui(() -> voiceProgress.setProgress(fraction));
                      }
                    },
                    cancelled::get);
            executor.ui(
                () -> {
                  // Cancel pressed while the last window was being analysed still wins.
                  if (cancelled.get()) {
                    voiceFailed(i18n.get("clinical.voice.cancelled"));
                  } else {
                    voiceAnalysed(result);
                  }
                });
          } catch (ClinicalException e) {
            executor.ui(() -> voiceFailed(e.getMessage()));
          } catch (RuntimeException e) {
            executor.ui(() -> voiceFailed(i18n.get("clinical.voice.failed", e.getMessage())));
          } finally {
            if (temporary) {
              deleteQuietly(audio);
            }
          }
        });
  }

  private void setVoiceBusy(boolean busy) {
    voiceProgressRow.setVisible(busy);
    record.setDisable(busy);
    importVoice.setDisable(busy);
  }

  private void voiceAnalysed(VoiceNoteAnalysis.Result result) {
    setVoiceBusy(false);
    DistressReading reading = result.voice();
    if (reading.isEmpty()) {
      voiceReading = null;
      voiceStatus.setText(i18n.get("clinical.voice.noSpeech", reading.source()));
    } else {
      voiceReading = reading;
      voiceStatus.setText(
          i18n.get(
              "clinical.voice.result",
              fmt(reading.score()),
              fmt(reading.meanConfidence()),
              reading.estimates().size(),
              reading.source()));
    }
    if (!result.transcriptText().isEmpty()) {
      offerTranscript(result.transcriptText());
    }
    reassess();
  }

  private void voiceFailed(String message) {
    setVoiceBusy(false);
    voiceStatus.setStyle(ERROR_STYLE);
    voiceStatus.setText(message);
  }

  /** Fills an empty complaint with the transcript; asks before touching typed text. */
  private void offerTranscript(String text) {
    String typed = complaint.getText() == null ? "" : complaint.getText().strip();
    if (typed.isEmpty()) {
      complaint.setText(text);
    } else if (!typed.contains(text.strip())) {
      pendingTranscript = text;
      transcriptQuestion.setText(i18n.get("clinical.voice.transcriptDiffers", text));
    }
  }

  /** Puts the pending transcript after {@code prefix} (null keeps the typed text as it is). */
  private void resolveTranscript(String prefix) {
    if (pendingTranscript != null && prefix != null) {
      complaint.setText(prefix + pendingTranscript);
    }
    pendingTranscript = null;
    transcriptQuestion.setText("");
  }

  private void toggleRecording() {
    if (recorder != null) {
      stopRecording();
      return;
    }
    List<String> present = microphones.names();
    if (present.isEmpty()) {
      voiceStatus.setStyle(ERROR_STYLE);
      voiceStatus.setText(i18n.get("clinical.voice.noMicrophone"));
      return;
    }
    String chosen = settings.get().microphone();
    String microphone = present.contains(chosen) ? chosen : present.get(0);
    try {
      recordedNote = Files.createTempFile("sentio-voice-note-", ".wav");
      recorder =
          VoiceNoteRecorder.start(
              microphones,
              microphone,
              recordedNote,
              new VoiceNoteRecorder.Listener() {
                @Override
                public void level(double level, double seconds) {
                  executor.ui(
                      () -> {
                        if (recorder != null) {
                          voiceProgress.setProgress(level);
                          voiceStatus.setText(
                              i18n.get(
                                  "clinical.voice.recording",
                                  microphone,
                                  String.format(Locale.ROOT, "%.1f", seconds)));
                        }
                      });
                }

                @Override
                public void ended() {
                  executor.ui(ClinicalView.this::stopRecording);
                }
              });
    } catch (CaptureException | IOException e) {
      deleteRecordedNote();
      voiceStatus.setStyle(ERROR_STYLE);
      voiceStatus.setText(i18n.get("clinical.voice.microphoneFailed", microphone, e.getMessage()));
      return;
    }
    voiceStatus.setStyle("");
    voiceStatus.setText(i18n.get("clinical.voice.recording", microphone, "0.0"));
    record.setText(i18n.get("clinical.voice.stop"));
    importVoice.setDisable(true);
    voiceProgress.setProgress(0);
    voiceProgressRow.setVisible(true);
    cancelVoice.setVisible(false);
  }

  private void stopRecording() {
    VoiceNoteRecorder r = recorder;
    if (r == null) {
      return;
    }
    recorder = null;
    record.setText(i18n.get("clinical.voice.record"));
    cancelVoice.setVisible(true);
    Path note = recordedNote;
    recordedNote = null;
    String source = i18n.get("clinical.voice.recordedSource");
    executor.background(
        () -> {
          try {
            r.stop();
            executor.ui(() -> analyseVoice(note, source, null, true));
          } catch (IOException e) {
            deleteQuietly(note);
            executor.ui(() -> voiceFailed(i18n.get("clinical.voice.failed", e.getMessage())));
          }
        });
  }

  private void deleteRecordedNote() {
    Path note = recordedNote;
    recordedNote = null;
    if (note != null) {
      deleteQuietly(note);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temporary file that the system's temporary folder cleanup removes later
    }
  }

  private void webcamToggled(boolean on) {
    if (!on) {
      if (webcamFaces != null) {
        webcamFaces.stop();
      }
      return;
    }
    if (webcamFaces != null) {
      return;
    }
    Settings s = settings.get();
    String camera = s.camera() == null ? "virtual" : s.camera();
    CaptureSource source =
        "virtual".equals(camera)
            ? GrabberSource.virtualCamera(Path.of(s.virtualCameraFile()))
            : GrabberSource.camera(camera);
    faceStatus.setStyle("");
    faceStatus.setText(i18n.get("clinical.face.starting", source.description()));
    executor.background(
        () -> {
          Analyzers analyzers;
          try {
            analyzers = engine.analyzers();
          } catch (Exception e) {
            executor.ui(() -> webcamFailed(e.getMessage()));
            return;
          }
          executor.ui(() -> startWebcam(source, analyzers));
        });
  }

  private void startWebcam(CaptureSource source, Analyzers analyzers) {
    if (!webcam.isSelected()) {
      source.close();
      return;
    }
    webcamFaces =
        WebcamFaces.start(
            source,
            analyzers,
            new WebcamFaces.Listener() {
              @Override
              public void analysed(
                  CapturedFrame frame, List<AffectEstimate> estimates, double seconds) {
                executor.ui(() -> faceRead(frame, estimates, source.description()));
              }

              @Override
              public void ended(List<AffectEstimate> estimates) {
                executor.ui(
                    () -> {
                      webcamFaces = null;
                      faceRead(null, estimates, source.description());
                      webcam.setSelected(false);
                      reassess();
                    });
              }

              @Override
              public void failed(String message) {
                executor.ui(() -> webcamFailed(message));
              }
            });
  }

  private void faceRead(CapturedFrame frame, List<AffectEstimate> estimates, String source) {
    if (frame != null) {
      previewImage = ArgbImages.write(previewImage, frame.width(), frame.height(), frame.argb());
      webcamPreview.setImage(previewImage);
    }
    DistressReading reading = new DistressReading(Modality.FACE, estimates, source);
    if (reading.isEmpty()) {
      faceStatus.setText(i18n.get("clinical.face.noFace", source));
      return;
    }
    faceReading = reading;
    faceStatus.setText(
        i18n.get(
            "clinical.face.reading",
            fmt(reading.score()),
            fmt(reading.meanConfidence()),
            reading.estimates().size(),
            source));
  }

  private void webcamFailed(String message) {
    webcamFaces = null;
    webcam.setSelected(false);
    faceStatus.setStyle(ERROR_STYLE);
    faceStatus.setText(i18n.get("clinical.face.failed", message));
  }

  /** Reads the form, refuses impossible vitals with their range, and shows the card. */
  public void assess() {
    Vitals v = Vitals.none();
    List<String> errors = new ArrayList<>();
    for (Map.Entry<Vital, TextField> e : vitals.entrySet()) {
      try {
        v = v.withText(e.getKey(), e.getValue().getText());
        e.getValue().setStyle("");
      } catch (VitalOutOfRangeException ex) {
        errors.add(chinese ? ex.messageZh() : ex.getMessage());
        e.getValue().setStyle("-fx-border-color: #b00020;");
      }
    }
    if (!errors.isEmpty()) {
      vitalsError.setText(String.join("\n", errors));
      return;
    }
    vitalsError.setText("");
    List<AffectEstimate> distress = new ArrayList<>();
    if (voiceReading != null) {
      distress.addAll(voiceReading.estimates());
    }
    if (faceReading != null) {
      distress.addAll(faceReading.estimates());
    }
    lastCard = TriageRules.assess(new TriageInput(complaint.getText(), v, distress, imaging));
    level.setText(
        i18n.get(
            "clinical.level",
            lastCard.level(),
            chinese ? lastCard.levelNameZh() : lastCard.levelName()));
    reasons.getChildren().clear();
    for (Contribution c : lastCard.contributions()) {
      Label l = new Label(reason(c));
      l.setWrapText(true);
      reasons.getChildren().add(l);
    }
  }

  private void reassess() {
    if (lastCard != null) {
      assess();
    }
  }

  private String reason(Contribution c) {
    String text =
        i18n.get(
            "clinical.reason",
            i18n.get("clinical.source." + c.source().name()),
            c.rule(),
            c.evidence().isEmpty() ? "—" : c.evidence(),
            c.suggestedLevel(),
            fmt(c.weight()));
    DistressReading from =
        switch (c.source()) {
          case VOICE -> voiceReading;
          case FACE -> faceReading;
          default -> null;
        };
    return from == null ? text : text + " · " + i18n.get("clinical.reason.from", from.source());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private void exportDeidentified() {
    if (studyPath == null) {
      exportFailed(i18n.get("clinical.export.noStudy"));
      return;
    }
    Path folder = choosers.exportFolder(window());
    if (folder == null) {
      return;
    }
    Path study = studyPath;
    exporting(true);
    executor.background(
        () -> {
          try {
            Deidentifier.Export done = ClinicalExports.deidentify(study, folder, i18n);
            executor.ui(() -> deidentified(done, folder));
          } catch (ClinicalException e) {
            executor.ui(() -> exportFailed(e.getMessage()));
          }
        });
  }

  private void deidentified(Deidentifier.Export done, Path folder) {
    exporting(false);
    List<String> lines = new ArrayList<>();
    lines.add(i18n.get("clinical.export.dicom.done", done.written().size(), folder));
    if (!done.refused().isEmpty()) {
      lines.add(
          i18n.get(
              "clinical.export.dicom.refused",
              done.refused().size(),
              done.refused().get(0).getMessage()));
    }
    lines.addAll(done.warnings());
    exportStatus.setText(String.join("\n", lines));
  }

  private void exportTriageCard() {
    if (lastCard == null) {
      exportFailed(i18n.get("clinical.export.noCard"));
      return;
    }
    Path file = choosers.cardFile(window());
    if (file == null) {
      return;
    }
    TriageCard card = lastCard;
    exporting(true);
    executor.background(
        () -> {
          try {
            Path written = ClinicalExports.writeCard(card, i18n.locale(), file, i18n);
            executor.ui(
                () -> {
                  exporting(false);
                  exportStatus.setText(i18n.get("clinical.export.card.done", written));
                });
          } catch (ClinicalException e) {
            executor.ui(() -> exportFailed(e.getMessage()));
          }
        });
  }

  private void exporting(boolean busy) {
    exportProgress.setVisible(busy);
    exportDicom.setDisable(busy);
    exportCard.setDisable(busy);
    exportStatus.setStyle("");
    if (busy) {
      exportStatus.setText(i18n.get("clinical.export.running"));
    }
  }

  private void exportFailed(String message) {
    exporting(false);
    exportStatus.setStyle(ERROR_STYLE);
    exportStatus.setText(message);
  }

  /** Stops the webcam and the microphone, cancels a voice analysis; drops a recorded note. */
  public void dispose() {
    webcam.setSelected(false);
    if (recorder != null) {
      recorder.discard();
      recorder = null;
    }
    if (voiceCancelled != null) {
      voiceCancelled.set(true);
    }
    deleteRecordedNote();
    imagingPanel.dispose();
  }

  /** For tests and the intake: the vitals field of one sign. */
  TextField vitalField(Vital v) {
    return vitals.get(v);
  }
}
