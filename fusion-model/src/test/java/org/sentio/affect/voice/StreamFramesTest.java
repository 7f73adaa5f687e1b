package org.sentio.affect.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sentio.affect.AffectEstimate;
import org.sentio.affect.train.SharedData;
import org.sentio.affect.train.ShippedModels;
import org.sentio.runtime.ModelSession;

/**
 * Measuring each 10 ms frame of the stream once (issue 16) gives exactly the estimates of measuring
 * every window and speech context afresh, on real speech with pauses and with windows skipped as
 * not speech (so the speech context has seams), with both shipped voice models.
 */
class StreamFramesTest {
  private static final int RATE = 16_000;
  private static final int WINDOW = RATE;
  private static final int HOP = RATE / 2;

  @Test
  void everyWindowsEstimateIsTheSameAsWhenEveryFrameIsMeasuredAfresh() throws Exception {
    float[] stream = speechWithPauses();
    for (String model : List.of("voice-affect", "voice-affect-mel")) {
      try (ModelSession session = ShippedModels.open(model)) {
        VoiceAnalyzer afresh = new VoiceAnalyzer(RATE, session);
        VoiceAnalyzer once = new VoiceAnalyzer(RATE, session);
        int present = 0;
        for (int k = 0; k * HOP < stream.length; k++) {
          float[] window =
              Arrays.copyOfRange(stream, k * HOP, Math.min(stream.length, k * HOP + WINDOW));
          // Every fifth window counts as not speech: the next speech context joins across it.
          double speechFraction = k % 5 == 3 ? 0.0 : 1.0;
          AffectEstimate expected = afresh.analyze(window, speechFraction);
          AffectEstimate actual = once.analyze(window, (long) k * HOP, speechFraction);

          assertThat(actual).as("%s, window %d", model, k).isEqualTo(expected);
          present += expected.absence() == null ? 1 : 0;
        }
        long[] counts = once.streamFrameCounts();

        assertThat(present).as(model).isGreaterThan(10);
        assertThat(afresh.streamFrameCounts()).containsExactly(0, 0);
        // Windows overlap by half and contexts span 3 s: more frames are taken than measured.
        assertThat(counts[0])
            .as("%s: frames reused %d, measured %d", model, counts[0], counts[1])
            .isGreaterThan(counts[1]);
      }
    }
  }

  /**
   * CPU time of the voice branch's features, measuring every window and context afresh vs each
   * frame once, on the same 1-minute stream in one run. Not part of CI. Run with:
   *
   * <pre>
   * mvn -B -q -o -pl fusion-model -am test -Dtest=StreamFramesTest \
   *     -Dsurefire.failIfNoSpecifiedTests=false -Dsentio.benchmark=voice-frames | grep BENCHMARK
   * </pre>
   */
  @Test
  @EnabledIfSystemProperty(named = "sentio.benchmark", matches = "voice-frames")
  void cpuTimeOfTheVoiceFeaturesPerMinute() throws Exception {
    float[] part = speechWithPauses();
    float[] stream = new float[60 * RATE];
    for (int at = 0; at < stream.length; at += part.length) {
      System.arraycopy(part, 0, stream, at, Math.min(part.length, stream.length - at));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (ModelSession session = ShippedModels.open("voice-affect")) {
      for (int round = 1; round <= 2; round++) {
        double[] seconds = new double[2];
        for (int way = 0; way < 2; way++) {
          VoiceAnalyzer analyzer = new VoiceAnalyzer(RATE, session);
          long start = threads.getCurrentThreadCpuTime();
          for (int k = 0; k * HOP < stream.length; k++) {
            float[] window =
                Arrays.copyOfRange(stream, k * HOP, Math.min(stream.length, k * HOP + WINDOW));
            if (way == 0) {
              analyzer.analyze(window, 1.0);
            } else {
              analyzer.analyze(window, (long) k * HOP, 1.0);
            }
          }
          seconds[way] = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        }
        System.out.printf(
            Locale.ROOT,
            "BENCHMARK voice features, 1 min of speech, round %d: every window afresh %.2f CPU s,"
                + " each frame once %.2f CPU s, %.2fx (load %s)%n",
            round,
            seconds[0],
            seconds[1],
            seconds[0] / seconds[1],
            String.join(
                " ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3)));
      }
    }
  }

  /** Four RAVDESS clips of two actors, 1.3 s of silence after each. */
  private static float[] speechWithPauses() throws Exception {
    List<float[]> parts = new ArrayList<>();
    for (String clip :
        List.of(
            "Actor_11/03-01-05-02-01-01-11.flac",
            "Actor_12/03-01-03-02-02-01-12.flac",
            "Actor_11/03-01-01-01-02-02-11.flac",
            "Actor_12/03-01-04-02-01-02-12.flac")) {
      Path file = SharedData.dataset("speech_ravdess_train").resolve(clip);
      parts.add(AudioFiles.readMono(file, RATE));
      parts.add(new float[RATE * 13 / 10]);
    }
    float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
