package org.sentio.affect.speech.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The channel verdict on two-party calls built from real clips of two RAVDESS actors. */
class StereoCheckTest {
  private static Calls.Call call;

  @BeforeAll
  static void buildCall() throws Exception {
    call =
        Calls.build(
            "actors 12 and 14, one per channel, crosstalk -25 dB",
            List.of(Calls.ravdessClips(12, 3), Calls.ravdessClips(14, 3)),
            new int[] {0, 1, 0, 1, 1, 0},
            -25);
  }

  @Test
  void oneSpeakerPerChannelWithCrosstalkIsSeparateSpeakers() {
    StereoLayout layout = StereoCheck.of(call.channels()[0], call.channels()[1]).layout();

    assertThat(layout.kind()).as(layout.describe()).isEqualTo(StereoLayout.Kind.SEPARATE_SPEAKERS);
    assertThat(layout.leftDominant()).isGreaterThan(0.2);
    assertThat(layout.rightDominant()).isGreaterThan(0.2);
  }

  @Test
  void theSameMixOnBothChannelsIsNotSeparateSpeakers() {
    float[] quieter = new float[call.mono().length];
    for (int i = 0; i < quieter.length; i++) {
      quieter[i] = 0.7f * call.mono()[i]; // a 3 dB level difference is not a second party
    }

    StereoLayout layout = StereoCheck.of(call.mono(), quieter).layout();

    assertThat(layout.kind()).as(layout.describe()).isEqualTo(StereoLayout.Kind.SAME_MIX);
    assertThat(layout.correlation()).isGreaterThan(0.99);
  }

  @Test
  void aSilentChannelIsReportedNotFailed() {
    StereoLayout layout = StereoCheck.of(new float[call.mono().length], call.mono()).layout();

    assertThat(layout.kind()).isEqualTo(StereoLayout.Kind.ONE_CHANNEL_SILENT);
    assertThat(layout.silentChannel()).isZero();
    assertThat(layout.describe()).contains("left channel is silent");
  }

  @Test
  void twoSilentChannelsAreSilent() {
    float[] silence = new float[16_000];

    assertThat(StereoCheck.of(silence, silence).layout().kind())
        .isEqualTo(StereoLayout.Kind.SILENT);
  }

  @Test
  void theLouderChannelOfEachTurnIsItsSpeaker() {
    StereoCheck check = new StereoCheck();
    // Fed in blocks as a decoder hands them over, to check that frames carry across blocks.
    float[] left = call.channels()[0];
    float[] right = call.channels()[1];
    for (int from = 0; from < left.length; from += 1001) {
      int to = Math.min(left.length, from + 1001);
      check.accept(
          java.util.Arrays.copyOfRange(left, from, to),
          java.util.Arrays.copyOfRange(right, from, to));
    }

    for (Calls.Turn t : call.turns()) {
      double start = t.start() / (double) SpeakerEmbedder.SAMPLE_RATE;
      double end = t.end() / (double) SpeakerEmbedder.SAMPLE_RATE;
      assertThat(check.louderChannel(start, end)).isEqualTo(t.speaker());
    }
    assertThat(check.layout().kind()).isEqualTo(StereoLayout.Kind.SEPARATE_SPEAKERS);
  }
}
