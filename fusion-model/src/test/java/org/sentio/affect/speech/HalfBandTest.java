package org.sentio.affect.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Doubling the sample rate keeps a tone in the band and puts nothing at its mirror image. */
class HalfBandTest {
  private static double amplitudeAt(float[] x, double hz, int rate) {
    double re = 0;
    double im = 0;
    for (int i = 0; i < x.length; i++) {
      re += x[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += x[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(re, im) / x.length;
  }

  @Test
  void aOneKilohertzToneAt8kHzIsTheSameToneAt16kHzWithoutItsImage() {
    float[] tone = new float[8000];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
    }

    float[] up = HalfBand.upsample2x(tone);

    assertThat(up).hasSize(16000);
    assertThat(amplitudeAt(up, 1000, 16000)).isCloseTo(0.5, within(0.01));
    assertThat(amplitudeAt(up, 7000, 16000)).as("image at 8 kHz - 1 kHz").isLessThan(0.005);
    assertThat(up[200]).isEqualTo(tone[100]);
  }
}
