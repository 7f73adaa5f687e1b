package org.sentio.runtime;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small real ONNX models and their manifests for tests. */
final class TinyModels {
  private TinyModels() {}

  /** A model computing {@code y = 2 x + 1} on a float input of shape [N, 3]. */
  static InstalledModel affine(Path folder) throws IOException, ModelException {
    Files.createDirectories(folder);
    OnnxMl.GraphProto graph =
        OnnxMl.GraphProto.newBuilder()
            .setName("affine")
            .addInput(valueInfo("x"))
            .addOutput(valueInfo("y"))
            .addInitializer(scalar("two", 2f))
            .addInitializer(scalar("one", 1f))
            .addNode(
                OnnxMl.NodeProto.newBuilder()
                    .setOpType("Mul")
                    .addInput("x")
                    .addInput("two")
                    .addOutput("doubled"))
            .addNode(
                OnnxMl.NodeProto.newBuilder()
                    .setOpType("Add")
                    .addInput("doubled")
                    .addInput("one")
                    .addOutput("y"))
            .build();
    OnnxMl.ModelProto model =
        OnnxMl.ModelProto.newBuilder()
            .setIrVersion(8)
            .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
            .setGraph(graph)
            .build();
    Path file = folder.resolve("model.onnx");
    Files.write(file, model.toByteArray());
    String manifest =
        """
        {"name": "affine", "version": "1.0.0", "file": "model.onnx", "sha256": "%s",
         "task": "test", "licence": "GPL-3.0-or-later",
         "source": {"package": "none", "file": "none"},
         "inputs": [{"name": "x", "shape": [-1, 3], "type": "float32", "meaning": "any"}],
         "outputs": [{"name": "y", "shape": [-1, 3], "type": "float32", "meaning": "2x+1"}]}
        """
            .formatted(ModelRegistry.sha256(file));
    Files.writeString(folder.resolve("manifest.json"), manifest);
    return new ModelRegistry(folder.getParent(), "test").readManifest(folder);
  }

  private static OnnxMl.ValueInfoProto valueInfo(String name) {
    OnnxMl.TensorShapeProto shape =
        OnnxMl.TensorShapeProto.newBuilder()
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
            .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(3))
            .build();
    return OnnxMl.ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            OnnxMl.TypeProto.newBuilder()
                .setTensorType(
                    OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                        .setShape(shape)))
        .build();
  }

  private static OnnxMl.TensorProto scalar(String name, float value) {
    return OnnxMl.TensorProto.newBuilder()
        .setName(name)
        .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
        .addFloatData(value)
        .build();
  }
}
