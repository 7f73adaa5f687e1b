package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sentio analyze call.wav} on a stereo call recording with one party per channel, built with
 * sox from two RAVDESS actors (actor 05 on the left speaks first, actor 06 answers on the right):
 * with no other input it prints the words and each speaker's readings, and the exports carry them
 * per speaker.
 */
class StereoCallCliTest {
  @TempDir static Path work;
  private static Path call;

  @BeforeAll
  static void makeCall() throws Exception {
    Path data = Cli.shared().resolve("data/speech_ravdess_train");
    String first = data.resolve("Actor_05/03-01-01-01-01-01-05.flac").toString();
    String second = data.resolve("Actor_06/03-01-05-02-02-02-06.flac").toString();
    // Each side: its own clip where it speaks, silence of the other clip's length where the
    // other party speaks, one second of silence before each turn.
    Cli.tool(work, "sox", first, "-r", "16000", "-c", "1", "-b", "16", "a.wav", "pad", "1", "0");
    Cli.tool(work, "sox", second, "-r", "16000", "-c", "1", "-b", "16", "b.wav", "pad", "1", "1");
    Cli.tool(work, "sox", "a.wav", "a-quiet.wav", "vol", "0");
    Cli.tool(work, "sox", "b.wav", "b-quiet.wav", "vol", "0");
    Cli.tool(work, "sox", "a.wav", "b-quiet.wav", "left.wav");
    Cli.tool(work, "sox", "a-quiet.wav", "b.wav", "right.wav");
    call = work.resolve("call.wav");
    Cli.tool(work, "sox", "-M", "left.wav", "right.wav", call.toString());
  }

  @Test
  void analyzePrintsWordsAndPerSpeakerReadingsOfEachChannel() throws Exception {
    Path data = work.resolve("data");
    Path out = Files.createTempDirectory(work, "out");

    Cli.Result result =
        Cli.run(
            data,
            work,
            "analyze",
            "--quiet",
            "--format",
            "csv,json",
            "--out",
            out.toString(),
            call.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("words  recognised by asr-en 0.3.45 (en): 2 utterances")
        .contains("S1 agent  kids are talking by the door")
        .contains("S2 customer  dogs are sitting by the door")
        .containsPattern("S1 agent \\(left channel\\)  voice \\d+/\\d+ windows, text [1-9]")
        .containsPattern("S2 customer \\(right channel\\)  voice \\d+/\\d+ windows, text [1-9]")
        .doesNotContain("warning");
    JsonNode json;
    try (Stream<Path> files = Files.list(out)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.endsWith("-speakers.csv"));
      json =
          new ObjectMapper()
              .readTree(
                  out.resolve(names.stream().filter(n -> n.endsWith(".json")).findFirst().get())
                      .toFile());
    }
    assertThat(json.get("speakers").get(0).get("channel").asInt()).isZero();
    assertThat(json.get("speakers").get(1).get("channel").asInt()).isEqualTo(1);
    assertThat(json.get("speakers").get(1).get("faceTrackNote").asText()).startsWith("no video");
    int heard = 0;
    for (JsonNode window : json.get("windows")) {
      assertThat(window.get("bySpeaker")).hasSize(2);
      if (window.get("bySpeaker").get(1).get("text").get("present").asBoolean()) {
        heard++;
        assertThat(window.get("speakers").toString()).contains("S2");
      }
    }
    assertThat(heard).isPositive();
    assertThat(json.get("models").toString()).doesNotContain("speaker-xvector");
  }
}
