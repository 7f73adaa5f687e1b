package org.sentio.app.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.pipeline.MediaSummary;
import org.sentio.affect.pipeline.WindowGrid;
import org.sentio.affect.vad.SileroVad;
import org.sentio.app.store.SessionStore;
import org.sentio.app.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running live capture. A capture thread grabs pictures and sound, records them while recording,
 * and publishes the latest picture through one {@link AtomicReference} (the screen draws it from an
 * animation timer; nothing floods the UI thread). An analysis thread reads faces from the latest
 * picture at the analysis rate and, while recording, closes analysis windows as media time passes
 * them and stores each batch at once, so a crash loses at most the window in progress.
 */
public final class LiveSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);

  /** Hears about the session; called on the analysis or capture thread. */
  public interface Listener {
    /** Windows closed (and, while recording, stored). */
    default void windows(List<AffectWindow> closed) {}

    /** Capture or recording stopped with an error. */
    default void failed(Exception e) {}
  }

  /** The faces of the latest analysed picture. */
  public record Faces(double seconds, int width, int height, List<FaceObservation> faces) {}

  private final CaptureSource source;
  private final Analyzers analyzers;
  private final AnalysisOptions options;
  private final SessionStore store;
  private final Path recordingsDirectory;
  private final Listener listener;

  private final AtomicReference<CapturedFrame> latest = new AtomicReference<>();
  private final AtomicReference<CapturedFrame> toAnalyse = new AtomicReference<>();
  private final AtomicReference<Faces> faces = new AtomicReference<>();
  private final LinkedBlockingQueue<float[]> sounds = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private volatile Recording recording;
  private volatile double lastPictureSeconds;
  private Thread captureThread;
  private Thread analysisThread;

  /** One recording: its store session, file, windows and the time it started at. */
  private static final class Recording {
    final long sessionId;
    final CrashSafeRecorder recorder;
    final double start;
    final LiveWindows windows;
    final SileroVad vad;
    final InterruptedRecordings.Hold hold;
    final CountDownLatch finished = new CountDownLatch(1);
    volatile boolean stopping;
    double soundSeconds;
    long vadFrames;
    double analysedUntil;

    Recording(
        long id,
        CrashSafeRecorder r,
        double start,
        LiveWindows w,
        SileroVad vad,
        InterruptedRecordings.Hold hold) {
      this.hold = hold;
      this.sessionId = id;
      this.recorder = r;
      this.start = start;
      this.windows = w;
      this.vad = vad;
    }
  }

  public LiveSession(
      CaptureSource source,
      Analyzers analyzers,
      AnalysisOptions options,
      SessionStore store,
      Path recordingsDirectory,
      Listener listener) {
    this.source = source;
    this.analyzers = analyzers;
    this.options = options;
    this.store = store;
    this.recordingsDirectory = recordingsDirectory;
    this.listener = listener;
  }

  /** Opens the source and starts the capture and analysis threads. */
  public void start() throws CaptureException {
    source.start();
    FaceAnalyzer face;
    try {
      face = analyzers.newFaceAnalyzer();
    } catch (Exception e) {
      source.close();
      throw new CaptureException("the face models cannot be opened (" + e.getMessage() + ")", e);
    }
    running = true;
    captureThread = new Thread(this::captureLoop, "sentio-live-capture");
    captureThread.setDaemon(true);
    analysisThread = new Thread(() -> analysisLoop(face), "sentio-live-analysis");
    analysisThread.setDaemon(true);
    captureThread.start();
    analysisThread.start();
  }

  /** The latest captured picture, for the screen; null before the first. */
  public CapturedFrame latestFrame() {
    return latest.get();
  }

  /** The faces of the latest analysed picture; null before the first. */
  public Faces latestFaces() {
    return faces.get();
  }

  public CaptureSource source() {
    return source;
  }

  public boolean isRecording() {
    return recording != null;
  }

  /** The store id of the recording in progress, or -1. */
  public long recordingSessionId() {
    Recording r = recording;
    return r == null ? -1 : r.sessionId;
  }

  /** The recording's file, or null. */
  public Path recordingFile() {
    Recording r = recording;
    return r == null ? null : r.recorder.file();
  }

  /**
   * Starts recording: a session is stored at once and the media written to a Matroska file in the
   * recordings folder.
   *
   * @return the new session's id
   */
  public synchronized long startRecording(String title) throws CaptureException, StoreException {
    if (recording != null) {
      return recording.sessionId;
    }
    try {
      Files.createDirectories(recordingsDirectory);
    } catch (java.io.IOException e) {
      throw new CaptureException(
          recordingsDirectory + ": cannot create the recordings folder (" + e.getMessage() + ")",
          e);
    }
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    Path file = recordingsDirectory.resolve("live-" + stamp + ".mkv");
    // Held before the session is stored, so that no other process takes it for interrupted.
    InterruptedRecordings.Hold hold = InterruptedRecordings.hold(file);
    CrashSafeRecorder recorder;
    try {
      recorder =
          CrashSafeRecorder.start(
              file, source.width(), source.height(), source.frameRate(), source.hasAudio());
    } catch (CaptureException | RuntimeException e) {
      hold.close();
      throw e;
    }
    MediaSummary media =
        new MediaSummary(
            file.toString(),
            "matroska,webm",
            0,
            "mpeg4",
            source.width(),
            source.height(),
            source.frameRate(),
            source.hasAudio() ? "pcm_s16le" : null,
            source.hasAudio() ? 16_000 : 0);
    long id;
    try {
      id = store.liveSessions().begin(title, options, media);
    } catch (StoreException e) {
      recorder.close();
      hold.close();
      throw e;
    }
    LiveWindows windows =
        new LiveWindows(
            new WindowGrid(options.windowSeconds(), options.hopSeconds()),
            analyzers.newVoiceAnalyzer(),
            analyzers.fusion(),
            source.hasAudio());
    sounds.clear();
    recording = new Recording(id, recorder, lastPictureSeconds, windows, analyzers.newVad(), hold);
    LOG.info("recording live session {} to {}", id, file);
    return id;
  }

  /** Stops recording: the last windows are stored and the session marked finished. */
  public void stopRecording() {
    Recording r;
    synchronized (this) {
      r = recording;
      if (r == null) {
        return;
      }
      r.stopping = true;
    }
    try {
      if (!r.finished.await(10, TimeUnit.SECONDS)) {
        LOG.warn("live session {}: the analysis did not finish in time", r.sessionId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void captureLoop() {
    CaptureSource.Sink sink =
        new CaptureSource.Sink() {
          @Override
          public void picture(CapturedFrame frame) {
            lastPictureSeconds = frame.seconds();
            latest.set(frame);
            toAnalyse.set(frame);
            Recording r = recording;
            if (r != null && !r.stopping) {
              try {
                r.recorder.picture(
                    frame.bgr(), frame.width(), frame.height(), frame.seconds() - r.start);
              } catch (CaptureException e) {
                listener.failed(e);
              }
            }
          }

          @Override
          public void sound(double seconds, float[] samples) {
            Recording r = recording;
            if (r != null && !r.stopping && seconds >= r.start) {
              try {
                r.recorder.sound(samples);
              } catch (CaptureException e) {
                listener.failed(e);
              }
              sounds.add(samples);
            }
          }
        };
    try {
      while (running) {
        if (!source.grab(sink)) {
          break;
        }
      }
    } catch (CaptureException e) {
      if (running) {
        listener.failed(e);
      }
    } finally {
      running = false;
    }
  }

  private void analysisLoop(FaceAnalyzer face) {
    double nextTick = 0;
    try (face) {
      while (running || recording != null) {
        Recording r = recording;
        boolean worked = false;
        float[] samples;
        while ((samples = sounds.poll()) != null) {
          worked = true;
          if (r != null) {
            Recording rec = r;
            rec.vad.accept(
                samples,
                p -> {
                  double centre =
                      rec.vadFrames * SileroVad.FRAME_SECONDS + SileroVad.FRAME_SECONDS / 2;
                  rec.vadFrames++;
                  rec.windows.addVad(centre, p >= 0.5);
                });
            r.windows.addAudio(samples);
            r.soundSeconds += samples.length / 16_000.0;
          }
        }
        CapturedFrame frame = toAnalyse.getAndSet(null);
        if (frame != null && frame.seconds() >= nextTick) {
          worked = true;
          List<FaceObservation> found = face.analyze(frame.width(), frame.height(), frame.bgr());
          faces.set(new Faces(frame.seconds(), frame.width(), frame.height(), found));
          nextTick = frame.seconds() + 1.0 / options.analysisFps() - 0.01;
          if (r != null && frame.seconds() >= r.start) {
            FaceObservation subject = null;
            for (FaceObservation f : found) {
              if (subject == null || f.quality() > subject.quality()) {
                subject = f;
              }
            }
            double t = frame.seconds() - r.start;
            r.windows.addFace(t, subject);
            r.analysedUntil = Math.max(r.analysedUntil, t);
          }
        }
        if (r != null) {
          double until = r.analysedUntil;
          if (source.hasAudio()) {
            until = Math.min(until, r.soundSeconds);
          }
          List<AffectWindow> closed = r.windows.closeUpTo(until);
          if (!closed.isEmpty()) {
            store
                .liveSessions()
                .appendWindows(r.sessionId, closed, until, analyzers.fusion().name());
            listener.windows(closed);
          }
          if (r.stopping || !running) {
            finish(r);
          }
        }
        if (!worked) {
          Thread.sleep(4);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("live analysis stopped", e);
      listener.failed(e);
      Recording r = recording;
      if (r != null) {
        r.recorder.close();
        try {
          store
              .liveSessions()
              .markInterrupted(r.sessionId, "the live analysis stopped (" + e.getMessage() + ")");
        } catch (StoreException marking) {
          LOG.warn("cannot mark live session {} failed; the next start will", r.sessionId);
        }
        r.hold.close();
        recording = null;
        r.finished.countDown();
      }
    }
  }

  private void finish(Recording r) throws Exception {
    double duration = Math.max(r.analysedUntil, r.recorder.seconds());
    r.recorder.close();
    List<AffectWindow> rest = r.windows.closeAll(duration);
    if (!rest.isEmpty()) {
      store.liveSessions().appendWindows(r.sessionId, rest, duration, analyzers.fusion().name());
      listener.windows(rest);
    }
    store
        .liveSessions()
        .finish(
            r.sessionId,
            duration,
            analyzers.modelsUsed(),
            analyzers.fusion().name(),
            r.windows.expertLoad());
    r.hold.close();
    synchronized (this) {
      recording = null;
    }
    r.finished.countDown();
    LOG.info("live session {} recorded: {} s", r.sessionId, String.format("%.1f", duration));
  }

  /** Stops recording (storing what is left), then capture and analysis. */
  @Override
  public void close() {
    stopRecording();
    running = false;
    join(captureThread);
    join(analysisThread);
    source.close();
  }

  private static void join(Thread t) {
    if (t == null) {
      return;
    }
    try {
      t.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Seconds of pictures handed to the recorder in the recording in progress; 0 when none. */
  public double recordedSeconds() {
    Recording r = recording;
    return r == null ? 0 : r.recorder.seconds();
  }

  /** Seconds of pictures captured so far. */
  public double capturedSeconds() {
    return lastPictureSeconds;
  }
}
