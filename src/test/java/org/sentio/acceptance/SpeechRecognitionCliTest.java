package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentio analyze call.wav} with no transcript prints and stores the recognised words; ASR
 * can be turned off; a language without a model is a warning; {@code sentio models install} refuses
 * a folder that is not a Vosk model and installs a copy of the English model for a language, which
 * analyze then uses. The call is two RAVDESS actors' statements with pauses.
 */
class SpeechRecognitionCliTest {
  @TempDir static Path work;
  private static Path call;

  @BeforeAll
  static void makeCall() throws Exception {
    Path data = Cli.shared().resolve("data/speech_ravdess_train");
    call = work.resolve("call.wav");
    Cli.tool(
        work, "sox", "-n", "-r", "16000", "-c", "1", "-b", "16", "pause.wav", "trim", "0", "1");
    Cli.tool(
        work,
        "sox",
        "pause.wav",
        data.resolve("Actor_05/03-01-01-01-01-01-05.flac").toString(),
        "pause.wav",
        data.resolve("Actor_06/03-01-05-02-02-02-06.flac").toString(),
        "pause.wav",
        call.toString());
  }

  @Test
  void analyzePrintsAndStoresTheRecognisedWords() throws Exception {
    Path data = work.resolve("data-asr");
    Path out = Files.createTempDirectory(work, "out");

    Cli.Result result =
        Cli.run(
            data,
            work,
            "analyze",
            "--quiet",
            "--speakers",
            "2",
            "--out",
            out.toString(),
            call.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("words  recognised by asr-en 0.3.45 (en): 2 utterances")
        .contains("speakers  S1 agent: 1 utterance")
        .contains("S2 customer: 1 utterance")
        .contains("S1 agent  kids are talking by the door")
        .contains("S2 customer  dogs are sitting by the door");
    JsonNode json = json(out);
    assertThat(json.get("speakers")).hasSize(2);
    assertThat(json.get("speakers").get(1).get("role").asText()).isEqualTo("customer");
    assertThat(json.get("transcript").get(0).get("speaker").asText()).isEqualTo("S1");
    assertThat(json.get("transcript").get(1).get("speaker").asText()).isEqualTo("S2");
    assertThat(json.get("transcriptSource").get("source").asText()).isEqualTo("asr");
    assertThat(json.get("transcript").get(0).get("words").get(0).get("text").asText())
        .isEqualTo("kids");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .anyMatch(name -> name.endsWith("-transcript.csv"));
    }
    Cli.Result show = Cli.run(data, work, "sessions", "show", "1");
    assertThat(show.exitCode()).as(show.stderr()).isZero();
    assertThat(show.stdout())
        .contains("Transcript (recognised by asr-en 0.3.45, en")
        .contains("model  asr-en 0.3.45");
  }

  @Test
  void aSpeakerCountOutsideOneToFourIsRefused() throws Exception {
    Cli.Result result =
        Cli.run(
            work.resolve("data-speakers"),
            work,
            "analyze",
            "--quiet",
            "--speakers",
            "0",
            call.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr().strip())
        .contains("--speakers: give a number from 1 to 4, not '0'")
        .doesNotContain("\n");
  }

  @Test
  void asrOffLeavesTheWordsOut() throws Exception {
    Path out = Files.createTempDirectory(work, "out");

    Cli.Result result =
        Cli.run(
            work.resolve("data-off"),
            work,
            "analyze",
            "--quiet",
            "--asr",
            "off",
            "--format",
            "json",
            "--out",
            out.toString(),
            call.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).doesNotContain("recognised by");
    assertThat(json(out).get("transcript")).isEmpty();
    assertThat(json(out).get("transcriptSource").isNull()).isTrue();
  }

  @Test
  void aLanguageWithoutAModelIsSaidPlainlyAndAModelInstalledForItIsUsed() throws Exception {
    Path data = work.resolve("data-zh");
    Cli.Result missing =
        Cli.run(
            data,
            work,
            "analyze",
            "--quiet",
            "--format",
            "json",
            "--out",
            Files.createTempDirectory(work, "out").toString(),
            "--lang",
            "zh",
            call.toString());
    assertThat(missing.exitCode()).as(missing.stderr()).isZero();
    assertThat(missing.stdout())
        .contains("warning: no speech recognition model for language 'zh' is installed");

    Path notAModel = Files.createDirectories(work.resolve("not-a-model"));
    Files.writeString(notAModel.resolve("notes.txt"), "hello");
    Cli.Result refused =
        Cli.run(data, work, "models", "install", notAModel.toString(), "--lang", "zh");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.stderrLines())
        .singleElement()
        .asString()
        .contains(notAModel.toString())
        .contains("not a Vosk model folder");
    assertThat(data.resolve("models"))
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());

    Path english = Cli.root().resolve("resources/models/asr-en/model");
    Cli.Result installed =
        Cli.run(data, work, "models", "install", english.toString(), "--lang", "zh");
    assertThat(installed.exitCode()).as(installed.stderr()).isZero();
    assertThat(installed.stdout()).contains("installed asr-zh-model (zh");

    Path out = Files.createTempDirectory(work, "out");
    Cli.Result used =
        Cli.run(
            data,
            work,
            "analyze",
            "--quiet",
            "--format",
            "json",
            "--out",
            out.toString(),
            "--lang",
            "zh",
            call.toString());
    assertThat(used.exitCode()).as(used.stderr()).isZero();
    assertThat(used.stdout()).contains("recognised by asr-zh-model model (zh)");
    Cli.Result list = Cli.run(data, work, "models", "list");
    assertThat(list.stdout()).contains("asr-zh-model").contains("asr-en");
  }

  private static JsonNode json(Path out) throws Exception {
    try (Stream<Path> files = Files.list(out)) {
      Path json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
      return new ObjectMapper().readTree(json.toFile());
    }
  }
}
