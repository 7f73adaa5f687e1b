package org.sentio.affect.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.pipeline.Analyzers;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelRegistry;

/**
 * The shipped encoder text models (text-affect-en-bge, text-affect-zh-bge), as the analysis opens
 * them, on real sentences.
 */
class EncoderTextModelTest {
  private static TextAffectModel english;
  private static TextAffectModel chinese;
  private static TextAnalyzer analyzer;

  @BeforeAll
  static void open() throws Exception {
    ModelRegistry registry = ShippedModels.registry();
    english =
        TextAffectModel.open(
            ShippedModels.host(),
            registry,
            Analyzers.textModel(registry, Language.EN),
            Language.EN);
    chinese =
        TextAffectModel.open(
            ShippedModels.host(),
            registry,
            Analyzers.textModel(registry, Language.ZH),
            Language.ZH);
    analyzer = new TextAnalyzer(english, chinese);
  }

  @AfterAll
  static void close() throws Exception {
    english.close();
    chinese.close();
  }

  @Test
  void theAnalysisReadsEachLanguageWithItsEncoderModel() {
    assertThat(english.session().model().name()).isEqualTo(Analyzers.TEXT_AFFECT_EN_ENCODER);
    assertThat(chinese.session().model().name()).isEqualTo(Analyzers.TEXT_AFFECT_ZH_ENCODER);
    assertThat(english.encoderKind()).isEqualTo(SentenceEncoder.Encoder.BGE_SMALL_EN_Q);
    assertThat(chinese.encoderKind()).isEqualTo(SentenceEncoder.Encoder.BGE_SMALL_ZH_Q);
  }

  @Test
  void theSentenceEncoderOpensWithTheFirstUtteranceOfItsLanguageOnly() throws Exception {
    ModelRegistry registry = ShippedModels.registry();
    try (TextAffectModel fresh =
        TextAffectModel.open(
            ShippedModels.host(),
            registry,
            Analyzers.textModel(registry, Language.EN),
            Language.EN)) {
      assertThat(fresh.encoderOpen()).isFalse();
      TextAffectModel.Reading reading = fresh.predict("Thank you so much, that was kind.");
      assertThat(fresh.encoderOpen()).isTrue();
      assertThat(reading.embedding()).hasSize(SentenceEncoder.DIMENSION);
      assertThat(reading.emotions().top()).isEqualTo(Emotion.HAPPY);
    }
  }

  @Test
  void anAngrySentenceScoresAngryHigherThanAHappyOneInEnglish() throws Exception {
    AffectEstimate angry = analyzer.analyze("Stop lying to me, I am so angry right now.");
    AffectEstimate happy = analyzer.analyze("I am so happy, thank you so much for your help!");
    assertThat(angry.emotions().top()).isEqualTo(Emotion.ANGRY);
    assertThat(happy.emotions().top()).isEqualTo(Emotion.HAPPY);
    assertThat(angry.emotions().get(Emotion.ANGRY))
        .isGreaterThan(happy.emotions().get(Emotion.ANGRY));
    assertThat(happy.valence()).isGreaterThan(angry.valence());
    assertThat(analyzer.analyze("I miss her so much, I cried all night.").emotions().top())
        .isEqualTo(Emotion.SAD);
  }

  @Test
  void anAngrySentenceScoresAngryHigherThanAHappyOneInChinese() throws Exception {
    AffectEstimate angry = analyzer.analyze("气死我了，快递又丢了，客服还不理人！");
    AffectEstimate happy = analyzer.analyze("今天太开心了，谢谢大家的祝福！");
    assertThat(angry.emotions().top()).isEqualTo(Emotion.ANGRY);
    assertThat(happy.emotions().top()).isEqualTo(Emotion.HAPPY);
    assertThat(angry.emotions().get(Emotion.ANGRY))
        .isGreaterThan(happy.emotions().get(Emotion.ANGRY));
  }

  @Test
  void theReadingCarriesTheUtteranceEmbedding() throws Exception {
    TextAffectModel.Reading reading = english.predict("I waited two hours on the phone.");
    assertThat(reading.embedding()).hasSize(SentenceEncoder.DIMENSION);
    assertThat(SentenceEncoderTest.dot(reading.embedding(), reading.embedding()))
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
  }
}
