package org.sentio.learning.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.sentio.learning.federated.FusionModelFolder;

/**
 * The versions of the fusion model in a models folder: the one in use ({@code fusion-moe/}) and the
 * ones it replaced, kept in {@code .previous/} (newest last; a folder without a manifest at the top
 * level, so the registry does not list it). Adoption moves the model in use there and copies the
 * candidate in; rollback moves the model in use to {@code .rolled-back/} and restores the newest
 * previous one. Nothing is deleted.
 */
public final class ModelVersions {
  public static final String IN_USE = "fusion-moe";
  public static final String PREVIOUS = ".previous";
  public static final String ROLLED_BACK = ".rolled-back";

  private final Path models;

  public ModelVersions(Path models) {
    this.models = models;
  }

  public Path inUse() {
    return models.resolve(IN_USE);
  }

  /** Previous versions, oldest first. */
  public List<Path> previous() throws IOException {
    return folders(models.resolve(PREVIOUS));
  }

  /**
   * Every version of the fusion model here: the one in use, then the kept ones newest first, then
   * those set aside by a rollback newest first, then the fusion models in {@code candidates} (a
   * folder of candidate model folders; may be null or missing) other than the one in use. Folders
   * that hold no readable fusion model are left out.
   */
  public List<ModelVersion> history(Path candidates) throws IOException {
    List<ModelVersion> out = new ArrayList<>();
    addIfReadable(out, inUse(), ModelVersion.State.IN_USE);
    List<Path> kept = new ArrayList<>(previous());
    Collections.reverse(kept);
    kept.forEach(p -> addIfReadable(out, p, ModelVersion.State.PREVIOUS));
    List<Path> away = new ArrayList<>(folders(models.resolve(ROLLED_BACK)));
    Collections.reverse(away);
    away.forEach(p -> addIfReadable(out, p, ModelVersion.State.ROLLED_BACK));
    if (candidates != null) {
      List<ModelVersion> found = new ArrayList<>();
      folders(candidates).forEach(p -> addIfReadable(found, p, ModelVersion.State.CANDIDATE));
      // an adopted candidate stays in its folder; it is listed once, as the model in use
      found.stream()
          .filter(c -> out.isEmpty() || !c.sha256().equals(out.get(0).sha256()))
          .forEach(out::add);
    }
    return out;
  }

  private static void addIfReadable(List<ModelVersion> out, Path folder, ModelVersion.State s) {
    try {
      out.add(ModelVersion.read(folder, s));
    } catch (IllegalArgumentException e) {
      // another kind of model or a broken folder: not a version of the fusion model
    }
  }

  private static List<Path> folders(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted(Comparator.comparing(Path::getFileName)).toList();
    }
  }

  /**
   * Makes {@code candidate} (a fusion model folder, already read and checked by the caller) the
   * model in use, keeping the current one in {@code .previous/}.
   *
   * @return where the replaced model was kept
   */
  public Path adopt(FusionModelFolder candidate) throws IOException {
    Path incoming = models.resolve(".incoming-" + IN_USE);
    deleteTree(incoming);
    copyTree(candidate.folder(), incoming);
    Path kept = models.resolve(PREVIOUS).resolve(stamp() + "-" + version(inUse()));
    Files.createDirectories(kept.getParent());
    Files.move(inUse(), kept);
    Files.move(incoming, inUse());
    return kept;
  }

  /**
   * Restores the newest previous version, moving the model in use to {@code .rolled-back/}.
   *
   * @return the restored version's former place, or empty when there is none
   */
  public Optional<Path> rollback() throws IOException {
    List<Path> previous = previous();
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    Path restore = previous.get(previous.size() - 1);
    Path away = models.resolve(ROLLED_BACK).resolve(stamp() + "-" + version(inUse()));
    Files.createDirectories(away.getParent());
    Files.move(inUse(), away);
    Files.move(restore, inUse());
    return Optional.of(restore);
  }

  private static String stamp() {
    return Instant.now().toString().replace(":", "").replace(".", "");
  }

  private static String version(Path folder) {
    try {
      return FusionModelFolder.read(folder).manifest().get("version").toString().replace('/', '_');
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
