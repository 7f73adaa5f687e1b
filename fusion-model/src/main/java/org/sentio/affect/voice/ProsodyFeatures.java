package org.sentio.affect.voice;

/**
 * Prosodic features of one analysis window; see {@code package-info.java} for how each is measured.
 *
 * @param durationSeconds length of the analysed samples
 * @param f0MeanSemitones mean fundamental frequency over voiced frames, in semitones re {@value
 *     #F0_REFERENCE_HZ} Hz; NaN when no frame is voiced
 * @param f0StdSemitones standard deviation of F0 over voiced frames, in semitones; NaN when fewer
 *     than two frames are voiced
 * @param voicedFraction share of all frames that are voiced, in [0, 1]
 * @param loudnessDbfs RMS level of the speech frames (all frames when none is speech), in dB
 *     relative to full scale; {@value #SILENCE_DBFS} for digital silence
 * @param loudnessSpreadDb standard deviation of the frame levels over speech frames, in dB
 * @param energySpeechFraction share of frames that an energy rule takes for speech, in [0, 1]: a
 *     stand-in for a voice-activity detector
 * @param speechRate syllable nuclei (energy-envelope peaks in voiced speech) per second of window
 * @param spectralCentroidHz mean magnitude-weighted spectral centroid over speech frames; NaN when
 *     there is no speech frame
 */
public record ProsodyFeatures(
    double durationSeconds,
    double f0MeanSemitones,
    double f0StdSemitones,
    double voicedFraction,
    double loudnessDbfs,
    double loudnessSpreadDb,
    double energySpeechFraction,
    double speechRate,
    double spectralCentroidHz) {

  /** The frequency at 0 semitones. */
  public static final double F0_REFERENCE_HZ = 100;

  /** The level reported for digital silence, the floor of every level. */
  public static final double SILENCE_DBFS = -120;

  /** Semitones re {@link #F0_REFERENCE_HZ} of a frequency in Hz. */
  public static double semitones(double hz) {
    return 12 * Math.log(hz / F0_REFERENCE_HZ) / Math.log(2);
  }

  /** The frequency in Hz of a semitone value re {@link #F0_REFERENCE_HZ}. */
  public static double hertz(double semitones) {
    return F0_REFERENCE_HZ * Math.pow(2, semitones / 12);
  }

  /** Mean F0 in Hz (the geometric mean of the voiced frames' F0), NaN when none is voiced. */
  public double f0MeanHz() {
    return hertz(f0MeanSemitones);
  }

  /** Whether any frame was voiced. */
  public boolean hasPitch() {
    return !Double.isNaN(f0MeanSemitones);
  }
}
