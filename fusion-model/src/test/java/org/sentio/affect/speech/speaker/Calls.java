package org.sentio.affect.speech.speaker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sentio.affect.train.SharedData;
import org.sentio.capture.media.MediaException;

/**
 * Two-party calls built at test time from real clips of different speakers: each clip is one
 * utterance, laid end to end with pauses, as a mono mix or with one speaker per channel.
 */
public final class Calls {
  private Calls() {}

  /** One utterance of a built call: where it lies (samples) and who says it. */
  public record Turn(int start, int end, int speaker) {
    public double seconds() {
      return (end - start) / (double) SpeakerEmbedder.SAMPLE_RATE;
    }
  }

  /** A built call: the mix, each speaker's own channel, and the turns. */
  public record Call(String name, float[] mono, float[][] channels, List<Turn> turns) {
    public float[] slice(float[] audio, Turn t) {
      return java.util.Arrays.copyOfRange(audio, t.start(), t.end());
    }
  }

  /** Every {@code count}-spread clip of one RAVDESS actor, sorted by name. */
  public static List<Path> ravdessClips(int actor, int count) throws java.io.IOException {
    return spread(
        SharedData.dataset("speech_ravdess_train").resolve(String.format("Actor_%02d", actor)),
        count);
  }

  /** Every {@code count}-spread clip of one SAVEE speaker, sorted by name. */
  public static List<Path> saveeClips(String speaker, int count) throws java.io.IOException {
    return spread(SharedData.dataset("speech_savee").resolve(speaker), count);
  }

  private static List<Path> spread(Path folder, int count) throws java.io.IOException {
    List<Path> all;
    try (Stream<Path> files = Files.list(folder)) {
      all = files.filter(f -> f.toString().endsWith(".flac")).sorted().toList();
    }
    List<Path> chosen = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      chosen.add(all.get(k * all.size() / count));
    }
    return chosen;
  }

  /**
   * Lays the clips of {@code order} (speaker index per turn, each speaker's clips taken in turn)
   * end to end with pauses of 0.4–0.9 s; the other speaker's channel hears the speaker at {@code
   * crosstalkDb} below (a headset picking up the other party), or not at all for NaN.
   */
  public static Call build(String name, List<List<Path>> clips, int[] order, double crosstalkDb)
      throws MediaException {
    int speakers = clips.size();
    int[] next = new int[speakers];
    List<float[]> audio = new ArrayList<>();
    List<Turn> turns = new ArrayList<>();
    int position = SpeakerEmbedder.SAMPLE_RATE / 2;
    for (int k = 0; k < order.length; k++) {
      int s = order[k];
      float[] clip = SpeakerTestData.read(clips.get(s).get(next[s]++));
      audio.add(clip);
      turns.add(new Turn(position, position + clip.length, s));
      position += clip.length + SpeakerEmbedder.SAMPLE_RATE * (4 + (k * 7) % 6) / 10;
    }
    int length = position + SpeakerEmbedder.SAMPLE_RATE / 2;
    float[] mono = new float[length];
    float[][] channels = new float[speakers][length];
    float bleed = Double.isNaN(crosstalkDb) ? 0f : (float) Math.pow(10, crosstalkDb / 20);
    for (int k = 0; k < turns.size(); k++) {
      Turn t = turns.get(k);
      float[] clip = audio.get(k);
      for (int i = 0; i < clip.length; i++) {
        mono[t.start() + i] += clip[i];
        for (int c = 0; c < speakers; c++) {
          channels[c][t.start() + i] += c == t.speaker() ? clip[i] : bleed * clip[i];
        }
      }
    }
    return new Call(name, mono, channels, List.copyOf(turns));
  }

  /**
   * The share of speech time (or of turns, when {@code byTurn}) whose predicted speaker matches the
   * true one under the best one-to-one relabelling of predicted speakers.
   */
  public static double accuracy(List<Turn> turns, int[] predicted, boolean byTurn) {
    int trueCount = turns.stream().mapToInt(Turn::speaker).max().orElse(0) + 1;
    int predCount = java.util.Arrays.stream(predicted).max().orElse(0) + 1;
    double[][] overlap = new double[predCount][trueCount];
    double total = 0;
    for (int k = 0; k < turns.size(); k++) {
      double w = byTurn ? 1 : turns.get(k).seconds();
      overlap[predicted[k]][turns.get(k).speaker()] += w;
      total += w;
    }
    return bestAssignment(overlap, 0, new boolean[trueCount]) / total;
  }

  private static double bestAssignment(double[][] overlap, int row, boolean[] used) {
    if (row == overlap.length) {
      return 0;
    }
    double best = bestAssignment(overlap, row + 1, used); // this predicted speaker maps to none
    for (int c = 0; c < used.length; c++) {
      if (!used[c]) {
        used[c] = true;
        best = Math.max(best, overlap[row][c] + bestAssignment(overlap, row + 1, used));
        used[c] = false;
      }
    }
    return best;
  }
}
