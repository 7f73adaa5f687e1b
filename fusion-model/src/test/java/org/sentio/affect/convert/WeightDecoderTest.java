package org.sentio.affect.convert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightDecoderTest {

  @Test
  void dequantizesUint8AffineAsQTimesScalePlusMin() {
    float[] values = WeightDecoder.dequantizeAffine(new int[] {0, 1, 128, 255}, 0.01, -1.28);
    assertThat(values)
        .containsExactly(
            (float) -1.28, (float) (0.01 - 1.28), (float) (1.28 - 1.28), (float) (2.55 - 1.28));
  }

  @Test
  void roundsOnceFromDoubleLikeJavaScriptFloat32Array() {
    double scale = 0.003921568859368563;
    double min = -0.5019608139991760;
    float[] values = WeightDecoder.dequantizeAffine(new int[] {77}, scale, min);
    assertThat(values[0]).isEqualTo((float) (77 * scale + min));
  }

  @Test
  void readsUint16LittleEndian() {
    int[] raw =
        WeightDecoder.readUnsigned(
            new byte[] {(byte) 0x34, (byte) 0x12, (byte) 0xff, (byte) 0xff}, 0, 2, 2);
    assertThat(raw).containsExactly(0x1234, 0xffff);
    assertThat(WeightDecoder.dequantizeAffine(raw, 0.5, 1.0))
        .containsExactly(0x1234 * 0.5f + 1, 0xffff * 0.5f + 1);
  }

  @Test
  void dequantizesInt32WeightsWithJavaScriptMathRound() {
    assertThat(WeightDecoder.dequantizeAffineToInt(new int[] {0, 1, 2, 3}, 0.5, -1.0))
        .containsExactly(-1, 0, 0, 1); // -1, -0.5 -> -0 (half up), 0, 0.5 -> 1
  }

  @ParameterizedTest(name = "half 0x{0} = {1}")
  @CsvSource({
    "3c00, 1.0",
    "bc00, -1.0",
    "4000, 2.0",
    "3555, 0.333251953125",
    "7bff, 65504.0",
    "0400, 6.103515625E-5",
    "0001, 5.9604644775390625E-8",
    "03ff, 6.097555160522461E-5",
    "0000, 0.0",
    "c2d0, -3.40625"
  })
  void decodesFloat16Exactly(String hex, double expected) {
    assertThat((double) WeightDecoder.float16ToFloat32(Integer.parseInt(hex, 16)))
        .isEqualTo(expected);
  }

  @Test
  void decodesFloat16SpecialValues() {
    assertThat(WeightDecoder.float16ToFloat32(0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(WeightDecoder.float16ToFloat32(0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(WeightDecoder.float16ToFloat32(0x7e00)).isNaN();
    assertThat(Float.floatToIntBits(WeightDecoder.float16ToFloat32(0x8000))).isEqualTo(0x80000000);
  }

  @Test
  void everyFloat16RoundTripsThroughFloat32() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = WeightDecoder.float16ToFloat32(bits);
      if (Float.isNaN(f)) {
        continue;
      }
      // Re-encode with round-to-nearest via the float -> half formula and compare.
      assertThat(toHalf(f)).as("0x%04x", bits).isEqualTo(bits);
    }
  }

  private static int toHalf(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    float abs = Math.abs(f);
    if (Float.isInfinite(abs)) {
      return sign | 0x7c00;
    }
    if (abs < 0x1p-14f) {
      return sign | Math.round(abs / 0x1p-24f);
    }
    int exp = Math.getExponent(abs);
    int mant = Math.round((abs / (float) Math.pow(2, exp) - 1) * 1024);
    return sign | ((exp + 15) << 10) | mant;
  }
}
