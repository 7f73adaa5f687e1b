package org.sentio.affect.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sentio.runtime.ModelRegistry;

/**
 * Writes a trained model's folder: {@code model.onnx} and a {@code manifest.json} naming its
 * sha256.
 */
public final class ModelFolder {
  public static final String MODEL_FILE = "model.onnx";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFolder() {}

  /**
   * Writes {@code onnx} and the manifest; {@code manifest} gives every field but {@code file} and
   * {@code sha256}, which are filled in (after {@code name} and {@code version}).
   *
   * @return the model file's sha256
   */
  /** A manifest's description of a float input or output of {@code width} values per row. */
  public static Map<String, Object> port(String name, int width, String meaning) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    p.put("shape", List.of(-1, width));
    p.put("type", "float32");
    p.put("meaning", meaning);
    return p;
  }

  public static String write(Path folder, byte[] onnx, Map<String, Object> manifest)
      throws IOException {
    Files.createDirectories(folder);
    Path file = folder.resolve(MODEL_FILE);
    Files.write(file, onnx);
    String sha256 = ModelRegistry.sha256(file);
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("name", manifest.get("name"));
    ordered.put("version", manifest.get("version"));
    ordered.put("file", MODEL_FILE);
    ordered.put("sha256", sha256);
    manifest.forEach(ordered::putIfAbsent);
    Files.writeString(folder.resolve("manifest.json"), JSON.writeValueAsString(ordered) + "\n");
    return sha256;
  }

  /** The sha256 of a file, for recording where training data came from. */
  public static String sha256(Path file) throws IOException {
    return ModelRegistry.sha256(file);
  }
}
