package org.sentio.affect.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups recognised words into utterances: a new utterance starts after a pause, or when the
 * current one would grow past a maximum length (a long monologue becomes several utterances, so
 * that the text reading of a window comes from words near it).
 */
public final class WordGroups {
  /** A pause this long between two words ends an utterance. */
  public static final double PAUSE_SECONDS = 0.6;

  /** No utterance grows longer than this. */
  public static final double MAX_SECONDS = 10.0;

  private WordGroups() {}

  /** The words in groups of consecutive words, in time order. */
  public static List<List<RecognizedWord>> split(
      List<RecognizedWord> words, double pauseSeconds, double maxSeconds) {
    List<List<RecognizedWord>> groups = new ArrayList<>();
    List<RecognizedWord> current = new ArrayList<>();
    for (RecognizedWord word : words) {
      if (!current.isEmpty()) {
        RecognizedWord first = current.get(0);
        RecognizedWord last = current.get(current.size() - 1);
        boolean pause = word.startSeconds() - last.endSeconds() >= pauseSeconds;
        boolean tooLong = word.endSeconds() - first.startSeconds() > maxSeconds;
        if (pause || tooLong) {
          groups.add(List.copyOf(current));
          current.clear();
        }
      }
      current.add(word);
    }
    if (!current.isEmpty()) {
      groups.add(List.copyOf(current));
    }
    return groups;
  }

  public static List<List<RecognizedWord>> split(List<RecognizedWord> words) {
    return split(words, PAUSE_SECONDS, MAX_SECONDS);
  }
}
