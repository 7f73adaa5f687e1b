package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.train.ModelFolder;
import org.sentio.app.TextCandidates;

/**
 * The A/B gate for text candidates: a DP text head trained by {@code sentio train text
 * --from-annotations --dp} on a real SQLite store is compared with a copy of the shipped English
 * text model on annotated utterances of other sessions (the real bge-small-en encoder and both ONNX
 * heads), adopted and rolled back; and every refusal leaves the store and the models folder as they
 * were, byte for byte.
 */
class TextModelGateCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path shipped;

  @BeforeAll
  static void locate() {
    TrainTextPrivateCommandTest.locate();
    shipped = Path.of(System.getProperty("sentio.root.dir", "..")).resolve("resources/models");
    shipped = shipped.toAbsolutePath().normalize();
  }

  /** A digest of every file under {@code dir} (names and contents), to see that nothing changed. */
  static String digest(Path dir) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        if (p.getFileName().toString().endsWith("-shm")) {
          continue; // SQLite's shared-memory index, rebuilt by every connection
        }
        sha.update(dir.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(p));
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** A labelled CSV (label,text) of ISEAR rows. */
  private static String textCsv(List<Map<String, String>> rows) {
    StringBuilder csv = new StringBuilder("label,text\n");
    for (Map<String, String> row : rows) {
      csv.append(org.sentio.affect.Emotion.parse(row.get("label")).label())
          .append(",\"")
          .append(row.get("text").replace("\"", "\"\""))
          .append("\"\n");
    }
    return csv.toString();
  }

  private static List<String> digests(List<Path> dirs) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (Path d : dirs) {
      out.add(digest(d));
    }
    return out;
  }

  private static EvaluateCommandTest.Run sentio(String... args) {
    return EvaluateCommandTest.run(args);
  }

  /** Asserts a refusal: exit 2, one line naming {@code what}. */
  private static void refused(EvaluateCommandTest.Run r, String... what) {
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    for (String w : what) {
      assertThat(r.err()).contains(w);
    }
  }

  @Test
  void aDpTextHeadIsComparedOnUnseenSessionsAdoptedAndRolledBack(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");
    Path models = dir.resolve("models");
    ModelGateCommandsTest.copy(
        shipped.resolve("text-affect-en-bge"), models.resolve("text-affect-en-bge"));
    ModelGateCommandsTest.copy(shipped.resolve("fusion-moe"), models.resolve("fusion-moe"));
    String original = ModelFolder.sha256(models.resolve("text-affect-en-bge/model.onnx"));
    List<Map<String, String>> rows = TrainTextPrivateCommandTest.heldOutIsear(260);
    TrainTextPrivateCommandTest.annotatedSessions(data, rows.subList(0, 120), 3, 40);

    EvaluateCommandTest.Run trained =
        sentio(
            "train",
            "text",
            "--from-annotations",
            "--dp",
            "--batch",
            "8",
            "--noise-multiplier",
            "2.0",
            "--data-dir",
            data.toString());
    assertThat(trained.exit()).as(trained.err()).isZero();
    Path candidate = data.resolve("candidates/text-affect-en-bge");

    // Every annotated session trained it: nothing is held out yet.
    List<Path> watched = List.of(data, models);
    List<String> before = digests(watched);
    refused(
        sentio(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--data-dir",
            data.toString()),
        "holds 0 annotated EN utterances that neither model was trained on",
        "at least 50 held-out labelled utterances");
    // A budget already spent: refused before anything is read or written.
    double spent =
        JSON.readTree(candidate.resolve("manifest.json").toFile())
            .path("privacy")
            .path("epsilon")
            .asDouble();
    refused(
        sentio(
            "train",
            "text",
            "--from-annotations",
            "--dp",
            "--batch",
            "8",
            "--epsilon",
            String.valueOf(spent / 2),
            "--data-dir",
            data.toString()),
        "train text --dp: privacy budget already spent");
    assertThat(digests(watched)).isEqualTo(before);

    // Two sessions annotated later: utterances the candidate never saw.
    TrainTextPrivateCommandTest.annotatedSessions(data, rows.subList(120, 200), 2, 40);
    EvaluateCommandTest.Run early =
        sentio("models", "adopt", candidate.toString(), "--models", models.toString());
    refused(early, "has not been compared", "sentio models compare");

    EvaluateCommandTest.Run compared =
        sentio(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--data-dir",
            data.toString());
    assertThat(compared.exit()).as(compared.err()).isZero();
    System.out.print(compared.out());
    assertThat(compared.out())
        .contains("candidate")
        .contains("in use")
        .contains("McNemar")
        .contains("of 80 utterances");
    JsonNode record = JSON.readTree(candidate.resolve("comparison.json").toFile());
    assertThat(record.get("task").asText()).isEqualTo("text-affect-en-bge");
    assertThat(record.get("windows").asInt()).isEqualTo(80);
    assertThat(record.get("inUseSha256").asText()).isEqualTo(original);
    assertThat(record.get("candidateSha256").asText())
        .isEqualTo(ModelFolder.sha256(candidate.resolve("model.onnx")));
    // The shipped English text model reads ISEAR well above chance (1/7); so does the DP head,
    // fine-tuned from it.
    assertThat(record.get("inUseAccuracy").asDouble()).isGreaterThan(0.4);
    assertThat(record.get("candidateAccuracy").asDouble()).isGreaterThan(0.3);
    assertThat(record.get("candidateMacroF1").asDouble()).isBetween(0.0, 1.0);

    // The same candidate on a labelled CSV of other held-out ISEAR sentences: 40 rows are too
    // few, 60 are compared.
    Path few = dir.resolve("few.csv");
    Files.writeString(few, textCsv(rows.subList(200, 240)));
    refused(
        sentio(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--labels",
            few.toString()),
        "has 40 labelled rows; at least 50");
    Path sixty = dir.resolve("sixty.csv");
    Files.writeString(sixty, textCsv(rows.subList(200, 260)));
    EvaluateCommandTest.Run onCsv =
        sentio(
            "models",
            "compare",
            candidate.toString(),
            "--models",
            models.toString(),
            "--labels",
            sixty.toString());
    assertThat(onCsv.exit()).as(onCsv.err()).isZero();
    System.out.print(onCsv.out());
    assertThat(onCsv.out()).contains("of 60 utterances");
    record = JSON.readTree(candidate.resolve("comparison.json").toFile());
    assertThat(record.get("windows").asInt()).isEqualTo(60);
    assertThat(record.get("data").asText()).isEqualTo("labelled CSV " + sixty.toAbsolutePath());
    assertThat(record.get("inUseAccuracy").asDouble()).isGreaterThan(0.3);

    EvaluateCommandTest.Run adopted =
        sentio("models", "adopt", candidate.toString(), "--models", models.toString());
    assertThat(adopted.exit()).as(adopted.err()).isZero();
    assertThat(adopted.out()).contains("as the English text model (text-affect-en-bge)");
    assertThat(ModelFolder.sha256(models.resolve("text-affect-en-bge/model.onnx")))
        .isEqualTo(ModelFolder.sha256(candidate.resolve("model.onnx")));

    // The fusion model was not adopted: its rollback has nothing to restore.
    refused(
        sentio("models", "rollback", "--models", models.toString()), "no previous fusion model");
    EvaluateCommandTest.Run rolledBack =
        sentio("models", "rollback", "--task", "text-en", "--models", models.toString());
    assertThat(rolledBack.exit()).as(rolledBack.err()).isZero();
    assertThat(rolledBack.out()).contains("restored text-affect-en-bge");
    assertThat(ModelFolder.sha256(models.resolve("text-affect-en-bge/model.onnx")))
        .isEqualTo(original);
    refused(
        sentio("models", "rollback", "--task", "text-en", "--models", models.toString()),
        "no previous text-affect-en-bge");
  }

  @Test
  void candidatesForAnotherTaskOrLanguageAndBrokenFoldersAreRefusedChangingNothing(
      @TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    TrainTextPrivateCommandTest.annotatedSessions(
        data, TrainTextPrivateCommandTest.heldOutIsear(60), 1, 60);
    Path fusionOnly = dir.resolve("fusion-only");
    ModelGateCommandsTest.copy(shipped.resolve("fusion-moe"), fusionOnly.resolve("fusion-moe"));
    Path models = dir.resolve("models");
    ModelGateCommandsTest.copy(
        shipped.resolve("text-affect-en-bge"), models.resolve("text-affect-en-bge"));
    ModelGateCommandsTest.copy(
        shipped.resolve("text-affect-zh-bge"), models.resolve("text-affect-zh-bge"));
    ModelGateCommandsTest.copy(shipped.resolve("fusion-moe"), models.resolve("fusion-moe"));

    // A retrained English head: a real, intact English candidate.
    Path english =
        TextCandidates.shifted(
            shipped.resolve("text-affect-en-bge"),
            dir.resolve("cands/english"),
            "2.0.1",
            0.5f,
            null);
    // A Chinese head whose manifest claims the English model's name.
    Path chinese = dir.resolve("cands/chinese-as-english");
    ModelGateCommandsTest.copy(shipped.resolve("text-affect-zh-bge"), chinese);
    ObjectNode m = (ObjectNode) JSON.readTree(chinese.resolve("manifest.json").toFile());
    m.put("name", "text-affect-en-bge");
    JSON.writeValue(chinese.resolve("manifest.json").toFile(), m);
    // A Chinese head, truly one.
    Path zhCandidate =
        TextCandidates.shifted(
            shipped.resolve("text-affect-zh-bge"),
            dir.resolve("cands/chinese"),
            "2.0.1",
            0.5f,
            null);
    // A truncated model file, and one altered in place (same size, other bytes).
    Path truncated = dir.resolve("cands/truncated");
    ModelGateCommandsTest.copy(shipped.resolve("text-affect-en-bge"), truncated);
    byte[] onnx = Files.readAllBytes(truncated.resolve("model.onnx"));
    Files.write(truncated.resolve("model.onnx"), java.util.Arrays.copyOf(onnx, onnx.length / 2));
    Path altered = dir.resolve("cands/altered");
    ModelGateCommandsTest.copy(shipped.resolve("text-affect-en-bge"), altered);
    onnx[onnx.length - 100] ^= 0x5a;
    Files.write(altered.resolve("model.onnx"), onnx);
    Path fusionCandidate = ModelGateCommandsTest.untrainedCandidate(dir.resolve("cands"));
    Path csv = dir.resolve("english.csv");
    StringBuilder rows = new StringBuilder("label,text\n");
    for (int i = 0; i < 60; i++) {
      rows.append("happy,what a lovely day ").append(i).append('\n');
    }
    Files.writeString(csv, rows.toString());

    List<Path> watched = List.of(data, models, fusionOnly, dir.resolve("cands"));
    List<String> before = digests(watched);

    // A text head where only fusion is in use.
    refused(
        sentio(
            "models",
            "compare",
            english.toString(),
            "--models",
            fusionOnly.toString(),
            "--data-dir",
            data.toString()),
        "no text-affect-en-bge in use in " + fusionOnly,
        "the English text model (text-affect-en-bge)");
    refused(
        sentio("models", "adopt", english.toString(), "--models", fusionOnly.toString()),
        "no text-affect-en-bge in use in " + fusionOnly);
    // A text head given as a fusion candidate, and a fusion model given as a text candidate.
    refused(
        sentio(
            "models",
            "compare",
            english.toString(),
            "--task",
            "fusion",
            "--models",
            models.toString()),
        "a model of the English text model (text-affect-en-bge), not of the fusion model");
    refused(
        sentio(
            "models",
            "adopt",
            fusionCandidate.toString(),
            "--task",
            "text-en",
            "--models",
            models.toString()),
        "a model of the fusion model (fusion-moe), not of the English text model");
    refused(
        sentio("models", "compare", english.toString(), "--task", "voice"),
        "unknown task 'voice'; use one of fusion, text-en, text-zh");
    // A Chinese head for English.
    refused(
        sentio(
            "models",
            "compare",
            chinese.toString(),
            "--models",
            models.toString(),
            "--data-dir",
            data.toString()),
        "named text-affect-en-bge but it reads the sentence encoder bge-small-zh",
        "(that of the ZH text model)");
    // A Chinese head against English labelled rows.
    refused(
        sentio(
            "models",
            "compare",
            zhCandidate.toString(),
            "--models",
            models.toString(),
            "--labels",
            csv.toString()),
        "line 2 is not ZH text (read as EN); the candidate is the Chinese text model");
    // Broken candidate folders.
    refused(
        sentio(
            "models",
            "compare",
            truncated.toString(),
            "--models",
            models.toString(),
            "--data-dir",
            data.toString()),
        truncated + ": cannot read the text model");
    refused(
        sentio(
            "models",
            "compare",
            altered.toString(),
            "--models",
            models.toString(),
            "--data-dir",
            data.toString()),
        altered.toString());
    refused(
        sentio("models", "adopt", altered.toString(), "--models", models.toString()),
        altered.toString());
    // The in-use model itself, and fusion-only options on a text candidate.
    refused(
        sentio(
            "models",
            "compare",
            models.resolve("text-affect-en-bge").toString(),
            "--models",
            models.toString()),
        "is the model in use (same sha256)");
    refused(
        sentio(
            "models",
            "compare",
            english.toString(),
            "--models",
            models.toString(),
            "--windows",
            "100"),
        "--sample, --windows and --crops are for fusion candidates");

    assertThat(digests(watched)).isEqualTo(before);
    assertThat(Files.list(dir.resolve("cands")).map(p -> p.resolve("comparison.json")))
        .allMatch(p -> !Files.exists(p));
  }
}
