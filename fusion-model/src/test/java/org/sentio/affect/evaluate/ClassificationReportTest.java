package org.sentio.affect.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sentio.affect.Emotion;

class ClassificationReportTest {
  @Test
  void accuracyMacroF1AndRecallMatchAHandCount() {
    ClassificationReport r = new ClassificationReport();
    r.add(Emotion.HAPPY, Emotion.HAPPY);
    r.add(Emotion.HAPPY, Emotion.SAD);
    r.add(Emotion.SAD, Emotion.SAD);
    r.add(Emotion.ANGRY, Emotion.HAPPY);
    assertThat(r.accuracy()).isEqualTo(0.5);
    // F1: happy 2*1/(2+2)=0.5, sad 2*1/(1+2)=0.667, angry 0 -> mean 0.3889
    assertThat(r.macroF1()).isCloseTo((0.5 + 2.0 / 3 + 0) / 3, within(1e-12));
    assertThat(r.perClassRecall()).containsEntry("happy", 0.5).containsEntry("angry", 0.0);
    assertThat(r.labels()).containsExactly(Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY);
    assertThat(r.matrix()).isEqualTo(new long[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 0}});
  }

  @Test
  void mcNemarIsExactAndSymmetric() {
    assertThat(McNemar.of(0, 0).pValue()).isEqualTo(1.0);
    // 10 vs 2 discordant: 2 * P(X <= 2 | n=12, p=1/2) = 2 * 79/4096
    assertThat(McNemar.of(10, 2).pValue()).isCloseTo(2 * 79 / 4096.0, within(1e-12));
    assertThat(McNemar.of(2, 10).pValue()).isEqualTo(McNemar.of(10, 2).pValue());
    assertThat(McNemar.of(5, 5).pValue()).isEqualTo(1.0);
  }
}
