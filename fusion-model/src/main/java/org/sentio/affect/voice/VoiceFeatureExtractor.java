package org.sentio.affect.voice;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.mfcc.MFCC;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes {@link VoiceFeatures} from mono samples with TarsosDSP: frames of 1024 samples (at 16
 * kHz; the next power of two at or above 1/30 s) every 10 ms, FFT-YIN pitch, a Hann-windowed FFT
 * and TarsosDSP's MFCC per frame, summarised over the speech frames as {@code
 * docs/voice-features.md} defines.
 *
 * <p>Stateless and safe to share between threads.
 */
public final class VoiceFeatureExtractor {
  private static final int MEL_FILTERS = 26;
  private static final float MEL_LOW_HZ = 50;
  private static final float MEL_HIGH_HZ = 7600;
  private static final double SLOPE_LOW_HZ = 50;
  private static final double SLOPE_HIGH_HZ = 4000;
  private static final double ALPHA_SPLIT_HZ = 1000;
  private static final double ALPHA_HIGH_HZ = 5000;

  /** The features of {@code samples} (mono, in [-1, 1]) recorded at {@code sampleRate} Hz. */
  public VoiceFeatures extract(float[] samples, int sampleRate) {
    Frames frames = new Frames(sampleRate, VoiceFrames.bufferSize(sampleRate));
    VoiceFrames.run(samples, sampleRate, "voice features", frames);
    int hop = VoiceFrames.hop(sampleRate);
    return summarise(frames, hop / (double) sampleRate);
  }

  /**
   * The same features as {@link #extract(float[], int)}, taking the frames of the stream that
   * {@code stream} measured before (where {@code pieces} says the samples lie in the stream).
   */
  VoiceFeatures extract(
      float[] samples, int sampleRate, StreamFrames.Pieces pieces, StreamFrames stream) {
    Frames frames = new Frames(sampleRate, VoiceFrames.bufferSize(sampleRate));
    VoiceFrames.run(samples, sampleRate, "voice features", frames.asMeasure(), pieces, stream);
    int hop = VoiceFrames.hop(sampleRate);
    return summarise(frames, hop / (double) sampleRate);
  }

  /** What the voice features measure on one frame. */
  private record Frame(
      FrameBasics.Basic basic, double hnr, double slope, double alpha, float[] cepstrum) {}

  /** Per-frame measurements, collected as the dispatcher runs. */
  private static final class Frames implements AudioProcessor {
    private final FrameBasics basics;
    private final MFCC mfcc;
    private final AudioEvent frameEvent;
    private final float sampleRate;
    final List<Double> levels;
    final List<Double> pitches;
    final List<Double> centroids;
    final List<Double> hnr = new ArrayList<>();
    final List<Double> slopes = new ArrayList<>();
    final List<Double> alphas = new ArrayList<>();
    final List<float[]> cepstra = new ArrayList<>();

    Frames(int sampleRate, int bufferSize) {
      this.sampleRate = sampleRate;
      this.basics = new FrameBasics(sampleRate, bufferSize);
      this.levels = basics.levels;
      this.pitches = basics.pitches;
      this.centroids = basics.centroids;
      this.frameEvent = new AudioEvent(new TarsosDSPAudioFormat(sampleRate, 16, 1, true, false));
      this.mfcc =
          new MFCC(
              bufferSize,
              sampleRate,
              VoiceFeatures.MFCC_COUNT + 1,
              MEL_FILTERS,
              MEL_LOW_HZ,
              Math.min(MEL_HIGH_HZ, sampleRate / 2f - 100));
    }

    @Override
    public boolean process(AudioEvent event) {
      collect(measure(event.getFloatBuffer()));
      return true;
    }

    Frame measure(float[] buffer) {
      FrameBasics.Basic basic = basics.compute(buffer);
      double hz = basic.pitch();
      double hnrOfFrame =
          Double.isNaN(hz)
              ? Double.NaN
              : harmonicsToNoise(buffer, (int) Math.round(sampleRate / hz));
      double[] shape = spectralShape(basics.magnitudes());
      // TarsosDSP's MFCC reads only the event's float buffer (and transforms a copy of it).
      frameEvent.setFloatBuffer(buffer);
      mfcc.process(frameEvent);
      return new Frame(basic, hnrOfFrame, shape[0], shape[1], mfcc.getMFCC().clone());
    }

