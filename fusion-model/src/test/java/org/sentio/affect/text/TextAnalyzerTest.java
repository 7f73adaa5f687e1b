package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.Modality;

class TextAnalyzerTest {
  private final TextAnalyzer analyzer = new TextAnalyzer();

  @ParameterizedTest(name = "\"{0}\" reads as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I am so happy, thank you so much for your help! | happy",
        "That is wonderful news, I really appreciate it | happy",
        "I feel sad and lonely since she left | sad",
        "I am really disappointed, it is heartbroken to hear | sad",
        "This is ridiculous and unacceptable, I want a refund now! | angry",
        "I'm furious, I have been waiting on hold for two hours | angry",
        "I am scared and worried about the test results | fearful",
        "Help me, I can't breathe and I'm terrified | fearful",
        "That food was disgusting, there was a cockroach in it | disgusted",
        "Eww, gross, the room was filthy | disgusted",
        "Wow, I can't believe it, what a surprise! | surprised",
        "Oh my god, that was so unexpected | surprised",
        "Please send the invoice to my office address | neutral",
        "Okay, understood, no problem | neutral",
        "我今天很开心，谢谢你的帮助 | happy",
        "太好了，我非常满意 | happy",
        "我很难过，心里好难过想哭 | sad",
        "真让人失望，我好伤心 | sad",
        "太慢了，我要投诉，马上给我退款！ | angry",
        "气死我了，这服务简直是垃圾 | angry",
        "我很害怕，也很担心检查结果 | fearful",
        "救命，我胸痛，呼吸困难 | fearful",
        "这饭菜真恶心，里面有蟑螂 | disgusted",
        "好脏好臭，想吐 | disgusted",
        "天哪，真没想到，太意外了 | surprised",
        "我很惊讶，简直不敢相信 | surprised",
        "请把发票寄到我的办公室 | neutral",
        "好的，没问题，知道了 | neutral"
      })
  void classifiesClearSentencesAsLabeled(String utterance, String label) {
    AffectEstimate estimate = analyzer.analyze(utterance);

    assertThat(estimate.isPresent()).isTrue();
    assertThat(estimate.modality()).isEqualTo(Modality.TEXT);
    assertThat(estimate.emotions().top())
        .as("%s -> %s", utterance, estimate.emotions())
        .isEqualTo(Emotion.parse(label));
  }

  @Test
  void negatedHappinessHasNegativeValence() {
    AffectEstimate happy = analyzer.analyze("I am happy");
    AffectEstimate notHappy = analyzer.analyze("I am not happy");

    assertThat(happy.valence()).isPositive();
    assertThat(notHappy.valence()).isNegative();
    assertThat(notHappy.emotions().get(Emotion.HAPPY)).isLessThan(0.05);
    assertThat(notHappy.emotions().get(Emotion.SAD))
        .isGreaterThan(happy.emotions().get(Emotion.SAD));
  }

  @Test
  void negatedHappinessInChineseHasNegativeValence() {
    assertThat(analyzer.analyze("我开心").valence()).isPositive();
    assertThat(analyzer.analyze("我不开心").valence()).isNegative();
    assertThat(analyzer.analyze("我不开心").emotions().top()).isEqualTo(Emotion.SAD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"I'm not angry", "I am not angry at all", "我没有生气", "别担心"})
  void negatedNegativeCueMovesTowardsNeutral(String utterance) {
    AffectEstimate estimate = analyzer.analyze(utterance);

    assertThat(estimate.emotions().top()).isEqualTo(Emotion.NEUTRAL);
    assertThat(estimate.valence()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void contractedNegatorCounts() {
    assertThat(analyzer.analyze("I don't like it, I'm not satisfied").valence()).isNegative();
    assertThat(analyzer.analyze("It wasn't good").valence()).isNegative();
  }

  @Test
  void negationEndsAtPunctuation() {
    AffectEstimate estimate = analyzer.analyze("No, I am happy");

    assertThat(estimate.valence()).isPositive();
    assertThat(estimate.emotions().top()).isEqualTo(Emotion.HAPPY);
  }

  @Test
  void doubleNegationCancels() {
    assertThat(analyzer.analyze("I am never not happy here").valence()).isPositive();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "I am happy | I am very happy",
        "I am angry | I am extremely angry",
        "我开心 | 我非常开心",
        "我生气 | 我特别生气"
      })
  void intensifierRaisesTopProbability(String plain, String intensified) {
    AffectEstimate a = analyzer.analyze(plain);
    AffectEstimate b = analyzer.analyze(intensified);

    assertThat(b.emotions().top()).isEqualTo(a.emotions().top());
    assertThat(b.emotions().get(b.emotions().top()))
        .isGreaterThan(a.emotions().get(a.emotions().top()));
  }

  @Test
  void softenerLowersTopProbability() {
    double plain = analyzer.analyze("I am annoyed").emotions().get(Emotion.ANGRY);
    double softened = analyzer.analyze("I am slightly annoyed").emotions().get(Emotion.ANGRY);

    assertThat(softened).isLessThan(plain);
  }

  @Test
  void exclamationMarksRaiseStrengthAndArousal() {
    AffectEstimate calm = analyzer.analyze("This is unacceptable");
    AffectEstimate loud = analyzer.analyze("This is unacceptable!!");

    assertThat(loud.emotions().get(Emotion.ANGRY))
        .isGreaterThan(calm.emotions().get(Emotion.ANGRY));
    assertThat(loud.arousal()).isGreaterThan(calm.arousal());
  }

  @Test
  void moreCueEvidenceGivesMoreConfidence() {
    double one = analyzer.analyze("I am annoyed").confidence();
    double three = analyzer.analyze("I am annoyed, furious and fed up").confidence();

    assertThat(three).isGreaterThan(one);
  }

  @Test
  void textWithoutCuesIsNeutralWithLowConfidence() {
    AffectEstimate estimate = analyzer.analyze("The parcel number is on the receipt");

    assertThat(estimate.isPresent()).isTrue();
    assertThat(estimate.emotions().top()).isEqualTo(Emotion.NEUTRAL);
    assertThat(estimate.confidence()).isLessThanOrEqualTo(0.1);
    assertThat(estimate.valence()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n\t"})
  void blankTextIsAbsentWithNoText(String blank) {
    AffectEstimate estimate = analyzer.analyze(blank);

    assertThat(estimate.isPresent()).isFalse();
    assertThat(estimate.absence()).isEqualTo(AbsenceReason.NO_TEXT);
    assertThat(estimate.modality()).isEqualTo(Modality.TEXT);
  }

  @Test
  void nullTextIsAbsentWithNoText() {
    assertThat(analyzer.analyze(null).absence()).isEqualTo(AbsenceReason.NO_TEXT);
  }

  @Test
  void unsupportedScriptIsAbsentAsUnreadable() {
    AffectEstimate estimate = analyzer.analyze("Это ужасно");

    assertThat(estimate.absence()).isEqualTo(AbsenceReason.UNREADABLE);
    assertThat(estimate.absenceDetail()).contains("English").contains("Chinese");
  }

  @Test
  void inflectedEnglishWordsFindTheirLexiconForm() {
    assertThat(analyzer.cues("She loved it and worries a lot"))
        .extracting(TextCue::term)
        .containsExactly("love", "worry");
  }

  @Test
  void longestMatchPrefersPhrases() {
    assertThat(analyzer.cues("no problem, thank you"))
        .extracting(TextCue::term)
        .containsExactly("no problem", "thank you");
    assertThat(analyzer.cues("不好意思，不错")).extracting(TextCue::term).containsExactly("不好意思", "不错");
  }

  @Test
  void shoutedWordCountsMore() {
    double plain = analyzer.analyze("this is ridiculous").emotions().get(Emotion.ANGRY);
    double shouted = analyzer.analyze("this is RIDICULOUS").emotions().get(Emotion.ANGRY);

    assertThat(shouted).isGreaterThan(plain);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "The agent was lovely, but the wait was ridiculous | angry",
        "I was worried at first, but now I am happy | happy",
        "客服很热情，但是退款太慢了 | angry"
      })
  void clauseAfterContrastOutweighsTheOneBefore(String utterance, String label) {
    assertThat(analyzer.analyze(utterance).emotions().top()).isEqualTo(Emotion.parse(label));
  }
}
