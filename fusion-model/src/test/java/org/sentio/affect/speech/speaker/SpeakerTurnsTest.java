package org.sentio.affect.speech.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The integration point on two-party calls built from real clips of two male RAVDESS actors (11 and
 * 13; neither is a tuning speaker), mono and one per channel.
 */
class SpeakerTurnsTest {
  private static SpeakerEmbedder embedder;
  private static SpeakerTurns turns;
  private static Calls.Call call;
  private static Calls.Call manAndWoman;

  @BeforeAll
  static void open() throws Exception {
    embedder = SpeakerEmbedder.open(SpeakerTestData.speakerModel(), SpeakerTestData.asrModel());
    turns = new SpeakerTurns(embedder, new SpeakerClustering());
    call =
        Calls.build(
            "actors 11 and 13",
            List.of(Calls.ravdessClips(11, 4), Calls.ravdessClips(13, 4)),
            new int[] {0, 1, 0, 1, 1, 0, 1, 0},
            -25);
    manAndWoman =
        Calls.build(
            "actors 11 and 12",
            List.of(Calls.ravdessClips(11, 3), Calls.ravdessClips(12, 3)),
            new int[] {0, 1, 1, 0, 1, 0},
            -25);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Test
  void monoCallWithTheSpeakerCountGivenAssignsTurnsToTheRightSpeaker() throws Exception {
    SpeakerTurns.Assignment a = turns.mono(utterances(call, call.mono()), 2, true);

    assertThat(a.speakers()).hasSize(2);
    assertThat(Calls.accuracy(call.turns(), a.speakerOfUtterance(), true))
        .as(java.util.Arrays.toString(a.speakerOfUtterance()))
        .isGreaterThanOrEqualTo(7 / 8.0);
  }

  @Test
  void monoCallFindsTwoSpeakersOnItsOwnAndTheFirstIsTheAgent() throws Exception {
    SpeakerTurns.Assignment a = turns.mono(utterances(manAndWoman, manAndWoman.mono()), 0, true);

    assertThat(a.speakers()).hasSize(2);
    assertThat(a.speakerOfUtterance()).containsExactly(0, 1, 1, 0, 1, 0);
    assertThat(a.speakers().get(0).role()).isEqualTo(SpeakerRole.AGENT);
    assertThat(a.speakers().get(1).role()).isEqualTo(SpeakerRole.CUSTOMER);
    assertThat(a.speakers().get(0).channel()).isEmpty();
  }

  @Test
  void stereoCallWithOnePartyPerChannelIsAnsweredPerChannel() throws Exception {
    SpeakerTurns.Assignment a =
        turns.stereo(
            StereoCheck.of(call.channels()[0], call.channels()[1]), spansOnly(call), 0, false);

    assertThat(a.method()).startsWith("one speaker per channel");
    assertThat(a.speakerOfUtterance()).containsExactly(0, 1, 0, 1, 1, 0, 1, 0);
    assertThat(a.speakers().get(0).channel()).isEqualTo(Optional.of(0));
    assertThat(a.speakers().get(1).channel()).isEqualTo(Optional.of(1));
    assertThat(a.speakers().get(0).role()).isEqualTo(SpeakerRole.CUSTOMER);
    assertThat(a.speakers().get(1).role()).isEqualTo(SpeakerRole.AGENT);
  }

  @Test
  void stereoWithASilentChannelFallsBackToVoicePrintsAndSaysSo() throws Exception {
    float[] silent = new float[manAndWoman.mono().length];

    SpeakerTurns.Assignment a =
        turns.stereo(StereoCheck.of(manAndWoman.mono(), silent), prints(manAndWoman), 2, true);

    assertThat(a.method()).contains("right channel is silent").contains("voice prints");
    assertThat(a.speakerOfUtterance()).containsExactly(0, 1, 1, 0, 1, 0);
  }

  /** The turns' spans without voice prints: all a one-party-per-channel recording needs. */
  private static List<SpeakerTurns.VoicePrint> spansOnly(Calls.Call call) {
    return utterances(call, call.mono()).stream()
        .map(u -> new SpeakerTurns.VoicePrint(u.start(), u.end(), Optional.empty()))
        .toList();
  }

  private static List<SpeakerTurns.VoicePrint> prints(Calls.Call call) throws Exception {
    List<SpeakerTurns.VoicePrint> prints = new ArrayList<>();
    for (SpeakerTurns.Utterance u : utterances(call, call.mono())) {
      prints.add(turns.voicePrint(u));
    }
    return prints;
  }

  private static List<SpeakerTurns.Utterance> utterances(Calls.Call call, float[] audio) {
    List<SpeakerTurns.Utterance> out = new ArrayList<>();
    for (Calls.Turn t : call.turns()) {
      out.add(
          new SpeakerTurns.Utterance(
              t.start() / (double) SpeakerEmbedder.SAMPLE_RATE,
              t.end() / (double) SpeakerEmbedder.SAMPLE_RATE,
              call.slice(audio, t)));
    }
    return out;
  }
}
