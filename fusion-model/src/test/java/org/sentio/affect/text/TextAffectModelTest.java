package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelSession;

/** The shipped text-affect models on a small table of clear sentences, through TextAnalyzer. */
class TextAffectModelTest {
  private static ModelSession english;
  private static ModelSession chinese;
  private static TextAnalyzer analyzer;

  @BeforeAll
  static void open() throws Exception {
    english = ShippedModels.open("text-affect-en");
    chinese = ShippedModels.open("text-affect-zh");
    analyzer = new TextAnalyzer(english, chinese);
  }

  @AfterAll
  static void close() throws Exception {
    english.close();
    chinese.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I am so happy, thank you so much for your help! | happy",
        "This is wonderful news, I love it. | happy",
        "Stop lying to me, I am so angry right now. | angry",
        "I miss her so much, I cried all night. | sad",
        "I am so sad that my dog died. | sad",
        "I am scared, I think someone is following me. | fear",
        "That is disgusting, there was hair in my food. | disgust",
        "Wow, I did not expect that at all! | surprise",
        "What? Really? I can't believe it! | surprise",
        "The meeting is at three o'clock in room four. | neutral",
        "Please send the invoice to the billing address. | neutral"
      })
  void clearEnglishSentencesAreClassifiedAsLabeled(String sentence, String label) {
    AffectEstimate estimate = analyzer.analyze(sentence);
    assertThat(estimate.emotions().top()).isEqualTo(Emotion.parse(label));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "今天太开心了，谢谢大家的祝福！ | happy",
        "气死我了，快递又丢了，客服还不理人！ | angry",
        "好难过，我的猫昨天走了，一直在哭。 | sad",
        "好害怕，晚上一个人走夜路，总觉得有人跟着我。 | fear",
        "天哪，居然中奖了？真的假的！ | surprise",
        "明天上午九点在三楼会议室开会。 | neutral"
      })
  void clearChineseSentencesAreClassifiedAsLabeled(String sentence, String label) {
    AffectEstimate estimate = analyzer.analyze(sentence);
    assertThat(estimate.emotions().top()).isEqualTo(Emotion.parse(label));
  }

  @Test
  void negationFlipsValenceInEnglish() {
    assertThat(analyzer.analyze("I am happy").valence()).isPositive();
    assertThat(analyzer.analyze("I am not happy").valence()).isNegative();
  }

  @Test
  void negationFlipsValenceInChinese() {
    assertThat(analyzer.analyze("我很开心").valence()).isPositive();
    assertThat(analyzer.analyze("我不开心").valence()).isNegative();
  }

  @Test
  void aModelReadsAnUtteranceInMilliseconds() {
    analyzer.analyze("warm up the session");
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      analyzer.analyze("I waited two hours on the phone and nobody could help me " + i);
    }
    double millis = (System.nanoTime() - start) / 1e6 / 50;
    assertThat(millis).isLessThan(50);
  }

  @Test
  void otherScriptsStayUnreadable() {
    assertThat(analyzer.analyze("Привет, как дела?").isPresent()).isFalse();
  }
}
