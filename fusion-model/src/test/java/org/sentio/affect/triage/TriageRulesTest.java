package org.sentio.affect.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.Modality;

class TriageRulesTest {

  static TriageCard assess(String complaint) {
    return TriageRules.assess(new TriageInput(complaint, Vitals.none(), List.of(), null));
  }

  @ParameterizedTest(name = "{0} -> level {1} ({2})")
  @CsvSource(
      delimiter = '|',
      value = {
        "I have crushing chest pain since an hour | 2 | chest pain",
        "我胸痛已经一个小时了 | 2 | chest pain",
        "胸口疼，出汗 | 2 | chest pain",
        "I can't breathe | 2 | can't breathe",
        "I can’t breathe properly | 2 | can't breathe",
        "病人说呼吸困难 | 2 | can't breathe",
        "我喘不上气 | 2 | can't breathe",
        "her face drooping and slurred speech | 2 | stroke signs",
        "他突然口齿不清，一侧无力 | 2 | stroke signs",
        "the cut is bleeding heavily | 2 | severe bleeding",
        "伤口流血不止 | 2 | severe bleeding",
        "worst headache of my life | 2 | worst headache / head injury",
        "剧烈头痛 | 2 | worst headache / head injury",
        "he had a seizure at home | 2 | seizure",
        "孩子抽搐了 | 2 | seizure",
        "I want to kill myself | 2 | self-harm / suicidal",
        "我不想活了 | 2 | self-harm / suicidal",
        "he is unresponsive | 1 | unresponsive / not breathing",
        "家人发现他不省人事 | 1 | unresponsive / not breathing",
        "my throat is closing after a bee sting | 2 | anaphylaxis",
        "喉咙肿，严重过敏 | 2 | anaphylaxis",
      })
  void redFlagCues(String complaint, int level, String cue) {
    TriageCard card = assess(complaint);
    assertThat(card.level()).isEqualTo(level);
    assertThat(card.decisive())
        .anySatisfy(
            c -> {
              assertThat(c.source()).isEqualTo(Contribution.Source.COMPLAINT);
              assertThat(c.rule()).isEqualTo("red-flag cue: " + cue);
              assertThat(c.weight()).isEqualTo(1.0);
            });
    assertThat(card.disclaimer()).isEqualTo("Decision support — not a diagnosis");
  }

  @ParameterizedTest(name = "{0} -> level 4")
  @CsvSource(
      delimiter = '|',
      value = {
        "no chest pain, just a sprained ankle",
        "denies chest pain",
        "没有胸痛，只是脚踝扭伤",
        "无胸痛",
        "I have a sore throat",
        "我嗓子疼",
        "''",
      })
  void negatedOrBenignComplaintsFallToTheDefault(String complaint) {
    TriageCard card = assess(complaint);
    assertThat(card.level()).isEqualTo(4);
    assertThat(card.contributions()).noneMatch(c -> c.source() == Contribution.Source.COMPLAINT);
    assertThat(card.decisive())
        .extracting(Contribution::source)
        .contains(Contribution.Source.DEFAULT);
  }

  @ParameterizedTest(name = "{0} = {1} -> level {2}")
  @CsvSource({
    "SPO2, 80, 1",
    "SPO2, 90, 2",
    "SPO2, 97, 4",
    "HEART_RATE, 160, 1",
    "HEART_RATE, 35, 1",
    "HEART_RATE, 110, 2",
    "HEART_RATE, 45, 3",
    "HEART_RATE, 72, 4",
    "RESPIRATORY_RATE, 40, 1",
    "RESPIRATORY_RATE, 24, 2",
    "RESPIRATORY_RATE, 16, 4",
    "SYSTOLIC_BP, 70, 1",
    "SYSTOLIC_BP, 85, 2",
    "SYSTOLIC_BP, 190, 2",
    "SYSTOLIC_BP, 125, 4",
    "TEMPERATURE, 40.1, 2",
    "TEMPERATURE, 34.2, 2",
    "TEMPERATURE, 38.4, 3",
    "TEMPERATURE, 36.8, 4",
    "PAIN, 8, 2",
    "PAIN, 5, 3",
    "PAIN, 2, 4",
  })
  void vitalDangerZones(Vital vital, double value, int level) {
    TriageCard card =
        TriageRules.assess(new TriageInput("", Vitals.none().with(vital, value), List.of(), null));
    assertThat(card.level()).isEqualTo(level);
    if (level < 4) {
      assertThat(card.decisive())
          .anySatisfy(c -> assertThat(c.source()).isEqualTo(Contribution.Source.VITALS));
    }
  }

