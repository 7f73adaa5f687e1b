package org.sentio.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.ModelFolder;

/** Real text candidates for the gate's tests, made from a shipped encoder text model. */
public final class TextCandidates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TextCandidates() {}

  /**
   * Writes to {@code out} the text model of {@code shipped} with its neutral bias moved by {@code
   * shift} (another model file, as a retrained head is), under {@code version}, with a DP run's ε
   * and δ in its manifest when {@code epsilon} is given.
   */
  public static Path shifted(Path shipped, Path out, String version, float shift, Double epsilon)
      throws Exception {
    AffectMlp model = AffectMlpOnnx.read(Files.readAllBytes(shipped.resolve("model.onnx")));
    float[] bc = model.bc().clone();
    bc[0] += shift;
    AffectMlp moved =
        new AffectMlp(
            model.inputSize(),
            model.hiddenSize(),
            model.mean(),
            model.scale(),
            model.w1(),
            model.b1(),
            model.wc(),
            bc,
            model.wv(),
            model.bv(),
            model.wa(),
            model.ba());
    Map<String, Object> manifest =
        JSON.readValue(
            shipped.resolve("manifest.json").toFile(),
            new TypeReference<LinkedHashMap<String, Object>>() {});
    manifest.remove("file");
    manifest.remove("sha256");
    manifest.put("version", version);
    if (epsilon != null) {
      Map<String, Object> privacy = new LinkedHashMap<>();
      privacy.put("epsilon", epsilon);
      privacy.put("delta", 1.0e-5);
      privacy.put("noiseMultiplier", 2.0);
      privacy.put("clip", 1.0);
      manifest.put("privacy", privacy);
    }
    ModelFolder.write(out, AffectMlpOnnx.write(moved, "test", "shifted text head"), manifest);
    Files.copy(shipped.resolve("LICENSE.txt"), out.resolve("LICENSE.txt"));
    return out;
  }
}
