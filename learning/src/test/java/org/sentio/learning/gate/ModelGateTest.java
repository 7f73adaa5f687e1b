package org.sentio.learning.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.MoeOnnx;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.affect.train.ModelFolder;
import org.sentio.learning.RealWindows;

/**
 * The gate's rules and the version history the Models page shows, on a copy of the shipped fusion
 * model and a DP-trained-style candidate written as a real ONNX fusion model.
 */
class ModelGateTest {

  static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  /** A fusion model folder whose manifest records a DP run's ε and δ. */
  static Path privateCandidate(Path folder, long seed) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "fusion-moe");
    m.put("version", "1.0.0+dp" + seed);
    m.put("task", "fusion of face, voice and text affect estimates: sparse mixture of experts");
    m.put("licence", "GPL-3.0-or-later");
    Map<String, Object> privacy = new LinkedHashMap<>();
    privacy.put("epsilon", 1.9990291);
    privacy.put("delta", 1.0e-5);
    privacy.put("noiseMultiplier", 1.0);
    privacy.put("clip", 1.0);
    m.put("privacy", privacy);
    MoeWeights w = MoeWeights.random(32, 16, 2, 32, seed);
    ModelFolder.write(folder, MoeOnnx.write(w, MoeOnnx.Formulation.FUSED, "test", ""), m);
    return folder;
  }

  static void recordComparison(Path candidate, Path inUse, double accuracy) throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("candidateSha256", ModelFolder.sha256(candidate.resolve(ModelFolder.MODEL_FILE)));
    r.put("inUseSha256", ModelFolder.sha256(inUse.resolve(ModelFolder.MODEL_FILE)));
    r.put("candidateAccuracy", accuracy);
    r.put("candidateMacroF1", accuracy - 0.02);
    r.put("verdict", "no significant difference (p >= 0.05)");
    ModelGate.recordComparison(candidate, r);
  }

  @Test
  void adoptionKeepsThePreviousVersionAndRollbackRestoresIt(@TempDir Path dir) throws Exception {
    Path models = dir.resolve("models");
    copy(RealWindows.root().resolve("resources/models/fusion-moe"), models.resolve("fusion-moe"));
    Path candidates = dir.resolve("candidates");
    Path candidate = privateCandidate(candidates.resolve("fusion-moe"), 7L);
    String shipped = ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"));
    ModelVersions versions = new ModelVersions(models);

    List<ModelVersion> before = versions.history(candidates);
    assertThat(before)
        .extracting(ModelVersion::state)
        .containsExactly(ModelVersion.State.IN_USE, ModelVersion.State.CANDIDATE);
    ModelVersion inUse = before.get(0);
    assertThat(inUse.version()).isEqualTo("1.0.0");
    assertThat(inUse.figuresFrom()).isEqualTo("training");
    assertThat(inUse.accuracy().getAsDouble()).isEqualTo(0.855);
    assertThat(inUse.isPrivate()).isFalse();
    ModelVersion cand = before.get(1);
    assertThat(cand.epsilon().getAsDouble()).isEqualTo(1.9990291);
    assertThat(cand.delta().getAsDouble()).isEqualTo(1.0e-5);
    assertThat(cand.figuresFrom()).isEqualTo("none");

    assertThatThrownBy(() -> ModelGate.adopt(candidate, models))
        .isInstanceOf(ModelGate.Refusal.class)
        .hasMessageContaining("has not been compared")
        .hasMessageContaining("sentio models compare");
    assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"))).isEqualTo(shipped);

    recordComparison(candidate, models.resolve("fusion-moe"), 0.71);
    Instant adoptedAt = Instant.now();
    ModelGate.Adopted adopted = ModelGate.adopt(candidate, models);
    assertThat(adopted.verdict()).startsWith("no significant difference");
    assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx")))
        .isEqualTo(ModelFolder.sha256(candidate.resolve("model.onnx")));

    List<ModelVersion> after = versions.history(candidates);
    // the adopted candidate is listed once, as the model in use
    assertThat(after)
        .extracting(ModelVersion::state)
        .containsExactly(ModelVersion.State.IN_USE, ModelVersion.State.PREVIOUS);
    assertThat(after.get(0).version()).isEqualTo("1.0.0+dp7");
    assertThat(after.get(0).figuresFrom()).isEqualTo("comparison");
    assertThat(after.get(0).accuracy().getAsDouble()).isEqualTo(0.71);
    assertThat(after.get(0).macroF1().getAsDouble())
        .isEqualTo(0.69, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(after.get(0).epsilon().getAsDouble()).isEqualTo(1.9990291);
    assertThat(after.get(1).version()).isEqualTo("1.0.0");
    assertThat(Duration.between(adoptedAt, after.get(1).since()).abs())
        .isLessThan(Duration.ofMinutes(1));

    assertThat(ModelGate.rollback(models).manifest().get("version")).isEqualTo("1.0.0");
    assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"))).isEqualTo(shipped);
    List<ModelVersion> rolledBack = versions.history(candidates);
    assertThat(rolledBack)
        .extracting(ModelVersion::state)
        .containsExactly(
            ModelVersion.State.IN_USE,
            ModelVersion.State.ROLLED_BACK,
            ModelVersion.State.CANDIDATE);
    assertThat(rolledBack.get(1).version()).isEqualTo("1.0.0+dp7");

    assertThatThrownBy(() -> ModelGate.rollback(models))
        .isInstanceOf(ModelGate.Refusal.class)
        .hasMessageContaining("no previous fusion model");
  }

  @Test
  void aCandidateComparedWithAnotherModelOrAlteredSinceIsRefused(@TempDir Path dir)
      throws Exception {
    Path models = dir.resolve("models");
    copy(RealWindows.root().resolve("resources/models/fusion-moe"), models.resolve("fusion-moe"));
    Path other = privateCandidate(dir.resolve("other"), 3L);
    Path candidate = privateCandidate(dir.resolve("candidate"), 4L);
    recordComparison(candidate, other, 0.5);
    String shipped = ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"));

    assertThatThrownBy(() -> ModelGate.adopt(candidate, models))
        .isInstanceOf(ModelGate.Refusal.class)
        .hasMessageContaining("compared with another model than the one in use");

    recordComparison(candidate, models.resolve("fusion-moe"), 0.5);
    Files.write(candidate.resolve("model.onnx"), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ModelGate.adopt(candidate, models))
        .isInstanceOf(ModelGate.Refusal.class)
        .hasMessageStartingWith(candidate.toString());
    assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"))).isEqualTo(shipped);
    assertThat(models.resolve(ModelVersions.PREVIOUS)).doesNotExist();

    Path voice = RealWindows.root().resolve("resources/models/voice-affect");
    assertThatThrownBy(() -> ModelGate.adopt(voice, models))
        .isInstanceOf(ModelGate.Refusal.class)
        .hasMessageContaining("not the fusion model (fusion-moe)");
  }

  @Test
  void theTimeAVersionLeftUseIsReadFromItsFolderName() {
    assertThat(ModelVersion.stamp("2026-12-02T190512345678Z-1.0.0"))
        .isEqualTo(Instant.parse("2026-12-02T19:05:12.345678Z"));
    assertThat(ModelVersion.stamp("2026-12-02T190512Z-1.0.0+dp"))
        .isEqualTo(Instant.parse("2026-12-02T19:05:12Z"));
    assertThat(ModelVersion.stamp("hand-made")).isNull();
  }
}
