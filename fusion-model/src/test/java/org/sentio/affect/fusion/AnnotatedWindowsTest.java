package org.sentio.affect.fusion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sentio.affect.AbsenceReason;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.AffectWindow;
import org.sentio.affect.Emotion;
import org.sentio.affect.EmotionDistribution;
import org.sentio.affect.FusedEstimate;
import org.sentio.affect.Modality;
import org.sentio.affect.fusion.AnnotatedWindows.LabeledSpan;

/** Which stored windows a person's labelled spans turn into training windows. */
class AnnotatedWindowsTest {

  /** Windows of 1 s every 0.5 s (midpoints at 0.5, 1.0, 1.5, ...); the face is present in each. */
  private static List<AffectWindow> session(int count) {
    List<AffectWindow> windows = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      windows.add(window(k, k % 4 != 3));
    }
    return windows;
  }

  private static AffectWindow window(int k, boolean facePresent) {
    Map<Modality, AffectEstimate> estimates = new EnumMap<>(Modality.class);
    estimates.put(
        Modality.FACE,
        facePresent
            ? AffectEstimate.present(
                Modality.FACE, EmotionDistribution.certain(Emotion.HAPPY), 0.5, 0.2, 0.9)
            : AffectEstimate.absent(Modality.FACE, AbsenceReason.NO_FACE, null));
    estimates.put(
        Modality.VOICE, AffectEstimate.absent(Modality.VOICE, AbsenceReason.NO_SPEECH, null));
    estimates.put(Modality.TEXT, AffectEstimate.absent(Modality.TEXT, AbsenceReason.NO_TEXT, null));
    FusedEstimate fused =
        new FusedEstimate(null, Double.NaN, Double.NaN, 0, Map.of(), List.of(), "moe");
    return new AffectWindow(k, k * 0.5, k * 0.5 + 1.0, estimates, fused);
  }

  @Test
  void windowsWhoseMiddleLiesInAnEmotionSpanTakeItsLabel() {
    AnnotatedWindows annotated = new AnnotatedWindows();
    // Midpoints 1.0, 1.5, 2.0 lie in [0.9, 2.1): windows 1, 2, 3; window 3 has no face.
    annotated.add(session(10), List.of(new LabeledSpan(0.9, 2.1, "Happy")));
    assertThat(annotated.size()).isEqualTo(2);
    assertThat(annotated.labels()).containsExactly(Emotion.HAPPY, Emotion.HAPPY);
    assertThat(annotated.empty()).isEqualTo(1);
    assertThat(annotated.sessions()).isEqualTo(1);

    MoeTrainer.Windows encoded = annotated.encode();
    assertThat(encoded.size()).isEqualTo(2);
    assertThat(encoded.mask()).containsExactly(1, 0, 0, 1, 0, 0);
    assertThat(encoded.label()).containsExactly(Emotion.HAPPY.ordinal(), Emotion.HAPPY.ordinal());
  }

  @Test
  void labelsOutsideTheSevenEmotionsAreCountedNotUsed() {
    AnnotatedWindows annotated = new AnnotatedWindows();
    annotated.add(
        session(10),
        List.of(new LabeledSpan(0, 5, "interruption"), new LabeledSpan(0, 1.2, "fear")));
    assertThat(annotated.spans()).isEqualTo(2);
    assertThat(annotated.spansWithoutEmotion()).isEqualTo(1);
    assertThat(annotated.labels()).containsExactly(Emotion.FEARFUL, Emotion.FEARFUL);
    assertThat(annotated.describe())
        .contains("2 annotated windows from 1 session")
        .contains("1 without an emotion label");
  }

  @Test
  void windowsUnderDisagreeingSpansAreLeftOut() {
    AnnotatedWindows annotated = new AnnotatedWindows();
    annotated.add(
        session(6), List.of(new LabeledSpan(0, 2.1, "sad"), new LabeledSpan(1.4, 3, "angry")));
    // Midpoints 1.5 and 2.0 lie in both spans; 0.5, 1.0 only in sad; 2.5 only in angry.
    assertThat(annotated.conflicting()).isEqualTo(2);
    assertThat(annotated.labels()).containsExactly(Emotion.SAD, Emotion.SAD, Emotion.ANGRY);
  }

  @Test
  void sessionsWithoutSpansAddNothing() {
    AnnotatedWindows annotated = new AnnotatedWindows();
    annotated.add(session(6), List.of());
    assertThat(annotated.sessions()).isZero();
    assertThat(annotated.size()).isZero();
  }
}
