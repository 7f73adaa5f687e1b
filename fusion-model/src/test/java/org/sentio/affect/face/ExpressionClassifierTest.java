package org.sentio.affect.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.Emotion;
import org.sentio.runtime.ModelException;

class ExpressionClassifierTest {

  @Test
  void mapsFer2013ClassOrderToSentioEmotionOrder() throws Exception {
    int[] mapping =
        ExpressionClassifier.classMapping(
            List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"));
    assertThat(mapping)
        .containsExactly(
            Emotion.ANGRY.ordinal(),
            Emotion.DISGUSTED.ordinal(),
            Emotion.FEARFUL.ordinal(),
            Emotion.HAPPY.ordinal(),
            Emotion.SAD.ordinal(),
            Emotion.SURPRISED.ordinal(),
            Emotion.NEUTRAL.ordinal());
  }

  @Test
  void refusesAManifestWithTheWrongClasses() {
    assertThatThrownBy(() -> ExpressionClassifier.classMapping(List.of("happy", "sad")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("lists 2 classes, expected 7");
    assertThatThrownBy(
            () ->
                ExpressionClassifier.classMapping(
                    List.of("angry", "angry", "fear", "happy", "sad", "surprise", "neutral")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("angry twice");
  }
}
