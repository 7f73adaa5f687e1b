package org.sentio.affect.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;

class ConfidenceWeightedFusionTest {
  private final ConfidenceWeightedFusion fusion = new ConfidenceWeightedFusion();

  @Test
  void weighsModalitiesByConfidence() {
    FusedEstimate fused =
        fusion.fuseOne(
            window(
                AffectEstimate.present(
                    Modality.FACE, EmotionDistribution.certain(Emotion.HAPPY), 0.8, 0.5, 0.9),
                AffectEstimate.present(
                    Modality.TEXT,
                    EmotionDistribution.certain(Emotion.ANGRY),
                    -0.6,
                    Double.NaN,
                    0.3),
                AffectEstimate.absent(Modality.VOICE, AbsenceReason.NO_SPEECH, null)));

    assertThat(fused.emotions().get(Emotion.HAPPY)).isCloseTo(0.75, within(1e-9));
    assertThat(fused.emotions().get(Emotion.ANGRY)).isCloseTo(0.25, within(1e-9));
    assertThat(fused.valence()).isCloseTo((0.9 * 0.8 + 0.3 * -0.6) / 1.2, within(1e-9));
    assertThat(fused.arousal()).as("only the face tells arousal").isCloseTo(0.5, within(1e-9));
    assertThat(fused.modalityWeights())
        .containsOnlyKeys(Modality.FACE, Modality.TEXT)
        .hasEntrySatisfying(Modality.FACE, w -> assertThat(w).isCloseTo(0.75, within(1e-9)));
    assertThat(fused.confidence()).isCloseTo((0.81 + 0.09) / 1.2, within(1e-9));
    assertThat(fused.method()).isEqualTo(ConfidenceWeightedFusion.NAME);
  }

  @Test
  void arousalOnlyVoiceCountsForArousalButNotCategories() {
    FusedEstimate fused =
        fusion.fuseOne(
            window(
                AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null),
                AffectEstimate.present(Modality.VOICE, null, Double.NaN, 0.7, 0.5),
                AffectEstimate.present(
                    Modality.TEXT,
                    EmotionDistribution.certain(Emotion.SAD),
                    -0.5,
                    Double.NaN,
                    0.5)));

    assertThat(fused.emotions().top()).isEqualTo(Emotion.SAD);
    assertThat(fused.emotions().get(Emotion.SAD)).isEqualTo(1.0);
    assertThat(fused.arousal()).isEqualTo(0.7);
    assertThat(fused.modalityWeights().get(Modality.VOICE)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void nothingPresentGivesAnEmptyReading() {
    FusedEstimate fused =
        fusion.fuseOne(
            window(
                AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null),
                AffectEstimate.absent(Modality.VOICE, AbsenceReason.NO_SPEECH, null),
                AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null)));

    assertThat(fused.hasEmotions()).isFalse();
    assertThat(fused.confidence()).isZero();
    assertThat(fused.modalityWeights()).isEmpty();
    assertThat(fused.valence()).isNaN();
  }

  private static Map<Modality, AffectEstimate> window(AffectEstimate... estimates) {
    Map<Modality, AffectEstimate> map = new EnumMap<>(Modality.class);
    for (AffectEstimate e : estimates) {
      map.put(e.modality(), e);
    }
    return map;
  }
}
