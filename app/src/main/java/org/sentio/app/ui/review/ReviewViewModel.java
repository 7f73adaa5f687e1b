package org.sentio.app.ui.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.affect.pipeline.Speaker;
import org.sentio.affect.pipeline.SpeakerRole;
import org.sentio.affect.pipeline.TrackReading;
import org.sentio.affect.pipeline.TranscriptCorrection;
import org.sentio.affect.pipeline.Utterance;
import org.sentio.app.store.Annotation;
import org.sentio.app.store.AuditRepository;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.SpeakerRepository;
import org.sentio.app.store.StoreException;
import org.sentio.app.store.StoredSession;
import org.sentio.app.ui.ErrorReporter;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.TaskExecutor;
import org.sentio.capture.media.VideoFrame;
import org.sentio.reports.Format;
import org.sentio.reports.ReportLanguage;
import org.sentio.reports.ReportOptions;
import org.sentio.reports.Reports;

/**
 * One session under review: the playhead, the window under it, the transcript line under it, the
 * picture at it (decoded off the UI thread, the latest request winning), the selected span and the
 * annotations.
 */
public final class ReviewViewModel implements AutoCloseable {
  private final SessionStore store;
  private final TaskExecutor executor;
  private final ErrorReporter errors;
  private final I18n i18n;
  private final FaceFinder faces;
  private final java.util.function.Supplier<String> author;
  private final AudioOutput audioOutput;

  private final ObjectProperty<StoredSession> session = new SimpleObjectProperty<>();
  private final ObservableList<AffectWindow> windows = FXCollections.observableArrayList();
  private final ObservableList<Utterance> transcript = FXCollections.observableArrayList();
  private final ObservableList<Annotation> annotations = FXCollections.observableArrayList();
  private final ObservableList<TrackReading> faceTracks = FXCollections.observableArrayList();
  private final ObservableList<Speaker> speakers = FXCollections.observableArrayList();
  private final DoubleProperty duration = new SimpleDoubleProperty(0);
  private final DoubleProperty position = new SimpleDoubleProperty(0);
  private final ObjectProperty<AffectWindow> currentWindow = new SimpleObjectProperty<>();
  private final IntegerProperty currentUtterance = new SimpleIntegerProperty(-1);
  private final DoubleProperty selectionStart = new SimpleDoubleProperty(Double.NaN);
  private final DoubleProperty selectionEnd = new SimpleDoubleProperty(Double.NaN);
  private final ObjectProperty<Emotion> label = new SimpleObjectProperty<>(Emotion.NEUTRAL);
  private final BooleanProperty playing = new SimpleBooleanProperty(false);
  private final ObjectProperty<FrameImage> frame = new SimpleObjectProperty<>();
  private final StringProperty exportStatus = new SimpleStringProperty("");
  private final StringProperty audioNote = new SimpleStringProperty("");

  private TranscriptCorrector corrector;
  private volatile AuditRepository audit;
  private SpeakerRepository speakerRoles;
  private final AtomicReference<double[]> pendingFrame = new AtomicReference<>();
  private final AtomicBoolean decoding = new AtomicBoolean();
  private VideoFrames frames;
  private AudioPlayback audio;
  private volatile long generation;
  private boolean clockDriven;
  private double lastClock = Double.NaN;
  private double sinceClock;

  public ReviewViewModel(
      SessionStore store,
      TaskExecutor executor,
      ErrorReporter errors,
      I18n i18n,
      FaceFinder faces,
      java.util.function.Supplier<String> author) {
    this(store, executor, errors, i18n, faces, author, AudioOutput.NONE);
  }

  /** As above, playing the session's sound through {@code audioOutput}. */
  public ReviewViewModel(
      SessionStore store,
      TaskExecutor executor,
      ErrorReporter errors,
      I18n i18n,
      FaceFinder faces,
      java.util.function.Supplier<String> author,
      AudioOutput audioOutput) {
    this.audioOutput = audioOutput;
    this.store = store;
    this.executor = executor;
    this.errors = errors;
    this.i18n = i18n;
    this.faces = faces;
    this.author = author;
    position.addListener((o, a, b) -> onPosition(b.doubleValue()));
    playing.addListener((o, a, b) -> onPlaying(b));
  }

  public ObjectProperty<StoredSession> sessionProperty() {
    return session;
  }

  public ObservableList<AffectWindow> windows() {
    return windows;
  }

