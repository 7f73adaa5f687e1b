package org.sentio.affect.speech;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    Grouper grouper = new Grouper(pauseSeconds, maxSeconds);
    for (RecognizedWord word : words) {
      grouper.add(word).ifPresent(groups::add);
    }
    grouper.finish().ifPresent(groups::add);
    return groups;
  }

  /**
   * The same grouping as {@link #split}, fed one word at a time as recognition goes, so that a
   * group can be used as soon as it is closed (by the first word of the next group).
   */
  public static final class Grouper {
    private final double pauseSeconds;
    private final double maxSeconds;
    private final List<RecognizedWord> current = new ArrayList<>();

    public Grouper(double pauseSeconds, double maxSeconds) {
      this.pauseSeconds = pauseSeconds;
      this.maxSeconds = maxSeconds;
    }

    /** A grouper with the pause and length {@link #split(List)} uses. */
    public Grouper() {
      this(PAUSE_SECONDS, MAX_SECONDS);
    }

    /** Adds the next word; returns the group it closed, if it starts a new one. */
    public Optional<List<RecognizedWord>> add(RecognizedWord word) {
      Optional<List<RecognizedWord>> closed = Optional.empty();
      if (!current.isEmpty()) {
        RecognizedWord first = current.get(0);
        RecognizedWord last = current.get(current.size() - 1);
        boolean pause = word.startSeconds() - last.endSeconds() >= pauseSeconds;
        boolean tooLong = word.endSeconds() - first.startSeconds() > maxSeconds;
        if (pause || tooLong) {
          closed = Optional.of(List.copyOf(current));
          current.clear();
        }
      }
      current.add(word);
      return closed;
    }

    /** Closes the last group, if any word is in it. */
    public Optional<List<RecognizedWord>> finish() {
      if (current.isEmpty()) {
        return Optional.empty();
      }
      List<RecognizedWord> last = List.copyOf(current);
      current.clear();
      return Optional.of(last);
    }
  }

  public static List<List<RecognizedWord>> split(List<RecognizedWord> words) {
    return split(words, PAUSE_SECONDS, MAX_SECONDS);
  }
}
