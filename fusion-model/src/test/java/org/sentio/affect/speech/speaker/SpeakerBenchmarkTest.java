package org.sentio.affect.speech.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.face.TestImages;

/**
 * The figures of the speaker-xvector model card (several minutes; not part of CI). Run with:
 *
 * <pre>
 * mvn -B -q -pl fusion-model -am test -Dtest=SpeakerBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dsentio.benchmark=speakers
 * </pre>
 *
 * <p>Tuning speakers: RAVDESS actors 01–10 and SAVEE DC, JE. Report speakers: RAVDESS actors 11–20
 * and SAVEE JK, KL. Every line with a figure starts with {@code BENCHMARK}.
 */
@EnabledIfSystemProperty(named = "sentio.benchmark", matches = "speakers")
class SpeakerBenchmarkTest {
  private static final int CLIPS_PER_SPEAKER = 10;

  /** Clip embeddings of earlier runs (the model and clips are fixed), so reruns take seconds. */
  private static final Path CACHE =
      TestImages.rootDir().resolve("fusion-model/target/speaker-benchmark-cache");

  private static SpeakerEmbedder embedder;
  private static final Map<String, List<SpeakerEmbedding>> TUNE = new LinkedHashMap<>();
  private static final Map<String, List<SpeakerEmbedding>> REPORT = new LinkedHashMap<>();

