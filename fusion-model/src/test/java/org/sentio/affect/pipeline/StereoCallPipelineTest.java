package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.speech.SpeechTestModels;
import org.sentio.affect.speech.speaker.Calls;
import org.sentio.affect.train.ShippedModels;

/**
 * A stereo call recording with one party per channel, built from real clips of two RAVDESS actors
 * (11 on the right, 12 on the left, who speaks first; the other party bleeds in at -25 dB): each
 * channel is analysed as its own speaker. Also a stereo file whose right channel is silent.
 */
class StereoCallPipelineTest {
  /** Who says each clip: 0 is actor 12 (left channel), 1 is actor 11 (right channel). */
  private static final int[] ORDER = {0, 1, 0, 1, 1, 0};

  private static Analyzers analyzers;
  private static Calls.Call built;
  private static Path stereoCall;
  private static Path oneSidedCall;

  @TempDir static Path work;

  @BeforeAll
  static void build() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
    built =
        Calls.build(
            "stereo", List.of(Calls.ravdessClips(12, 3), Calls.ravdessClips(11, 3)), ORDER, -25);
    stereoCall =
        SpeechTestModels.writeStereoWav(
            work.resolve("stereo-call.wav"), built.channels()[0], built.channels()[1]);
    oneSidedCall =
        SpeechTestModels.writeStereoWav(
            work.resolve("right-silent.wav"), built.mono(), new float[built.mono().length]);
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  private static SessionResult analyse(Path file) throws Exception {
    return new AnalysisPipeline(analyzers)
        .analyse(
            new AnalysisRequest(file, null, null, "call", AnalysisOptions.DEFAULT, true, "en", 0),
            ProgressListener.NONE,
            () -> false);
  }

  /** The turn (index in {@link #ORDER}) whose span holds the middle of the utterance. */
  private static int turnOf(Utterance u) {
    double middle = (u.startSeconds() + u.endSeconds()) / 2 * 16_000;
    for (int k = 0; k < built.turns().size(); k++) {
      Calls.Turn t = built.turns().get(k);
      if (middle >= t.start() - 3200 && middle <= t.end() + 3200) {
        return k;
      }
    }
    throw new AssertionError("utterance " + u + " lies in no turn");
  }

  @Test
  void eachChannelIsItsOwnSpeakerWithItsWordsAndReadings() throws Exception {
    SessionResult result = analyse(stereoCall);

    assertThat(result.warnings()).isEmpty();
    assertThat(result.speakers())
        .extracting(Speaker::id, Speaker::role, Speaker::channel, Speaker::faceTrack)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("S1", SpeakerRole.AGENT, 0, null),
            org.assertj.core.groups.Tuple.tuple("S2", SpeakerRole.CUSTOMER, 1, null));
    assertThat(result.speakers())
        .allSatisfy(s -> assertThat(s.faceTrackNote()).startsWith("no video"));
    assertThat(result.transcript()).hasSizeGreaterThanOrEqualTo(ORDER.length);
    for (Utterance u : result.transcript()) {
      String expected = ORDER[turnOf(u)] == 0 ? "S1" : "S2";
      assertThat(u.speaker()).as("speaker of '%s'", u.text()).isEqualTo(expected);
    }
    // The channels decided, so the x-vector model did not run.
    assertThat(result.models()).noneMatch(m -> m.name().equals("speaker-xvector"));

    int windows = result.windows().size();
    assertThat(result.speakerReadings()).hasSize(2 * windows);
    for (Calls.Turn turn : built.turns()) {
      String speaker = turn.speaker() == 0 ? "S1" : "S2";
      String other = turn.speaker() == 0 ? "S2" : "S1";
      double middle = (turn.start() + turn.end()) / 2.0 / 16_000;
      SpeakerReading own = readingAt(result, speaker, middle);
      SpeakerReading silent = readingAt(result, other, middle);
      assertThat(own.voice().isPresent()).as("%s's voice at %.1f s", speaker, middle).isTrue();
      assertThat(own.text().isPresent()).as("%s's text at %.1f s", speaker, middle).isTrue();
      assertThat(own.fused().confidence()).isPositive();
      assertThat(silent.text().isPresent()).as("%s's text at %.1f s", other, middle).isFalse();
    }
  }

  /** The reading of {@code speaker} in the window whose centre is nearest {@code seconds}. */
  private static SpeakerReading readingAt(SessionResult result, String speaker, double seconds) {
    var window =
        result.windows().stream()
            .min(
                java.util.Comparator.comparingDouble(
                    w -> Math.abs((w.startSeconds() + w.endSeconds()) / 2 - seconds)))
            .orElseThrow();
    return result.readingsOf(speaker).stream()
        .filter(r -> r.windowIndex() == window.index())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aSilentChannelIsNotedAndTheOtherIsAnalysedByVoice() throws Exception {
    SessionResult result = analyse(oneSidedCall);

    assertThat(result.warnings())
        .singleElement()
        .asString()
        .contains("the right channel is silent");
    assertThat(result.transcript()).isNotEmpty();
    assertThat(result.speakers()).isNotEmpty().allSatisfy(s -> assertThat(s.channel()).isNull());
    assertThat(result.models()).anyMatch(m -> m.name().equals("speaker-xvector"));
    assertThat(result.speakerReadings())
        .hasSize(result.speakers().size() * result.windows().size());
  }
}
