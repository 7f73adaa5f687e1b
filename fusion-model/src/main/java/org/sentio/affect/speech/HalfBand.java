package org.sentio.affect.speech;

/**
 * Doubles a signal's sample rate (8 kHz telephone audio to the 16 kHz the speech models expect)
 * with a windowed-sinc half-band interpolator: the even output samples are the input, the odd ones
 * are interpolated half way between, and nothing new appears above the input's band.
 */
public final class HalfBand {
  /** Taps on each side of an interpolated sample. */
  private static final int SIDE = 16;

  private static final double[] TAPS = taps();

  private HalfBand() {}

  private static double[] taps() {
    double[] h = new double[SIDE];
    double sum = 0;
    for (int k = 0; k < SIDE; k++) {
      double t = k + 0.5;
      double sinc = Math.sin(Math.PI * t) / (Math.PI * t);
      double blackman =
          0.42
              + 0.5 * Math.cos(Math.PI * t / (SIDE + 0.5))
              + 0.08 * Math.cos(2 * Math.PI * t / (SIDE + 0.5));
      h[k] = sinc * blackman;
      sum += 2 * h[k];
    }
    for (int k = 0; k < SIDE; k++) {
      h[k] /= sum;
    }
    return h;
  }

  /** The signal at twice its sample rate (zeros beyond its ends). */
  public static float[] upsample2x(float[] in) {
    float[] out = new float[in.length * 2];
    for (int i = 0; i < in.length; i++) {
      out[2 * i] = in[i];
      double mid = 0;
      for (int k = 0; k < SIDE; k++) {
        int left = i - k;
        int right = i + 1 + k;
        mid += TAPS[k] * ((left >= 0 ? in[left] : 0) + (right < in.length ? in[right] : 0));
      }
      out[2 * i + 1] = (float) mid;
    }
    return out;
  }
}
