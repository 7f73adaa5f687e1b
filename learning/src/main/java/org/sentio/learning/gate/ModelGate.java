package org.sentio.learning.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.sentio.learning.federated.FusionModelFolder;
import org.sentio.runtime.ModelException;
import org.sentio.runtime.ModelRegistry;
import org.sentio.runtime.ModelVerification;

/**
 * The rules of the A/B gate, shared by {@code sentio models adopt|rollback} and the Models page: a
 * candidate replaces the fusion model in use only when its file matches its manifest and it was
 * compared with exactly that model in use; rollback restores what the last adoption replaced. Every
 * refusal is one line and leaves the models folder as it was.
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
  public record Adopted(FusionModelFolder candidate, Path kept, String verdict) {}

  /** Reads a fusion model folder, refusing anything else with the folder named. */
  public static FusionModelFolder read(Path folder) throws Refusal {
    try {
      return FusionModelFolder.read(folder);
    } catch (IllegalArgumentException e) {
      throw new Refusal(e.getMessage(), e);
    }
  }

  /** Records a comparison in the candidate's folder, for {@link #adopt}. */
  public static void recordComparison(Path candidate, Map<String, Object> record)
      throws IOException {
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(candidate.resolve(COMPARISON).toFile(), record);
  }

  /**
   * Makes {@code candidate} the fusion model in use in {@code models}, keeping the current one.
   *
   * @throws Refusal when the candidate is no intact fusion model or was not compared with the model
   *     in use; nothing changed then
   */
  public static Adopted adopt(Path candidate, Path models) throws Refusal, IOException {
    FusionModelFolder cand = read(candidate);
    ModelVersions versions = new ModelVersions(models);
    FusionModelFolder inUse = read(versions.inUse());
    Path absolute = candidate.toAbsolutePath().normalize();
    ModelVerification check;
    try {
      ModelRegistry own = new ModelRegistry(absolute.getParent(), "check the folder " + absolute);
      check = own.verify(own.readManifest(absolute));
    } catch (ModelException e) {
      throw new Refusal(candidate + ": " + e.getMessage(), e);
    }
    if (!check.ok()) {
      throw new Refusal(candidate + ": " + check.message());
    }
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
    Path kept = versions.adopt(cand);
    return new Adopted(cand, kept, compared.path("verdict").asText());
  }

  /**
   * Restores the fusion model that the last adoption in {@code models} replaced.
   *
   * @return the restored model
   * @throws Refusal when nothing was adopted there
   */
  public static FusionModelFolder rollback(Path models) throws Refusal, IOException {
    ModelVersions versions = new ModelVersions(models);
    if (versions.rollback().isEmpty()) {
      throw new Refusal(
          "no previous fusion model in "
              + models.resolve(ModelVersions.PREVIOUS)
              + "; nothing was adopted here");
    }
    return read(versions.inUse());
  }
}
