package org.sentio.affect.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.WordGroups;

/**
 * Groups recognised words into utterances as the recogniser hands them over and reads each
 * utterance's text on its own thread as soon as the utterance is closed, so that reading the text
 * runs beside recognition instead of after it (issue 16, goal 2; ADR 0056). The groups are {@link
 * WordGroups#split}'s, made one word at a time.
 */
final class UtteranceReader implements AutoCloseable {
  private final Function<List<RecognizedWord>, Utterance> read;
  private final WordGroups.Grouper grouper = new WordGroups.Grouper();
  private final List<List<RecognizedWord>> groups = new ArrayList<>();
  private final List<Future<Utterance>> readings = new ArrayList<>();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread t = new Thread(task, "sentio-text");
            t.setDaemon(true);
            return t;
          });

  /** A reader that makes each utterance of a group of words with {@code read}. */
  UtteranceReader(Function<List<RecognizedWord>, Utterance> read) {
    this.read = read;
  }

  /** Takes the next recognised words, in order (on the recogniser's thread). */
  void submitWords(List<RecognizedWord> words) {
    for (RecognizedWord word : words) {
      grouper.add(word).ifPresent(this::readLater);
    }
  }

  private void readLater(List<RecognizedWord> group) {
    groups.add(group);
    readings.add(thread.submit(() -> read.apply(group)));
  }

  /**
   * The utterances of all the words, once the recogniser handed over the last of them; empty when
   * the words handed over are not {@code words} (the caller then reads them itself).
   */
  Optional<List<Utterance>> finish(List<RecognizedWord> words) throws InterruptedException {
    grouper.finish().ifPresent(this::readLater);
    List<RecognizedWord> handedOver = new ArrayList<>(words.size());
    groups.forEach(handedOver::addAll);
    if (!handedOver.equals(words)) {
      return Optional.empty();
    }
    List<Utterance> utterances = new ArrayList<>(readings.size());
    for (Future<Utterance> reading : readings) {
      try {
        utterances.add(reading.get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
    return Optional.of(utterances);
  }

  /** Stops reading; what is not read yet is dropped. */
  @Override
  public void close() {
    thread.shutdownNow();
  }
}
