package org.sentio.affect.convert;

/**
 * TensorFlow's padding arithmetic for one spatial axis. {@code SAME} keeps {@code ceil(in /
 * stride)} outputs and puts the odd pixel of padding at the end (ONNX {@code SAME_UPPER}); {@code
 * VALID} pads nothing.
 */
public final class Padding {
  private Padding() {}

  /** Size of the kernel once dilated: {@code (k - 1) * d + 1}. */
  public static long effectiveKernel(long kernel, long dilation) {
    return (kernel - 1) * dilation + 1;
  }

  /** Output length of one axis; -1 stays -1 (unknown). */
  public static long outputSize(long in, long kernel, long stride, long dilation, String padding) {
    if (in < 0) {
      return -1;
    }
    return switch (padding) {
      case "SAME" -> (in + stride - 1) / stride;
      case "VALID" -> (in - effectiveKernel(kernel, dilation) + stride) / stride;
      default -> throw new IllegalArgumentException("padding must be SAME or VALID: " + padding);
    };
  }

  /**
   * The {@code [before, after]} padding TensorFlow applies for {@code SAME} on an axis of length
   * {@code in}: total {@code max((ceil(in/s) - 1) * s + k_eff - in, 0)}, before {@code total / 2}.
   */
  public static long[] same(long in, long kernel, long stride, long dilation) {
    if (in < 0) {
      throw new IllegalArgumentException("SAME padding needs a known input size");
    }
    long out = (in + stride - 1) / stride;
    long total = Math.max((out - 1) * stride + effectiveKernel(kernel, dilation) - in, 0);
    return new long[] {total / 2, total - total / 2};
  }
}
