package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sentio.affect.Emotion;

class LexiconTest {

  @ParameterizedTest
  @EnumSource(
      value = Language.class,
      names = {"EN", "ZH"})
  void bundledLexiconCoversEveryEmotionWithAFewHundredEntries(Language language) {
    Lexicon lexicon = Lexicon.bundled(language);

    assertThat(lexicon.size()).isGreaterThan(250);
    assertThat(lexicon.cuesPerEmotion()).allSatisfy((e, n) -> assertThat(n).isGreaterThan(10));
  }

  @Test
  void bundledLexiconsCarryCallCentreWords() {
    Lexicon en = Lexicon.bundled(Language.EN);
    Lexicon zh = Lexicon.bundled(Language.ZH);

    for (String word : new String[] {"refund", "cancel", "ridiculous", "unacceptable", "waiting"}) {
      assertThat(en.entry(word)).get().extracting(LexiconEntry::emotion).isEqualTo(Emotion.ANGRY);
    }
    assertThat(en.entry("thank you"))
        .get()
        .extracting(LexiconEntry::emotion)
        .isEqualTo(Emotion.HAPPY);
    assertThat(en.entry("appreciate")).isPresent();
    for (String word : new String[] {"投诉", "退款", "太慢"}) {
      assertThat(zh.entry(word)).get().extracting(LexiconEntry::emotion).isEqualTo(Emotion.ANGRY);
    }
    assertThat(zh.entry("谢谢")).get().extracting(LexiconEntry::emotion).isEqualTo(Emotion.HAPPY);
  }

  @Test
  void rejectsATermListedTwiceNamingTheLine() {
    String entries = "term\temotion\tstrength\tvalence\nsad\tsad\t0.8\t-0.7\nsad\tsad\t0.5\t-0.5\n";

    assertThatThrownBy(
            () ->
                Lexicon.read(
                    new StringReader(entries), "x.tsv", new StringReader("term\tkind\n"), "m.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.tsv line 3")
        .hasMessageContaining("twice");
  }

  @Test
  void rejectsAnUnknownEmotion() {
    String entries = "term\temotion\tstrength\tvalence\nmeh\tbored\t0.5\t-0.1\n";

    assertThatThrownBy(
            () ->
                Lexicon.read(
                    new StringReader(entries), "x.tsv", new StringReader("term\tkind\n"), "m.tsv"))
        .hasMessageContaining("x.tsv line 2")
        .hasMessageContaining("bored");
  }

  @Test
  void measuresLongestTermInWordsOrCharacters() throws Exception {
    String entries = "# c\nterm\temotion\tstrength\tvalence\noh my god\tsurprise\t0.9\t0\n";
    String modifiers = "term\tkind\tfactor\n非常\tINTENSIFIER\t1.7\nnot\tNEGATOR\n";

    Lexicon lexicon =
        Lexicon.read(new StringReader(entries), "e", new StringReader(modifiers), "m");

    assertThat(lexicon.longestTerm()).isEqualTo(3);
    assertThat(lexicon.isNegator("not")).isTrue();
    assertThat(lexicon.intensifier("非常")).hasValue(1.7);
  }
}
