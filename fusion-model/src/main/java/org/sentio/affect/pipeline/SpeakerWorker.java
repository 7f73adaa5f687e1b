package org.sentio.affect.pipeline;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.WordGroups;
import org.sentio.affect.speech.speaker.SpeakerClustering;
import org.sentio.affect.speech.speaker.SpeakerEmbedder;
import org.sentio.affect.speech.speaker.SpeakerTurns;
import org.sentio.affect.vad.SileroVad;
import org.sentio.runtime.ModelException;

/**
 * Prints the voice of each utterance on its own thread while the recording is decoded and
 * recognised, from the same decoded audio that feeds speech recognition, so that telling speakers
 * apart needs no second decoding pass and overlaps with recognition (ADR 0043).
 *
 * <p>It is fed the audio blocks by the decoder and the recognised words by the recogniser as each
 * stretch of speech finishes; it groups the words into utterances as {@link WordGroups#split} does
 * and prints an utterance once the next one has begun and its audio is in. An utterance gets the
 * samples that {@link SpeakerPass}'s second pass gives it (from its start, but not before the end
 * of the previous one, up to its end), so the prints, and so the speakers, are those of that pass.
 * Only the audio from the end of the last printed utterance on is kept.
 *
 * <p>Owns the speaker embedder; when it could not be opened, it ignores what it is fed and {@link
 * #finish} throws the reason.
 */
final class SpeakerWorker implements AutoCloseable {
  private static final int QUEUE_ITEMS = 256;
  private static final Object END = new Object();
  private static final long OFFER_POLL_MILLIS = 100;