  /** Each tracked face's reading per window, for one timeline lane per person. */
  public ObservableList<TrackReading> faceTracks() {
    return faceTracks;
  }

  public ObservableList<Utterance> transcript() {
    return transcript;
  }

  /** The people told apart in the session, for one timeline lane per speaker; empty when none. */
  public ObservableList<Speaker> speakers() {
    return speakers;
  }

  /** The speaker with id {@code speakerId}, or {@code null} when the session has none such. */
  public Speaker speaker(String speakerId) {
    return speakers.stream().filter(s -> s.id().equals(speakerId)).findFirst().orElse(null);
  }

  /** The ids of the speakers heard in the window under the playhead, in order of speaking. */
  public List<String> speakersHere() {
    StoredSession s = session.get();
    AffectWindow w = currentWindow.get();
    return s == null || w == null ? List.of() : s.result().speakersIn(w);
  }

  public ObservableList<Annotation> annotations() {
    return annotations;
  }

  public DoubleProperty durationProperty() {
    return duration;
  }

  public DoubleProperty positionProperty() {
    return position;
  }

  public ObjectProperty<AffectWindow> currentWindowProperty() {
    return currentWindow;
  }

  public IntegerProperty currentUtteranceProperty() {
    return currentUtterance;
  }

  public DoubleProperty selectionStartProperty() {
    return selectionStart;
  }

  public DoubleProperty selectionEndProperty() {
    return selectionEnd;
  }

  public ObjectProperty<Emotion> labelProperty() {
    return label;
  }

  public BooleanProperty playingProperty() {
    return playing;
  }

  public ObjectProperty<FrameImage> frameProperty() {
    return frame;
  }

  public boolean hasSession() {
    return session.get() != null;
  }

