package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sentio.affect.speech.RecognizedWord;
import org.sentio.affect.speech.WordGroups;
import org.sentio.affect.text.TextAnalyzer;

/**
 * The utterances read as the recogniser hands words over, in whatever batches it does, are the
 * utterances read from all the words at the end (ADR 0056).
 */
class UtteranceReaderTest {
  private static final TextAnalyzer TEXT = new TextAnalyzer();
  private static final Function<List<RecognizedWord>, Utterance> READ =
      group -> {
        List<String> said = group.stream().map(RecognizedWord::text).toList();
        String sentence = String.join(" ", said);
        return new Utterance(
            group.get(0).startSeconds(),
            group.get(group.size() - 1).endSeconds(),
            sentence,
            TEXT.analyze(sentence));
      };

  @Test
  void wordsHandedOverInBatchesGiveTheUtterancesOfAllTheWords() throws Exception {
    List<RecognizedWord> words = new ArrayList<>();
    double t = 0.3;
    // Three turns with pauses between them, then a monologue longer than an utterance may grow.
    for (String turn : List.of("i am very happy today", "this is not good at all", "thank you")) {
      for (String w : turn.split(" ")) {
        words.add(new RecognizedWord(w, t, t + 0.3, 0.9));
        t += 0.35;
      }
      t += 1.0;
    }
    for (int i = 0; i < 40; i++) {
      words.add(new RecognizedWord(i % 2 == 0 ? "terrible" : "service", t, t + 0.3, 0.8));
      t += 0.35;
    }
    List<Utterance> expected = WordGroups.split(words).stream().map(READ).toList();
    assertThat(expected).hasSizeGreaterThan(4);

    for (int batch : new int[] {1, 3, 7, words.size()}) {
      try (UtteranceReader reader = new UtteranceReader(READ)) {
        for (int from = 0; from < words.size(); from += batch) {
          reader.submitWords(words.subList(from, Math.min(words.size(), from + batch)));
        }
        assertThat(reader.finish(words)).as("batches of %d words", batch).contains(expected);
      }
    }
  }

  @Test
  void wordsOtherThanTheOnesHandedOverAreLeftToTheCaller() throws Exception {
    List<RecognizedWord> heard = List.of(new RecognizedWord("hello", 0.2, 0.5, 0.9));
    List<RecognizedWord> all =
        List.of(
            new RecognizedWord("hello", 0.2, 0.5, 0.9), new RecognizedWord("there", 0.6, 0.9, 0.9));
    try (UtteranceReader reader = new UtteranceReader(READ)) {
      reader.submitWords(heard);
      assertThat(reader.finish(all)).isEmpty();
    }
  }
}
