package org.sentio.affect.voice;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.pitch.PitchDetectionResult;
import be.tarsos.dsp.pitch.PitchDetector;
import be.tarsos.dsp.pitch.PitchProcessor.PitchEstimationAlgorithm;
import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.HannWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * What prosody and the voice features both measure on every analysis frame, collected as the
 * dispatcher runs: the level of the frame's central 25 ms (dBFS), its FFT-YIN pitch when voiced
 * (NaN otherwise), and its Hann-windowed magnitude spectrum with the spectral centroid.
 */
final class FrameBasics implements AudioProcessor {
  private static final double ENVELOPE_SECONDS = 0.025;

  private final PitchDetector pitch;
  private final FFT fft;
  private final float sampleRate;
  private final int envelopeStart;
  private final int envelopeEnd;
  private final float[] spectrum;
  private final float[] magnitudes;
  final List<Double> levels = new ArrayList<>();
  final List<Double> pitches = new ArrayList<>();
  final List<Double> centroids = new ArrayList<>();

  FrameBasics(int sampleRate, int bufferSize) {
    this.sampleRate = sampleRate;
    this.pitch = PitchEstimationAlgorithm.FFT_YIN.getDetector(sampleRate, bufferSize);
    this.fft = new FFT(bufferSize, new HannWindow());
    int envelope = (int) Math.round(ENVELOPE_SECONDS * sampleRate);
    this.envelopeStart = (bufferSize - envelope) / 2;
    this.envelopeEnd = envelopeStart + envelope;
    this.spectrum = new float[bufferSize];
    this.magnitudes = new float[bufferSize / 2];
  }

  @Override
  public boolean process(AudioEvent event) {
    measure(event.getFloatBuffer());
    return true;
  }

  /** Measures one frame and returns its voiced pitch in Hz, or NaN when it is unvoiced. */
  double measure(float[] buffer) {
    Basic basic = compute(buffer);
    collect(basic);
    return basic.pitch();
  }

  /** Level (dBFS), voiced pitch (Hz, NaN when unvoiced) and spectral centroid of one frame. */
  record Basic(double level, double pitch, double centroid) {}

  /** Measures one frame without collecting it; {@link #magnitudes()} then holds its spectrum. */
  Basic compute(float[] buffer) {
    double sum = 0;
    for (int i = envelopeStart; i < envelopeEnd; i++) {
      sum += buffer[i] * (double) buffer[i];
    }
    double rms = Math.sqrt(sum / (envelopeEnd - envelopeStart));
    double level = rms > 0 ? Math.max(ProsodyFeatures.SILENCE_DBFS, 20 * Math.log10(rms)) : -120.0;

    PitchDetectionResult result = pitch.getPitch(buffer);
    double hz = result.getPitch();
    boolean voiced =
        result.isPitched()
            && result.getProbability() >= ProsodyExtractor.MIN_PITCH_PROBABILITY
            && hz >= ProsodyExtractor.MIN_F0_HZ
            && hz <= ProsodyExtractor.MAX_F0_HZ;
    double voicedHz = voiced ? hz : Double.NaN;

    System.arraycopy(buffer, 0, spectrum, 0, spectrum.length);
    fft.forwardTransform(spectrum);
    fft.modulus(spectrum, magnitudes);
    double weighted = 0;
    double total = 0;
    for (int k = 1; k < magnitudes.length; k++) {
      weighted += binToHz(k) * magnitudes[k];
      total += magnitudes[k];
    }
    return new Basic(level, voicedHz, total > 0 ? weighted / total : Double.NaN);
  }

  /** Adds one frame's measurement to the lists. */
  void collect(Basic basic) {
    levels.add(basic.level());
    pitches.add(basic.pitch());
    centroids.add(basic.centroid());
  }

  /** This frame grid's measurement, for {@link VoiceFrames#run} with stream frames. */
  StreamFrames.Measure<Basic> asMeasure() {
    return new StreamFrames.Measure<>() {
      @Override
      public Basic measure(float[] frame) {
        return compute(frame);
      }

      @Override
      public void collect(Basic measurement) {
        FrameBasics.this.collect(measurement);
      }
    };
  }

  /** The magnitude spectrum of the frame measured last; overwritten by the next. */
  float[] magnitudes() {
    return magnitudes;
  }

  double binToHz(int bin) {
    return fft.binToHz(bin, sampleRate);
  }

  @Override
  public void processingFinished() {}
}
