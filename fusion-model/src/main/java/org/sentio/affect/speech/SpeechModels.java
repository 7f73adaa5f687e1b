package org.sentio.affect.speech;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.sentio.runtime.ModelRegistry;

/**
 * The speech models found in a list of folders (the shipped models first, then the user's), each a
 * sub-folder with a {@code manifest.json} whose {@code engine} is {@code vosk}. Folders that do not
 * exist hold no models; other models' manifests are passed over.
 */
public final class SpeechModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Path> roots;

  /**
   * @param roots folders holding one sub-folder per model, searched in this order
   */
  public SpeechModels(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  public List<Path> roots() {
    return roots;
  }

  /** Every speech model whose manifest can be read, in search order then by name. */
  public List<InstalledSpeechModel> list() {
    List<InstalledSpeechModel> models = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> children = Files.list(root)) {
        for (Path child : children.sorted().toList()) {
          readIfSpeechModel(child).ifPresent(models::add);
        }
      } catch (IOException e) {
        // An unreadable folder holds no usable model; the others still count.
      }
    }
    return models;
  }

  /** The first model for {@code language} (e.g. {@code en}, {@code zh}), if one is installed. */
  public Optional<InstalledSpeechModel> forLanguage(String language) {
    String wanted = normalise(language);
    return list().stream().filter(m -> normalise(m.language()).equals(wanted)).findFirst();
  }

  /** The languages some installed model recognises, in search order, without repeats. */
  public List<String> languages() {
    return list().stream().map(m -> normalise(m.language())).distinct().toList();
  }

  /** {@code zh-CN} and {@code ZH} are both {@code zh}: models are chosen by primary language. */
  public static String normalise(String language) {
    if (language == null) {
      return "";
    }
    String primary = language.strip().toLowerCase(Locale.ROOT);
    int dash = primary.indexOf('-');
    int underscore = primary.indexOf('_');
    int cut = dash < 0 ? underscore : underscore < 0 ? dash : Math.min(dash, underscore);
    return cut < 0 ? primary : primary.substring(0, cut);
  }

  private static Optional<InstalledSpeechModel> readIfSpeechModel(Path folder) {
    Path manifest = folder.resolve(SpeechModelManifest.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return Optional.empty();
    }
    try {
      SpeechModelManifest read = JSON.readValue(manifest.toFile(), SpeechModelManifest.class);
      if (!SpeechModelManifest.VOSK.equals(read.engine())
          || read.language() == null
          || read.modelDirectory() == null) {
        return Optional.empty();
      }
      return Optional.of(new InstalledSpeechModel(read, folder));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks every file the manifest lists against its sha256.
   *
   * @throws SpeechModelException naming the first missing or altered file and what to do
   */
  public static void verify(InstalledSpeechModel model, String restoreHint)
      throws SpeechModelException {
    Path folder = model.modelPath();
    if (model.manifest().files().isEmpty()) {
      throw new SpeechModelException(
          model.directory().resolve(SpeechModelManifest.MANIFEST)
              + ": the manifest lists no model files; "
              + restoreHint);
    }
    for (Map.Entry<String, String> entry : model.manifest().files().entrySet()) {
      Path file = folder.resolve(entry.getKey());
      String actual;
      try {
        actual = ModelRegistry.sha256(file);
      } catch (NoSuchFileException e) {
        throw new SpeechModelException(file + ": speech model file is missing; " + restoreHint, e);
      } catch (IOException e) {
        throw new SpeechModelException(
            file + ": speech model file cannot be read (" + e.getMessage() + "); " + restoreHint,
            e);
      }
      if (!actual.equalsIgnoreCase(entry.getValue())) {
        throw new SpeechModelException(
            file
                + ": checksum mismatch (sha256 "
                + actual
                + ", manifest says "
                + entry.getValue()
                + "); the file was altered or replaced; "
                + restoreHint);
      }
    }
  }
}
