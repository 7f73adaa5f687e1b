package org.sentio.affect.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes TF.js weight bytes exactly as {@code @tensorflow/tfjs-core} 4.x {@code
 * io_utils.decodeWeight} does: little-endian float32/int32, affine {@code uint8}/{@code uint16}
 * quantisation ({@code q * scale + min}, computed in double and rounded once to float32, or to the
 * nearest int with half up for int32 weights), and IEEE {@code float16}.
 */
public final class WeightDecoder {
  private WeightDecoder() {}

  /** Bytes per stored value for a TF.js dtype or quantisation dtype. */
  public static int bytesPerValue(String dtype) {
    return switch (dtype) {
      case "float32", "int32" -> 4;
      case "uint8", "bool" -> 1;
      case "uint16", "float16" -> 2;
      default -> throw new IllegalArgumentException("unknown TF.js weight dtype '" + dtype + "'");
    };
  }

  /** Affine dequantisation of unsigned 8- or 16-bit values to float32. */
  public static float[] dequantizeAffine(int[] quantized, double scale, double min) {
    float[] out = new float[quantized.length];
    for (int i = 0; i < quantized.length; i++) {
      out[i] = (float) (quantized[i] * scale + min);
    }
    return out;
  }

  /** Affine dequantisation to int32, rounding like JavaScript's {@code Math.round}. */
  public static int[] dequantizeAffineToInt(int[] quantized, double scale, double min) {
    int[] out = new int[quantized.length];
    for (int i = 0; i < quantized.length; i++) {
      out[i] = (int) Math.floor(quantized[i] * scale + min + 0.5);
    }
    return out;
  }

  /** Reads {@code count} unsigned values of 1 or 2 bytes (little-endian) from {@code bytes}. */
  public static int[] readUnsigned(byte[] bytes, int offset, int count, int width) {
    int[] out = new int[count];
    ByteBuffer buffer =
        ByteBuffer.wrap(bytes, offset, count * width).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      out[i] = width == 1 ? buffer.get() & 0xff : buffer.getShort() & 0xffff;
    }
    return out;
  }

  public static float[] readFloat32(byte[] bytes, int offset, int count) {
    float[] out = new float[count];
    ByteBuffer.wrap(bytes, offset, count * 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(out);
    return out;
  }

  public static int[] readInt32(byte[] bytes, int offset, int count) {
    int[] out = new int[count];
    ByteBuffer.wrap(bytes, offset, count * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }

  /**
   * Converts IEEE 754 binary16 bits to float32 exactly (normals, subnormals, signed zeros,
   * infinities and NaN). Java 17 has no {@code Float.float16ToFloat}; this is its bit-level twin.
   */
  public static float float16ToFloat32(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      if (mantissa == 0) {
        return Float.intBitsToFloat(sign);
      }
      // Subnormal half: value = mantissa * 2^-24, exact in float32.
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  public static float[] decodeFloat16(int[] halves) {
    float[] out = new float[halves.length];
    for (int i = 0; i < halves.length; i++) {
      out[i] = float16ToFloat32(halves[i]);
    }
    return out;
  }
}
