package org.sentio.app.ui.clinical;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.sentio.runtime.ModelRegistry;

/**
 * A tiny imaging model for tests only, not a diagnostic model: it reports the mean HU of the pixels
 * inside the brain window (0–80 HU) of a 64 × 64 slice, installed as a folder with its manifest as
 * docs/imaging-model.md describes. The fusion-model test builds the same graph; test classes do not
 * cross modules without a test jar.
 */
final class TinyImagingModel {
  static final int SIZE = 64;
  static final String VALIDATION = "none (test model)";

  private TinyImagingModel() {}

  /**
   * Installs the model under {@code root}; {@code manifestInput} other than "hu" gives a manifest
   * that does not match the graph. A score at or above {@code threshold} HU is a finding.
   */
  static Path install(Path root, String manifestInput, int threshold) throws IOException {
    Path dir = root.resolve("mean-brain-hu");
    Files.createDirectories(dir);
    Path onnx = Files.write(dir.resolve("model.onnx"), graph());
    String sha = ModelRegistry.sha256(onnx);
    Files.writeString(
        dir.resolve("manifest.json"),
        """
        {
          "name": "mean-brain-hu", "version": "0.1.0", "file": "model.onnx", "sha256": "%s",
          "task": "test model: mean HU inside the brain window", "licence": "GPL-3.0-or-later",
          "inputs": [{"name": "%s", "shape": [1, 1, %d, %d], "type": "float32",
                      "meaning": "HU"}],
          "outputs": [{"name": "mean_hu", "shape": [1], "type": "float32", "meaning": "mean HU"}],
          "imaging": {
            "input": "%s", "size": [%d, %d], "normalisation": "hu", "output": "mean_hu",
            "finding": "mean brain-window HU of at least %d", "threshold": %d,
            "intendedUse": "software tests only; not for clinical use",
            "validation": "%s"
          }
        }
        """
            .formatted(
                sha,
                manifestInput,
                SIZE,
                SIZE,
                manifestInput,
                SIZE,
                SIZE,
                threshold,
                threshold,
                VALIDATION));
    return dir;
  }

  private static byte[] graph() {
    GraphProto.Builder g = GraphProto.newBuilder().setName("mean_brain_hu");
    g.addInitializer(scalar("lo", 0f));
    g.addInitializer(scalar("hi", 80f));
    g.addInitializer(
        TensorProto.newBuilder()
            .setName("shape1")
            .setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(1)
            .addInt64Data(1));
    g.addNode(node("GreaterOrEqual", "ge", "hu", "lo"));
    g.addNode(node("LessOrEqual", "le", "hu", "hi"));
    g.addNode(node("And", "in_window", "ge", "le"));
    g.addNode(
        node("Cast", "mask", "in_window").toBuilder()
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("to")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(TensorProto.DataType.FLOAT_VALUE))
            .build());
    g.addNode(node("Mul", "masked", "hu", "mask"));
    g.addNode(node("ReduceSum", "sum", "masked"));
    g.addNode(node("ReduceSum", "count", "mask"));
    g.addNode(node("Div", "mean", "sum", "count"));
    g.addNode(node("Reshape", "mean_hu", "mean", "shape1"));
    g.addInput(floatTensor("hu", 1, 1, SIZE, SIZE));
    g.addOutput(floatTensor("mean_hu", 1));
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("sentio-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g)
        .build()
        .toByteArray();
  }

  private static TensorProto scalar(String name, float value) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(TensorProto.DataType.FLOAT_VALUE)
        .addFloatData(value)
        .build();
  }

  private static NodeProto node(String op, String out, String... in) {
    return NodeProto.newBuilder().setOpType(op).addOutput(out).addAllInput(List.of(in)).build();
  }

  private static ValueInfoProto floatTensor(String name, long... shape) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : shape) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
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
