package org.sentio.app.ui.clinical;

import java.util.ArrayList;
import java.util.List;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.app.live.CaptureException;
import org.sentio.app.live.CaptureSource;
import org.sentio.app.live.CapturedFrame;

/**
 * Reads the patient's face from a camera (or the virtual camera) for at most {@link #MAX_SECONDS}:
 * a thread grabs pictures, runs the face analyzers on up to {@link #PICTURES_PER_SECOND} of them a
 * second and keeps the best-quality face of each as a face estimate. It owns the source and the
 * face models until the thread ends.
 */
final class WebcamFaces {
  static final double MAX_SECONDS = 15;
  static final double PICTURES_PER_SECOND = 4;

  /** Hears the reading; called on the webcam thread. */
  interface Listener {
    /** A picture was analysed: the estimates so far (one per picture with a face). */
    void analysed(CapturedFrame frame, List<AffectEstimate> estimates, double seconds);

    /** The reading ended (time up, stopped, or the source ended) with every estimate. */
    void ended(List<AffectEstimate> estimates);

    /** The camera or the face models failed; {@code message} says what. */
    void failed(String message);
  }

  private final CaptureSource source;
  private final Analyzers analyzers;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean running = true;

  private WebcamFaces(CaptureSource source, Analyzers analyzers, Listener listener) {
    this.source = source;
    this.analyzers = analyzers;
    this.listener = listener;
    this.thread = new Thread(this::run, "sentio-clinical-webcam");
    thread.setDaemon(true);
  }

  /** Starts reading faces from {@code source} (not yet started) on a thread of its own. */
  static WebcamFaces start(CaptureSource source, Analyzers analyzers, Listener listener) {
    WebcamFaces w = new WebcamFaces(source, analyzers, listener);
    w.thread.start();
    return w;
  }

  /** Stops reading; the listener hears {@code ended} with what was read. */
  void stop() {
    running = false;
  }

  private void run() {
    List<AffectEstimate> estimates = new ArrayList<>();
    try (CaptureSource s = source;
        FaceAnalyzer faces = analyzers.newFaceAnalyzer()) {
      s.start();
      CapturedFrame[] latest = new CapturedFrame[1];
      CaptureSource.Sink sink =
          new CaptureSource.Sink() {
            @Override
            public void picture(CapturedFrame frame) {
              latest[0] = frame;
            }

            @Override
            public void sound(double seconds, float[] samples16k) {
              // the face is all the webcam gives the card
            }
          };
      long start = System.nanoTime();
      double nextAnalysis = 0;
      while (running) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (elapsed >= MAX_SECONDS || !s.grab(sink)) {
          break;
        }
        CapturedFrame frame = latest[0];
        if (frame == null || elapsed < nextAnalysis) {
          continue;
        }
        latest[0] = null;
        nextAnalysis = elapsed + 1 / PICTURES_PER_SECOND;
        FaceObservation subject = null;
        for (FaceObservation f : faces.analyze(frame.width(), frame.height(), frame.bgr())) {
          if (subject == null || f.quality() > subject.quality()) {
            subject = f;
          }
        }
        if (subject != null) {
          estimates.add(subject.toEstimate());
        }
        listener.analysed(frame, List.copyOf(estimates), elapsed);
      }
    } catch (CaptureException e) {
      listener.failed(e.getMessage());
      return;
    } catch (Exception e) {
      listener.failed(String.valueOf(e.getMessage()));
      return;
    }
    listener.ended(List.copyOf(estimates));
  }
}
