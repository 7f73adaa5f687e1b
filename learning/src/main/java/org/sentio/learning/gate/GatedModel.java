package org.sentio.learning.gate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sentio.affect.text.EncoderFeatures;
import org.sentio.affect.text.EncoderTextTraining;
import org.sentio.affect.text.Language;
import org.sentio.affect.train.AffectMlp;
import org.sentio.affect.train.AffectMlpOnnx;
import org.sentio.affect.train.ModelFolder;
import org.sentio.learning.federated.FusionModelFolder;

/**
 * A model folder (model.onnx + manifest.json) that the gate can compare and adopt: a fusion model
 * or an encoder text model, read whole so that a truncated or foreign file is refused before
 * anything is compared or moved.
 *
 * @param folder where it lies
 * @param task the model it can replace, from its manifest's name
 * @param sha256 of its model file
 * @param manifest its manifest
 */
public record GatedModel(Path folder, ModelTask task, String sha256, Map<String, Object> manifest) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Its manifest's version. */
  public String version() {
    return String.valueOf(manifest.get("version"));
  }

  /** The manifest's {@code privacy} entry, or null when it was not trained with DP. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> privacy() {
    return manifest.get("privacy") instanceof Map<?, ?> p ? (Map<String, Object>) p : null;
  }

  /**
   * Reads {@code folder}.
   *
   * @throws IllegalArgumentException naming the folder when it holds no model the gate handles, or
   *     one whose file cannot be read, or a text model whose encoder is another language's
   */
  public static GatedModel read(Path folder) {
    Path onnx = folder.resolve(ModelFolder.MODEL_FILE);
    Path manifestFile = folder.resolve("manifest.json");
    if (!Files.isRegularFile(onnx) || !Files.isRegularFile(manifestFile)) {
      throw new IllegalArgumentException(
          folder + ": not a model folder (needs model.onnx and manifest.json)");
    }
    Map<String, Object> manifest;
    try {
      manifest = JSON.readValue(manifestFile.toFile(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException(
          manifestFile + ": unreadable manifest (" + e.getMessage() + ")", e);
    }
    Object name = manifest.get("name");
    ModelTask task =
        ModelTask.ofModelName(String.valueOf(name))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        folder
                            + ": a "
                            + name
                            + " model, not the fusion model (fusion-moe) nor an encoder text"
                            + " model ("
                            + ModelTask.TEXT_EN.modelName
                            + ", "
                            + ModelTask.TEXT_ZH.modelName
                            + ")"));
    if (task == ModelTask.FUSION) {
      FusionModelFolder fusion = FusionModelFolder.read(folder);
      return new GatedModel(folder, task, fusion.sha256(), fusion.manifest());
    }
    checkTextModel(folder, task, manifest, onnx);
    try {
      return new GatedModel(folder, task, ModelFolder.sha256(onnx), manifest);
    } catch (IOException e) {
      throw new IllegalArgumentException(folder + ": cannot read " + onnx + " (" + e + ")", e);
    }
  }

  /** A text model must read this language's encoder and the encoder feature vector. */
  private static void checkTextModel(
      Path folder, ModelTask task, Map<String, Object> manifest, Path onnx) {
    String wanted = EncoderTextTraining.Spec.of(task.language).encoder.id;
    Object encoder =
        manifest.get(EncoderFeatures.MANIFEST_FIELD) instanceof Map<?, ?> e ? e.get("id") : null;
    if (!wanted.equals(encoder)) {
      Language otherLanguage = task.language == Language.EN ? Language.ZH : Language.EN;
      String other =
          EncoderTextTraining.Spec.of(otherLanguage).encoder.id.equals(encoder)
              ? " (that of the " + otherLanguage.name() + " text model)"
              : "";
      throw new IllegalArgumentException(
          folder
              + ": named "
              + task.modelName
              + " but it reads the sentence encoder "
              + encoder
              + other
              + ", not "
              + wanted
              + ": it cannot replace "
              + task.named());
    }
    AffectMlp model;
    try {
      model = AffectMlpOnnx.read(Files.readAllBytes(onnx));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          folder + ": cannot read the text model (" + e.getMessage() + ")", e);
    }
    if (model.inputSize() != EncoderFeatures.DIMENSION) {
      throw new IllegalArgumentException(
          folder
              + ": the text model reads "
              + model.inputSize()
              + " features, not the "
              + EncoderFeatures.DIMENSION
              + " of the encoder text models");
    }
  }
}
