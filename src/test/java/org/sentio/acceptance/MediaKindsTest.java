package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Video without a face, audio alone, and text alone: the other modalities say why they are absent.
 */
class MediaKindsTest {
  @TempDir Path work;

  @Test
  void aCatVideoHasNoFaceInAnyWindow() throws Exception {
    Path cat = work.resolve("cat.mp4");
    Cli.tool(
        work,
        "ffmpeg",
        "-v",
        "error",
        "-loop",
        "1",
        "-framerate",
        "25",
        "-i",
        Cli.shared().resolve("testdata/faces/chelsea.png").toString(),
        "-t",
        "4",
        "-vf",
        "scale=450:300",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        cat.toString());

    JsonNode session = analyse(cat.toString());

    for (JsonNode window : session.get("windows")) {
      JsonNode face = window.get("modalities").get("face");
      assertThat(face.get("present").asBoolean()).isFalse();
      assertThat(face.get("absence").asText()).isEqualTo("no face");
    }
    assertThat(session.get("windows")).hasSizeGreaterThanOrEqualTo(7);
  }

  @Test
  void audioAloneGivesVoiceWithFaceAbsent() throws Exception {
    Path speech = work.resolve("speech.wav");
    Cli.tool(
        work,
        "espeak-ng",
        "-v",
        "en",
        "-s",
        "140",
        "-w",
        speech.toString(),
        "I have been waiting on the phone for an hour and nobody can help me.");

    JsonNode session = analyse("--asr", "off", speech.toString());

    int voice = 0;
    for (JsonNode window : session.get("windows")) {
      JsonNode m = window.get("modalities");
      assertThat(m.get("face").get("absence").asText()).isEqualTo("no face");
      assertThat(m.get("face").get("absenceDetail").asText()).isEqualTo("no video stream");
      assertThat(m.get("text").get("absence").asText()).isEqualTo("no text");
      if (m.get("voice").get("present").asBoolean()) {
        voice++;
        assertThat(m.get("voice").get("arousal").isNumber()).isTrue();
      }
    }
    assertThat(voice).isGreaterThan(session.get("windows").size() / 2);
    assertThat(session.get("media").get("video").isNull()).isTrue();
  }

  @Test
  void textAloneGivesTextWithFaceAndVoiceAbsent() throws Exception {
    JsonNode session = analyse("--text", "This is ridiculous, I want a refund now!\n谢谢你，我很开心");

    assertThat(session.get("transcript")).hasSize(2);
    int text = 0;
    for (JsonNode window : session.get("windows")) {
      JsonNode m = window.get("modalities");
      assertThat(m.get("face").get("present").asBoolean()).isFalse();
      assertThat(m.get("voice").get("present").asBoolean()).isFalse();
      if (m.get("text").get("present").asBoolean()) {
        text++;
      }
    }
    assertThat(text).isPositive();
    JsonNode first = session.get("transcript").get(0).get("affect");
    assertThat(first.get("valence").asDouble()).isNegative();
    JsonNode second = session.get("transcript").get(1).get("affect");
    assertThat(second.get("valence").asDouble()).isPositive();
  }

  private JsonNode analyse(String... input) throws Exception {
    Path out = Files.createTempDirectory(work, "out");
    String[] args =
        Stream.concat(
                Stream.of("analyze", "--quiet", "--format", "json", "--out", out.toString()),
                Stream.of(input))
            .toArray(String[]::new);
    Cli.Result result = Cli.run(work.resolve("data"), work, args);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    try (Stream<Path> files = Files.list(out)) {
      Path json = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
      return new ObjectMapper().readTree(json.toFile());
    }
  }
}