  /** Loads a session and its annotations in the background, then shows its start. */
  public void open(long id) {
    long gen = ++generation;
    playing.set(false);
    executor.background(
        () -> {
          try {
            StoredSession s =
                store
                    .sessions()
                    .load(id)
                    .orElseThrow(
                        () -> new StoreException(i18n.get("error.review.missing", id), null));
            List<Annotation> notes = store.annotations().list(id);
            record(AuditRepository.Action.OPEN, id, "desktop: opened for review");
            VideoFrames opened = openFrames(s.result());
            executor.ui(
                () -> {
                  if (gen != generation) {
                    if (opened != null) {
                      opened.close();
                    }
                    return;
                  }
                  closeFrames();
                  closeAudio();
                  frames = opened;
                  audioNote.set("");
                  show(s, notes);
                  executor.background(() -> attachAudio(s.result(), gen));
                });
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("error.review.title"), e.getMessage(), e));
          }
        });
  }

  private static VideoFrames openFrames(SessionResult result) {
    if (result.media() == null || !result.media().hasVideo()) {
      return null;
    }
    Path file = Path.of(result.media().path());
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return VideoFrames.open(file);
    } catch (Exception | LinkageError e) {
      return null;
    }
  }

  /**
   * Opens the session's sound off the UI thread (decoding it may take a while: the session is shown
   * meanwhile) and hands it to the playhead where it is by then.
   */
  private void attachAudio(SessionResult result, long gen) {
    String[] note = {""};
    AudioPlayback sound = openAudio(result, gen, note);
    executor.ui(
        () -> {
          if (gen != generation) {
            if (sound != null) {
              executor.background(sound::close);
            }
            return;
          }
          audioNote.set(note[0]);
          audio = sound;
          if (sound != null) {
            lastClock = Double.NaN;
            sinceClock = 0;
            if (playing.get()) {
              sound.play(position.get());
            } else {
              sound.seek(position.get());
            }
          }
        });
  }

  /**
   * Opens the session's sound; with none to play, leaves why in {@code note[0]} (a missing audio
   * device is a note on screen, never an error).
   */
  private AudioPlayback openAudio(SessionResult result, long gen, String[] note) {
    if (result.media() == null || !result.media().hasAudio()) {
      return null;
    }
    Path file = Path.of(result.media().path());
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return audioOutput.open(
          file,
          () -> gen != generation,
          why ->
              executor.ui(
                  () -> {
                    if (gen == generation) {
                      audioNote.set(i18n.get("review.audio.failed", why));
                    }
                  }));
    } catch (AudioUnavailableException e) {
      note[0] =
          e.reason() == AudioUnavailableException.Reason.NO_DEVICE
              ? i18n.get("review.audio.noDevice")
              : i18n.get("review.audio.unreadable", e.getMessage());
      return null;
    } catch (RuntimeException | LinkageError e) {
      note[0] = i18n.get("review.audio.unreadable", String.valueOf(e.getMessage()));
      return null;
    }
  }

  /** Why the session plays without sound; empty when it plays with sound (or has none). */
  public StringProperty audioNoteProperty() {
    return audioNote;
  }

  private void onPlaying(boolean now) {
    lastClock = Double.NaN;
    sinceClock = 0;
    if (audio == null) {
      return;
    }
    if (now) {
      audio.play(position.get());
    } else {
      audio.pause();
    }
  }

  /**
   * Called by the view's animation timer: while playing, the playhead follows the audio clock
   * (smoothed between its updates); without sound, or once the sound has ended, by wall time.
   */
  public void tick(double elapsedSeconds) {
    if (!playing.get()) {
      return;
    }
    double clock = audio == null ? Double.NaN : audio.position();
    if (Double.isFinite(clock) && clock != lastClock) {
      lastClock = clock;
      sinceClock = 0;
      follow(clock);
    } else if (Double.isFinite(lastClock) && sinceClock + elapsedSeconds < 0.5) {
      sinceClock += elapsedSeconds;
      follow(lastClock + sinceClock);
    } else {
      clockDriven = true;
      try {
        advance(elapsedSeconds);
      } finally {
        clockDriven = false;
      }
    }
  }

  private void follow(double seconds) {
    clockDriven = true;
    try {
      if (seconds >= duration.get()) {
        position.set(duration.get());
        playing.set(false);
      } else {
        position.set(Math.max(0, seconds));
      }
    } finally {
      clockDriven = false;
    }
  }

  private void show(StoredSession s, List<Annotation> notes) {
    duration.set(s.result().durationSeconds());
    session.set(s);
    faceTracks.setAll(s.result().faceTracks());
    speakers.setAll(s.result().speakers());
    windows.setAll(s.result().windows());
    transcript.setAll(s.result().transcript());
    annotations.setAll(notes);
    duration.set(s.result().durationSeconds());
    selectionStart.set(Double.NaN);
    selectionEnd.set(Double.NaN);
    frame.set(null);
    if (position.get() == 0) {
      onPosition(0);
    } else {
      position.set(0);
    }
  }

  /** Moves the playhead, clamped to the session. */
  public void seek(double seconds) {
    position.set(Math.max(0, Math.min(duration.get(), seconds)));
  }

  /** Advances playback by {@code seconds}; stops at the end. */
  public void advance(double seconds) {
    double next = position.get() + seconds;
    if (next >= duration.get()) {
      next = duration.get();
      playing.set(false);
    }
    position.set(next);
  }

  public void togglePlaying() {
    if (!playing.get() && position.get() >= duration.get()) {
      position.set(0);
    }
    playing.set(!playing.get() && hasSession());
  }

  private void onPosition(double t) {
    if (!clockDriven && audio != null) {
      lastClock = Double.NaN;
      sinceClock = 0;
      audio.seek(t);
    }
    currentWindow.set(windowAt(windows, t));
    int u = -1;
    for (int i = 0; i < transcript.size(); i++) {
      Utterance utterance = transcript.get(i);
      if (t >= utterance.startSeconds() && t < utterance.endSeconds()) {
        u = i;
        break;
      }
    }
    currentUtterance.set(u);
    requestFrame(t);
  }

  /** The window whose centre is nearest {@code t} among those containing it. */
  static AffectWindow windowAt(List<AffectWindow> windows, double t) {
    AffectWindow best = null;
    double bestDistance = Double.MAX_VALUE;
    for (AffectWindow w : windows) {
      if (t < w.startSeconds() - 1e-9 || t > w.endSeconds() + 1e-9) {
        continue;
      }
      double d = Math.abs((w.startSeconds() + w.endSeconds()) / 2 - t);
      if (d < bestDistance) {
        bestDistance = d;
        best = w;
      }
    }
    return best;
  }

  private void requestFrame(double t) {
    VideoFrames source = frames;
    if (source == null) {
      return;
    }
    boolean analyse = !playing.get();
    pendingFrame.set(new double[] {t, analyse ? 1 : 0});
    if (decoding.compareAndSet(false, true)) {
      executor.background(() -> decodeLoop(source));
    }
  }

  private void decodeLoop(VideoFrames source) {
    try {
      double[] request;
      while ((request = pendingFrame.getAndSet(null)) != null) {
        VideoFrame picture = source.at(request[0]);
        if (picture == null) {
          continue;
        }
        List<org.sentio.affect.face.FaceObservation> found = List.of();
        if (request[1] > 0) {
          try {
            found = faces.find(picture);
          } catch (Exception e) {
            found = List.of();
          }
        }
        FrameImage image =
            new FrameImage(
                picture.timestampSeconds(),
                picture.width(),
                picture.height(),
                FrameImage.bgrToArgb(picture.bgr(), picture.width(), picture.height()),
                found);
        executor.ui(() -> frame.set(image));
      }
    } catch (Exception e) {
      // a picture that cannot be decoded leaves the last one on screen
    } finally {
      decoding.set(false);
      if (pendingFrame.get() != null && decoding.compareAndSet(false, true)) {
        executor.background(() -> decodeLoop(source));
      }
    }
  }

  /** Selects a span (in either order); a span shorter than 0.1 s clears the selection. */
  public void select(double a, double b) {
    double start = Math.max(0, Math.min(a, b));
    double end = Math.min(duration.get(), Math.max(a, b));
    if (end - start < 0.1) {
      selectionStart.set(Double.NaN);
      selectionEnd.set(Double.NaN);
    } else {
      selectionStart.set(start);
      selectionEnd.set(end);
    }
  }

  public boolean hasSelection() {
    return !Double.isNaN(selectionStart.get()) && !Double.isNaN(selectionEnd.get());
  }

  /**
   * Labels the selected span (or, with no selection, the window under the playhead) with the chosen
   * emotion, stored with the author and time.
   */
  /** What the last export wrote, or why it could not; empty before any export. */
  public StringProperty exportStatusProperty() {
    return exportStatus;
  }

  /**
   * Writes the session under review as {@code formats} into {@code folder}, off the UI thread:
   * reports in the UI's language, exports as documented in docs/.
   */
  public void export(Set<Format> formats, Path folder) {
    StoredSession s = session.get();
    if (s == null || formats.isEmpty()) {
      return;
    }
    ReportOptions options =
        ReportOptions.DEFAULT.withLanguage(
            "zh".equals(i18n.locale().getLanguage()) ? ReportLanguage.ZH_CN : ReportLanguage.EN);
    exportStatus.set(i18n.get("review.export.running"));
    executor.background(
        () -> {
          try {
            List<Path> written = Reports.write(s.id(), s.result(), formats, folder, options);
            record(
                AuditRepository.Action.EXPORT,
                s.id(),
                "desktop: " + Format.names(formats) + " to " + folder.toAbsolutePath().normalize());
            executor.ui(
                () -> exportStatus.set(i18n.get("review.export.done", written.size(), folder)));
          } catch (IOException | RuntimeException e) {
            executor.ui(
                () -> {
                  exportStatus.set(i18n.get("review.export.failed", folder));
                  errors.show(i18n.get("review.export.failed", folder), e.getMessage(), e);
                });
          }
        });
  }

  /** Where opening and exporting are written with the local user's name (the app sets it). */
  public void setAudit(AuditRepository audit) {
    this.audit = audit;
  }

  /** Writes an audit entry (on the calling background thread); a failure is shown, not thrown. */
  private void record(AuditRepository.Action action, long id, String detail) {
    AuditRepository log = audit;
    if (log == null) {
      return;
    }
    try {
      log.append(action, "session " + id, detail);
    } catch (StoreException e) {
      executor.ui(() -> errors.show(i18n.get("error.store.title"), e.getMessage(), e));
    }
  }

  public void annotate() {
    StoredSession s = session.get();
    if (s == null || label.get() == null) {
      return;
    }
    double start;
    double end;
    if (hasSelection()) {
      start = selectionStart.get();
      end = selectionEnd.get();
    } else if (currentWindow.get() != null) {
      start = currentWindow.get().startSeconds();
      end = currentWindow.get().endSeconds();
    } else {
      return;
    }
    String chosen = label.get().label();
    String who = author.get();
    executor.background(
        () -> {
          try {
            Annotation a = store.annotations().add(s.id(), start, end, chosen, who, null);
            executor.ui(
                () -> {
                  annotations.add(a);
                  annotations.sort(java.util.Comparator.comparingDouble(Annotation::startSeconds));
                });
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("error.store.title"), e.getMessage(), e));
          }
        });
  }

  /** How corrected utterances are re-read; until set, corrections are refused with a message. */
  public void setCorrector(TranscriptCorrector corrector) {
    this.corrector = corrector;
  }

  /**
   * Corrects utterance {@code index} to {@code text}: off the UI thread the text is read again,
   * only the windows the utterance covers are re-read and fused, and the store keeps the change
   * with the original text; then the transcript, the windows and the session here follow.
   */
  public void correctUtterance(int index, String text) {
    StoredSession s = session.get();
    TranscriptCorrector using = corrector;
    if (s == null) {
      return;
    }
    if (using == null) {
      errors.show(i18n.get("review.correct.failed"), i18n.get("review.correct.noEngine"), null);
      return;
    }
    long gen = generation;
    executor.background(
        () -> {
          try {
            TranscriptCorrection.Corrected corrected = using.correct(s.result(), index, text);
            SessionResult result = corrected.session();
            store
                .sessions()
                .correctUtterance(
                    s.id(),
                    index,
                    result.transcript().get(index),
                    corrected.changedWindows().stream().map(k -> result.windows().get(k)).toList(),
                    corrected.changedReadings());
            executor.ui(
                () -> {
                  if (gen != generation) {
                    return;
                  }
                  session.set(
                      new StoredSession(s.id(), result.withSpeakers(List.copyOf(speakers))));
                  transcript.set(index, result.transcript().get(index));
                  for (int k : corrected.changedWindows()) {
                    windows.set(k, result.windows().get(k));
                  }
                  onPosition(position.get());
                });
          } catch (Exception e) {
            executor.ui(() -> errors.show(i18n.get("review.correct.failed"), e.getMessage(), e));
          }
        });
  }

  /** Where speaker roles are changed; until set, changes are refused with a message. */
  public void setSpeakerRoles(SpeakerRepository repository) {
    this.speakerRoles = repository;
  }

  /**
   * Gives speaker {@code speakerId} the role {@code role}: stored off the UI thread, then the
   * speakers and the session here follow. A role it already has changes nothing.
   */
  public void changeRole(String speakerId, SpeakerRole role) {
    StoredSession s = session.get();
    Speaker current = speaker(speakerId);
    if (s == null || current == null || current.role() == role) {
      return;
    }
    SpeakerRepository using = speakerRoles;
    if (using == null) {
      errors.show(i18n.get("review.speaker.failed"), i18n.get("review.speaker.noStore"), null);
      return;
    }
    long gen = generation;
    executor.background(
        () -> {
          try {
            SpeakerRepository.RoleChange outcome = using.setRole(s.id(), speakerId, role);
            if (outcome != SpeakerRepository.RoleChange.CHANGED) {
              executor.ui(
                  () ->
                      errors.show(
                          i18n.get("review.speaker.failed"),
                          i18n.get("review.speaker.gone", speakerId, s.id()),
                          null));
              return;
            }
            List<Speaker> stored = using.speakers(s.id());
            executor.ui(
                () -> {
                  if (gen != generation) {
                    return;
                  }
                  StoredSession now = session.get();
                  session.set(new StoredSession(s.id(), now.result().withSpeakers(stored)));
                  speakers.setAll(stored);
                });
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("review.speaker.failed"), e.getMessage(), e));
          }
        });
  }

  /** Deletes an annotation from the store and the list. */
  public void deleteAnnotation(Annotation a) {
    executor.background(
        () -> {
          try {
            store.annotations().delete(a.id());
            executor.ui(() -> annotations.remove(a));
          } catch (StoreException e) {
            executor.ui(() -> errors.show(i18n.get("error.store.title"), e.getMessage(), e));
          }
        });
  }

  private void closeFrames() {
    if (frames != null) {
      VideoFrames old = frames;
      frames = null;
      executor.background(old::close);
    }
  }

  private void closeAudio() {
    if (audio != null) {
      AudioPlayback old = audio;
      audio = null;
      old.pause();
      executor.background(old::close);
    }
  }

  @Override
  public void close() {
    generation++;
    playing.set(false);
    closeFrames();
    closeAudio();
  }
}
