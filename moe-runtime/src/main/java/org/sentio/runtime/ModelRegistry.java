package org.sentio.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The models installed in one folder: each sub-folder holds a {@code manifest.json} and the files
 * it names. Files are checked against the manifest's sha256 before anything loads them.
 */
public final class ModelRegistry {
  static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

  private final Path modelsDirectory;
  private final String restoreHint;

  /**
   * @param modelsDirectory the folder holding one sub-folder per model
   * @param restoreHint what a user does to get a missing or changed model back, in words
   */
  public ModelRegistry(Path modelsDirectory, String restoreHint) {
    this.modelsDirectory = modelsDirectory;
    this.restoreHint = restoreHint;
  }

  public Path directory() {
    return modelsDirectory;
  }

  /** What a user does to get a missing or changed model back, in words. */
  public String restoreHint() {
    return restoreHint;
  }

  /** Every model whose manifest can be read, sorted by name. */
  public List<InstalledModel> list() throws ModelException {
    if (!Files.isDirectory(modelsDirectory)) {
      throw new ModelException(modelsDirectory + ": the models folder is missing; " + restoreHint);
    }
    List<InstalledModel> models = new ArrayList<>();
    try (Stream<Path> children = Files.list(modelsDirectory)) {
      for (Path child : children.sorted().toList()) {
        if (Files.isRegularFile(child.resolve(MANIFEST))) {
          models.add(readManifest(child));
        }
      }
    } catch (IOException e) {
      throw new ModelException(modelsDirectory + ": cannot list models (" + e + ")", e);
    }
    models.sort(Comparator.comparing(InstalledModel::name));
    return models;
  }

  /** The model named {@code name}. */
  public InstalledModel find(String name) throws ModelException {
    for (InstalledModel model : list()) {
      if (model.name().equals(name)) {
        return model;
      }
    }
    throw new ModelException(
        "model '" + name + "' is not installed in " + modelsDirectory + "; " + restoreHint);
  }

  /** Reads one model folder's manifest. */
  public InstalledModel readManifest(Path modelDirectory) throws ModelException {
    Path manifestFile = modelDirectory.resolve(MANIFEST);
    ModelManifest manifest;
    try {
      manifest = JSON.readValue(manifestFile.toFile(), ModelManifest.class);
    } catch (IOException e) {
      throw new ModelException(
          manifestFile + ": unreadable model manifest (" + firstLine(e) + "); " + restoreHint, e);
    }
    if (manifest.name() == null || manifest.file() == null || manifest.sha256() == null) {
      throw new ModelException(
          manifestFile + ": the manifest lacks name, file or sha256; " + restoreHint);
    }
    return new InstalledModel(manifest, modelDirectory);
  }

  /** Checks the model file's sha256 against its manifest. Never throws for a bad file. */
  public ModelVerification verify(InstalledModel model) {
    Path file = model.modelFile();
    String actual;
    try {
      actual = sha256(file);
    } catch (NoSuchFileException e) {
      return new ModelVerification(
          model,
          ModelVerification.Status.MISSING,
          null,
          file + ": model file is missing; " + restoreHint);
    } catch (IOException e) {
      return new ModelVerification(
          model,
          ModelVerification.Status.MISSING,
          null,
          file + ": model file cannot be read (" + e.getMessage() + "); " + restoreHint);
    }
    if (!actual.equalsIgnoreCase(model.manifest().sha256())) {
      return new ModelVerification(
          model,
          ModelVerification.Status.CHANGED,
          actual,
          file
              + ": checksum mismatch (sha256 "
              + actual
              + ", manifest says "
              + model.manifest().sha256()
              + "); the file was altered or replaced; "
              + restoreHint);
    }
    return new ModelVerification(model, ModelVerification.Status.OK, actual, file + ": ok");
  }

  /** Throws with the verification's message unless the file matches its manifest. */
  public void requireVerified(InstalledModel model) throws ModelException {
    ModelVerification verification = verify(model);
    if (!verification.ok()) {
      throw new ModelException(verification.message());
    }
  }

  /** The hex sha256 of a file, streamed. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
