package org.sentio.affect.speech;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Word error rate: (substitutions + deletions + insertions) / reference words, from the word-level
 * edit distance after both texts are lower-cased and stripped of punctuation (apostrophes inside
 * words are kept, so "don't" stays one word).
 */
public final class WordErrorRate {
  private WordErrorRate() {}

  /** The words of {@code text} as they are compared. */
  public static List<String> words(String text) {
    String cleaned =
        text.toLowerCase(Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N}' ]+", " ")
            .replaceAll("(^|\\s)'+|'+(\\s|$)", " ")
            .strip();
    return cleaned.isEmpty() ? List.of() : Arrays.asList(cleaned.split("\\s+"));
  }

  /** The word-level edit distance between a reference and what was recognised. */
  public static int errors(List<String> reference, List<String> hypothesis) {
    int[] previous = new int[hypothesis.size() + 1];
    int[] current = new int[hypothesis.size() + 1];
    for (int j = 0; j <= hypothesis.size(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= reference.size(); i++) {
      current[0] = i;
      for (int j = 1; j <= hypothesis.size(); j++) {
        int substitution =
            previous[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[hypothesis.size()];
  }
}
