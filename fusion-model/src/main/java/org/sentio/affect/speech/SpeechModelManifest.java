package org.sentio.affect.speech;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a speech model folder holds, from its {@code manifest.json}: the Kaldi model's folder and
 * the sha256 of every file in it. The fields {@code name}, {@code file} and {@code sha256} make the
 * manifest readable by the ONNX model registry too, so {@code sentio models list|verify} shows it.
 *
 * @param name stable identifier, e.g. {@code asr-en}
 * @param version the model's own version
 * @param engine {@value #VOSK} for the models this package runs
 * @param language the language it recognises, e.g. {@code en}
 * @param modelDirectory the Kaldi model's folder, relative to the manifest
 * @param files sha256 of every file of the model, by path relative to {@code modelDirectory}
 * @param file one file of the model (its acoustic model), relative to the manifest
 * @param sha256 that file's sha256
 * @param licence SPDX-style licence name
 * @param sampleRate the sample rate the model was trained on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpeechModelManifest(
    String name,
    String version,
    String engine,
    String language,
    String modelDirectory,
    Map<String, String> files,
    String file,
    String sha256,
    String licence,
    int sampleRate) {
  public static final String VOSK = "vosk";
  public static final String MANIFEST = "manifest.json";

  public SpeechModelManifest {
    files = files == null ? Map.of() : new TreeMap<>(files);
  }

  /** The model's folder, given the folder the manifest was read from. */
  @JsonIgnore
  public Path modelPath(Path manifestDirectory) {
    return manifestDirectory.resolve(modelDirectory);
  }
}
