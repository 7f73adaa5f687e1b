package org.sentio.affect.train;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Weights written into ONNX graphs as initializers, in the little-endian raw layout ONNX uses. */
public final class OnnxInitializers {
  private OnnxInitializers() {}

  /**
   * A float32 tensor of {@code shape} holding {@code data} row-major.
   *
   * @throws IllegalArgumentException when the data does not fill the shape exactly
   */
  public static TensorProto floats(String name, long[] shape, float[] data) {
    long expected = 1;
    for (long d : shape) {
      expected *= d;
    }
    if (expected != data.length) {
      throw new IllegalArgumentException(name + ": " + data.length + " values for " + expected);
    }
    ByteBuffer bytes = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(data);
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT.getNumber())
            .setRawData(ByteString.copyFrom(bytes.array()));
    for (long d : shape) {
      tensor.addDims(d);
    }
    return tensor.build();
  }

  /** A one-dimensional int64 tensor holding {@code data}. */
  public static TensorProto longs(String name, long[] data) {
    ByteBuffer bytes = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asLongBuffer().put(data);
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.INT64.getNumber())
        .setRawData(ByteString.copyFrom(bytes.array()))
        .addDims(data.length)
        .build();
  }
}
