package org.sentio.learning.federated;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sentio.affect.fusion.MoeOnnx;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.affect.train.ModelFolder;

/**
 * A fusion model folder (model.onnx + manifest.json) read for federated learning: its weights, the
 * sha256 of its model file and its manifest.
 */
public record FusionModelFolder(
    Path folder, MoeWeights weights, String sha256, Map<String, Object> manifest) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code folder}.
   *
   * @throws IllegalArgumentException naming the folder when it is no fusion model
   */
  public static FusionModelFolder read(Path folder) {
    Path onnx = folder.resolve(ModelFolder.MODEL_FILE);
    Path manifest = folder.resolve("manifest.json");
    if (!Files.isRegularFile(onnx) || !Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException(
          folder + ": not a model folder (needs model.onnx and manifest.json)");
    }
    try {
      Map<String, Object> m = JSON.readValue(manifest.toFile(), new TypeReference<>() {});
      if (!"fusion-moe".equals(m.get("name"))) {
        throw new IllegalArgumentException(
            folder + ": a " + m.get("name") + " model, not the fusion model (fusion-moe)");
      }
      return new FusionModelFolder(
          folder, MoeOnnx.read(Files.readAllBytes(onnx)), ModelFolder.sha256(onnx), m);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(folder + ":")) {
        throw iae;
      }
      throw new IllegalArgumentException(
          folder + ": cannot read the fusion model (" + e.getMessage() + ")", e);
    }
  }

  /** The manifest's {@code privacy} entry, or null when the model was not trained with DP. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> privacy() {
    return (Map<String, Object>) manifest.get("privacy");
  }

  /**
   * Writes {@code weights} as a fusion model in {@code out}, with this folder's manifest, version
   * {@code version} and the {@code federated} entry; a card that says where it came from.
   */
  public void writeDerived(Path out, MoeWeights weights, String version, Map<String, Object> about)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>(manifest);
    m.remove("file");
    m.remove("sha256");
    m.remove("privacy");
    m.remove("heldOut");
    m.put("version", version);
    m.put("federated", about);
    byte[] onnx =
        MoeOnnx.write(weights, MoeOnnx.Formulation.FUSED, "sentio federate", "Sentio MoE fusion");
    ModelFolder.write(out, onnx, m);
    String card =
        "# fusion-moe "
            + version
            + " — federated average\n\n"
            + "Made by `sentio federate aggregate` from the base model "
            + sha256
            + " and the updates listed in\nmanifest.json (`federated`): base + the"
            + " sample-weighted mean of the sites' 4-bit weight deltas\n(FedAvg). Its held-out"
            + " figures are those `sentio models compare` measures; the base model's\ncard says"
            + " what the base was trained on and must not be used for.\n";
    Files.writeString(out.resolve("MODEL_CARD.md"), card);
    Path licence = folder.resolve("LICENSE.txt");
    if (Files.isRegularFile(licence)) {
      Files.copy(
          licence, out.resolve("LICENSE.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
