package org.sentio.learning.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One version of a gated model (the fusion model or a text model) as the Models page shows it.
 *
 * @param folder where it lies
 * @param task the model it is a version of
 * @param state in use, kept by an adoption, set aside by a rollback, or a candidate not yet adopted
 * @param version the manifest's version
 * @param sha256 of its model file
 * @param since when it left use (previous, rolled back); null for the model in use and candidates
 * @param accuracy held-out accuracy: the gate's comparison when one was made, else the trainer's
 * @param macroF1 the gate comparison's macro-F1, when one was made
 * @param figuresFrom where the figures come from: {@code comparison} (the A/B gate), {@code
 *     training} (the trainer's held-out windows) or {@code none}
 * @param epsilon the privacy budget spent, for a DP-trained model
 * @param delta its δ
 */
public record ModelVersion(
    Path folder,
    ModelTask task,
    State state,
    String version,
    String sha256,
    Instant since,
    OptionalDouble accuracy,
    OptionalDouble macroF1,
    String figuresFrom,
    OptionalDouble epsilon,
    OptionalDouble delta) {

  /** Where a version stands. */
  public enum State {
    IN_USE,
    PREVIOUS,
    ROLLED_BACK,
    CANDIDATE
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss");

  /** Whether it was trained with differential privacy. */
  public boolean isPrivate() {
    return epsilon.isPresent();
  }

  /**
   * Reads the version in {@code folder}.
   *
   * @throws IllegalArgumentException naming the folder when it holds no model the gate handles
   */
  static ModelVersion read(Path folder, State state) {
    GatedModel model = GatedModel.read(folder);
    Map<String, Object> m = model.manifest();
    OptionalDouble accuracy = OptionalDouble.empty();
    OptionalDouble macroF1 = OptionalDouble.empty();
    String from = "none";
    JsonNode compared = comparison(folder, model.sha256());
    if (compared != null) {
      accuracy = number(compared.get("candidateAccuracy"));
      macroF1 = number(compared.get("candidateMacroF1"));
      from = "comparison";
    } else if (m.get("heldOut") instanceof Map<?, ?> heldOut
        && heldOut.get("accuracy") instanceof Map<?, ?> acc
        && acc.get("moe") instanceof Number moe) {
      accuracy = OptionalDouble.of(moe.doubleValue());
      from = "training";
    }
    Map<String, Object> privacy = model.privacy();
    OptionalDouble epsilon = OptionalDouble.empty();
    OptionalDouble delta = OptionalDouble.empty();
    if (privacy != null
        && privacy.get("epsilon") instanceof Number e
        && privacy.get("delta") instanceof Number d) {
      epsilon = OptionalDouble.of(e.doubleValue());
      delta = OptionalDouble.of(d.doubleValue());
    }
    Instant since =
        state == State.PREVIOUS || state == State.ROLLED_BACK
            ? stamp(folder.getFileName().toString())
            : null;
    return new ModelVersion(
        folder,
        model.task(),
        state,
        String.valueOf(m.get("version")),
        model.sha256(),
        since,
        accuracy,
        macroF1,
        from,
        epsilon,
        delta);
  }

  /** The gate's record in {@code folder} when it was made for this very model file, else null. */
  private static JsonNode comparison(Path folder, String sha256) {
    Path record = folder.resolve(ModelGate.COMPARISON);
    if (!Files.isRegularFile(record)) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(record.toFile());
      return sha256.equals(node.path("candidateSha256").asText()) ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static OptionalDouble number(JsonNode node) {
    return node != null && node.isNumber()
        ? OptionalDouble.of(node.asDouble())
        : OptionalDouble.empty();
  }

  /**
   * The instant in a kept folder's name ({@code 2026-12-02T190512345Z-1.0.0}, as {@link
   * ModelVersions} names them), or null when the name has none.
   */
  static Instant stamp(String name) {
    int z = name.indexOf('Z');
    if (z < 17) {
      return null;
    }
    try {
      LocalDateTime seconds = LocalDateTime.parse(name.substring(0, 17), STAMP);
      String fraction = name.substring(17, z);
      long nanos =
          fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000000").substring(0, 9));
      return seconds.toInstant(ZoneOffset.UTC).plusNanos(nanos);
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }
}
