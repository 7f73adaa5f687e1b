package org.sentio.learning.gate;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sentio.affect.text.EncoderTextTraining;
import org.sentio.affect.text.Language;

/**
 * The models the A/B gate can replace, each by the folder name of the model in use: the fusion
 * model and the encoder text models of each language. A candidate's manifest {@code name} says
 * which one it is meant to replace.
 */
public enum ModelTask {
  FUSION("fusion", "fusion-moe", "the fusion model", null),
  TEXT_EN("text-en", EncoderTextTraining.Spec.EN.modelName, "the English text model", Language.EN),
  TEXT_ZH("text-zh", EncoderTextTraining.Spec.ZH.modelName, "the Chinese text model", Language.ZH);

  /** How {@code --task} names it. */
  public final String option;

  /** The manifest name of its models and the folder of the one in use. */
  public final String modelName;

  /** What it is, in a sentence of a message. */
  public final String description;

  /** The language of a text model; null for fusion. */
  public final Language language;

  ModelTask(String option, String modelName, String description, Language language) {
    this.option = option;
    this.modelName = modelName;
    this.description = description;
    this.language = language;
  }

  public boolean isText() {
    return language != null;
  }

  /** The task of models named {@code manifestName}, if the gate handles them. */
  public static Optional<ModelTask> ofModelName(String manifestName) {
    return Arrays.stream(values()).filter(t -> t.modelName.equals(manifestName)).findFirst();
  }

  /**
   * The task {@code --task} names.
   *
   * @throws IllegalArgumentException listing the names when it is none of them
   */
  public static ModelTask ofOption(String option) {
    return Arrays.stream(values())
        .filter(t -> t.option.equals(option))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown task '" + option + "'; use one of " + options()));
  }

  /** The {@code --task} names, comma-separated. */
  public static String options() {
    return Arrays.stream(values()).map(t -> t.option).collect(Collectors.joining(", "));
  }

  /** "the fusion model (fusion-moe)". */
  public String named() {
    return description + " (" + modelName + ")";
  }
}