    void collect(Frame frame) {
      basics.collect(frame.basic());
      hnr.add(frame.hnr());
      slopes.add(frame.slope());
      alphas.add(frame.alpha());
      cepstra.add(frame.cepstrum());
    }

    StreamFrames.Measure<Frame> asMeasure() {
      return new StreamFrames.Measure<>() {
        @Override
        public Frame measure(float[] frame) {
          return Frames.this.measure(frame);
        }

        @Override
        public void collect(Frame measurement) {
          Frames.this.collect(measurement);
        }
      };
    }

    /** Spectral slope (50 Hz–4 kHz) and alpha ratio (below / above 1 kHz) of one frame. */
    private double[] spectralShape(float[] magnitudes) {
      boolean energy = false;
      double low = 0;
      double high = 0;
      double sx = 0;
      double sy = 0;
      double sxx = 0;
      double sxy = 0;
      int n = 0;
      for (int k = 1; k < magnitudes.length; k++) {
        double f = basics.binToHz(k);
        double m = magnitudes[k];
        energy |= m > 0;
        double power = m * m;
        if (f >= SLOPE_LOW_HZ && f < ALPHA_SPLIT_HZ) {
          low += power;
        } else if (f >= ALPHA_SPLIT_HZ && f < ALPHA_HIGH_HZ) {
          high += power;
        }
        if (f >= SLOPE_LOW_HZ && f <= SLOPE_HIGH_HZ) {
          double x = f / 1000;
          double y = 20 * Math.log10(m + 1e-9);
          sx += x;
          sy += y;
          sxx += x * x;
          sxy += x * y;
          n++;
        }
      }
      double denominator = n * sxx - sx * sx;
      return new double[] {
        energy && denominator > 0 ? (n * sxy - sx * sy) / denominator : Double.NaN,
        low > 0 && high > 0 ? 10 * Math.log10(low / high) : Double.NaN
      };
    }

    @Override
    public void processingFinished() {}
  }

  /**
   * 10 log10(r / (1 - r)) of the normalised autocorrelation r of the frame at the pitch period,
   * clamped to [-20, 40] dB (Boersma 1993, without the window correction).
   */
  static double harmonicsToNoise(float[] frame, int lag) {
    if (lag <= 0 || lag >= frame.length / 2) {
      return Double.NaN;
    }
    double xy = 0;
    double xx = 0;
    double yy = 0;
    for (int i = 0; i + lag < frame.length; i++) {
      xy += frame[i] * (double) frame[i + lag];
      xx += frame[i] * (double) frame[i];
      yy += frame[i + lag] * (double) frame[i + lag];
    }
    if (xx <= 0 || yy <= 0) {
      return Double.NaN;
    }
    double r = Math.max(1e-4, Math.min(1 - 1e-4, xy / Math.sqrt(xx * yy)));
    return Math.max(-20, Math.min(40, 10 * Math.log10(r / (1 - r))));
  }

