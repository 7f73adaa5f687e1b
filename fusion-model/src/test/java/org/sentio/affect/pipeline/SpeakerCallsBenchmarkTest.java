package org.sentio.affect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.speech.SpeechTestModels;
import org.sentio.affect.speech.speaker.Calls;
import org.sentio.affect.train.ShippedModels;

/**
 * Speaker-turn accuracy of the whole analysis (recognition, then channels or voice prints) on
 * two-party calls built from real clips of the report speakers (RAVDESS actors 11–20, SAVEE JK/KL):
 * each call as a stereo file with one party per channel (the other bleeding in at -25 dB) and as
 * its mono mix, both with no speaker count given (what {@code sentio analyze call.wav} does). The
 * mono mix is analysed twice, alternately: with the voice prints of the transcript's recogniser
 * (the default, ADR 0052) and of a second recogniser per utterance (ADR 0043), so that the two are
 * compared in one run ({@code -Dsentio.benchmark.stereo=false} leaves the stereo files out: the
 * prints do not decide their turns). Several minutes; not part of CI. Run with:
 *
 * <pre>
 * mvn -B -q -o -pl fusion-model -am test -Dtest=SpeakerCallsBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsentio.benchmark=speaker-calls | grep BENCHMARK
 * </pre>
 */
@EnabledIfSystemProperty(named = "sentio.benchmark", matches = "speaker-calls")
class SpeakerCallsBenchmarkTest {
  private static final int[] ORDER = {0, 1, 0, 1, 1, 0, 1, 0};
  private static final int CLIPS = 4;

  private static Analyzers analyzers;

  @TempDir static Path work;

  @BeforeAll
  static void open() throws Exception {
    analyzers = Analyzers.load(ShippedModels.registry(), ShippedModels.host());
  }

  @AfterAll
  static void close() throws Exception {
    analyzers.close();
  }

  /** Counts over calls: utterances right under the best relabelling, utterances, turns heard. */
  private static final class Tally {
    double right;
    int utterances;
    int turnsHeard;
    int turns;
    int speakersFound;
    int calls;

    String line(String condition) {
      return String.format(
          Locale.ROOT,
          "BENCHMARK %-28s utterances right %.1f/%d = %.1f %%; turns with words %d/%d;"
              + " speakers found %.2f per call",
          condition,
          right,
          utterances,
          100 * right / Math.max(1, utterances),
          turnsHeard,
          turns,
          speakersFound / (double) calls);
    }
  }

  @Test
  void speakerTurnAccuracyOnStereoAndMonoCalls() throws Exception {
    List<List<List<Path>>> pairs = new ArrayList<>();
    for (int a = 11; a <= 19; a += 2) {
      pairs.add(List.of(Calls.ravdessClips(a, CLIPS), Calls.ravdessClips(a + 1, CLIPS)));
    }
    pairs.add(List.of(Calls.saveeClips("JK", CLIPS), Calls.saveeClips("KL", CLIPS)));
    Tally stereo = new Tally();
    Tally monoAuto = new Tally();
    Tally monoSecond = new Tally();
    boolean withStereo = !"false".equals(System.getProperty("sentio.benchmark.stereo"));
    long start = System.nanoTime();
    for (int p = 0; p < pairs.size(); p++) {
      Calls.Call call = Calls.build("call-" + p, pairs.get(p), ORDER, -25);
      Path stereoFile =
          SpeechTestModels.writeStereoWav(
              work.resolve("stereo-" + p + ".wav"), call.channels()[0], call.channels()[1]);
      Path monoFile = SpeechTestModels.writeWav(work.resolve("mono-" + p + ".wav"), call.mono());
      if (withStereo) {
        score(call, analyse(stereoFile, 0), stereo);
      }
      score(call, analyse(monoFile, 0), monoAuto);
      score(call, analyse(monoFile, 0, SpeakerPrints.SECOND_RECOGNISER), monoSecond);
      System.out.println(stereo.line("after call " + (p + 1) + ", stereo"));
      System.out.println(monoAuto.line("after call " + (p + 1) + ", mono"));
      System.out.println(monoSecond.line("after call " + (p + 1) + ", mono 2nd"));
    }
    System.out.println(stereo.line("stereo (automatic)"));
    System.out.println(monoAuto.line("mono (automatic count)"));
    System.out.println(monoSecond.line("mono, 2nd recogniser"));
    System.out.printf(
        Locale.ROOT,
        "BENCHMARK %d calls of %d turns, %d analyses each, in %.0f s wall%n",
        pairs.size(),
        ORDER.length,
        withStereo ? 3 : 2,
        (System.nanoTime() - start) / 1e9);
    assertThat(monoAuto.utterances).isPositive();
  }

  private static SessionResult analyse(Path file, int speakers) throws Exception {
    return analyse(file, speakers, SpeakerPrints.FROM_RECOGNISER);
  }

  private static SessionResult analyse(Path file, int speakers, SpeakerPrints prints)
      throws Exception {
    return new AnalysisPipeline(analyzers)
        .withSpeakerPrints(prints)
        .analyse(
            new AnalysisRequest(
                file, null, null, "call", AnalysisOptions.DEFAULT, true, "en", speakers),
            ProgressListener.NONE,
            () -> false);
  }

  /** Each recognised utterance is scored against the turn that holds its middle. */
  private static void score(Calls.Call call, SessionResult result, Tally tally) {
    List<Calls.Turn> truth = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    boolean[] heard = new boolean[call.turns().size()];
    for (Utterance u : result.transcript()) {
      double middle = (u.startSeconds() + u.endSeconds()) / 2 * 16_000;
      for (int k = 0; k < call.turns().size(); k++) {
        Calls.Turn t = call.turns().get(k);
        if (middle >= t.start() - 3200 && middle <= t.end() + 3200) {
          truth.add(new Calls.Turn(0, 16_000, t.speaker()));
          predicted.add(u.speaker() == null ? 0 : Integer.parseInt(u.speaker().substring(1)) - 1);
          heard[k] = true;
          break;
        }
      }
    }
    int[] labels = predicted.stream().mapToInt(Integer::intValue).toArray();
    if (!truth.isEmpty()) {
      tally.right += Calls.accuracy(truth, labels, true) * truth.size();
    }
    tally.utterances += truth.size();
    for (boolean h : heard) {
      tally.turnsHeard += h ? 1 : 0;
    }
    tally.turns += heard.length;
    tally.speakersFound += result.speakers().size();
    tally.calls++;
  }
}
