package org.sentio.affect.voice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes {@link ProsodyFeatures} from mono samples with TarsosDSP: frames every 10 ms, FFT-YIN
 * pitch and a Hann-windowed FFT per frame, a 25 ms RMS envelope, and the rules described in {@code
 * package-info.java}.
 *
 * <p>Stateless and safe to share between threads.
 */
public final class ProsodyExtractor {
  /** Lowest and highest F0 taken for voice. */
  static final double MIN_F0_HZ = 60;

  static final double MAX_F0_HZ = 500;

  /** YIN's own certainty a frame must reach to count as voiced. */
  static final double MIN_PITCH_PROBABILITY = 0.85;

  /** Frames quieter than this are never speech nor voiced. */
  static final double ABSOLUTE_FLOOR_DBFS = -50;

  /** Speech frames lie within this many dB below the window's loud (95th percentile) level. */
  static final double SPEECH_RANGE_DB = 25;

  /**
   * A window whose frame levels vary less than this between the 10th and 90th percentile holds a
   * stationary sound (hum, noise, a held tone), not syllabic speech.
   */
  static final double MIN_MODULATION_DB = 6;

  /** A syllable nucleus rises at least this much above the dip before it. */
  static final double MIN_PEAK_PROMINENCE_DB = 3;

  /** Two syllable nuclei are at least this far apart. */
  static final double MIN_PEAK_DISTANCE_SECONDS = 0.1;

  /** Pitch values further than this from the window's median F0 are octave errors, dropped. */
  static final double MAX_F0_DEVIATION_SEMITONES = 10;

  /** The features of {@code samples} (mono, in [-1, 1]) recorded at {@code sampleRate} Hz. */
  public ProsodyFeatures extract(float[] samples, int sampleRate) {
    FrameBasics frames = new FrameBasics(sampleRate, VoiceFrames.bufferSize(sampleRate));
    VoiceFrames.run(samples, sampleRate, "prosody", frames);
    int hop = VoiceFrames.hop(sampleRate);
    return summarise(frames, samples.length / (double) sampleRate, hop / (double) sampleRate);
  }

  /**
   * The same features as {@link #extract(float[], int)}, taking the frames of the stream that
   * {@code stream} measured before (where {@code pieces} says the samples lie in the stream).
   */
  ProsodyFeatures extract(
      float[] samples, int sampleRate, StreamFrames.Pieces pieces, StreamFrames stream) {
    FrameBasics frames = new FrameBasics(sampleRate, VoiceFrames.bufferSize(sampleRate));
    VoiceFrames.run(samples, sampleRate, "prosody", frames.asMeasure(), pieces, stream);
    int hop = VoiceFrames.hop(sampleRate);
    return summarise(frames, samples.length / (double) sampleRate, hop / (double) sampleRate);
  }

