package org.sentio.app.ui.clinical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
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
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.StoreException;
import org.sentio.app.ui.ArgbImages;
import org.sentio.app.ui.Engine;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Settings;
import org.sentio.app.ui.TaskExecutor;
import org.sentio.capture.dicom.Deidentifier;
import org.sentio.capture.dicom.DicomException;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSeries;
import org.sentio.capture.dicom.PatientIdentity;

/**
 * The state of the clinical page: the open study and whether its patient is shown, the intake
 * (complaint, voice note, webcam, vitals), the triage card and the exports. Models, decoding, file
 * writing and the audit log run off the JavaFX thread; what the user typed is never replaced
 * without asking. Opening a study, showing its patient and each export are written to the store's
 * audit log with the local user's name, the patient being shown only once the entry is written.
 */
public final class ClinicalViewModel {
  /** Where the voice note is: idle, recording from the microphone, or being analysed. */
  public enum VoiceState {
    IDLE,
    RECORDING,
    ANALYSING
  }

  /** What to do with a voice note's transcript when the complaint already holds other text. */
  public enum TranscriptChoice {
    APPEND,
    REPLACE,
    KEEP
  }

  private final I18n i18n;
  private final Engine engine;
  private final TaskExecutor executor;
  private final Supplier<Settings> settings;
  private final Microphones microphones;
  private final AuditRepository audit;
  private final boolean chinese;

  private final StringProperty status = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<DicomSeries> series = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyBooleanWrapper revealed = new ReadOnlyBooleanWrapper(false);
  private final StringProperty complaint = new SimpleStringProperty("");
  private final StringProperty transcriptQuestion = new SimpleStringProperty("");
  private final ObjectProperty<VoiceState> voiceState = new SimpleObjectProperty<>(VoiceState.IDLE);
  private final DoubleProperty voiceProgress = new SimpleDoubleProperty(0);
  private final StringProperty voiceStatus = new SimpleStringProperty("");
  private final BooleanProperty voiceError = new SimpleBooleanProperty(false);
  private final BooleanProperty webcamOn = new SimpleBooleanProperty(false);
  private final ObjectProperty<Image> webcamPreview = new SimpleObjectProperty<>();
  private final StringProperty faceStatus = new SimpleStringProperty("");
  private final BooleanProperty faceError = new SimpleBooleanProperty(false);
  private final Map<Vital, StringProperty> vitalTexts = new EnumMap<>(Vital.class);
  private final Map<Vital, BooleanProperty> vitalRefused = new EnumMap<>(Vital.class);
  private final StringProperty vitalsError = new SimpleStringProperty("");
  private final ReadOnlyObjectWrapper<TriageCard> card = new ReadOnlyObjectWrapper<>();
  private final StringProperty level = new SimpleStringProperty("");
  private final ObservableList<String> reasons = FXCollections.observableArrayList();
  private final BooleanProperty exportBusy = new SimpleBooleanProperty(false);
  private final StringProperty exportStatus = new SimpleStringProperty("");
  private final BooleanProperty exportError = new SimpleBooleanProperty(false);

  private Path studyPath;
  private ImagingFinding imaging;
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
   * @param audit the store's audit log, where opening, revealing and exporting are written
   */
  public ClinicalViewModel(
      I18n i18n,
      Engine engine,
      TaskExecutor executor,
      Supplier<Settings> settings,
      Microphones microphones,
      AuditRepository audit) {
    this.i18n = i18n;
    this.engine = engine;
    this.executor = executor;
    this.settings = settings;
    this.microphones = microphones;
    this.audit = audit;
    this.chinese = "zh".equals(i18n.locale().getLanguage());
    for (Vital v : Vital.values()) {
      vitalTexts.put(v, new SimpleStringProperty(""));
      vitalRefused.put(v, new SimpleBooleanProperty(false));
    }
    webcamOn.addListener((o, was, on) -> webcamToggled(on));
  }

  public I18n i18n() {
    return i18n;
  }

  public Engine engine() {
    return engine;
  }

  public TaskExecutor executor() {
    return executor;
  }

