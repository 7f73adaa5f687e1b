package org.sentio.affect.train;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;

/**
 * The ONNX graph of a {@link FaceCnnTrainer.Weights} (opset 17): input {@code input_1} [N, 48, 48,
 * 1] NHWC as Sentio's one-channel expression inputs, Transpose to NCHW, three Conv (3x3, pad 1) +
 * Relu + MaxPool (2x2), ReduceMean over height and width, MatMul + Add, Softmax as {@code Identity}
 * in {@link FerPlusFaces#CLASSES} order. Reproduces {@link FaceCnnTrainer#predict}.
 */
public final class FaceCnnOnnx {
  private FaceCnnOnnx() {}

  public static ModelProto build(FaceCnnTrainer.Weights weights) {
    GraphProto.Builder graph = GraphProto.newBuilder().setName("face_cnn");
    graph.addInput(info("input_1", -1, FerPlusFaces.SIZE, FerPlusFaces.SIZE, 1));
    graph.addNode(
        node("Transpose", "nchw", List.of("input_1")).toBuilder()
            .addAttribute(ints("perm", 0, 3, 1, 2)));
    String x = "nchw";
    int in = 1;
    for (int l = 0; l < 3; l++) {
      int out = weights.channels()[l];
      graph.addInitializer(
          OnnxInitializers.floats(
              "conv" + l + "/w", new long[] {out, in, 3, 3}, weights.conv()[l]));
      graph.addInitializer(
          OnnxInitializers.floats("conv" + l + "/b", new long[] {out}, weights.bias()[l]));
      graph.addNode(
          node("Conv", "conv" + l, List.of(x, "conv" + l + "/w", "conv" + l + "/b")).toBuilder()
              .addAttribute(ints("kernel_shape", 3, 3))
              .addAttribute(ints("pads", 1, 1, 1, 1)));
      graph.addNode(node("Relu", "relu" + l, List.of("conv" + l)));
      graph.addNode(
          node("MaxPool", "pool" + l, List.of("relu" + l)).toBuilder()
              .addAttribute(ints("kernel_shape", 2, 2))
              .addAttribute(ints("strides", 2, 2)));
      x = "pool" + l;
      in = out;
    }
    graph.addNode(
        node("ReduceMean", "features", List.of(x)).toBuilder()
            .addAttribute(ints("axes", 2, 3))
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("keepdims")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(0)));
    int classes = FerPlusFaces.CLASSES.size();
    graph.addInitializer(OnnxInitializers.floats("fc/w", new long[] {in, classes}, weights.fc()));
    graph.addInitializer(OnnxInitializers.floats("fc/b", new long[] {classes}, weights.fcBias()));
    graph.addNode(node("MatMul", "fc", List.of("features", "fc/w")));
    graph.addNode(node("Add", "logits", List.of("fc", "fc/b")));
    graph.addNode(
        node("Softmax", "Identity", List.of("logits")).toBuilder()
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("axis")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(-1)));
    graph.addOutput(info("Identity", -1, classes));
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("sentio face-cnn")
        .setProducerVersion("1.0.0")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(graph)
        .build();
  }

  private static NodeProto node(String op, String output, List<String> inputs) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(output)
        .addAllInput(inputs)
        .addOutput(output)
        .build();
  }

  private static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static ValueInfoProto info(String name, long... shape) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : shape) {
      s.addDim(
          d >= 0
              ? TensorShapeProto.Dimension.newBuilder().setDimValue(d)
              : TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(s)))
        .build();
  }
}
