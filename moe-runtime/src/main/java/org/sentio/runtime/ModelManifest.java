package org.sentio.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a shipped or installed model is: read from the {@code manifest.json} beside its file.
 *
 * @param name stable identifier, e.g. {@code face-expression}
 * @param version the model's own version
 * @param file the ONNX file, relative to the manifest's folder
 * @param sha256 hex digest the file must have
 * @param task what the model does, in words
 * @param source where the weights came from
 * @param converter the tool and version that produced the ONNX file
 * @param licence SPDX-style licence name
 * @param licenceFile licence text, relative to the manifest's folder
 * @param modelCard model card, relative to the manifest's folder
 * @param inputs the graph's inputs
 * @param outputs the graph's outputs
 * @param preprocessing how inputs are prepared, in words
 * @param classes class names in output order, where the model classifies
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelManifest(
    String name,
    String version,
    String file,
    String sha256,
    String task,
    Source source,
    String converter,
    String licence,
    String licenceFile,
    String modelCard,
    List<Port> inputs,
    List<Port> outputs,
    String preprocessing,
    List<String> classes) {

  public ModelManifest {
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    classes = classes == null ? List.of() : List.copyOf(classes);
  }

  /** Where a model's weights came from: a registry package, the file in it and its digests. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Source(String packageName, String file, String sha256, String weightsSha256) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Source(
        @com.fasterxml.jackson.annotation.JsonProperty("package") String packageName,
        @com.fasterxml.jackson.annotation.JsonProperty("file") String file,
        @com.fasterxml.jackson.annotation.JsonProperty("sha256") String sha256,
        @com.fasterxml.jackson.annotation.JsonProperty("weightsSha256") String weightsSha256) {
      this.packageName = packageName;
      this.file = file;
      this.sha256 = sha256;
      this.weightsSha256 = weightsSha256;
    }
  }

  /** One graph input or output: its name, shape (-1 for a free dimension), type and meaning. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Port(String name, List<Long> shape, String type, String meaning) {}
}
