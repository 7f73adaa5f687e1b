package org.sentio.learning.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelVerification;

/**
 * The rules of the A/B gate, shared by {@code sentio models compare|adopt|rollback} and the Models
 * page, for every model it handles ({@link ModelTask}: the fusion model, the encoder text models):
 * a candidate replaces the model of its own task in use only when its file matches its manifest and
 * it was compared with exactly that model in use; rollback restores what the last adoption of that
 * model replaced. Every refusal is one line and leaves the models folder as it was.
 */
public final class ModelGate {
  /** Written into a candidate's folder by {@code sentio models compare}; adoption requires it. */
  public static final String COMPARISON = "comparison.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelGate() {}

  /** A step the gate does not take; the message says why and what to do. */
  public static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    public Refusal(String message) {
      super(message);
    }

    public Refusal(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What an adoption did. */
  public record Adopted(GatedModel candidate, Path kept, String verdict) {}

  /**
   * Reads a candidate and checks its file against its manifest, refusing anything else with the
   * folder named; when {@code expected} is given, a model of another task is refused too.
   */
  public static GatedModel candidate(Path folder, ModelTask expected) throws Refusal {
    GatedModel model = read(folder);
    if (expected != null && model.task() != expected) {
      throw new Refusal(
          folder
              + ": a model of "
              + model.task().named()
              + ", not of "
              + expected.named()
              + "; give a candidate for "
              + expected.description
              + " or leave out --task");
    }
    verify(folder);
    return model;
  }

  /**
   * The model in use for {@code task} in {@code models}, refused when there is none (a candidate
   * for a model this folder does not use).
   */
  public static GatedModel inUse(Path models, ModelTask task) throws Refusal {
    Path folder = new ModelVersions(models, task).inUse();
    if (!Files.isDirectory(folder)) {
      throw new Refusal(
          "no "
              + task.modelName
              + " in use in "
              + models
              + ": a candidate for "
              + task.named()
              + " has nothing to be compared with or to replace there");
    }
    return read(folder);
  }

  /** Reads a gated model folder, refusing anything else with the folder named. */
  public static GatedModel read(Path folder) throws Refusal {
    try {
      return GatedModel.read(folder);
    } catch (IllegalArgumentException e) {
      throw new Refusal(e.getMessage(), e);
    }
  }

  /** Checks the model file in {@code folder} against the sha256 and size its manifest records. */
  private static void verify(Path folder) throws Refusal {
    Path absolute = folder.toAbsolutePath().normalize();
    ModelVerification check;
    try {
      ModelRegistry own = new ModelRegistry(absolute.getParent(), "check the folder " + absolute);
      check = own.verify(own.readManifest(absolute));
    } catch (ModelException e) {
      throw new Refusal(folder + ": " + e.getMessage(), e);
    }
    if (!check.ok()) {
      throw new Refusal(folder + ": " + check.message());
    }
  }

  /** Records a comparison in the candidate's folder, for {@link #adopt}. */
  public static void recordComparison(Path candidate, Map<String, Object> record)
      throws IOException {
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(candidate.resolve(COMPARISON).toFile(), record);
  }

  /**
   * Makes {@code candidate} the model of its task in use in {@code models}, keeping the current
   * one.
   *
   * @throws Refusal when the candidate is no intact gated model, has no model of its task in use to
   *     replace, or was not compared with the model in use; nothing changed then
   */
  public static Adopted adopt(Path candidate, Path models) throws Refusal, IOException {
    return adopt(candidate, models, null);
  }

  /**
   * As {@link #adopt(Path, Path)}, refusing a candidate of another task than {@code expected} (when
   * given).
   */
  public static Adopted adopt(Path candidate, Path models, ModelTask expected)
      throws Refusal, IOException {
    GatedModel cand = candidate(candidate, expected);
    GatedModel inUse = inUse(models, cand.task());
    Path record = candidate.resolve(COMPARISON);
    if (!Files.isRegularFile(record)) {
      throw new Refusal(
          candidate
              + " has not been compared with the model in use; run sentio models compare "
              + candidate
              + " first");
    }
    JsonNode compared;
    try {
      compared = JSON.readTree(record.toFile());
    } catch (IOException e) {
      throw new Refusal(
          record + ": unreadable comparison (" + e.getMessage() + "); compare again", e);
    }
    if (!inUse.sha256().equals(compared.path("inUseSha256").asText())
        || !cand.sha256().equals(compared.path("candidateSha256").asText())) {
      throw new Refusal(
          candidate
              + " was compared with another model than the one in use (or changed since);"
              + " run sentio models compare "
              + candidate
              + " again");
    }
    Path kept = new ModelVersions(models, cand.task()).adopt(cand);
    return new Adopted(cand, kept, compared.path("verdict").asText());
  }

  /**
   * Restores the fusion model that the last adoption in {@code models} replaced.
   *
   * @return the restored model
   * @throws Refusal when nothing was adopted there
   */
  public static GatedModel rollback(Path models) throws Refusal, IOException {
    return rollback(models, ModelTask.FUSION);
  }

  /**
   * Restores the model of {@code task} that its last adoption in {@code models} replaced.
   *
   * @return the restored model
   * @throws Refusal when nothing of that task was adopted there
   */
  public static GatedModel rollback(Path models, ModelTask task) throws Refusal, IOException {
    ModelVersions versions = new ModelVersions(models, task);
    if (versions.rollback().isEmpty()) {
      throw new Refusal(
          "no previous "
              + (task == ModelTask.FUSION ? "fusion model" : task.modelName)
              + " in "
              + models.resolve(ModelVersions.PREVIOUS)
              + "; nothing was adopted here");
    }
    return read(versions.inUse());
  }
}
