package org.sentio.affect.voice;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Log-mel band statistics of one stretch of speech, the features {@code voice-affect-mel} reads
 * beside the 42 {@link VoiceFeatures} (docs/decisions/0037-log-mel-voice-features.md).
 *
 * <p>On the voice frame grid ({@link VoiceFrames}: about 64 ms buffers every 10 ms), a
 * Hann-windowed TarsosDSP FFT gives each frame's power spectrum; {@value #BANDS} triangular mel
 * filters between {@value #LOW_HZ} and {@value #HIGH_HZ} Hz (inside the telephone band's 4 kHz, so
 * that a call and a studio recording are measured on the same bands) turn it into log energies
 * (dB). Over the speech frames (those within {@link ProsodyExtractor#SPEECH_RANGE_DB} dB of the
 * 95th-percentile frame level, as for the other voice features) each band gives five numbers:
 *
 * <ul>
 *   <li>{@code melK_mean}: the band's mean minus the mean of all bands (the spectral shape, not the
 *       level: a gain change moves it only through the frames that cross the speech floor);
 *   <li>{@code melK_std}: its standard deviation over the frames;
 *   <li>{@code melK_p10}, {@code melK_p90}: its 10th and 90th percentiles minus its mean;
 *   <li>{@code melK_delta_std}: the standard deviation of its frame-to-frame change (how fast the
 *       band moves).
 * </ul>
 *
 * A band's value is NaN when fewer than two speech frames exist. Stateless and thread-safe.
 */
public final class LogMelStatistics {
  public static final int BANDS = 24;
  public static final double LOW_HZ = 60;
  public static final double HIGH_HZ = 3800;
  private static final double POWER_FLOOR = 1e-10;
  private static final String[] STATISTICS = {"mean", "std", "p10", "p90", "delta_std"};

  /** Feature names in vector order: every statistic of band 1, then of band 2, … */
  public static final List<String> NAMES = names();

  /** Length of the vector. */
  public static final int SIZE = NAMES.size();

  private LogMelStatistics() {}

  /** The statistics of {@code samples} (mono, in [-1, 1]) recorded at {@code sampleRate} Hz. */
  public static float[] extract(float[] samples, int sampleRate) {
    Frames frames = new Frames(sampleRate, VoiceFrames.bufferSize(sampleRate));
    VoiceFrames.run(samples, sampleRate, "log-mel statistics", frames);
    return summarise(frames.bands, frames.levels);
  }

  /**
   * The same statistics as {@link #extract(float[], int)}, taking the frames of the stream that
   * {@code stream} measured before (where {@code pieces} says the samples lie in the stream).
   */
  static float[] extract(
      float[] samples, int sampleRate, StreamFrames.Pieces pieces, StreamFrames stream) {
    Frames frames = new Frames(sampleRate, VoiceFrames.bufferSize(sampleRate));
    VoiceFrames.run(samples, sampleRate, "log-mel statistics", frames, pieces, stream);
    return summarise(frames.bands, frames.levels);
  }

  /** One frame's level and band energies. */
  private record Frame(double level, double[] energies) {}

  /** Per-frame log-mel energies and frame levels, collected as the dispatcher runs. */
  private static final class Frames implements AudioProcessor, StreamFrames.Measure<Frame> {
    private final FFT fft;
    private final float[] spectrum;
    private final float[] magnitudes;
    private final double[][] filters;
    final List<double[]> bands = new ArrayList<>();
    final List<Double> levels = new ArrayList<>();

    Frames(int sampleRate, int bufferSize) {
      this.fft = new FFT(bufferSize, new HannWindow());
      this.spectrum = new float[bufferSize];
      this.magnitudes = new float[bufferSize / 2];
      this.filters = melFilters(bufferSize, sampleRate);
    }

    @Override
    public boolean process(AudioEvent event) {
      collect(measure(event.getFloatBuffer()));
      return true;
    }

