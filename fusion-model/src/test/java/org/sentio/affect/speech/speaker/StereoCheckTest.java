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
    StereoLayout layout = StereoCheck.of(call.channels()[0], call.channels()[1]);

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

    StereoLayout layout = StereoCheck.of(call.mono(), quieter);

    assertThat(layout.kind()).as(layout.describe()).isEqualTo(StereoLayout.Kind.SAME_MIX);
    assertThat(layout.correlation()).isGreaterThan(0.99);
  }

  @Test
  void aSilentChannelIsReportedNotFailed() {
    StereoLayout layout = StereoCheck.of(new float[call.mono().length], call.mono());

    assertThat(layout.kind()).isEqualTo(StereoLayout.Kind.ONE_CHANNEL_SILENT);
    assertThat(layout.silentChannel()).isZero();
    assertThat(layout.describe()).contains("left channel is silent");
  }

  @Test
  void twoSilentChannelsAreSilent() {
    float[] silence = new float[16_000];

    assertThat(StereoCheck.of(silence, silence).kind()).isEqualTo(StereoLayout.Kind.SILENT);
  }

  @Test
  void theLouderChannelOfEachTurnIsItsSpeaker() {
    for (Calls.Turn t : call.turns()) {
      assertThat(
              StereoCheck.louderChannel(call.channels()[0], call.channels()[1], t.start(), t.end()))
          .isEqualTo(t.speaker());
    }
  }
}