  private static VoiceFeatures summarise(Frames frames, double hopSeconds) {
    int n = frames.levels.size();
    double[] levels = frames.levels.stream().mapToDouble(Double::doubleValue).toArray();
    double loud = ProsodyExtractor.percentile(levels, 0.95);
    double threshold =
        Math.max(ProsodyExtractor.ABSOLUTE_FLOOR_DBFS, loud - ProsodyExtractor.SPEECH_RANGE_DB);
    boolean[] speech = new boolean[n];
    int first = -1;
    int last = -1;
    int speechFrames = 0;
    for (int i = 0; i < n; i++) {
      speech[i] = levels[i] >= threshold;
      if (speech[i]) {
        speechFrames++;
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (speechFrames == 0) {
      Arrays.fill(speech, true);
      speechFrames = n;
      first = 0;
      last = n - 1;
    }

    // Pitch in semitones with octave errors (more than 10 st from the median) dropped.
    double[] semitones = new double[n];
    Arrays.fill(semitones, Double.NaN);
    List<Double> voicedValues = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double hz = frames.pitches.get(i);
      if (!Double.isNaN(hz) && levels[i] >= ProsodyExtractor.ABSOLUTE_FLOOR_DBFS) {
        semitones[i] = ProsodyFeatures.semitones(hz);
        voicedValues.add(semitones[i]);
      }
    }
    double median =
        ProsodyExtractor.percentile(
            voicedValues.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
    boolean[] voiced = new boolean[n];
    List<Double> f0 = new ArrayList<>();
    List<Double> jitter = new ArrayList<>();
    List<Double> shimmer = new ArrayList<>();
    List<Double> hnr = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      voiced[i] =
          !Double.isNaN(semitones[i])
              && Math.abs(semitones[i] - median) <= ProsodyExtractor.MAX_F0_DEVIATION_SEMITONES;
      if (!voiced[i]) {
        continue;
      }
      f0.add(semitones[i]);
      if (!Double.isNaN(frames.hnr.get(i))) {
        hnr.add(frames.hnr.get(i));
      }
      if (i > 0 && voiced[i - 1]) {
        double period = 1 / frames.pitches.get(i);
        double previous = 1 / frames.pitches.get(i - 1);
        jitter.add(Math.abs(period - previous) / ((period + previous) / 2));
        shimmer.add(Math.abs(levels[i] - levels[i - 1]));
      }
    }
    double[] f0s = toArray(f0);

    double[] speechLevels = select(levels, speech);
    double[] centroids = finite(select(toArray(frames.centroids), speech));
    double[] slopes = finite(select(toArray(frames.slopes), speech));
    double[] alphas = finite(select(toArray(frames.alphas), speech));

    int pauses = 0;
    for (int i = first; i <= last; i++) {
      pauses += speech[i] ? 0 : 1;
    }
    int span = last - first + 1;
    int nuclei = ProsodyExtractor.countSyllableNuclei(levels, speech, voiced, hopSeconds);
    double speechSeconds = speechFrames * hopSeconds;

    List<Double> values = new ArrayList<>();
    values.add(mean(f0s));
    values.add(std(f0s));
    values.add(ProsodyExtractor.percentile(f0s, 0.2));
    values.add(ProsodyExtractor.percentile(f0s, 0.8));
    values.add(ProsodyExtractor.percentile(f0s, 0.8) - ProsodyExtractor.percentile(f0s, 0.2));
    values.add(n > 0 ? f0s.length / (double) n : 0);
    values.add(powerMeanDb(speechLevels));
    values.add(std(speechLevels));
    values.add(
        ProsodyExtractor.percentile(speechLevels, 0.8)
            - ProsodyExtractor.percentile(speechLevels, 0.2));
    values.add(mean(toArray(jitter)));
    values.add(mean(toArray(shimmer)));
    values.add(mean(toArray(hnr)));
    values.add(mean(centroids));
    values.add(std(centroids));
    values.add(mean(slopes));
    values.add(mean(alphas));
    values.add(speechSeconds > 0 ? nuclei / speechSeconds : Double.NaN);
    values.add(span > 0 ? pauses / (double) span : Double.NaN);
    int m = VoiceFeatures.MFCC_COUNT;
    double[][] coefficients = new double[m][];
    for (int c = 0; c < m; c++) {
      List<Double> column = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (speech[i]) {
          column.add((double) frames.cepstra.get(i)[c + 1]);
        }
      }
      coefficients[c] = toArray(column);
    }
    for (int c = 0; c < m; c++) {
      values.add(mean(coefficients[c]));
    }
    for (int c = 0; c < m; c++) {
      values.add(std(coefficients[c]));
    }
    return new VoiceFeatures(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double powerMeanDb(double[] levels) {
    if (levels.length == 0) {
      return Double.NaN;
    }
    double power = 0;
    for (double level : levels) {
      power += Math.pow(10, level / 10);
    }
    return Math.max(ProsodyFeatures.SILENCE_DBFS, 10 * Math.log10(power / levels.length));
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double[] finite(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).toArray();
  }

  private static double[] select(double[] values, boolean[] mask) {
    List<Double> picked = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (mask[i]) {
        picked.add(values[i]);
      }
    }
    return toArray(picked);
  }

  private static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double std(double[] values) {
    if (values.length < 2) {
      return Double.NaN;
    }
    double mean = mean(values);
    double sum = 0;
    for (double v : values) {
      sum += (v - mean) * (v - mean);
    }
    return Math.sqrt(sum / (values.length - 1));
  }
}
