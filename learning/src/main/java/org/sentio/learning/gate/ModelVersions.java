package org.sentio.learning.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * The versions of one gated model ({@link ModelTask}) in a models folder: the one in use (the
 * folder named as the model, e.g. {@code fusion-moe/}) and the ones it replaced, kept in {@code
 * .previous/} (newest last; a folder without a manifest at the top level, so the registry does not
 * list it). The kept versions of every task share that folder; each task sees those whose manifest
 * carries its name. Adoption moves the model in use there and copies the candidate in; rollback
 * moves the model in use to {@code .rolled-back/} and restores the newest previous one. Nothing is
 * deleted.
 */
public final class ModelVersions {
  /** The fusion model's folder in use. */
  public static final String IN_USE = ModelTask.FUSION.modelName;

  public static final String PREVIOUS = ".previous";
  public static final String ROLLED_BACK = ".rolled-back";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path models;
  private final ModelTask task;

  /** The fusion model's versions in {@code models}. */
  public ModelVersions(Path models) {
    this(models, ModelTask.FUSION);
  }

  public ModelVersions(Path models, ModelTask task) {
    this.models = models;
    this.task = task;
  }

  public ModelTask task() {
    return task;
  }

  public Path inUse() {
    return models.resolve(task.modelName);
  }

  /** Previous versions of this task's model, oldest first. */
  public List<Path> previous() throws IOException {
    return ofThisTask(folders(models.resolve(PREVIOUS)));
  }

  /** The folders among {@code found} whose manifest names this task's model. */
  private List<Path> ofThisTask(List<Path> found) {
    return found.stream().filter(p -> task.modelName.equals(manifestName(p))).toList();
  }

  private static String manifestName(Path folder) {
    try {
      return JSON.readTree(folder.resolve("manifest.json").toFile()).path("name").asText();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Every version of this task's model here: the one in use, then the kept ones newest first, then
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
    List<Path> away = new ArrayList<>(ofThisTask(folders(models.resolve(ROLLED_BACK))));
    Collections.reverse(away);
    away.forEach(p -> addIfReadable(out, p, ModelVersion.State.ROLLED_BACK));
    if (candidates != null) {
      List<ModelVersion> found = new ArrayList<>();
      ofThisTask(folders(candidates))
          .forEach(p -> addIfReadable(found, p, ModelVersion.State.CANDIDATE));
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
      // a broken folder: not a version the gate could adopt or restore
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
   * Makes {@code candidate} (a model of this task, already read and checked by the caller) the
   * model in use, keeping the current one in {@code .previous/}.
   *
   * @return where the replaced model was kept
   */
  public Path adopt(GatedModel candidate) throws IOException {
    if (candidate.task() != task) {
      throw new IllegalArgumentException(candidate.folder() + " is not a model of " + task.named());
    }
    Path incoming = models.resolve(".incoming-" + task.modelName);
    deleteTree(incoming);
    copyTree(candidate.folder(), incoming);
    Path kept = models.resolve(PREVIOUS).resolve(stamp() + "-" + keptName(inUse()));
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
    Path away = models.resolve(ROLLED_BACK).resolve(stamp() + "-" + keptName(inUse()));
    Files.createDirectories(away.getParent());
    Files.move(inUse(), away);
    Files.move(restore, inUse());
    return Optional.of(restore);
  }

  private static String stamp() {
    return Instant.now().toString().replace(":", "").replace(".", "");
  }

  /**
   * The version of the model in {@code folder}, after its name for the models other than fusion
   * (whose kept folders were named by version alone before the text models joined the gate).
   */
  private String keptName(Path folder) {
    String version;
    try {
      version = JSON.readTree(folder.resolve("manifest.json").toFile()).path("version").asText();
    } catch (IOException e) {
      version = "";
    }
    version = version.isEmpty() ? "unknown" : version.replace('/', '_');
    return task == ModelTask.FUSION ? version : task.modelName + "-" + version;
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
