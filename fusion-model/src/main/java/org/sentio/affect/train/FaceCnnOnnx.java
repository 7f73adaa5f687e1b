package org.sentio.affect.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import org.sentio.affect.convert.OnnxGraphBuilder;

/**
 * The ONNX graph of a {@link FaceCnnTrainer.Weights} (opset 17): input {@code input_1} [N, 48, 48,
 * 1] NHWC as Sentio's one-channel expression inputs, Transpose to NCHW, three Conv (3x3, pad 1) +
 * Relu + MaxPool (2x2), ReduceMean over height and width, MatMul + Add, Softmax as {@code Identity}
 * in {@link FerPlusFaces#CLASSES} order. Reproduces {@link FaceCnnTrainer#predict}.
 */
public final class FaceCnnOnnx {
  private FaceCnnOnnx() {}

  public static ModelProto build(FaceCnnTrainer.Weights weights) {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("face_cnn");
    graph.floatInput("input_1", -1, FerPlusFaces.SIZE, FerPlusFaces.SIZE, 1);
    String x =
        graph.node(
            "Transpose", "nchw", List.of("input_1"), OnnxGraphBuilder.ints("perm", 0, 3, 1, 2));
    int in = 1;
    for (int l = 0; l < 3; l++) {
      int out = weights.channels()[l];
      graph.initializer(
          OnnxInitializers.floats(
              "conv" + l + "/w", new long[] {out, in, 3, 3}, weights.conv()[l]));
      graph.initializer(
          OnnxInitializers.floats("conv" + l + "/b", new long[] {out}, weights.bias()[l]));
      graph.node(
          "Conv",
          "conv" + l,
          List.of(x, "conv" + l + "/w", "conv" + l + "/b"),
          OnnxGraphBuilder.ints("kernel_shape", 3, 3),
          OnnxGraphBuilder.ints("pads", 1, 1, 1, 1));
      graph.node("Relu", "relu" + l, List.of("conv" + l));
      x =
          graph.node(
              "MaxPool",
              "pool" + l,
              List.of("relu" + l),
              OnnxGraphBuilder.ints("kernel_shape", 2, 2),
              OnnxGraphBuilder.ints("strides", 2, 2));
      in = out;
    }
    graph.node(
        "ReduceMean",
        "features",
        List.of(x),
        OnnxGraphBuilder.ints("axes", 2, 3),
        OnnxGraphBuilder.intAttr("keepdims", 0));
    int classes = FerPlusFaces.CLASSES.size();
    graph.initializer(OnnxInitializers.floats("fc/w", new long[] {in, classes}, weights.fc()));
    graph.initializer(OnnxInitializers.floats("fc/b", new long[] {classes}, weights.fcBias()));
    graph.node("MatMul", "fc", List.of("features", "fc/w"));
    graph.node("Add", "logits", List.of("fc", "fc/b"));
    graph.node("Softmax", "Identity", List.of("logits"), OnnxGraphBuilder.intAttr("axis", -1));
    graph.floatOutput("Identity", -1, classes);
    return graph.model("sentio face-cnn");
  }
}
