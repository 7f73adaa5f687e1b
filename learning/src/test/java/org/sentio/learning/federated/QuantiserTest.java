package org.sentio.learning.federated;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** 4-bit symmetric per-row quantisation. */
class QuantiserTest {

  @Test
  void codesStayWithinPlusMinusSevenAndTheRowMaximumComesBackWithinHalfAStep() {
    float[] row = {1.0f, -1.0f, 0.5f, 0.0f, -0.26f, 0.9f, 0.07f};
    Quantiser.Quantised q = Quantiser.quantise(row, 1, row.length);
    // scale = max|g| / ((2^4 - 1) / 2) = 1 / 7.5
    assertThat(q.scales()[0]).isEqualTo((float) (1 / 7.5));
    for (int i = 0; i < row.length; i++) {
      assertThat(Quantiser.code(q.packed(), i)).isBetween(-7, 7);
    }
    // 1.0 / scale = 7.5 rounds to 8, which 4 bits cannot hold as +8 of -8..7: clamped to 7.
    assertThat(Quantiser.code(q.packed(), 0)).isEqualTo(7);
    assertThat(Quantiser.code(q.packed(), 1)).isEqualTo(-7);
    float[] back = Quantiser.dequantise(q);
    for (int i = 0; i < row.length; i++) {
      assertThat(Math.abs(back[i] - row[i])).isLessThanOrEqualTo(q.scales()[0] * 0.50001f);
    }
  }

  @Test
  void twoCodesPerByteAndOneScalePerRow() {
    float[] values = new float[6 * 7];
    Random r = new Random(3);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) r.nextGaussian() * (1 + i / 7);
    }
    Quantiser.Quantised q = Quantiser.quantise(values, 6, 7);
    assertThat(q.packed()).hasSize(21);
    assertThat(q.scales()).hasSize(6);
    // Rows of larger values get larger scales: per-row, not per-tensor.
    assertThat(q.scales()[5]).isGreaterThan(q.scales()[0]);
    float[] back = Quantiser.dequantise(q);
    for (int i = 0; i < values.length; i++) {
      assertThat(Math.abs(back[i] - values[i])).isLessThanOrEqualTo(q.scales()[i / 7] * 0.50001f);
    }
  }

  @Test
  void aZeroRowStaysZero() {
    Quantiser.Quantised q = Quantiser.quantise(new float[] {0, 0, 0}, 1, 3);
    assertThat(Quantiser.dequantise(q)).containsExactly(0, 0, 0);
  }
}