  private final SpeakerEmbedder embedder;
  private final SpeakerTurns turns;
  private final ModelException unavailable;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_ITEMS);
  private final Thread thread;
  private final WordGroups.Grouper groups = new WordGroups.Grouper();
  private final Deque<double[]> closedSpans = new ArrayDeque<>();
  private final List<SpeakerTurns.VoicePrint> prints = new ArrayList<>();
  private float[] audio = new float[SileroVad.SAMPLE_RATE * 4];
  private long audioStartSample;
  private int audioLength;
  private double lastPrintedEnd;
  private volatile boolean stopped;
  private volatile Exception failure;
  private volatile long cpuNanos;

  private SpeakerWorker(SpeakerEmbedder embedder, ModelException unavailable) {
    this.embedder = embedder;
    this.unavailable = unavailable;
    this.turns = embedder == null ? null : new SpeakerTurns(embedder, new SpeakerClustering());
    thread = new Thread(this::work, "sentio-speakers");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A worker with the speaker model in {@code speakerModel} and the Vosk acoustic model in {@code
   * asrModel}; when they cannot be opened, a worker that says why in {@link #finish}.
   */
  static SpeakerWorker start(Path speakerModel, Path asrModel) {
    try {
      return new SpeakerWorker(SpeakerEmbedder.open(speakerModel, asrModel), null);
    } catch (ModelException e) {
      return new SpeakerWorker(null, e);
    }
  }

  /** Queues decoded mono samples (16 kHz), waiting while the queue is full. */
  void submitAudio(float[] samples) throws InterruptedException {
    put(samples);
  }

  /** Queues recognised words, in time order after those queued before; from the recogniser. */
  void submitWords(List<RecognizedWord> words) {
    if (words.isEmpty()) {
      return;
    }
    try {
      put(List.copyOf(words));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until every utterance is printed, once the audio and the words are all in.
   *
   * @return one voice print per utterance, in order; {@code null} when cancelled
   * @throws ModelException when the speaker model could not be opened or failed
   */
  List<SpeakerTurns.VoicePrint> finish(BooleanSupplier cancelled)
      throws ModelException, InterruptedException {
    put(END);
    while (thread.isAlive()) {
      if (cancelled.getAsBoolean()) {
        return null;
      }
      thread.join(OFFER_POLL_MILLIS);
    }
    if (unavailable != null) {
      throw unavailable;
    }
    Exception e = failure;
    if (e instanceof ModelException model) {
      throw model;
    }
    if (e != null) {
      throw (RuntimeException) e;
    }
    return List.copyOf(prints);
  }

  /** CPU time of the printing thread once it finished (it does nothing else). */
  long cpuNanos() {
    return cpuNanos;
  }

  private void put(Object item) throws InterruptedException {
    // The thread may have ended (closed, or failed and stopped reading): never wait on it then.
    while (!queue.offer(item, OFFER_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      if (stopped || !thread.isAlive()) {
        return;
      }
    }
  }

  private void work() {
    try {
      for (Object item = queue.take(); item != END; item = queue.take()) {
        if (stopped || failure != null || turns == null) {
          continue;
        }
        try {
          if (item instanceof float[] samples) {
            append(samples);
          } else {
            for (Object word : (List<?>) item) {
              groups.add((RecognizedWord) word).ifPresent(this::utteranceEnded);
            }
          }
          printReady(false);
        } catch (ModelException | RuntimeException e) {
          failure = e;
        }
      }
      if (!stopped && failure == null && turns != null) {
        groups.finish().ifPresent(this::utteranceEnded);
        printReady(true);
      }
    } catch (ModelException | RuntimeException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
  }

  private void utteranceEnded(List<RecognizedWord> group) {
    closedSpans.add(
        new double[] {group.get(0).startSeconds(), group.get(group.size() - 1).endSeconds()});
  }

  /** Prints the closed utterances whose audio is in (all of them at the end of the stream). */
  private void printReady(boolean atEnd) throws ModelException {
    long received = audioStartSample + audioLength;
    while (!closedSpans.isEmpty()
        && (atEnd || firstSampleAtOrAfter(closedSpans.peekFirst()[1]) <= received)) {
      double[] span = closedSpans.removeFirst();
      long from = firstSampleAtOrAfter(Math.max(span[0], lastPrintedEnd));
      long to = Math.min(firstSampleAtOrAfter(span[1]), received);
      float[] samples =
          to > from
              ? Arrays.copyOfRange(
                  audio, (int) (from - audioStartSample), (int) (to - audioStartSample))
              : new float[0];
      prints.add(turns.voicePrint(new SpeakerTurns.Utterance(span[0], span[1], samples)));
      lastPrintedEnd = Math.max(lastPrintedEnd, span[1]);
      dropBefore(firstSampleAtOrAfter(lastPrintedEnd));
    }
  }

  /**
   * The index of the first sample at or after {@code seconds}, as the second pass counts time
   * (sample {@code i} is at {@code i / 16000.0} seconds).
   */
  static long firstSampleAtOrAfter(double seconds) {
    if (seconds <= 0) {
      return 0;
    }
    long i = (long) Math.ceil(seconds * SileroVad.SAMPLE_RATE);
    while (i > 0 && (i - 1) / (double) SileroVad.SAMPLE_RATE >= seconds) {
      i--;
    }
    while (i / (double) SileroVad.SAMPLE_RATE < seconds) {
      i++;
    }
    return i;
  }

  private void append(float[] samples) {
    if (audioLength + samples.length > audio.length) {
      audio = Arrays.copyOf(audio, Math.max(audio.length * 2, audioLength + samples.length));
    }
    System.arraycopy(samples, 0, audio, audioLength, samples.length);
    audioLength += samples.length;
  }

  /** Forgets the samples before {@code sample}: no later utterance takes them. */
  private void dropBefore(long sample) {
    int drop = (int) Math.min(Math.max(0, sample - audioStartSample), audioLength);
    if (drop > 0) {
      System.arraycopy(audio, drop, audio, 0, audioLength - drop);
      audioLength -= drop;
      audioStartSample += drop;
    }
  }

  /** Stops the thread (dropping what is queued), then frees the embedder. */
  @Override
  public void close() throws InterruptedException {
    stopped = true;
    while (thread.isAlive()) {
      queue.clear();
      queue.offer(END, OFFER_POLL_MILLIS, TimeUnit.MILLISECONDS);
      thread.join(OFFER_POLL_MILLIS);
    }
    if (embedder != null) {
      embedder.close();
    }
  }
}
