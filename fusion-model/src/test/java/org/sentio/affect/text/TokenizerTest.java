package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void splitsEnglishIntoLowerCaseWordsKeepingApostrophes() {
    assertThat(Tokenizer.english("I DON'T want to wait, it’s ridiculous!"))
        .containsExactly("i", "don't", "want", "to", "wait", "it's", "ridiculous");
  }

  @Test
  void segmentsChineseByLongestLexiconMatch() {
    Lexicon zh = Lexicon.bundled(Language.ZH);

    assertThat(Tokenizer.chinese("我非常不满意，太慢了！", zh)).containsExactly("我", "非常", "不满意", "太慢了");
    assertThat(Tokenizer.chinese("我不开心", zh)).containsExactly("我", "不", "开心");
  }

  @Test
  void keepsLatinWordsInsideChineseAsOneToken() {
    assertThat(Tokenizer.chinese("我要Refund", Lexicon.bundled(Language.ZH)))
        .containsExactly("我", "要", "refund");
  }
}
