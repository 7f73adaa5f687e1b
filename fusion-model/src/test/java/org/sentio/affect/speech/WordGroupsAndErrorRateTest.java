package org.sentio.affect.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Grouping words into utterances, and the word error rate's edit distance and normalisation. */
class WordGroupsAndErrorRateTest {
  private static RecognizedWord word(String text, double start, double end) {
    return new RecognizedWord(text, start, end, 1.0);
  }

  @Test
  void aPauseStartsANewUtterance() {
    List<RecognizedWord> words =
        List.of(word("hello", 0.0, 0.4), word("there", 0.5, 0.9), word("yes", 1.6, 1.9));

    assertThat(WordGroups.split(words, 0.6, 10)).extracting(List::size).containsExactly(2, 1);
  }

  @Test
  void aLongMonologueIsCutAtTheMaximumLength() {
    List<RecognizedWord> words =
        List.of(word("a", 0, 3), word("b", 3.1, 6), word("c", 6.1, 9), word("d", 9.1, 12));

    assertThat(WordGroups.split(words, 0.6, 10)).extracting(List::size).containsExactly(3, 1);
    assertThat(WordGroups.split(List.of(), 0.6, 10)).isEmpty();
  }

  @Test
  void errorsCountSubstitutionsDeletionsAndInsertions() {
    List<String> reference = WordErrorRate.words("Kids are talking by the door.");

    assertThat(reference).containsExactly("kids", "are", "talking", "by", "the", "door");
    assertThat(WordErrorRate.errors(reference, WordErrorRate.words("kids are talking by the door")))
        .isZero();
    assertThat(WordErrorRate.errors(reference, WordErrorRate.words("kid are talking by door")))
        .isEqualTo(2);
    assertThat(
            WordErrorRate.errors(
                reference, WordErrorRate.words("the kids are talking by the door now")))
        .isEqualTo(2);
    assertThat(WordErrorRate.errors(reference, List.of())).isEqualTo(6);
    assertThat(WordErrorRate.words("Don't 'quote' me, OK?"))
        .containsExactly("don't", "quote", "me", "ok");
  }
}
