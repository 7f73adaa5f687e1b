package org.sentio.affect.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.face.FloatImage;
import org.sentio.affect.face.TestImages;

/**
 * Parity of the shipped {@code resources/models/face-expression-faceapi/model.onnx} (rebuilt in
 * Java by {@link FaceApiExpressionGraph}) with {@code @vladmandic/face-api} 1.7.15's own JavaScript
 * network run by TF.js 4.22.0 (pure-JS CPU backend, through {@code
 * tools/convert/faceapi-parity.mjs}), on real faces: crops of the astronaut photo and of the cat
 * from {@code shared/testdata/faces}, and FER-2013 PublicTest faces, one per class. Every
 * probability and every pooled feature must agree within 1e-4 (max absolute difference). Needs
 * {@code npm ci --prefix tools/convert}; fails, never skips, without it.
 */
class FaceApiParityTest {
  private static final double TOLERANCE = 1e-4;
  private static final int SIZE = FaceApiExpressionGraph.SIZE;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path root;
  private static Path weightsManifest;

  @TempDir static Path work;

  @BeforeAll
  static void requireReferenceRuntime() {
    root = TestImages.rootDir();
    Path modules = root.resolve("tools/convert/node_modules");
    weightsManifest =
        modules.resolve("@vladmandic/face-api/model/face_expression_model-weights_manifest.json");
    if (!Files.isRegularFile(weightsManifest)
        || !Files.isDirectory(modules.resolve("@tensorflow/tfjs"))) {
      fail(
          "@vladmandic/face-api and TF.js are not installed in "
              + modules
              + ": run `npm ci --prefix tools/convert` (Node 20) and rerun the tests");
    }
  }

  @Test
  void rebuiltNetworkMatchesFaceApiOnRealFaces() throws Exception {
    List<FloatImage> crops = new ArrayList<>();
    FloatImage astronaut = TestImages.readBgr(TestImages.face("astronaut.png")).rgb();
    FloatImage cat = TestImages.readBgr(TestImages.face("chelsea.png")).rgb();
    crops.add(astronaut.rotatedCrop(177 + 46.5, 67 + 46.5, 93 * 1.1, 0, SIZE));
    crops.add(astronaut.rotatedCrop(177 + 46.5, 67 + 50, 130, 0.2, SIZE));
    crops.add(cat.rotatedCrop(225, 150, 200, 0, SIZE));
    Path publicTest = TestImages.sharedDir().resolve("data/faces_fer2013_publictest");
    for (String label :
        List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")) {
      Path image;
      try (Stream<Path> files = Files.list(publicTest.resolve(label))) {
        image = files.sorted().findFirst().orElseThrow();
      }
      crops.add(TestImages.readBgr(image).rgb().resizeBilinear(SIZE, SIZE));
    }
    float[] batch = new float[crops.size() * SIZE * SIZE * 3];
    for (int n = 0; n < crops.size(); n++) {
      System.arraycopy(crops.get(n).data(), 0, batch, n * SIZE * SIZE * 3, SIZE * SIZE * 3);
    }
    long[] shape = {crops.size(), SIZE, SIZE, 3};
    JsonNode reference = runReference(batch, shape).path("runs").get(0);

    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Path model = root.resolve("resources/models/face-expression-faceapi/model.onnx");
    double worst = 0;
    try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions());
        OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(batch), shape);
        OrtSession.Result result = session.run(Map.of(FaceApiExpressionGraph.INPUT, x))) {
      for (String output :
          List.of(FaceApiExpressionGraph.PROBABILITIES, FaceApiExpressionGraph.FEATURES)) {
        FloatBuffer got = ((OnnxTensor) result.get(output).orElseThrow()).getFloatBuffer();
        JsonNode expected = reference.path(output).path("data");
        assertThat(got.remaining()).as(output + " size").isEqualTo(expected.size());
        double max = 0;
        for (int i = 0; i < expected.size(); i++) {
          max = Math.max(max, Math.abs(got.get(i) - expected.get(i).asDouble()));
        }
        System.out.printf(
            "face-api parity %s (%d faces, %d values): max |onnx - tfjs| = %.3g%n",
            output, crops.size(), expected.size(), max);
        worst = Math.max(worst, max);
      }
    }
    assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void shippedOnnxIsExactlyWhatTheRebuildMakesFromThePinnedPackage() throws Exception {
    Path out = work.resolve("face-expression-faceapi.onnx");
    FaceApiToOnnx.convert(weightsManifest, out);
    assertThat(Files.readAllBytes(out))
        .as(
            "resources/models/face-expression-faceapi/model.onnx is stale: run"
                + " scripts/convert-models.sh")
        .isEqualTo(
            Files.readAllBytes(
                root.resolve("resources/models/face-expression-faceapi/model.onnx")));
  }

  private static JsonNode runReference(float[] batch, long[] shape) throws Exception {
    Path input = work.resolve("faceapi-input.f32");
    ByteBuffer bytes = ByteBuffer.allocate(batch.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(batch);
    Files.write(input, bytes.array());
    ObjectNode request = JSON.createObjectNode();
    ObjectNode run = request.putArray("runs").addObject();
    run.put("input", input.toString());
    for (long d : shape) {
      run.withArray("shape").add(d);
    }
    Path requestFile = work.resolve("faceapi-request.json");
    Path responseFile = work.resolve("faceapi-response.json");
    JSON.writeValue(requestFile.toFile(), request);
    Path log = work.resolve("faceapi-node.log");
    Process node =
        new ProcessBuilder(
                "node",
                root.resolve("tools/convert/faceapi-parity.mjs").toString(),
                requestFile.toString(),
                responseFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!node.waitFor(5, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      fail("node tools/convert/faceapi-parity.mjs took longer than 5 minutes");
    }
    if (node.exitValue() != 0) {
      fail(
          "node tools/convert/faceapi-parity.mjs failed ("
              + node.exitValue()
              + "):\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    return JSON.readTree(responseFile.toFile());
  }
}
