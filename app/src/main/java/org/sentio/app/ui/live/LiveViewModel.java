package org.sentio.app.ui.live;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.sentio.affect.AffectWindow;
import org.sentio.app.live.CaptureException;
import org.sentio.app.live.CaptureSource;
import org.sentio.app.live.CapturedFrame;
import org.sentio.app.live.GrabberSource;
import org.sentio.app.live.LatencyStats;
import org.sentio.app.live.LiveSession;
import org.sentio.app.live.MicrophoneSource;
import org.sentio.app.live.Microphones;
import org.sentio.app.store.SessionStore;
import org.sentio.app.ui.Engine;
import org.sentio.app.ui.ErrorReporter;
import org.sentio.app.ui.I18n;
import org.sentio.app.ui.Settings;
import org.sentio.app.ui.TaskExecutor;

/**
 * Live capture: choose a camera (or the virtual camera), preview with face boxes, record. The
 * picture and faces are read by the view's animation timer straight from the session's atomic
 * references; windows reach the rolling timeline at most twice a second.
 */
public final class LiveViewModel {
  /** Where live capture is. */
  public enum State {
    IDLE,
    STARTING,
    PREVIEW,
    RECORDING
  }

  private static final int ROLLING_WINDOWS = 120;

  private final SessionStore store;
  private final Engine engine;
  private final TaskExecutor executor;
  private final ErrorReporter errors;
  private final I18n i18n;
  private final Supplier<Settings> settings;
  private final Path dataDirectory;
  private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
  private final StringProperty message = new SimpleStringProperty("");
  private final ObjectProperty<String> camera = new SimpleObjectProperty<>();
  private final ObjectProperty<String> microphone = new SimpleObjectProperty<>();
  private final Microphones microphones;
  private List<String> microphoneNames;
  private final ObservableList<AffectWindow> rolling = FXCollections.observableArrayList();
  private final LongProperty recordingId = new SimpleLongProperty(-1);
  private final LatencyStats latency = new LatencyStats(600);
  private volatile LiveSession session;
  private LongConsumer onRecorded = id -> {};

  public LiveViewModel(
      SessionStore store,
      Engine engine,
      TaskExecutor executor,
      ErrorReporter errors,
      I18n i18n,
      Supplier<Settings> settings,
      Path dataDirectory) {
    this(
        store,
        engine,
        executor,
        errors,
        i18n,
        settings,
        dataDirectory,
        new org.sentio.app.live.JavaSoundMicrophones());
  }

  /** As above, with the microphones offered and opened by {@code microphones}. */
  public LiveViewModel(
      SessionStore store,
      Engine engine,
      TaskExecutor executor,
      ErrorReporter errors,
      I18n i18n,
      Supplier<Settings> settings,
      Path dataDirectory,
      Microphones microphones) {
    this.microphones = microphones;
    this.store = store;
    this.engine = engine;
    this.executor = executor;
    this.errors = errors;
    this.i18n = i18n;
    this.settings = settings;
    this.dataDirectory = dataDirectory;
    camera.set(settings.get().camera());
    microphone.set(settings.get().microphone());
  }

  /**
   * The sound choices: "virtual" (the picture source's own sound), "none", then the microphones
   * present.
   */
  public List<String> microphones() {
    List<String> all = new ArrayList<>();
    all.add("virtual");
    all.add("none");
    all.addAll(microphoneNames());
    return all;
  }

  /** Whether any microphone is present (when not, the view says so). */
  public boolean microphonePresent() {
    return !microphoneNames().isEmpty();
  }

  private List<String> microphoneNames() {
    if (microphoneNames == null) {
      microphoneNames = List.copyOf(microphones.names());
    }
    return microphoneNames;
  }

  public ObjectProperty<String> microphoneProperty() {
    return microphone;
  }

  /** "virtual" and the camera devices present. */
  public List<String> cameras() {
    List<String> all = new ArrayList<>();
    all.add("virtual");
    all.addAll(GrabberSource.cameraDevices());
    return all;
  }

  public ObjectProperty<State> stateProperty() {
    return state;
  }

  public StringProperty messageProperty() {
    return message;
  }

  public ObjectProperty<String> cameraProperty() {
    return camera;
  }

  public ObservableList<AffectWindow> rollingWindows() {
    return rolling;
  }

  public LongProperty recordingIdProperty() {
    return recordingId;
  }

  public LatencyStats latency() {
    return latency;
  }

  public void setOnRecorded(LongConsumer onRecorded) {
    this.onRecorded = onRecorded;
  }

  /** The latest captured picture (read by the view's animation timer); null when none. */
  public CapturedFrame latestFrame() {
    LiveSession s = session;
    return s == null ? null : s.latestFrame();
  }

