package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.MoeOnnx;
import org.sentio.affect.fusion.MoeWeights;
import org.sentio.affect.train.ModelFolder;

/**
 * {@code sentio models compare|adopt|rollback} on a copy of the shipped fusion model and an
 * untrained candidate: the comparison on real held-out windows, the gate, and the way back.
 */
class ModelGateCommandsTest {
  private static Path shipped;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
    shipped = Path.of(root).resolve("resources/models").toAbsolutePath().normalize();
  }

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

  static Path untrainedCandidate(Path dir) throws Exception {
    Path folder = dir.resolve("candidate");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "fusion-moe");
    m.put("version", "0.0.1-untrained");
    m.put("task", "fusion of face, voice and text affect estimates: sparse mixture of experts");
    m.put("licence", "GPL-3.0-or-later");
    MoeWeights w = MoeWeights.random(32, 16, 2, 32, 5L);
    ModelFolder.write(folder, MoeOnnx.write(w, MoeOnnx.Formulation.FUSED, "test", ""), m);
    return folder;
  }

  @Test
  void aCandidateIsComparedAdoptedAndRolledBack(@TempDir Path dir) throws Exception {
    Path models = dir.resolve("models");
    copy(shipped.resolve("fusion-moe"), models.resolve("fusion-moe"));
    String original = ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"));
    Path candidate = untrainedCandidate(dir);

    EvaluateCommandTest.Run early =
        EvaluateCommandTest.run(
            "models", "adopt", candidate.toString(), "--models", models.toString());
    assertThat(early.exit()).isEqualTo(2);
    assertThat(early.err()).contains("has not been compared").contains("sentio models compare");

    EvaluateCommandTest.Run compared =
        EvaluateCommandTest.run(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--sample",
            "240,28,400",
            "--windows",
            "120");
    assertThat(compared.exit()).as(compared.err()).isZero();
    assertThat(compared.out()).contains("candidate").contains("in use").contains("McNemar");
    // An untrained model against the shipped one: significantly worse.
    assertThat(compared.out()).contains("significantly worse");
    var record = new ObjectMapper().readTree(candidate.resolve("comparison.json").toFile());
    assertThat(record.get("inUseSha256").asText()).isEqualTo(original);
    assertThat(record.get("candidateAccuracy").asDouble())
        .isLessThan(record.get("inUseAccuracy").asDouble());

    EvaluateCommandTest.Run adopted =
        EvaluateCommandTest.run(
            "models", "adopt", candidate.toString(), "--models", models.toString());
    assertThat(adopted.exit()).as(adopted.err()).isZero();
    assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx")))
        .isEqualTo(ModelFolder.sha256(candidate.resolve("model.onnx")));

    // The comparison was against the model now replaced: adopting again is refused.
    EvaluateCommandTest.Run again =
        EvaluateCommandTest.run(
            "models", "adopt", candidate.toString(), "--models", models.toString());
    assertThat(again.exit()).isEqualTo(2);

    EvaluateCommandTest.Run rolledBack =
        EvaluateCommandTest.run("models", "rollback", "--models", models.toString());
    assertThat(rolledBack.exit()).as(rolledBack.err()).isZero();
    assertThat(ModelFolder.sha256(models.resolve("fusion-moe/model.onnx"))).isEqualTo(original);

    EvaluateCommandTest.Run nothingLeft =
        EvaluateCommandTest.run("models", "rollback", "--models", models.toString());
    assertThat(nothingLeft.exit()).isEqualTo(2);
    assertThat(nothingLeft.err()).contains("no previous fusion model");
  }

  @Test
  void aCandidateForAnotherTaskIsRefused(@TempDir Path dir) throws Exception {
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "models",
            "compare",
            shipped.resolve("voice-affect").toString(),
            "--models",
            shipped.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("a voice-affect model, not the fusion model (fusion-moe)");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void aCandidateIsComparedOnALabelledCsvOfHeldOutFilesAndSentences(@TempDir Path dir)
      throws Exception {
    Path models = dir.resolve("models");
    copy(shipped.resolve("fusion-moe"), models.resolve("fusion-moe"));
    Path candidate = untrainedCandidate(dir);
    Path csv = dir.resolve("held-out.csv");
    FusionData.writeMatchedCsv(csv, FusionData.matchedHeldOut(60, 11L));

    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--labels",
            csv.toString(),
            "--crops");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("McNemar").contains("of 60 windows");
    var record = new ObjectMapper().readTree(candidate.resolve("comparison.json").toFile());
    assertThat(record.get("windows").asInt()).isEqualTo(60);
    assertThat(record.get("data").asText()).isEqualTo("labelled CSV " + csv.toAbsolutePath());
    // The shipped model fuses real face, voice and text outputs well above chance (1/7); an
    // untrained one does not.
    assertThat(record.get("inUseAccuracy").asDouble()).isGreaterThan(0.4);
    assertThat(record.get("candidateAccuracy").asDouble())
        .isLessThan(record.get("inUseAccuracy").asDouble());
  }

  @Test
  void aLabelledCsvWithBadRowsOrTooFewRowsIsRefusedAndNothingIsRecorded(@TempDir Path dir)
      throws Exception {
    Path models = dir.resolve("models");
    copy(shipped.resolve("fusion-moe"), models.resolve("fusion-moe"));
    Path candidate = untrainedCandidate(dir);
    StringBuilder rows = new StringBuilder("label,text\n");
    for (int i = 0; i < 60; i++) {
      rows.append(i == 3 ? "furious" : "happy")
          .append(",what a lovely day ")
          .append(i)
          .append('\n');
    }
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, rows.toString());
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--labels",
            bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown label 'furious' (row 5)");
    assertThat(r.err().strip().lines()).hasSize(1);

    Path few = dir.resolve("few.csv");
    Files.writeString(few, "label,text\nhappy,a lovely day\nsad,a gloomy day\n");
    r =
        EvaluateCommandTest.run(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--labels",
            few.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("has 2 labelled rows; at least 50");
    assertThat(r.err().strip().lines()).hasSize(1);

    r =
        EvaluateCommandTest.run(
            "models",
            "compare",
            shipped.resolve("voice-affect").toString(),
            "--models",
            models.toString(),
            "--labels",
            bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("a voice-affect model, not the fusion model (fusion-moe)");
    assertThat(candidate.resolve("comparison.json")).doesNotExist();
  }

  @Test
  void modelsListShowsTheEpsilonOfTheAdoptedPrivateModel(@TempDir Path dir) throws Exception {
    Path home = dir.resolve("home");
    Path models = home.resolve("resources/models");
    copy(shipped.resolve("fusion-moe"), models.resolve("fusion-moe"));
    Path candidate = untrainedCandidate(dir);
    Path manifest = candidate.resolve("manifest.json");
    var m =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new ObjectMapper().readTree(manifest.toFile());
    m.putObject("privacy")
        .put("epsilon", 1.9990291)
        .put("delta", 1.0e-5)
        .put("noiseMultiplier", 1.0)
        .put("clip", 1.0);
    new ObjectMapper().writeValue(manifest.toFile(), m);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("candidateSha256", ModelFolder.sha256(candidate.resolve("model.onnx")));
    record.put("inUseSha256", ModelFolder.sha256(models.resolve("fusion-moe/model.onnx")));
    record.put("verdict", "no significant difference (p >= 0.05)");
    org.sentio.learning.gate.ModelGate.recordComparison(candidate, record);
    String before = System.getProperty("sentio.home");
    System.setProperty("sentio.home", home.toString());
    try {
      EvaluateCommandTest.Run plain = EvaluateCommandTest.run("models", "list");
      assertThat(plain.exit()).as(plain.err()).isZero();
      assertThat(plain.out()).contains("fusion-moe").doesNotContain("differentially private");

      EvaluateCommandTest.Run adopted =
          EvaluateCommandTest.run(
              "models", "adopt", candidate.toString(), "--models", models.toString());
      assertThat(adopted.exit()).as(adopted.err()).isZero();
      EvaluateCommandTest.Run listed = EvaluateCommandTest.run("models", "list");
      assertThat(listed.exit()).as(listed.err()).isZero();
      assertThat(listed.out())
          .contains("0.0.1-untrained")
          .contains(
              "differentially private: epsilon 1.999 at delta 1.0E-5 (DP-SGD, sigma 1.0, clip 1.0)");
    } finally {
      System.setProperty("sentio.home", before);
    }
  }
}