  @BeforeAll
  static void embedEverySpeaker() throws Exception {
    embedder = SpeakerEmbedder.open(SpeakerTestData.speakerModel(), SpeakerTestData.asrModel());
    long start = System.nanoTime();
    double audioSeconds = 0;
    for (int actor = 1; actor <= 20; actor++) {
      audioSeconds +=
          embedAll(
              Calls.ravdessClips(actor, CLIPS_PER_SPEAKER),
              (actor <= 10 ? TUNE : REPORT),
              String.format("ravdess-%02d", actor));
    }
    for (String speaker : List.of("DC", "JE", "JK", "KL")) {
      boolean tune = speaker.equals("DC") || speaker.equals("JE");
      audioSeconds +=
          embedAll(
              Calls.saveeClips(speaker, CLIPS_PER_SPEAKER),
              tune ? TUNE : REPORT,
              "savee-" + speaker);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    print(
        "embedding: %d clips (%.0f s of audio not cached) in %.0f s (real-time factor %.2f, incl."
            + " decoding)",
        24 * CLIPS_PER_SPEAKER, audioSeconds, seconds, seconds / Math.max(1, audioSeconds));
  }

  private static double embedAll(
      List<Path> clips, Map<String, List<SpeakerEmbedding>> into, String speaker) throws Exception {
    double seconds = 0;
    List<SpeakerEmbedding> list = new ArrayList<>();
    for (Path clip : clips) {
      Path cached = CACHE.resolve(clip.getFileName() + ".vec");
      if (Files.isRegularFile(cached)) {
        list.add(readCached(cached));
        continue;
      }
      float[] samples = SpeakerTestData.read(clip);
      seconds += samples.length / (double) SpeakerEmbedder.SAMPLE_RATE;
      Optional<SpeakerEmbedding> e = embedder.embed(samples);
      if (e.isPresent()) {
        list.add(e.get());
        Files.createDirectories(CACHE);
        StringBuilder text = new StringBuilder(speaker).append(' ').append(e.get().frames());
        for (float f : e.get().vector()) {
          text.append(' ').append(f);
        }
        Files.writeString(cached, text);
      }
    }
    into.put(speaker, list);
    return seconds;
  }

  private static SpeakerEmbedding readCached(Path file) throws java.io.IOException {
    String[] parts = Files.readString(file).trim().split(" ");
    float[] v = new float[parts.length - 2];
    for (int i = 2; i < parts.length; i++) {
      v[i - 2] = Float.parseFloat(parts[i]);
    }
    return new SpeakerEmbedding(v, Integer.parseInt(parts[1]));
  }

  @AfterAll
  static void close() {
    if (embedder != null) {
      embedder.close();
    }
  }

  @Test
  void equalErrorRateOnRavdessActors() {
    Map<String, List<SpeakerEmbedding>> ravdess = new LinkedHashMap<>();
    TUNE.forEach((k, v) -> keepIf(k.startsWith("ravdess"), ravdess, k, v));
    REPORT.forEach((k, v) -> keepIf(k.startsWith("ravdess"), ravdess, k, v));
    Map<String, List<SpeakerEmbedding>> reportOnly = new LinkedHashMap<>();
    REPORT.forEach((k, v) -> keepIf(k.startsWith("ravdess"), reportOnly, k, v));
    double[] all = equalErrorRate(ravdess);
    double[] held = equalErrorRate(reportOnly);
    print(
        "EER RAVDESS actors 01-20 (%d clips each, all clip pairs): %.1f %% at cosine %.2f",
        CLIPS_PER_SPEAKER, 100 * all[0], all[1]);
    print(
        "EER RAVDESS actors 11-20 (%d clips each, all clip pairs): %.1f %% at cosine %.2f",
        CLIPS_PER_SPEAKER, 100 * held[0], held[1]);
    assertThat(all[0]).isLessThan(0.5);
  }

  @Test
  void thresholdTunedOnSimulatedCallsOfTheTuningSpeakers() {
    double bestThreshold = 0;
    double bestAccuracy = -1;
    for (int step = 0; step <= 30; step++) {
      double t = step * 0.02;
      double[] uniform = simulatedCalls(TUNE, t, 400, 1, false);
      double[] callLike = simulatedCalls(TUNE, t, 400, 1, true);
      double accuracy = uniform[0];
      if (accuracy > bestAccuracy) {
        bestAccuracy = accuracy;
        bestThreshold = t;
      }
      print(
          "tune threshold %.2f: 1/2/3 speakers equally often: turn accuracy %.3f, count right"
              + " %.3f; 20/60/20 %%: %.3f, count right %.3f",
          t, uniform[0], uniform[1], callLike[0], callLike[1]);
    }
    print(
        "tuned threshold %.2f (simulated 1-3 speaker calls, tuning speakers): turn accuracy %.3f",
        bestThreshold, bestAccuracy);
    double[] report = simulatedCalls(REPORT, SpeakerClustering.DEFAULT_THRESHOLD, 400, 2, false);
    print(
        "simulated 1-3 speaker calls of 8 clips, report speakers, threshold %.2f: turn accuracy"
            + " %.3f, speaker count right %.3f",
        SpeakerClustering.DEFAULT_THRESHOLD, report[0], report[1]);
    assertThat(bestAccuracy).isGreaterThan(0.5);
  }

  @Test
  void turnAccuracyOnBuiltTwoSpeakerCalls(@TempDir Path work) throws Exception {
    List<Calls.Call> calls = new ArrayList<>();
    int[][] ravdessPairs = {
      {11, 12},
      {13, 14},
      {15, 16},
      {17, 18},
      {19, 20}, // one man, one woman
      {11, 13},
      {15, 17},
      {19, 11},
      {12, 14},
      {16, 18},
      {20, 12} // same sex
    };
    int[] order = {0, 1, 0, 1, 1, 0, 1, 0};
    for (int[] p : ravdessPairs) {
      calls.add(
          Calls.build(
              String.format("ravdess %02d+%02d", p[0], p[1]),
              List.of(Calls.ravdessClips(p[0], 4), Calls.ravdessClips(p[1], 4)),
              order,
              -25));
    }
    calls.add(
        Calls.build(
            "savee JK+KL",
            List.of(Calls.saveeClips("JK", 4), Calls.saveeClips("KL", 4)),
            order,
            -25));
    SpeakerTurns turns = new SpeakerTurns(embedder, new SpeakerClustering());
    double[] sums = new double[10];
    int stereoSeparate = 0;
    int utterances = 0;
    for (Calls.Call call : calls) {
      float[] telephone = telephoneBand(call.mono(), work.resolve("call.wav"));
      int[] mono2 = turns.mono(utterances(call, call.mono()), 2, true).speakerOfUtterance();
      int[] monoAuto = turns.mono(utterances(call, call.mono()), 0, true).speakerOfUtterance();
      int[] tel2 = turns.mono(utterances(call, telephone), 2, true).speakerOfUtterance();
      int[] telAuto = turns.mono(utterances(call, telephone), 0, true).speakerOfUtterance();
      SpeakerTurns.Assignment stereo =
          turns.stereo(
              StereoCheck.of(call.channels()[0], call.channels()[1]),
              utterances(call, call.mono()).stream()
                  .map(u -> new SpeakerTurns.VoicePrint(u.start(), u.end(), Optional.empty()))
                  .toList(),
              0,
              true);
      stereoSeparate += stereo.method().startsWith("one speaker per channel") ? 1 : 0;
      int[][] all = {mono2, monoAuto, tel2, telAuto, stereo.speakerOfUtterance()};
      for (int k = 0; k < all.length; k++) {
        sums[2 * k] += Calls.accuracy(call.turns(), all[k], false);
        sums[2 * k + 1] += Calls.accuracy(call.turns(), all[k], true) * call.turns().size();
      }
      utterances += call.turns().size();
      print(
          "%s: mono N=2 %s, auto %s; telephone N=2 %s, auto %s; stereo %s",
          call.name(),
          java.util.Arrays.toString(mono2),
          java.util.Arrays.toString(monoAuto),
          java.util.Arrays.toString(tel2),
          java.util.Arrays.toString(telAuto),
          java.util.Arrays.toString(stereo.speakerOfUtterance()));
    }
    String[] names = {
      "mono 16 kHz, 2 speakers given",
      "mono 16 kHz, speaker count automatic",
      "telephone band (sox 8 kHz u-law), 2 speakers given",
      "telephone band (sox 8 kHz u-law), speaker count automatic",
      "stereo, one speaker per channel, crosstalk -25 dB"
    };
    for (int k = 0; k < names.length; k++) {
      print(
          "turn accuracy, %d built two-speaker calls (%d utterances, report speakers), %s:"
              + " %.1f %% of speech time, %d of %d utterances",
          calls.size(),
          utterances,
          names[k],
          100 * sums[2 * k] / calls.size(),
          Math.round(sums[2 * k + 1]),
          utterances);
    }
    print(
        "stereo check said one speaker per channel for %d of %d calls",
        stereoSeparate, calls.size());
    assertThat(stereoSeparate).isEqualTo(calls.size());
  }

  private static List<SpeakerTurns.Utterance> utterances(Calls.Call call, float[] audio) {
    List<SpeakerTurns.Utterance> out = new ArrayList<>();
    for (Calls.Turn t : call.turns()) {
      out.add(
          new SpeakerTurns.Utterance(
              t.start() / (double) SpeakerEmbedder.SAMPLE_RATE,
              t.end() / (double) SpeakerEmbedder.SAMPLE_RATE,
              java.util.Arrays.copyOfRange(audio, t.start(), Math.min(audio.length, t.end()))));
    }
    return out;
  }

  /** The call through sox at 8 kHz u-law (G.711 telephone), read back at 16 kHz. */
  private static float[] telephoneBand(float[] mono, Path wav) throws Exception {
    byte[] pcm = new byte[mono.length * 2];
    for (int i = 0; i < mono.length; i++) {
      int v = Math.round(Math.max(-1f, Math.min(1f, mono[i])) * Short.MAX_VALUE);
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    javax.sound.sampled.AudioFormat format =
        new javax.sound.sampled.AudioFormat(SpeakerEmbedder.SAMPLE_RATE, 16, 1, true, false);
    try (javax.sound.sampled.AudioInputStream in =
        new javax.sound.sampled.AudioInputStream(
            new java.io.ByteArrayInputStream(pcm), format, mono.length)) {
      javax.sound.sampled.AudioSystem.write(
          in, javax.sound.sampled.AudioFileFormat.Type.WAVE, wav.toFile());
    }
    Path telephone = wav.resolveSibling("telephone.wav");
    Process sox =
        new ProcessBuilder("sox", wav.toString(), "-r", "8000", "-e", "u-law", telephone.toString())
            .redirectErrorStream(true)
            .start();
    String log =
        new String(sox.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(sox.waitFor()).as("sox: " + log).isZero();
    return SpeakerTestData.read(telephone);
  }

  /** Mean turn accuracy and share of calls with the right speaker count, over random calls. */
  private static double[] simulatedCalls(
      Map<String, List<SpeakerEmbedding>> speakers,
      double threshold,
      int calls,
      long seed,
      boolean mostlyTwo) {
    Random random = new Random(seed);
    List<String> names = new ArrayList<>(speakers.keySet());
    SpeakerClustering clustering = new SpeakerClustering(threshold);
    double accuracy = 0;
    int countRight = 0;
    for (int c = 0; c < calls; c++) {
      int m = mostlyTwo ? new int[] {1, 2, 2, 2, 3}[random.nextInt(5)] : 1 + random.nextInt(3);
      List<String> chosen = new ArrayList<>(names);
      java.util.Collections.shuffle(chosen, random);
      chosen = chosen.subList(0, m);
      List<SpeakerEmbedding> segments = new ArrayList<>();
      List<Calls.Turn> turns = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        int s = k < m ? k : random.nextInt(m);
        List<SpeakerEmbedding> own = speakers.get(chosen.get(s));
        segments.add(own.get(random.nextInt(own.size())));
        turns.add(new Calls.Turn(0, 1, s));
      }
      int[] predicted = clustering.cluster(segments);
      accuracy += Calls.accuracy(turns, predicted, true);
      int found = java.util.Arrays.stream(predicted).max().orElse(0) + 1;
      countRight += found == m ? 1 : 0;
    }
    return new double[] {accuracy / calls, countRight / (double) calls};
  }

  /** EER and the cosine threshold where false accepts equal false rejects. */
  static double[] equalErrorRate(Map<String, List<SpeakerEmbedding>> speakers) {
    List<double[]> scores = new ArrayList<>(); // {score, same ? 1 : 0}
    List<List<SpeakerEmbedding>> groups = new ArrayList<>(speakers.values());
    for (int a = 0; a < groups.size(); a++) {
      for (int b = a; b < groups.size(); b++) {
        for (int i = 0; i < groups.get(a).size(); i++) {
          for (int j = a == b ? i + 1 : 0; j < groups.get(b).size(); j++) {
            scores.add(
                new double[] {groups.get(a).get(i).cosine(groups.get(b).get(j)), a == b ? 1 : 0});
          }
        }
      }
    }
    scores.sort((x, y) -> Double.compare(x[0], y[0]));
    long same = scores.stream().filter(s -> s[1] == 1).count();
    long different = scores.size() - same;
    long rejectedSame = 0;
    long acceptedDifferent = different;
    for (double[] s : scores) {
      double frr = rejectedSame / (double) same;
      double far = acceptedDifferent / (double) different;
      if (frr >= far) {
        return new double[] {(frr + far) / 2, s[0]};
      }
      if (s[1] == 1) {
        rejectedSame++;
      } else {
        acceptedDifferent--;
      }
    }
    return new double[] {0.5, 1};
  }

  private static void keepIf(
      boolean keep,
      Map<String, List<SpeakerEmbedding>> into,
      String key,
      List<SpeakerEmbedding> value) {
    if (keep) {
      into.put(key, value);
    }
  }

  static void print(String format, Object... args) {
    System.out.println("BENCHMARK speakers: " + String.format(Locale.ROOT, format, args));
  }
}
