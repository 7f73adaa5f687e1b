package org.sentio.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sentio.runtime.InstalledModel;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelVerification;

/**
 * The models a job runs with, as the driver found and verified them: name → sha256 of the model
 * file. Every executor checks its copy against these checksums before it analyses anything.
 */
public record ModelSet(Map<String, String> sha256ByName) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Entry times are fixed so that the same models always make the same zip, byte for byte. */
  private static final long FIXED_ENTRY_TIME = 1_700_000_000_000L;

  public ModelSet {
    sha256ByName = new TreeMap<>(sha256ByName);
  }

  /**
   * Reads and verifies every model the registry holds.
   *
   * @throws ModelException naming the missing or altered file
   */
  public static ModelSet verify(ModelRegistry registry) throws ModelException {
    Map<String, String> checksums = new TreeMap<>();
    for (InstalledModel model : registry.list()) {
      registry.requireVerified(model);
      checksums.put(model.name(), model.manifest().sha256().toLowerCase(java.util.Locale.ROOT));
    }
    if (checksums.isEmpty()) {
      throw new ModelException(registry.directory() + ": no models installed");
    }
    return new ModelSet(checksums);
  }

  /**
   * Checks that {@code registry} (an executor's copy) holds exactly these models, byte for byte.
   *
   * @throws ModelException naming the first model that is missing or differs
   */
  public void requireSame(ModelRegistry registry, String where) throws ModelException {
    for (Map.Entry<String, String> expected : sha256ByName.entrySet()) {
      InstalledModel model = registry.find(expected.getKey());
      ModelVerification verification = registry.verify(model);
      if (!verification.ok()) {
        throw new ModelException(where + ": " + verification.message());
      }
      if (!expected.getValue().equalsIgnoreCase(verification.actualSha256())) {
        throw new ModelException(
            where
                + ": model '"
                + expected.getKey()
                + "' checksum mismatch (sha256 "
                + verification.actualSha256()
                + ", the driver's copy has "
                + expected.getValue()
                + "); install the same models on every host");
      }
    }
  }

  /** A fingerprint of the whole set, part of every content key. */
  public String fingerprint() {
    return sha256(sha256ByName.toString());
  }

  /**
   * Zips the models folder into {@code zip} for shipping with the job. Spark refuses a second file
   * of the same name with other bytes, so the zip of one set of models never varies.
   */
  static void zip(Path directory, Path zip) throws IOException {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
        Stream<Path> files = Files.walk(directory)) {
      List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
      for (Path file : regular) {
        ZipEntry entry = new ZipEntry(directory.relativize(file).toString().replace('\\', '/'));
        entry.setTime(FIXED_ENTRY_TIME);
        out.putNextEntry(entry);
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }

  static String sha256(String text) {
    MessageDigest digest = newDigest();
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