  @ParameterizedTest(name = "{0} = {1} refused")
  @CsvSource({
    "HEART_RATE, 400, 20–300 /min",
    "HEART_RATE, 0, 20–300 /min",
    "SPO2, 105, 50–100 %",
    "TEMPERATURE, 60, 25–45 °C",
    "TEMPERATURE, 3.7, 25–45 °C",
    "RESPIRATORY_RATE, 200, 4–80 /min",
    "SYSTOLIC_BP, 500, 40–300 mmHg",
    "DIASTOLIC_BP, 5, 20–200 mmHg",
    "PAIN, 11, 0–10 /10",
    "PAIN, -1, 0–10 /10",
  })
  void impossibleVitalsAreRefusedWithTheValidRange(Vital vital, double value, String range) {
    assertThatThrownBy(() -> Vitals.none().with(vital, value))
        .isInstanceOf(VitalOutOfRangeException.class)
        .hasMessageContaining("valid range is " + range);
    VitalOutOfRangeException e =
        (VitalOutOfRangeException) catchThrowable(() -> Vitals.none().with(vital, value));
    assertThat(e.messageZh())
        .contains("有效范围 " + range)
        .contains(vital.label(java.util.Locale.CHINESE));
  }

  private static Throwable catchThrowable(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  @Test
  void typedVitalsParseAndRefuseText() {
    Vitals v = Vitals.none().withText(Vital.TEMPERATURE, "37,5").withText(Vital.HEART_RATE, " ");
    assertThat(v.get(Vital.TEMPERATURE)).contains(37.5);
    assertThat(v.get(Vital.HEART_RATE)).isEmpty();
    assertThatThrownBy(() -> Vitals.none().withText(Vital.HEART_RATE, "fast"))
        .hasMessageContaining("20–300 /min");
    assertThatThrownBy(() -> Vitals.none().with(Vital.SYSTOLIC_BP, 80).with(Vital.DIASTOLIC_BP, 90))
        .hasMessageContaining("below systolic");
  }

  static AffectEstimate voice(Emotion e, double conf) {
    return AffectEstimate.present(Modality.VOICE, EmotionDistribution.certain(e), -0.5, 0.5, conf);
  }

  @Test
  void highVoiceOrFaceDistressSuggestsLevelThreeNeverHigher() {
    TriageCard card =
        TriageRules.assess(
            new TriageInput(
                "I feel unwell",
                Vitals.none(),
                List.of(
                    voice(Emotion.FEARFUL, 0.9),
                    voice(Emotion.SAD, 0.8),
                    AffectEstimate.present(
                        Modality.FACE, EmotionDistribution.certain(Emotion.NEUTRAL), 0, 0, 0.9),
                    AffectEstimate.absent(Modality.FACE, AbsenceReason.values()[0], "no face")),
                null));
    assertThat(card.level()).isEqualTo(3);
    Contribution v =
        card.contributions().stream()
            .filter(c -> c.source() == Contribution.Source.VOICE)
            .findFirst()
            .orElseThrow();
    assertThat(v.suggestedLevel()).isEqualTo(3);
    assertThat(v.weight()).isGreaterThan(0.7);
    Contribution f =
        card.contributions().stream()
            .filter(c -> c.source() == Contribution.Source.FACE)
            .findFirst()
            .orElseThrow();
    assertThat(f.suggestedLevel()).isEqualTo(5);
    assertThat(f.weight()).isZero();
  }

  @Test
  void lowConfidenceDistressDoesNotCount() {
    TriageCard card =
        TriageRules.assess(
            new TriageInput("", Vitals.none(), List.of(voice(Emotion.ANGRY, 0.2)), null));
    assertThat(card.level()).isEqualTo(4);
  }

  @Test
  void imagingFindingIsShownWithItsValidationFigures() {
    ImagingFinding pos =
        new ImagingFinding("test-model 0.1", "hyperdensity", 0.8, 0.5, "sensitivity 0.9 (n=10)");
    TriageCard card = TriageRules.assess(new TriageInput("头晕", Vitals.none(), List.of(), pos));
    assertThat(card.level()).isEqualTo(2);
    assertThat(card.decisive().get(0).source()).isEqualTo(Contribution.Source.IMAGING);
    assertThat(card.decisive().get(0).evidence()).contains("sensitivity 0.9 (n=10)");
    assertThat(card.decisive().get(0).weight()).isEqualTo(0.8);
    ImagingFinding neg = new ImagingFinding("m", "hyperdensity", 0.1, 0.5, "v");
    assertThat(TriageRules.assess(new TriageInput("", null, null, neg)).level()).isEqualTo(4);
  }

  @Test
  void everyReasonIsListedMostUrgentFirst() {
    TriageCard card =
        TriageRules.assess(
            new TriageInput(
                "chest pain and 呼吸困难",
                Vitals.none().with(Vital.SPO2, 83).with(Vital.PAIN, 5),
                List.of(),
                null));
    assertThat(card.level()).isEqualTo(1);
    assertThat(card.levelName()).isEqualTo("Resuscitation");
    assertThat(card.levelNameZh()).isEqualTo("复苏");
    assertThat(card.contributions())
        .extracting(Contribution::suggestedLevel)
        .containsExactly(1, 2, 2, 3);
  }
}