    @Override
    public Frame measure(float[] buffer) {
      double sum = 0;
      for (float v : buffer) {
        sum += v * (double) v;
      }
      double level = 10 * Math.log10(sum / buffer.length + POWER_FLOOR);
      System.arraycopy(buffer, 0, spectrum, 0, spectrum.length);
      fft.forwardTransform(spectrum);
      fft.modulus(spectrum, magnitudes);
      double[] energies = new double[BANDS];
      for (int b = 0; b < BANDS; b++) {
        double power = 0;
        double[] weights = filters[b];
        for (int k = 0; k < weights.length; k++) {
          if (weights[k] > 0) {
            power += weights[k] * magnitudes[k] * (double) magnitudes[k];
          }
        }
        energies[b] = 10 * Math.log10(power + POWER_FLOOR);
      }
      return new Frame(level, energies);
    }

    @Override
    public void collect(Frame frame) {
      levels.add(frame.level());
      bands.add(frame.energies());
    }

    @Override
    public void processingFinished() {}
  }

  /** Triangular filters, equally spaced on the mel scale, over the FFT bins: [band][bin]. */
  static double[][] melFilters(int bufferSize, int sampleRate) {
    int bins = bufferSize / 2;
    double low = mel(LOW_HZ);
    double high = mel(Math.min(HIGH_HZ, sampleRate / 2.0));
    double[] edges = new double[BANDS + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = hz(low + (high - low) * i / (BANDS + 1));
    }
    double[][] filters = new double[BANDS][bins];
    for (int b = 0; b < BANDS; b++) {
      for (int k = 0; k < bins; k++) {
        double f = k * (double) sampleRate / bufferSize;
        double rise = (f - edges[b]) / (edges[b + 1] - edges[b]);
        double fall = (edges[b + 2] - f) / (edges[b + 2] - edges[b + 1]);
        filters[b][k] = Math.max(0, Math.min(rise, fall));
      }
    }
    return filters;
  }

  private static double mel(double hz) {
    return 2595 * Math.log10(1 + hz / 700);
  }

  private static double hz(double mel) {
    return 700 * (Math.pow(10, mel / 2595) - 1);
  }

  private static float[] summarise(List<double[]> bands, List<Double> levels) {
    int n = levels.size();
    double[] levelValues = levels.stream().mapToDouble(Double::doubleValue).toArray();
    double threshold =
        Math.max(
            ProsodyExtractor.ABSOLUTE_FLOOR_DBFS,
            ProsodyExtractor.percentile(levelValues, 0.95) - ProsodyExtractor.SPEECH_RANGE_DB);
    List<Integer> speech = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (levelValues[i] >= threshold) {
        speech.add(i);
      }
    }
    if (speech.isEmpty()) {
      for (int i = 0; i < n; i++) {
        speech.add(i);
      }
    }
    float[] out = new float[SIZE];
    if (speech.size() < 2) {
      java.util.Arrays.fill(out, Float.NaN);
      return out;
    }
    double[] means = new double[BANDS];
    double grand = 0;
    for (int b = 0; b < BANDS; b++) {
      double sum = 0;
      for (int i : speech) {
        sum += bands.get(i)[b];
      }
      means[b] = sum / speech.size();
      grand += means[b] / BANDS;
    }
    for (int b = 0; b < BANDS; b++) {
      double[] values = new double[speech.size()];
      double[] deltas = new double[speech.size()];
      for (int j = 0; j < values.length; j++) {
        int i = speech.get(j);
        values[j] = bands.get(i)[b];
        deltas[j] = i > 0 ? bands.get(i)[b] - bands.get(i - 1)[b] : 0;
      }
      int at = b * STATISTICS.length;
      out[at] = (float) (means[b] - grand);
      out[at + 1] = (float) std(values, means[b]);
      out[at + 2] = (float) (ProsodyExtractor.percentile(values, 0.10) - means[b]);
      out[at + 3] = (float) (ProsodyExtractor.percentile(values, 0.90) - means[b]);
      out[at + 4] = (float) std(deltas, mean(deltas));
    }
    return out;
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

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int b = 1; b <= BANDS; b++) {
      for (String statistic : STATISTICS) {
        names.add("mel" + b + "_" + statistic);
      }
    }
    return Collections.unmodifiableList(names);
  }
}
