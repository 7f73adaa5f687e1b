package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentio train face} on the first 120 real FER+ faces (one epoch of a small net, validated
 * on the real PublicTest faces) and the refusals of {@code train face} and {@code train voice}.
 */
class TrainFaceAndVoiceCommandTest {
  private static Path shared;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    System.setProperty("sentio.home", Path.of(root).toAbsolutePath().normalize().toString());
    shared = Path.of(System.getProperty("sentio.shared.dir", root + "/../shared"));
  }

  private static EvaluateCommandTest.Run trainSmallFace(Path out) {
    return EvaluateCommandTest.run(
        "train",
        "face",
        "--data",
        shared.resolve("data").toString(),
        "--out",
        out.toString(),
        "--channels",
        "4,8,8",
        "--epochs",
        "1",
        "--limit",
        "120");
  }

  @Test
  void trainFacePrintsEveryValidationViewAndReproducesItsModel(@TempDir Path dir) throws Exception {
    EvaluateCommandTest.Run first = trainSmallFace(dir.resolve("a"));
    EvaluateCommandTest.Run second = trainSmallFace(dir.resolve("b"));

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("held-out FER+ faces: n=")
        .contains("faces_fer2013_publictest, original labels:")
        .contains("faces_fer2013_publictest, FER+ majority:")
        .containsPattern("n=3121 accuracy=0\\.\\d{4}");
    Path folder = dir.resolve("a/face-expression-cnn");
    String sha256 =
        HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(folder.resolve("model.onnx"))));
    JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
    assertThat(manifest.get("sha256").asText()).isEqualTo(sha256);
    assertThat(manifest.get("training").get("command").asText())
        .isEqualTo("./sentio train face --channels 4,8,8 --epochs 1 --limit 120");
    assertThat(first.out()).contains("sha256 " + sha256);
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void trainFaceRefusesBadSettingsWithOneLine(@TempDir Path dir) {
    EvaluateCommandTest.Run channels =
        EvaluateCommandTest.run("train", "face", "--channels", "8,x,8", "--out", dir.toString());
    EvaluateCommandTest.Run epochs =
        EvaluateCommandTest.run("train", "face", "--epochs", "0", "--out", dir.toString());
    EvaluateCommandTest.Run data =
        EvaluateCommandTest.run("train", "face", "--data", dir.toString(), "--out", dir.toString());

    assertThat(channels.exit()).isEqualTo(2);
    assertThat(channels.err()).contains("--channels").contains("16,32,64");
    assertThat(epochs.exit()).isEqualTo(2);
    assertThat(epochs.err()).contains("--epochs must be between 1 and 500, got 0");
    assertThat(data.exit()).isEqualTo(2);
    assertThat(data.err()).contains("faces_ferplus_train").contains("no labels.csv");
    for (EvaluateCommandTest.Run r : new EvaluateCommandTest.Run[] {channels, epochs, data}) {
      assertThat(r.err().strip().lines()).hasSize(1);
    }
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void trainVoiceRefusesAnUnknownModelAndAMissingCorpus(@TempDir Path dir) throws Exception {
    EvaluateCommandTest.Run model =
        EvaluateCommandTest.run("train", "voice", "--model", "bogus", "--out", dir.toString());
    Path onlyRavdess = dir.resolve("data");
    Files.createDirectories(onlyRavdess.resolve("speech_ravdess_train"));
    Files.copy(
        shared.resolve("data/speech_ravdess_train/labels.csv"),
        onlyRavdess.resolve("speech_ravdess_train/labels.csv"));
    EvaluateCommandTest.Run corpus =
        EvaluateCommandTest.run(
            "train",
            "voice",
            "--model",
            "multi",
            "--data",
            onlyRavdess.toString(),
            "--out",
            dir.toString());

    assertThat(model.exit()).isEqualTo(2);
    assertThat(model.err()).contains("--model: use ravdess, multi or mel, not 'bogus'");
    assertThat(corpus.exit()).isEqualTo(2);
    assertThat(corpus.err()).contains("speech_savee").contains("no labels.csv");
    assertThat(corpus.err().strip().lines()).hasSize(1);
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsOnly("data");
  }

  @Test
  void trainFaceHeadPrintsEveryValidationViewAndReproducesItsModel(@TempDir Path dir)
      throws Exception {
    String[] args = {
      "train", "face", "--head", "--data", shared.resolve("data").toString(), "--limit", "200"
    };
    EvaluateCommandTest.Run first = EvaluateCommandTest.run(with(args, "--out", dir.resolve("a")));
    EvaluateCommandTest.Run second = EvaluateCommandTest.run(with(args, "--out", dir.resolve("b")));

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("held-out FER+ faces, FER+ majority:")
        .contains("held-out FER+ faces, FER-2013 label:")
        .contains("faces_fer2013_publictest, original labels:")
        .contains("faces_fer2013_publictest, FER+ majority:")
        .containsPattern("n=3121 accuracy=0\\.\\d{4}");
    assertThat(first.err()).contains("chosen: Config[");
    Path folder = dir.resolve("a/face-expression-head");
    JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
    assertThat(manifest.get("training").get("command").asText())
        .isEqualTo("./sentio train face --head --limit 200");
    assertThat(manifest.get("outputs").get(1).get("shape").get(1).asInt()).isEqualTo(512);
    assertThat(first.out()).contains("sha256 " + manifest.get("sha256").asText());
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void trainFaceHeadRefusesANegativeLimitWithOneLine(@TempDir Path dir) {
    EvaluateCommandTest.Run limit =
        EvaluateCommandTest.run(
            "train", "face", "--head", "--limit", "-3", "--out", dir.toString());
    assertThat(limit.exit()).isEqualTo(2);
    assertThat(limit.err().strip().lines()).hasSize(1);
    assertThat(limit.err()).contains("--limit must be 0 (all faces) or more, got -3");
    assertThat(dir).isEmptyDirectory();
  }

  private static String[] with(String[] args, String option, Path value) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = option;
    all[args.length + 1] = value.toString();
    return all;
  }

  @Test
  void trainVoiceMelRefusesAnUnknownVariantAndAMissingCorpus(@TempDir Path dir) throws Exception {
    EvaluateCommandTest.Run variant =
        EvaluateCommandTest.run(
            "train", "voice", "--model", "mel", "--variant", "9", "--out", dir.toString());
    Path onlyRavdess = dir.resolve("data");
    Files.createDirectories(onlyRavdess.resolve("speech_ravdess_train"));
    Files.copy(
        shared.resolve("data/speech_ravdess_train/labels.csv"),
        onlyRavdess.resolve("speech_ravdess_train/labels.csv"));
    EvaluateCommandTest.Run corpus =
        EvaluateCommandTest.run(
            "train",
            "voice",
            "--model",
            "mel",
            "--data",
            onlyRavdess.toString(),
            "--out",
            dir.toString());

    assertThat(variant.exit()).isEqualTo(2);
    assertThat(variant.err()).contains("--variant: use 1 to 6, not 9");
    assertThat(variant.err().strip().lines()).hasSize(1);
    assertThat(corpus.exit()).isEqualTo(2);
    assertThat(corpus.err()).contains("speech_savee").contains("no labels.csv");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsOnly("data");
  }
}
