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

  @Test
  void trainFaceBlendWritesTheShippedBlendTheSameTwice(@TempDir Path dir) throws Exception {
    Path publicTest = shared.resolve("data/faces_fer2013_publictest");
    Path subset = dir.resolve("data/faces_fer2013_publictest");
    for (String csv : java.util.List.of("labels.csv", "ferplus_votes.csv")) {
      java.util.List<String> lines = Files.readAllLines(publicTest.resolve(csv));
      java.util.List<String> kept = new java.util.ArrayList<>(java.util.List.of(lines.get(0)));
      for (int i = 1; i < lines.size(); i += 400) {
        kept.add(lines.get(i));
        String image = lines.get(i).split(",")[0];
        Files.createDirectories(subset.resolve(image).getParent());
        if (!Files.exists(subset.resolve(image))) {
          Files.copy(publicTest.resolve(image), subset.resolve(image));
        }
      }
      Files.write(subset.resolve(csv), kept);
    }
    Path shippedHead = Path.of(System.getProperty("sentio.home"), "resources/models");
    EvaluateCommandTest.Run[] runs = new EvaluateCommandTest.Run[2];
    for (int r = 0; r < 2; r++) {
      Path out = dir.resolve(r == 0 ? "a" : "b");
      Path head = out.resolve("face-expression-head");
      Files.createDirectories(head);
      for (String file : java.util.List.of("model.onnx", "manifest.json")) {
        Files.copy(shippedHead.resolve("face-expression-head").resolve(file), head.resolve(file));
      }
      runs[r] =
          EvaluateCommandTest.run(
              "train",
              "face",
              "--blend",
              "--data",
              dir.resolve("data").toString(),
              "--out",
              out.toString());
    }

    assertThat(runs[0].exit()).as(runs[0].err()).isZero();
    assertThat(runs[0].out())
        .contains("faces_fer2013_publictest, original labels:")
        .contains("faces_fer2013_publictest, FER+ majority:")
        .containsPattern("n=8 accuracy=\\d\\.\\d{4}");
    JsonNode shipped =
        new ObjectMapper()
            .readTree(shippedHead.resolve("face-expression-blend/manifest.json").toFile());
    JsonNode written =
        new ObjectMapper().readTree(dir.resolve("a/face-expression-blend/manifest.json").toFile());
    assertThat(written).isEqualTo(shipped);
    assertThat(runs[0].out()).contains("sha256 " + shipped.get("sha256").asText());
    assertThat(runs[1].out()).isEqualTo(runs[0].out());
    assertThat(Files.readAllBytes(dir.resolve("b/face-expression-blend/model.onnx")))
        .isEqualTo(Files.readAllBytes(shippedHead.resolve("face-expression-blend/model.onnx")));
  }

  @Test
  void trainFaceBlendRefusesAMissingHeadWithOneLine(@TempDir Path dir) {
    EvaluateCommandTest.Run missing =
        EvaluateCommandTest.run(
            "train",
            "face",
            "--blend",
            "--data",
            shared.resolve("data").toString(),
            "--out",
            dir.toString());
    EvaluateCommandTest.Run both =
        EvaluateCommandTest.run("train", "face", "--blend", "--head", "--out", dir.toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip().lines()).hasSize(1);
    assertThat(missing.err())
        .contains("face-expression-head")
        .contains("./sentio train face --head first");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("give --head or --blend, not both");
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
    assertThat(variant.err()).contains("--variant: use 1 to 5, not 9");
    assertThat(variant.err().strip().lines()).hasSize(1);
    assertThat(corpus.exit()).isEqualTo(2);
    assertThat(corpus.err()).contains("speech_savee").contains("no labels.csv");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsOnly("data");
  }
}
