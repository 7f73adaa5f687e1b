package org.sentio.affect.pipeline;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import org.sentio.affect.face.FaceAnalyzer;
import org.sentio.affect.face.FaceObservation;
import org.sentio.capture.media.VideoFrame;
import org.sentio.runtime.ModelException;

/**
 * Runs face analysis on its own thread, in frame order, so that decoding and the audio branch go on
 * meanwhile. A small bounded queue holds the frames waiting; the decoder waits when it is full,
 * which keeps memory flat however long the media.
 */
final class FaceWorker implements AutoCloseable {
  private static final int QUEUE_FRAMES = 4;
  private static final VideoFrame END = new VideoFrame(-1, 1, 1, new byte[3]);

  private final BlockingQueue<VideoFrame> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
  private final Thread thread;
  private volatile Exception failure;

  /**
   * @param face the analyzer, used from the worker thread only
   * @param results receives each frame's timestamp and faces, on the worker thread, in order
   */
  FaceWorker(FaceAnalyzer face, BiConsumer<Double, List<FaceObservation>> results) {
    thread =
        new Thread(
            () -> {
              try {
                for (VideoFrame frame = queue.take(); frame != END; frame = queue.take()) {
                  if (failure == null) {
                    results.accept(
                        frame.timestampSeconds(),
                        face.analyze(frame.width(), frame.height(), frame.bgr()));
                  }
                }
              } catch (ModelException | RuntimeException e) {
                failure = e;
                queue.clear();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sentio-face");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a frame, waiting while the queue is full; throws the worker's failure if it had one. */
  void submit(VideoFrame frame) throws Exception {
    rethrow();
    try {
      queue.put(frame);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  /** Waits until every queued frame is analysed; throws the worker's failure if it had one. */
  void finish() throws Exception {
    if (thread.isAlive()) {
      queue.put(END);
      thread.join();
    }
    rethrow();
  }

  private void rethrow() throws Exception {
    Exception e = failure;
    if (e != null) {
      throw e;
    }
  }

  /**
   * Stops the worker without waiting for queued frames (after a failure or cancellation), and
   * returns only once its thread has ended, even when the calling thread is interrupted (a killed
   * Spark task, a cancelled analysis): the face analyzer is closed next, and its sessions must not
   * be freed under a frame still being analysed. The interrupt is kept for the caller.
   */
  @Override
  public void close() {
    failure = failure == null ? new IllegalStateException("face analysis stopped") : failure;
    queue.clear();
    if (thread.isAlive()) {
      queue.offer(END);
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether the worker's thread still runs. */
  boolean running() {
    return thread.isAlive();
  }
}