  private static ProsodyFeatures summarise(FrameBasics frames, double duration, double hopSeconds) {
    int n = frames.levels.size();
    double[] levels = frames.levels.stream().mapToDouble(Double::doubleValue).toArray();
    double loud = percentile(levels, 0.95);
    double modulation = loud - percentile(levels, 0.10);
    double threshold = Math.max(ABSOLUTE_FLOOR_DBFS, loud - SPEECH_RANGE_DB);
    boolean syllabic = modulation >= MIN_MODULATION_DB;

    boolean[] speech = new boolean[n];
    int speechFrames = 0;
    for (int i = 0; i < n; i++) {
      speech[i] = syllabic && levels[i] >= threshold;
      speechFrames += speech[i] ? 1 : 0;
    }

    List<Double> voicedSemitones = new ArrayList<>();
    boolean[] voiced = new boolean[n];
    for (int i = 0; i < n; i++) {
      double hz = frames.pitches.get(i);
      if (!Double.isNaN(hz) && levels[i] >= ABSOLUTE_FLOOR_DBFS) {
        voiced[i] = true;
        voicedSemitones.add(ProsodyFeatures.semitones(hz));
      }
    }
    double f0Mean = Double.NaN;
    double f0Std = Double.NaN;
    if (!voicedSemitones.isEmpty()) {
      double[] st = voicedSemitones.stream().mapToDouble(Double::doubleValue).toArray();
      double median = percentile(st, 0.5);
      double[] kept =
          Arrays.stream(st)
              .filter(s -> Math.abs(s - median) <= MAX_F0_DEVIATION_SEMITONES)
              .toArray();
      f0Mean = mean(kept);
      f0Std = kept.length > 1 ? std(kept, f0Mean) : Double.NaN;
    }
    int voicedFrames = voicedSemitones.size();

    double[] speechLevels = select(levels, speech);
    double[] levelSource = speechLevels.length > 0 ? speechLevels : levels;
    double power = 0;
    for (double level : levelSource) {
      power += Math.pow(10, level / 10);
    }
    double loudness =
        Math.max(ProsodyFeatures.SILENCE_DBFS, 10 * Math.log10(power / levelSource.length));
    double spread = speechLevels.length > 1 ? std(speechLevels, mean(speechLevels)) : 0;

    double[] centroids = new double[n];
    for (int i = 0; i < n; i++) {
      centroids[i] = frames.centroids.get(i);
    }
    double[] speechCentroids =
        Arrays.stream(select(centroids, speech)).filter(c -> !Double.isNaN(c)).toArray();
    double centroid = speechCentroids.length > 0 ? mean(speechCentroids) : Double.NaN;

    int nuclei = countSyllableNuclei(levels, speech, voiced, hopSeconds);
    return new ProsodyFeatures(
        duration,
        f0Mean,
        f0Std,
        n > 0 ? voicedFrames / (double) n : 0,
        loudness,
        spread,
        n > 0 ? speechFrames / (double) n : 0,
        duration > 0 ? nuclei / duration : 0,
        centroid);
  }

  /**
   * Counts peaks of the (3-frame smoothed) level envelope in speech frames that rise {@value
   * #MIN_PEAK_PROMINENCE_DB} dB above the lowest level since the previous peak, lie within two
   * frames of a voiced frame, and are {@value #MIN_PEAK_DISTANCE_SECONDS} s apart (the louder of
   * two closer peaks wins): syllable nuclei after de Jong and Wempe (2009), with the level envelope
   * in place of Praat's intensity.
   */
  static int countSyllableNuclei(
      double[] levels, boolean[] speech, boolean[] voiced, double hopSeconds) {
    int n = levels.length;
    double[] smooth = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      int count = 0;
      for (int j = Math.max(0, i - 1); j <= Math.min(n - 1, i + 1); j++) {
        sum += levels[j];
        count++;
      }
      smooth[i] = sum / count;
    }
    int minDistance = Math.max(1, (int) Math.round(MIN_PEAK_DISTANCE_SECONDS / hopSeconds));
    int count = 0;
    int lastPeak = -minDistance;
    double lastPeakLevel = Double.NEGATIVE_INFINITY;
    double dip = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      dip = Math.min(dip, smooth[i]);
      boolean localMax =
          (i == 0 || smooth[i] > smooth[i - 1]) && (i == n - 1 || smooth[i] >= smooth[i + 1]);
      if (!localMax || !speech[i] || !nearVoiced(voiced, i)) {
        continue;
      }
      if (smooth[i] - dip < MIN_PEAK_PROMINENCE_DB) {
        continue;
      }
      if (i - lastPeak < minDistance) {
        if (smooth[i] > lastPeakLevel) {
          lastPeak = i;
          lastPeakLevel = smooth[i];
        }
        continue;
      }
      count++;
      lastPeak = i;
      lastPeakLevel = smooth[i];
      dip = smooth[i];
    }
    return count;
  }

  private static boolean nearVoiced(boolean[] voiced, int i) {
    for (int j = Math.max(0, i - 2); j <= Math.min(voiced.length - 1, i + 2); j++) {
      if (voiced[j]) {
        return true;
      }
    }
    return false;
  }

  private static double[] select(double[] values, boolean[] mask) {
    List<Double> picked = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (mask[i]) {
        picked.add(values[i]);
      }
    }
    return picked.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double percentile(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double position = q * (sorted.length - 1);
    int low = (int) Math.floor(position);
    int high = (int) Math.ceil(position);
    return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double std(double[] values, double mean) {
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }
}
