package org.sentio.affect.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.triage.ImagingFinding;
import org.sentio.capture.dicom.DicomReader;
import org.sentio.capture.dicom.DicomSlice;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.OnnxHost;

/**
 * A tiny test model, built here, that reports the mean HU of the pixels inside the brain window
 * (40/80, i.e. 0–80 HU) — for tests only, not a diagnostic model.
 */
class ImagingModelTest {

  static OnnxHost host;

  @BeforeAll
  static void start() {
    host = OnnxHost.start(DevicePreference.CPU, 1);
  }

  @AfterAll
  static void stop() {}

  static Path ct() {
    return Path.of(System.getProperty("sentio.shared.dir", "../../shared"), "testdata", "dicom")
        .resolve("CT_small.dcm");
  }

  static ValueInfoProto info(String name, long... shape) {
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

  static NodeProto node(String op, String out, String... in) {
    return NodeProto.newBuilder().setOpType(op).addOutput(out).addAllInput(List.of(in)).build();
  }

  /** mean(hu where 0 ≤ hu ≤ 80), as a [1] tensor named "mean_hu". */
  static byte[] meanBrainHuModel(String inputName, int size) {
    GraphProto.Builder g = GraphProto.newBuilder().setName("mean_brain_hu");
    g.addInitializer(
        TensorProto.newBuilder()
            .setName("lo")
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .addFloatData(0f));
    g.addInitializer(
        TensorProto.newBuilder()
            .setName("hi")
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .addFloatData(80f));
    g.addInitializer(
        TensorProto.newBuilder()
            .setName("shape1")
            .setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(1)
            .addInt64Data(1));
    g.addNode(node("GreaterOrEqual", "ge", inputName, "lo"));
    g.addNode(node("LessOrEqual", "le", inputName, "hi"));
    g.addNode(node("And", "in_window", "ge", "le"));
    g.addNode(
        node("Cast", "mask", "in_window").toBuilder()
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("to")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(TensorProto.DataType.FLOAT_VALUE))
            .build());
    g.addNode(node("Mul", "masked", inputName, "mask"));
    g.addNode(node("ReduceSum", "sum", "masked"));
    g.addNode(node("ReduceSum", "count", "mask"));
    g.addNode(node("Div", "mean", "sum", "count"));
    g.addNode(node("Reshape", "mean_hu", "mean", "shape1"));
    g.addInput(info(inputName, 1, 1, size, size));
    g.addOutput(info("mean_hu", 1));
    return ModelProto.newBuilder()
        .setIrVersion(8)
        .setProducerName("sentio-test")
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
        .setGraph(g)
        .build()
        .toByteArray();
  }

  static Path install(Path root, String graphInput, String manifestInput, String output, int size)
      throws Exception {
    Path dir = root.resolve("mean-brain-hu");
    Files.createDirectories(dir);
    Files.write(dir.resolve("model.onnx"), meanBrainHuModel(graphInput, size));
    String sha = ModelRegistry.sha256(dir.resolve("model.onnx"));
    Files.writeString(
        dir.resolve("manifest.json"),
        """
        {
          "name": "mean-brain-hu", "version": "0.1.0", "file": "model.onnx", "sha256": "%s",
          "task": "test model: mean HU inside the brain window", "licence": "GPL-3.0-or-later",
          "inputs": [{"name": "%s", "shape": [1, 1, %d, %d], "type": "float32",
                      "meaning": "HU"}],
          "outputs": [{"name": "%s", "shape": [1], "type": "float32", "meaning": "mean HU"}],
          "imaging": {
            "input": "%s", "size": [%d, %d], "normalisation": "hu", "output": "%s",
            "finding": "mean brain-window HU above 40", "threshold": 40,
            "intendedUse": "software tests only; not for clinical use",
            "validation": "none (test model)"
          }
        }
        """
            .formatted(sha, manifestInput, size, size, output, manifestInput, size, size, output));
    return dir;
  }

  @Test
  void tinyModelReportsMeanHuInTheBrainWindow(@TempDir Path root) throws Exception {
    Path dir = install(root, "hu", "hu", "mean_hu", 64);
    DicomSlice slice = DicomReader.readImage(ct()).frames().get(0);
    try (ImagingModel model = ImagingModel.open(host, dir)) {
      float[] input = model.preprocess(slice);
      double sum = 0;
      int n = 0;
      for (float v : input) {
        if (v >= 0 && v <= 80) {
          sum += v;
          n++;
        }
      }
      ImagingFinding f = model.analyse(slice);
      assertThat(n).isPositive();
      assertThat(f.score()).isCloseTo(sum / n, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(f.validation()).isEqualTo("none (test model)");
      assertThat(f.model()).isEqualTo("mean-brain-hu 0.1.0");
      assertThat(f.threshold()).isEqualTo(40.0);
    }
  }

  @Test
  void manifestThatDoesNotMatchTheGraphIsRefused(@TempDir Path root) throws Exception {
    Path wrongInput = install(root.resolve("a"), "hu", "image", "mean_hu", 64);
    assertThatThrownBy(() -> ImagingModel.open(host, wrongInput))
        .isInstanceOf(ImagingModelException.class)
        .hasMessageContaining("does not match the model")
        .hasMessageContaining("'image' is not in the graph [hu]");
    Path wrongOutput = install(root.resolve("b"), "hu", "hu", "score", 64);
    assertThatThrownBy(() -> ImagingModel.open(host, wrongOutput))
        .isInstanceOf(ImagingModelException.class)
        .hasMessageContaining("'score' is not a graph output");
  }

  @Test
  void wrongSizeAndAlteredFilesAreRefused(@TempDir Path root) throws Exception {
    Path dir = install(root.resolve("c"), "hu", "hu", "mean_hu", 64);
    String m = Files.readString(dir.resolve("manifest.json"));
    Files.writeString(
        dir.resolve("manifest.json"), m.replace("\"size\": [64, 64]", "\"size\": [32, 32]"));
    assertThatThrownBy(() -> ImagingModel.open(host, dir))
        .hasMessageContaining("the manifest's size needs [1, 1, 32, 32]");
    Path other = install(root.resolve("d"), "hu", "hu", "mean_hu", 64);
    Files.write(other.resolve("model.onnx"), meanBrainHuModel("hu", 32));
    assertThatThrownBy(() -> ImagingModel.open(host, other))
        .isInstanceOf(ImagingModelException.class)
        .hasMessageContaining("sha256");
  }

  @Test
  void missingImagingBlockIsRefused(@TempDir Path root) throws Exception {
    Path dir = install(root, "hu", "hu", "mean_hu", 64);
    String m = Files.readString(dir.resolve("manifest.json"));
    Files.writeString(
        dir.resolve("manifest.json"), m.substring(0, m.indexOf(",\n  \"imaging\"")) + "\n}\n");
    assertThatThrownBy(() -> ImagingModel.open(host, dir))
        .hasMessageContaining("no \"imaging\" block");
  }
}
