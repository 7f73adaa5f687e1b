package org.sentio.affect.speech;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sentio.runtime.ModelRegistry;
import org.vosk.Model;

/**
 * Installs a user's Vosk model folder: checks that Vosk loads it, copies it into the models folder
 * with a manifest (language, name, sha256 of every file) that {@link SpeechModels} finds and {@link
 * SpeechModels#verify} checks. A model is installed whole or not at all: it is copied into a hidden
 * folder first and moved into place once its manifest is written.
 */
public final class SpeechModelInstaller {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpeechModelInstaller() {}

  /**
   * Installs {@code source} as the model for {@code language} in {@code modelsRoot}.
   *
   * @param name the model's name, or {@code null} for {@code asr-<language>-<folder name>}
   * @throws SpeechModelException with one line naming the folder and what is wrong (not a Vosk
   *     model, bad language code, already installed, cannot be copied); nothing is installed then
   */
  public static InstalledSpeechModel install(
      Path source, String language, String name, Path modelsRoot) throws SpeechModelException {
    String lang = SpeechModels.normalise(language);
    if (!lang.matches("[a-z]{2,3}")) {
      throw new SpeechModelException(
          "--lang: give the model's language as a code such as en or zh, not '"
              + printable(language)
              + "'");
    }
    Path folder = source.toAbsolutePath().normalize();
    try (Model loaded = SpeechRecognizer.load(folder)) {
      // Loading is the check: Vosk refuses a folder it cannot use.
    }
    String modelName = name != null ? slug(name) : "asr-" + lang + "-" + slug(folderName(folder));
    Path target = modelsRoot.resolve(modelName);
    if (Files.exists(target)) {
      throw new SpeechModelException(
          target + ": a model named " + modelName + " is already installed; give another --name");
    }
    Path partial = modelsRoot.resolve("." + modelName + ".partial");
    try {
      Files.createDirectories(modelsRoot);
      deleteTree(partial);
      Map<String, String> files = copy(folder, partial.resolve("model"));
      writeManifest(partial, modelName, lang, folder, files);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new SpeechModelException(target + ": already exists; give another --name", e);
    } catch (IOException e) {
      throw new SpeechModelException(
          modelsRoot + ": cannot install the model there (" + e.getMessage() + ")", e);
    } finally {
      try {
        deleteTree(partial);
      } catch (IOException e) {
        // A leftover hidden folder is never read as a model; the next install replaces it.
      }
    }
    return new SpeechModels(List.of(modelsRoot))
        .list().stream()
            .filter(m -> m.name().equals(modelName))
            .findFirst()
            .orElseThrow(() -> new SpeechModelException(target + ": installed but unreadable"));
  }

  /** The text with control characters escaped, so that a message stays one line. */
  private static String printable(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  private static String folderName(Path folder) {
    Path name = folder.getFileName();
    return name == null ? "model" : name.toString();
  }

  private static String slug(String text) {
    String slug =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? "model" : slug;
  }

  /** Copies every regular file under {@code from} and returns its sha256 by relative path. */
  private static Map<String, String> copy(Path from, Path to) throws IOException {
    Map<String, String> files = new TreeMap<>();
    List<Path> sources;
    try (Stream<Path> walk = Files.walk(from)) {
      sources = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : sources) {
      String relative = from.relativize(file).toString().replace('\\', '/');
      Path copy = to.resolve(relative);
      Files.createDirectories(copy.getParent());
      Files.copy(file, copy);
      files.put(relative, ModelRegistry.sha256(copy));
    }
    return files;
  }

  private static void writeManifest(
      Path dir, String name, String language, Path source, Map<String, String> files)
      throws IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("name", name);
    m.put("version", folderName(source));
    m.put("engine", SpeechModelManifest.VOSK);
    m.put("language", language);
    m.put("file", "model/am/final.mdl");
    m.put("sha256", files.get("am/final.mdl"));
    m.put("task", "speech recognition (" + language + "), installed by the user");
    ObjectNode from = m.putObject("source");
    from.put("package", "installed with sentio models install from " + source);
    m.put("installedAt", Instant.now().toString());
    m.put("licence", "see the model's own README or LICENSE in model/");
    m.put("modelDirectory", "model");
    m.put("sampleRate", 16000);
    m.set("files", JSON.valueToTree(files));
    JSON.writeValue(dir.resolve(SpeechModelManifest.MANIFEST).toFile(), m);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