  /** The faces of the latest analysed picture; null when none. */
  public LiveSession.Faces latestFaces() {
    LiveSession s = session;
    return s == null ? null : s.latestFaces();
  }

  /** Called by the view on the UI thread when it drew a picture. */
  public void shown(CapturedFrame frame) {
    latency.shown(frame.captureNanos(), System.nanoTime());
  }

  /** Opens the chosen camera and starts the preview with face analysis. */
  public void startPreview() {
    if (state.get() != State.IDLE) {
      return;
    }
    state.set(State.STARTING);
    message.set(i18n.get("live.starting"));
    String chosen = camera.get() == null ? "virtual" : camera.get();
    String sound = microphone.get() == null ? "virtual" : microphone.get();
    Settings s = settings.get();
    executor.background(
        () -> {
          try {
            CaptureSource pictures;
            if ("virtual".equals(chosen)) {
              pictures = GrabberSource.virtualCamera(Path.of(s.virtualCameraFile()));
            } else {
              if (!GrabberSource.cameraDevices().contains(chosen)) {
                throw new CaptureException(i18n.get("live.noCamera", chosen), null);
              }
              pictures = GrabberSource.camera(chosen);
            }
            CaptureSource source = withSound(pictures, sound);
            LiveSession live =
                new LiveSession(
                    source,
                    engine.analyzers(),
                    s.analysisOptions(),
                    store,
                    dataDirectory.resolve("recordings"),
                    new LiveSession.Listener() {
                      @Override
                      public void windows(List<AffectWindow> closed) {
                        executor.ui(() -> addWindows(closed));
                      }

                      @Override
                      public void failed(Exception e) {
                        executor.ui(() -> message.set(i18n.get("live.failed", e.getMessage())));
                      }
                    });
            live.start();
            session = live;
            executor.ui(
                () -> {
                  state.set(State.PREVIEW);
                  message.set(i18n.get("live.previewing", source.description()));
                });
          } catch (CaptureException e) {
            executor.ui(
                () -> {
                  state.set(State.IDLE);
                  message.set(e.getMessage());
                });
          } catch (Exception e) {
            executor.ui(
                () -> {
                  state.set(State.IDLE);
                  message.set(e.getMessage());
                  errors.show(i18n.get("error.live.title"), String.valueOf(e.getMessage()), e);
                });
          }
        });
  }

  /** {@code pictures} with the chosen sound: its own, none, or a microphone that is present. */
  private CaptureSource withSound(CaptureSource pictures, String sound) throws CaptureException {
    if ("virtual".equals(sound)) {
      return pictures;
    }
    if ("none".equals(sound)) {
      return MicrophoneSource.silent(pictures);
    }
    if (!microphones.names().contains(sound)) {
      throw new CaptureException(i18n.get("live.noMicrophone", sound), null);
    }
    return MicrophoneSource.withMicrophone(pictures, microphones, sound);
  }

  private void addWindows(List<AffectWindow> closed) {
    rolling.addAll(closed);
    if (rolling.size() > ROLLING_WINDOWS) {
      rolling.remove(0, rolling.size() - ROLLING_WINDOWS);
    }
  }

  /** Starts recording: the session appears in the library at once and grows as it is analysed. */
  public void startRecording() {
    LiveSession s = session;
    if (s == null || state.get() != State.PREVIEW) {
      return;
    }
    String title =
        i18n.get(
            "live.sessionTitle",
            LocalDateTime.now()
                .format(
                    DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                        .withLocale(i18n.locale())));
    state.set(State.RECORDING);
    rolling.clear();
    executor.background(
        () -> {
          try {
            long id = s.startRecording(title);
            executor.ui(
                () -> {
                  recordingId.set(id);
                  message.set(i18n.get("live.recording", s.recordingFile().getFileName()));
                  onRecorded.accept(id);
                });
          } catch (Exception e) {
            executor.ui(
                () -> {
                  state.set(State.PREVIEW);
                  errors.show(i18n.get("error.live.title"), String.valueOf(e.getMessage()), e);
                });
          }
        });
  }

  /** Stops recording; the session is finished in the store. */
  public void stopRecording() {
    LiveSession s = session;
    if (s == null || state.get() != State.RECORDING) {
      return;
    }
    long id = recordingId.get();
    executor.background(
        () -> {
          s.stopRecording();
          executor.ui(
              () -> {
                state.set(State.PREVIEW);
                message.set(i18n.get("live.recorded"));
                onRecorded.accept(id);
              });
        });
  }

  /** Stops everything (recording first, so nothing is lost). Safe to call at any time. */
  public void stop() {
    LiveSession s = session;
    session = null;
    if (s != null) {
      Thread closer = new Thread(s::close, "sentio-live-close");
      closer.setDaemon(false);
      closer.start();
    }
    state.set(State.IDLE);
  }
}
