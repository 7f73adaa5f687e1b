package org.sentio.affect.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts a tiny hand-written TF.js graph model (uint8-, float16- and float32-stored weights;
 * fused conv with SAME stride-2 padding, depthwise conv, add, max pool, channel pad, reshape, mean,
 * softmax) and checks ONNX Runtime's outputs against a plain-Java NHWC reference.
 */
class TfjsToOnnxConverterTest {
  private static final double W_SCALE = 0.02;
  private static final double W_MIN = -2.5;

  @TempDir Path dir;

  private final Random random = new Random(7);
  private final int[] wq = randomInts(3 * 3 * 2 * 3, 256);
  private final int[] biasHalves = {0x3c00, 0xb800, 0x3555}; // 1.0, -0.5, 0.333251953125
  private final float[] dw = randomFloats(3 * 3 * 3);

  @Test
  void tinyModelRunsInOnnxRuntimeLikeTheNhwcReference() throws Exception {
    Path json = writeModel(TINY_NODES);
    Path onnx = dir.resolve("tiny.onnx");
    TfjsToOnnx.convert(json, onnx);

    float[] x = randomFloats(5 * 5 * 2);
    Reference ref = reference(x);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
        OnnxTensor input =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 5, 5, 2});
        OrtSession.Result result = session.run(Map.of("x", input))) {
      assertThat(session.getInputNames()).containsExactly("x");
      float[][] flat = (float[][]) result.get("flat").orElseThrow().getValue();
      float[][] probs = (float[][]) result.get("probs").orElseThrow().getValue();
      assertThat(flat[0]).hasSize(16);
      for (int i = 0; i < 16; i++) {
        assertThat(flat[0][i]).as("flat[%d]", i).isCloseTo(ref.flat[i], within(1e-5f));
      }
      for (int i = 0; i < 3; i++) {
        assertThat(probs[0][i]).as("probs[%d]", i).isCloseTo(ref.probs[i], within(1e-6f));
      }
    }
  }

  @Test
  void sameInputGivesByteIdenticalOnnx() throws Exception {
    Path json = writeModel(TINY_NODES);
    byte[] first = TfjsToOnnx.convert(json, dir.resolve("a.onnx")).toByteArray();
    byte[] second = TfjsToOnnx.convert(json, dir.resolve("b.onnx")).toByteArray();
    assertThat(second).isEqualTo(first);
    assertThat(Files.readAllBytes(dir.resolve("a.onnx"))).isEqualTo(first);
  }

  @Test
  void writesOpset17AndIr8WithNhwcInputAndOutputs() throws Exception {
    ModelProto model = TfjsToOnnx.convert(writeModel(TINY_NODES), dir.resolve("t.onnx"));
    assertThat(model.getIrVersion()).isEqualTo(8);
    assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);
    assertThat(model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList())
        .extracting(d -> d.getDimValue())
        .containsExactly(1L, 5L, 5L, 2L);
    assertThat(model.getGraph().getOutputList())
        .extracting(o -> o.getName())
        .containsExactly("flat", "probs");
  }

  @Test
  void unknownOpFailsNamingTheOpAndTheNode() throws Exception {
    String nodes =
        """
        {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
          "shape": {"shape": {"dim": [{"size": "1"}, {"size": "5"}, {"size": "5"}, {"size": "2"}]}}}},
        {"name": "model/weird", "op": "Cumsum", "input": ["x"], "attr": {}},
        {"name": "flat", "op": "Identity", "input": ["model/weird"], "attr": {}}
        """;
    Path json = writeModel(nodes);
    assertThatThrownBy(() -> TfjsToOnnx.convert(json, dir.resolve("x.onnx")))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("unsupported TF.js op 'Cumsum'")
        .hasMessageContaining("node 'model/weird'");
  }

  @Test
  void unknownFusedActivationFailsNamingIt() throws Exception {
    String nodes = TINY_NODES.replace("\"UmVsdQ==\"", "\"" + b64("Gelu") + "\"");
    assertThatThrownBy(() -> TfjsToOnnx.convert(writeModel(nodes), dir.resolve("x.onnx")))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("'Gelu'")
        .hasMessageContaining("'m/conv'");
  }

  @Test
  void truncatedShardFailsWithAMessage() throws Exception {
    Path json = writeModel(TINY_NODES);
    Path bin = dir.resolve("tiny.bin");
    byte[] bytes = Files.readAllBytes(bin);
    Files.write(bin, java.util.Arrays.copyOf(bytes, bytes.length - 8));
    assertThatThrownBy(() -> TfjsGraphModel.read(json))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("runs past the end");
  }

  @Test
  void dequantizesManifestWeightsLikeTfjs() throws Exception {
    TfjsGraphModel model = TfjsGraphModel.read(writeModel(TINY_NODES));
    float[] w = model.weights().get("w").floats();
    assertThat(w[0]).isEqualTo((float) (wq[0] * W_SCALE + W_MIN));
    assertThat(model.weights().get("b").floats()).containsExactly(1.0f, -0.5f, 0.333251953125f);
    assertThat(model.weights().get("shape").ints()).containsExactly(1, 16);
  }

  // ---------------------------------------------------------------- the tiny model

  private static final String TINY_NODES =
      """
      {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
        "shape": {"shape": {"dim": [{"size": "1"}, {"size": "5"}, {"size": "5"}, {"size": "2"}]}}}},
      {"name": "w", "op": "Const", "attr": {}}, {"name": "b", "op": "Const", "attr": {}},
      {"name": "dw", "op": "Const", "attr": {}}, {"name": "paddings", "op": "Const", "attr": {}},
      {"name": "shape", "op": "Const", "attr": {}}, {"name": "axes", "op": "Const", "attr": {}},
      {"name": "m/conv", "op": "_FusedConv2D", "input": ["x", "w", "b"], "attr": {
        "strides": {"list": {"i": ["1", "2", "2", "1"]}}, "padding": {"s": "U0FNRQ=="},
        "data_format": {"s": "TkhXQw=="}, "fused_ops": {"list": {"s": ["Qmlhc0FkZA==", "UmVsdQ=="]}},
        "num_args": {"i": "1"}}},
      {"name": "m/dw", "op": "DepthwiseConv2dNative", "input": ["m/conv", "dw"], "attr": {
        "strides": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": "U0FNRQ=="},
        "data_format": {"s": "TkhXQw=="}}},
      {"name": "m/add", "op": "AddV2", "input": ["m/conv", "m/dw"], "attr": {}},
      {"name": "m/pool", "op": "MaxPool", "input": ["m/add"], "attr": {
        "ksize": {"list": {"i": ["1", "2", "2", "1"]}}, "strides": {"list": {"i": ["1", "2", "2", "1"]}},
        "padding": {"s": "U0FNRQ=="}, "data_format": {"s": "TkhXQw=="}}},
      {"name": "m/pad", "op": "Pad", "input": ["m/pool", "paddings"], "attr": {}},
      {"name": "m/reshape", "op": "Reshape", "input": ["m/pad", "shape"], "attr": {}},
      {"name": "flat", "op": "Identity", "input": ["m/reshape"], "attr": {}},
      {"name": "m/mean", "op": "Mean", "input": ["m/add", "axes"], "attr": {"keep_dims": {"b": false}}},
      {"name": "probs", "op": "Softmax", "input": ["m/mean"], "attr": {}}
      """;

  private Path writeModel(String nodes) throws IOException {
    ByteBuffer bin = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    for (int q : wq) {
      bin.put((byte) q);
    }
    for (int h : biasHalves) {
      bin.putShort((short) h);
    }
    for (float f : dw) {
      bin.putFloat(f);
    }
    for (int p : new int[] {0, 0, 0, 0, 0, 0, 0, 1}) {
      bin.putInt(p);
    }
    bin.putInt(1).putInt(16);
    bin.putInt(1).putInt(2);
    Files.write(dir.resolve("tiny.bin"), java.util.Arrays.copyOf(bin.array(), bin.position()));
    String json =
        """
        {"format": "graph-model", "generatedBy": "hand", "convertedBy": "hand",
         "modelTopology": {"node": [%s]},
         "signature": {"outputs": {"probs:0": {"name": "probs:0"}, "flat:0": {"name": "flat:0"}}},
         "weightsManifest": [{"paths": ["tiny.bin"], "weights": [
           {"name": "w", "shape": [3, 3, 2, 3], "dtype": "float32",
            "quantization": {"dtype": "uint8", "scale": %s, "min": %s}},
           {"name": "b", "shape": [3], "dtype": "float32", "quantization": {"dtype": "float16"}},
           {"name": "dw", "shape": [3, 3, 3, 1], "dtype": "float32"},
           {"name": "paddings", "shape": [4, 2], "dtype": "int32"},
           {"name": "shape", "shape": [2], "dtype": "int32"},
           {"name": "axes", "shape": [2], "dtype": "int32"}]}]}
        """
            .formatted(nodes, W_SCALE, W_MIN);
    Path path = dir.resolve("tiny.json");
    Files.writeString(path, json);
    return path;
  }

  private record Reference(float[] flat, float[] probs) {}

  /** The tiny model evaluated directly in NHWC with TensorFlow's SAME rules. */
  private Reference reference(float[] x) {
    float[] w = new float[wq.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (wq[i] * W_SCALE + W_MIN);
    }
    float[] b = {1.0f, -0.5f, 0.333251953125f};
    // conv 3x3 stride 2 SAME on 5x5: out 3x3, pad total (3-1)*2+3-5 = 2 -> [1, 1]
    float[] conv = new float[3 * 3 * 3];
    for (int oy = 0; oy < 3; oy++) {
      for (int ox = 0; ox < 3; ox++) {
        for (int o = 0; o < 3; o++) {
          double sum = b[o];
          for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
              int iy = oy * 2 + ky - 1;
              int ix = ox * 2 + kx - 1;
              if (iy < 0 || iy >= 5 || ix < 0 || ix >= 5) {
                continue;
              }
              for (int i = 0; i < 2; i++) {
                sum += x[(iy * 5 + ix) * 2 + i] * w[((ky * 3 + kx) * 2 + i) * 3 + o];
              }
            }
          }
          conv[(oy * 3 + ox) * 3 + o] = (float) Math.max(0, sum);
        }
      }
    }
    // depthwise 3x3 stride 1 SAME on 3x3: pad [1, 1]; then add
    float[] add = new float[conv.length];
    for (int oy = 0; oy < 3; oy++) {
      for (int ox = 0; ox < 3; ox++) {
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
              int iy = oy + ky - 1;
              int ix = ox + kx - 1;
              if (iy >= 0 && iy < 3 && ix >= 0 && ix < 3) {
                sum += conv[(iy * 3 + ix) * 3 + c] * dw[(ky * 3 + kx) * 3 + c];
              }
            }
          }
          add[(oy * 3 + ox) * 3 + c] = conv[(oy * 3 + ox) * 3 + c] + (float) sum;
        }
      }
    }
    // max pool 2x2 stride 2 SAME on 3x3: out 2x2, pad [0, 1] (padding never wins)
    float[] flat = new float[16];
    for (int oy = 0; oy < 2; oy++) {
      for (int ox = 0; ox < 2; ox++) {
        for (int c = 0; c < 3; c++) {
          float best = Float.NEGATIVE_INFINITY;
          for (int ky = 0; ky < 2; ky++) {
            for (int kx = 0; kx < 2; kx++) {
              int iy = oy * 2 + ky;
              int ix = ox * 2 + kx;
              if (iy < 3 && ix < 3) {
                best = Math.max(best, add[(iy * 3 + ix) * 3 + c]);
              }
            }
          }
          flat[(oy * 2 + ox) * 4 + c] = best; // channel pad [0, 1] -> 4 channels, last zero
        }
      }
    }
    double[] mean = new double[3];
    for (int i = 0; i < 9; i++) {
      for (int c = 0; c < 3; c++) {
        mean[c] += add[i * 3 + c] / 9.0;
      }
    }
    double max = Math.max(mean[0], Math.max(mean[1], mean[2]));
    double z = 0;
    for (double m : mean) {
      z += Math.exp(m - max);
    }
    float[] probs = new float[3];
    for (int c = 0; c < 3; c++) {
      probs[c] = (float) (Math.exp(mean[c] - max) / z);
    }
    return new Reference(flat, probs);
  }

  private int[] randomInts(int n, int bound) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextInt(bound);
    }
    return out;
  }

  private float[] randomFloats(int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = random.nextFloat() * 2 - 1;
    }
    return out;
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
