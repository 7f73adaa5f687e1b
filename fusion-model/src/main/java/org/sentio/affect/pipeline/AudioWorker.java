package org.sentio.affect.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the voice branch of a stream (voice activity, voice features, voice model) on its own
 * thread, block after block in stream order, so that the decoding thread only decodes and hands the
 * audio on: with speech recognition on its own thread too, the voice branch and recognition each
 * keep a core busy instead of the voice branch sharing the decoder's (issue 16, goal 2; ADR 0056).
 * A bounded queue holds the blocks waiting (the decoder waits when it is full), so memory stays
 * flat however long the recording.
 */
final class AudioWorker implements AutoCloseable {
  private static final int QUEUE_BLOCKS = 64;
  private static final float[] END = new float[0];

  private final BlockingQueue<float[]> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile RuntimeException failure;

  /** Starts the thread that hands every submitted block to {@code analyse}, in order. */
  AudioWorker(Consumer<float[]> analyse) {
    thread =
        new Thread(
            () -> {
              try {
                for (float[] block = queue.take(); block != END; block = queue.take()) {
                  if (!stopped) {
                    analyse.accept(block);
                  }
                }
              } catch (RuntimeException e) {
                failure = e;
                stopped = true;
                queue.clear();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sentio-voice");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues mono samples, waiting while the queue is full; rethrows the branch's failure. */
  void submit(float[] samples) throws InterruptedException {
    rethrow();
    if (!stopped) {
      queue.put(samples);
    }
  }

  /** Waits until every queued block is analysed; rethrows the branch's failure. */
  void finish() throws InterruptedException {
    if (!stopped) {
      queue.put(END);
    }
    thread.join();
    rethrow();
  }

  private void rethrow() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
  }

  /** Stops the worker, dropping what is queued, and waits for its thread. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    queue.clear();
    if (thread.isAlive()) {
      queue.offer(END, 1, TimeUnit.SECONDS);
      thread.join();
    }
  }
}