  /** Whether the page speaks Chinese (the triage card's disclaimer and level names). */
  public boolean chinese() {
    return chinese;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public ReadOnlyObjectProperty<DicomSeries> seriesProperty() {
    return series.getReadOnlyProperty();
  }

  /** Whether the patient's identity is shown (set only after the audit log recorded it). */
  public ReadOnlyBooleanProperty revealedProperty() {
    return revealed.getReadOnlyProperty();
  }

  /** The identity to show: the patient's own when revealed, else masked; null without a study. */
  public PatientIdentity shownIdentity() {
    DicomSeries s = series.get();
    if (s == null) {
      return null;
    }
    return revealed.get() ? s.identity() : s.identity().masked();
  }

  public StringProperty complaintProperty() {
    return complaint;
  }

  /** The question asked when a voice note's transcript differs from typed text; empty when none. */
  public StringProperty transcriptQuestionProperty() {
    return transcriptQuestion;
  }

  public ObjectProperty<VoiceState> voiceStateProperty() {
    return voiceState;
  }

  /** The analysis progress (or the microphone level while recording); negative: indeterminate. */
  public DoubleProperty voiceProgressProperty() {
    return voiceProgress;
  }

  public StringProperty voiceStatusProperty() {
    return voiceStatus;
  }

  public BooleanProperty voiceErrorProperty() {
    return voiceError;
  }

  /** The webcam toggle: on starts the camera and the face model, off stops them. */
  public BooleanProperty webcamOnProperty() {
    return webcamOn;
  }

  public ObjectProperty<Image> webcamPreviewProperty() {
    return webcamPreview;
  }

  public StringProperty faceStatusProperty() {
    return faceStatus;
  }

  public BooleanProperty faceErrorProperty() {
    return faceError;
  }

  /** What is typed in the field of one vital sign. */
  public StringProperty vitalText(Vital v) {
    return vitalTexts.get(v);
  }

  /** Whether the last assessment refused the value of one vital sign. */
  public BooleanProperty vitalRefused(Vital v) {
    return vitalRefused.get(v);
  }

  public StringProperty vitalsErrorProperty() {
    return vitalsError;
  }

  public ReadOnlyObjectProperty<TriageCard> cardProperty() {
    return card.getReadOnlyProperty();
  }

  public TriageCard lastCard() {
    return card.get();
  }

  public StringProperty levelProperty() {
    return level;
  }

  /** One line per contribution of the card, in the page's language. */
  public ObservableList<String> reasons() {
    return reasons;
  }

  public BooleanProperty exportBusyProperty() {
    return exportBusy;
  }

  public StringProperty exportStatusProperty() {
    return exportStatus;
  }

  public BooleanProperty exportErrorProperty() {
    return exportError;
  }

  /** Opens a file or folder off the JavaFX thread; refusals are shown in the status line. */
  public void open(Path path) {
    status.set(i18n.get("clinical.opening", path));
    executor.background(
        () -> {
          try {
            DicomReader.FolderResult r = DicomReader.read(path);
            if (!r.series().isEmpty()) {
              record(AuditRepository.Action.OPEN, r.series().get(0), path, "clinical: opened");
            }
            executor.ui(() -> opened(path, r));
          } catch (DicomException e) {
            executor.ui(() -> status.set(e.getMessage()));
          } catch (StoreException e) {
            executor.ui(() -> status.set(i18n.get("clinical.audit.failed", e.getMessage())));
          } catch (RuntimeException e) {
            executor.ui(() -> status.set(path + ": " + e.getMessage()));
          }
        });
  }

  private void opened(Path path, DicomReader.FolderResult r) {
    if (r.series().isEmpty()) {
      status.set(
          r.refused().isEmpty()
              ? i18n.get("clinical.noImage", path)
              : r.refused().get(0).getMessage());
      return;
    }
    studyPath = path;
    revealed.set(false);
    series.set(r.series().get(0));
    status.set(
        r.refused().isEmpty()
            ? i18n.get("clinical.slices", series.get().size())
            : i18n.get("clinical.slicesRefused", series.get().size(), r.refused().size()));
  }

  /**
   * Shows or hides the patient's identity. Showing it is written to the audit log first (off the
   * JavaFX thread); when that fails, the identity stays masked and the status says why.
   */
  public void setRevealed(boolean show) {
    DicomSeries shown = series.get();
    if (!show || shown == null) {
      revealed.set(false);
      return;
    }
    Path path = studyPath;
    executor.background(
        () -> {
          try {
            record(AuditRepository.Action.REVEAL, shown, path, "clinical: patient identity shown");
            executor.ui(
                () -> {
                  if (series.get() == shown) {
                    revealed.set(true);
                  }
                });
          } catch (StoreException e) {
            executor.ui(
                () -> {
                  revealed.set(false);
                  status.set(i18n.get("clinical.audit.failed", e.getMessage()));
                });
          }
        });
  }

  private void record(AuditRepository.Action action, DicomSeries study, Path path, String detail)
      throws StoreException {
    audit.append(
        action,
        "study " + study.info().studyInstanceUid(),
        detail + " (" + path.toAbsolutePath().normalize() + ")");
  }

  /** The installed imaging model's finding for the open study, or null; the card follows it. */
  public void setImagingFinding(ImagingFinding finding) {
    this.imaging = finding;
    reassess();
  }

  /**
   * Analyses a voice note chosen by the user: asks for the file and its transcript (null: none).
   */
  public void importVoiceNote(Supplier<Path> askAudio, Supplier<Path> askTranscript) {
    Path audio = askAudio.get();
    if (audio == null) {
      return;
    }
    Path transcript = askTranscript.get();
    analyseVoice(audio, audio.getFileName().toString(), transcript, false);
  }

  /** Stops the voice analysis under way; the last window being analysed still finishes. */
  public void cancelVoice() {
    if (voiceCancelled != null) {
      voiceCancelled.set(true);
    }
  }

  /**
   * Analyses a voice note (and its transcript, or null) off the JavaFX thread; a {@code temporary}
   * note (a recording) is deleted afterwards, so no patient voice stays on disk.
   */
  private void analyseVoice(Path audio, String source, Path transcript, boolean temporary) {
    AtomicBoolean cancelled = new AtomicBoolean();
    voiceCancelled = cancelled;
    voiceState.set(VoiceState.ANALYSING);
    voiceProgress.set(-1);
    voiceError.set(false);
    voiceStatus.set(i18n.get("clinical.voice.analysing", source));
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
                        executor.ui(() -> voiceProgress.set(fraction));
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

  private void voiceAnalysed(VoiceNoteAnalysis.Result result) {
    voiceState.set(VoiceState.IDLE);
    DistressReading reading = result.voice();
    if (reading.isEmpty()) {
      voiceReading = null;
      voiceStatus.set(i18n.get("clinical.voice.noSpeech", reading.source()));
    } else {
      voiceReading = reading;
      voiceStatus.set(
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
    voiceState.set(VoiceState.IDLE);
    voiceError.set(true);
    voiceStatus.set(message);
  }

  /** Fills an empty complaint with the transcript; asks before touching typed text. */
  private void offerTranscript(String text) {
    String typed = complaint.get() == null ? "" : complaint.get().strip();
    if (typed.isEmpty()) {
      complaint.set(text);
    } else if (!typed.contains(text.strip())) {
      pendingTranscript = text;
      transcriptQuestion.set(i18n.get("clinical.voice.transcriptDiffers", text));
    }
  }

  /** Answers the question about a transcript that differs from the typed complaint. */
  public void resolveTranscript(TranscriptChoice choice) {
    if (pendingTranscript != null) {
      switch (choice) {
        case APPEND -> complaint.set(complaint.get().strip() + "\n" + pendingTranscript);
        case REPLACE -> complaint.set(pendingTranscript);
        case KEEP -> {
          // the typed text stays as it is
        }
      }
    }
    pendingTranscript = null;
    transcriptQuestion.set("");
  }

  /** Starts recording a voice note from the chosen microphone, or stops and analyses it. */
  public void toggleRecording() {
    if (recorder != null) {
      stopRecording();
      return;
    }
    List<String> present = microphones.names();
    if (present.isEmpty()) {
      voiceError.set(true);
      voiceStatus.set(i18n.get("clinical.voice.noMicrophone"));
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
                          voiceProgress.set(level);
                          voiceStatus.set(
                              i18n.get(
                                  "clinical.voice.recording",
                                  microphone,
                                  String.format(Locale.ROOT, "%.1f", seconds)));
                        }
                      });
                }

                @Override
                public void ended() {
                  executor.ui(ClinicalViewModel.this::stopRecording);
                }
              });
    } catch (CaptureException | IOException e) {
      deleteRecordedNote();
      voiceError.set(true);
      voiceStatus.set(i18n.get("clinical.voice.microphoneFailed", microphone, e.getMessage()));
      return;
    }
    voiceError.set(false);
    voiceStatus.set(i18n.get("clinical.voice.recording", microphone, "0.0"));
    voiceProgress.set(0);
    voiceState.set(VoiceState.RECORDING);
  }

  private void stopRecording() {
    VoiceNoteRecorder r = recorder;
    if (r == null) {
      return;
    }
    recorder = null;
    voiceState.set(VoiceState.ANALYSING);
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
    faceError.set(false);
    faceStatus.set(i18n.get("clinical.face.starting", source.description()));
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
    if (!webcamOn.get()) {
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
                      webcamOn.set(false);
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
      webcamPreview.set(previewImage);
    }
    DistressReading reading = new DistressReading(Modality.FACE, estimates, source);
    if (reading.isEmpty()) {
      faceStatus.set(i18n.get("clinical.face.noFace", source));
      return;
    }
    faceReading = reading;
    faceStatus.set(
        i18n.get(
            "clinical.face.reading",
            fmt(reading.score()),
            fmt(reading.meanConfidence()),
            reading.estimates().size(),
            source));
  }

  private void webcamFailed(String message) {
    webcamFaces = null;
    webcamOn.set(false);
    faceError.set(true);
    faceStatus.set(i18n.get("clinical.face.failed", message));
  }

  /** Reads the form, refuses impossible vitals with their range, and shows the card. */
  public void assess() {
    Vitals v = Vitals.none();
    List<String> errors = new ArrayList<>();
    for (Vital vital : Vital.values()) {
      try {
        v = v.withText(vital, vitalTexts.get(vital).get());
        vitalRefused.get(vital).set(false);
      } catch (VitalOutOfRangeException ex) {
        errors.add(chinese ? ex.messageZh() : ex.getMessage());
        vitalRefused.get(vital).set(true);
      }
    }
    if (!errors.isEmpty()) {
      vitalsError.set(String.join("\n", errors));
      return;
    }
    vitalsError.set("");
    List<AffectEstimate> distress = new ArrayList<>();
    if (voiceReading != null) {
      distress.addAll(voiceReading.estimates());
    }
    if (faceReading != null) {
      distress.addAll(faceReading.estimates());
    }
    TriageCard assessed =
        TriageRules.assess(new TriageInput(complaint.get(), v, distress, imaging));
    card.set(assessed);
    level.set(
        i18n.get(
            "clinical.level",
            assessed.level(),
            chinese ? assessed.levelNameZh() : assessed.levelName()));
    List<String> lines = new ArrayList<>();
    for (Contribution c : assessed.contributions()) {
      lines.add(reason(c));
    }
    reasons.setAll(lines);
  }

  private void reassess() {
    if (card.get() != null) {
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

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** Writes a de-identified copy of the open study into the folder the user chooses. */
  public void exportDeidentified(Supplier<Path> askFolder) {
    if (studyPath == null) {
      exportFailed(i18n.get("clinical.export.noStudy"));
      return;
    }
    Path folder = askFolder.get();
    if (folder == null) {
      return;
    }
    Path study = studyPath;
    DicomSeries exported = series.get();
    exporting(true);
    executor.background(
        () -> {
          try {
            Deidentifier.Export done = ClinicalExports.deidentify(study, folder, i18n);
            audit.append(
                AuditRepository.Action.EXPORT,
                "study " + exported.info().studyInstanceUid(),
                "clinical: de-identified DICOM, "
                    + done.written().size()
                    + " files to "
                    + folder.toAbsolutePath().normalize());
            executor.ui(() -> deidentified(done, folder));
          } catch (ClinicalException e) {
            executor.ui(() -> exportFailed(e.getMessage()));
          } catch (StoreException e) {
            executor.ui(() -> exportFailed(i18n.get("clinical.audit.failed", e.getMessage())));
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
    exportStatus.set(String.join("\n", lines));
  }

  /** Writes the triage card (PDF or HTML) to the file the user chooses. */
  public void exportTriageCard(Supplier<Path> askFile) {
    TriageCard exported = card.get();
    if (exported == null) {
      exportFailed(i18n.get("clinical.export.noCard"));
      return;
    }
    Path file = askFile.get();
    if (file == null) {
      return;
    }
    DicomSeries study = series.get();
    exporting(true);
    executor.background(
        () -> {
          try {
            Path written = ClinicalExports.writeCard(exported, i18n.locale(), file, i18n);
            audit.append(
                AuditRepository.Action.EXPORT,
                study == null ? "triage card" : "study " + study.info().studyInstanceUid(),
                "clinical: triage card to " + written.toAbsolutePath().normalize());
            executor.ui(
                () -> {
                  exporting(false);
                  exportStatus.set(i18n.get("clinical.export.card.done", written));
                });
          } catch (ClinicalException e) {
            executor.ui(() -> exportFailed(e.getMessage()));
          } catch (StoreException e) {
            executor.ui(() -> exportFailed(i18n.get("clinical.audit.failed", e.getMessage())));
          }
        });
  }

  private void exporting(boolean busy) {
    exportBusy.set(busy);
    exportError.set(false);
    if (busy) {
      exportStatus.set(i18n.get("clinical.export.running"));
    }
  }

  private void exportFailed(String message) {
    exporting(false);
    exportError.set(true);
    exportStatus.set(message);
  }

  /** The vital signs, in the order the form shows them. */
  public List<Vital> vitals() {
    return Collections.unmodifiableList(List.of(Vital.values()));
  }

  /** Stops the webcam and the microphone, cancels a voice analysis; drops a recorded note. */
  public void dispose() {
    webcamOn.set(false);
    if (recorder != null) {
      recorder.discard();
      recorder = null;
    }
    cancelVoice();
    deleteRecordedNote();
  }
}
