package org.sentio.runtime;

import java.util.Arrays;

/**
 * A plain-Java tensor: a shape and row-major data, either float32 or int64. Native ONNX tensors are
 * made from it and closed inside each inference, so no native handle escapes a call.
 */
public final class Tensor {
  private final long[] shape;
  private final float[] floats;
  private final long[] longs;

  private Tensor(long[] shape, float[] floats, long[] longs) {
    long count = 1;
    for (long dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      count *= dim;
    }
    int length = floats != null ? floats.length : longs.length;
    if (count != length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + count + " values, got " + length);
    }
    this.shape = shape.clone();
    this.floats = floats;
    this.longs = longs;
  }

  public static Tensor ofFloats(long[] shape, float[] data) {
    return new Tensor(shape, data, null);
  }

  public static Tensor ofLongs(long[] shape, long[] data) {
    return new Tensor(shape, null, data);
  }

  public long[] shape() {
    return shape.clone();
  }

  public boolean isFloat() {
    return floats != null;
  }

  /** The float32 data, not copied: callers must not change it. */
  public float[] floats() {
    if (floats == null) {
      throw new IllegalStateException("tensor holds int64 data");
    }
    return floats;
  }

  /** The int64 data, not copied: callers must not change it. */
  public long[] longs() {
    if (longs == null) {
      throw new IllegalStateException("tensor holds float32 data");
    }
    return longs;
  }

  @Override
  public String toString() {
    return (floats != null ? "float32" : "int64") + Arrays.toString(shape);
  }
}
