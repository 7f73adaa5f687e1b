package org.sentio.affect.pipeline;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.sentio.affect.speech.RecognitionStream;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.StretchPrint;

/**
 * Runs speech recognition on its own thread as the audio is decoded, so that it overlaps with
 * decoding, face and voice analysis. A bounded queue holds the blocks waiting (the decoder waits
 * when it is full), so memory stays flat however long the recording. Owns the stream it is given.
 */
final class SpeechWorker implements AutoCloseable {
  private static final int QUEUE_BLOCKS = 64;
  private static final float[] END = new float[0];
  private static final long PROGRESS_POLL_MILLIS = 250;

  private final RecognitionStream stream;
  private final BlockingQueue<float[]> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile RuntimeException failure;
  private volatile List<RecognizedWord> words;
  private volatile List<StretchPrint> stretchPrints = List.of();
  private volatile long cpuNanos;

  SpeechWorker(RecognitionStream stream) {
    this(stream, heard -> {});
  }

  /**
   * A worker that also hands each batch of newly recognised words to {@code wordsHeard}, on its own
   * thread, as soon as a stretch of speech is finished (the last batch before {@link #finish}
   * returns).
   */
  SpeechWorker(RecognitionStream stream, Consumer<List<RecognizedWord>> wordsHeard) {
    this.stream = stream;
    thread =
        new Thread(
            () -> {
              try {
                int forwarded = 0;
                for (float[] block = queue.take(); block != END; block = queue.take()) {
                  if (!stopped) {
                    stream.accept(block);
                    List<RecognizedWord> heard = stream.wordsAfter(forwarded);
                    if (!heard.isEmpty()) {
                      forwarded += heard.size();
                      wordsHeard.accept(heard);
                    }
                  }
                }
                if (!stopped) {
                  List<RecognizedWord> all = stream.finish();
                  wordsHeard.accept(all.subList(forwarded, all.size()));
                  stretchPrints = stream.stretchPrintsAfter(0);
                  words = all;
                }
                cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
              } catch (RuntimeException e) {
                failure = e;
                queue.clear();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sentio-speech");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues mono samples, waiting while the queue is full. */
  void submit(float[] samples) throws InterruptedException {
    rethrow();
    if (!stopped) {
      queue.put(samples);
    }
  }

  /**
   * Waits until every queued block is recognised, reporting progress, and returns the words.
   *
   * @return the words, or {@code null} when cancelled
   */
  List<RecognizedWord> finish(
      double totalSeconds, ProgressListener progress, BooleanSupplier cancelled)
      throws InterruptedException {
    queue.put(END);
    while (thread.isAlive()) {
      if (cancelled.getAsBoolean()) {
        return null;
      }
      progress.onProgress(stream.secondsHeard(), totalSeconds, "recognising speech");
      thread.join(PROGRESS_POLL_MILLIS);
    }
    rethrow();
    return words;
  }

  /**
   * The voice print of each recognised stretch, once {@link #finish} returned the words; none when
   * the stream was opened without a voice print model.
   */
  List<StretchPrint> stretchPrints() {
    return stretchPrints;
  }

  /**
   * The CPU time of the recogniser's thread once it finished (the thread does nothing else), a
   * measure that other processes on a busy machine do not inflate.
   */
  long cpuNanos() {
    return cpuNanos;
  }

  private void rethrow() {
    RuntimeException e = failure;
    if (e != null) {
      throw e;
    }
  }

  /** Stops the worker (dropping what is queued), then frees the native recogniser. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    queue.clear();
    if (thread.isAlive()) {
      queue.offer(END, 1, TimeUnit.SECONDS);
      thread.join();
    }
    stream.close();
  }
}
