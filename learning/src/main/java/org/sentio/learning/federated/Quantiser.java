package org.sentio.learning.federated;

/**
 * Symmetric b-bit quantisation with one scale per row (every dimension but the last): {@code scale
 * = max|g| / ((2^b − 1)/2)}, codes {@code round(g / scale)} clamped to ±(2^(b−1) − 1) — for 4 bits
 * −7..7; clamping to ±(2^b − 1) would let ±15 through, which a 4-bit two's-complement nibble cannot
 * hold. Two codes are packed per byte (low nibble first).
 */
public final class Quantiser {
  /** Bits per code in Sentio's update files. */
  public static final int BITS = 4;

  /** The largest code magnitude: 2^(b−1) − 1. */
  public static final int MAX_CODE = (1 << (BITS - 1)) - 1;

  /** The scale's divisor: (2^b − 1) / 2. */
  static final double LEVELS = ((1 << BITS) - 1) / 2.0;

  private Quantiser() {}

  /** A quantised tensor: one scale per row and the packed codes. */
  public record Quantised(int rows, int columns, float[] scales, byte[] packed) {
    public static int packedBytes(int values) {
      return (values + 1) / 2;
    }
  }

  public static Quantised quantise(float[] values, int rows, int columns) {
    if ((long) rows * columns != values.length) {
      throw new IllegalArgumentException(
          rows + " × " + columns + " does not hold " + values.length + " values");
    }
    float[] scales = new float[rows];
    byte[] packed = new byte[Quantised.packedBytes(values.length)];
    for (int r = 0; r < rows; r++) {
      float max = 0;
      for (int c = 0; c < columns; c++) {
        max = Math.max(max, Math.abs(values[r * columns + c]));
      }
      float scale = (float) (max / LEVELS);
      scales[r] = scale;
      for (int c = 0; c < columns; c++) {
        int i = r * columns + c;
        int code = scale == 0 ? 0 : (int) Math.round(values[i] / scale);
        code = Math.max(-MAX_CODE, Math.min(MAX_CODE, code));
        int nibble = code & 0xF;
        packed[i / 2] |= (byte) (i % 2 == 0 ? nibble : nibble << 4);
      }
    }
    return new Quantised(rows, columns, scales, packed);
  }

  /** The code at {@code i}, sign-extended from its nibble. */
  static int code(byte[] packed, int i) {
    int nibble = i % 2 == 0 ? packed[i / 2] & 0xF : (packed[i / 2] >> 4) & 0xF;
    return (nibble << 28) >> 28;
  }

  public static float[] dequantise(Quantised q) {
    float[] out = new float[q.rows() * q.columns()];
    for (int i = 0; i < out.length; i++) {
      out[i] = code(q.packed(), i) * q.scales()[i / q.columns()];
    }
    return out;
  }
}
