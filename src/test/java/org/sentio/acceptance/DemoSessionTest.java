package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command: the demo session analysed end to end, stored and shown. */
class DemoSessionTest {
  @TempDir static Path work;
  private static Path data;
  private static Path out;
  private static Cli.Result analysis;
  private static JsonNode json;

  @BeforeAll
  static void analyseTheDemo() throws Exception {
    data = work.resolve("data");
    out = work.resolve("out");
    analysis =
        Cli.run(
            data,
            work,
            "analyze",
            Cli.demoVideo().toString(),
            "--transcript",
            Cli.demoTranscript().toString(),
            "--title",
            "Demo call",
            "--out",
            out.toString());
    Path jsonFile = out.resolve("demo-call-1.json");
    json = Files.exists(jsonFile) ? new ObjectMapper().readTree(jsonFile.toFile()) : null;
  }

  @Test
  void succeedsAndPrintsAReadableSummary() {
    assertThat(analysis.exitCode()).as(analysis.stderr()).isZero();
    assertThat(analysis.stdout())
        .contains("Session 1 \"Demo call\"")
        .contains("face   present in")
        .contains("voice  present in")
        .contains("text   present in")
        .contains("fused  dominant: happy");
  }

  @Test
  void showsProgressWithAnEstimateOnStderr() {
    assertThat(analysis.stderr()).contains("analysing media").contains("ETA");
  }

  @Test
  void someWindowsHaveFaceVoiceAndTextAllPresent() {
    int allThree = 0;
    for (JsonNode window : json.get("windows")) {
      JsonNode m = window.get("modalities");
      if (m.get("face").get("present").asBoolean()
          && m.get("voice").get("present").asBoolean()
          && m.get("text").get("present").asBoolean()) {
        allThree++;
      }
    }
    assertThat(allThree).isGreaterThan(json.get("windows").size() / 2);
  }

  @Test
  void theFaceReadsHappyOnTheAstronautFrames() {
    int faceWindows = 0;
    for (JsonNode window : json.get("windows")) {
      JsonNode face = window.get("modalities").get("face");
      assertThat(face.get("present").asBoolean()).as("a face in every window").isTrue();
      JsonNode p = face.get("emotions");
      String top = "neutral";
      for (String label : List.of("happy", "sad", "angry", "fearful", "disgusted", "surprised")) {
        if (p.get(label).asDouble() > p.get(top).asDouble()) {
          top = label;
        }
      }
      assertThat(top).isEqualTo("happy");
      faceWindows++;
    }
    assertThat(faceWindows).isEqualTo(json.get("windows").size());
  }

  @Test
  void theAstronautIsOneTrackedPersonSeenInEveryWindow() {
    JsonNode tracks = json.get("faceTracks");
    assertThat(tracks).hasSize(1);
    assertThat(tracks.get(0).get("windows")).hasSize(json.get("windows").size());
    assertThat(tracks.get(0).get("windows").get(0).get("emotions").get("happy").asDouble())
        .isGreaterThan(0.5);
  }

  @Test
  void theJsonCarriesTheSchemaModelsAndTranscript() {
    assertThat(json.get("schema").asText()).isEqualTo("sentio-session/1");
    assertThat(json.get("models").findValuesAsText("name"))
        .contains("face-detector", "face-expression-blend", "voice-activity");
    assertThat(json.get("transcript")).hasSize(4);
    assertThat(json.get("durationSeconds").asDouble()).isBetween(16.5, 18.0);
    assertThat(json.get("media").get("video").get("width").asInt()).isEqualTo(512);
  }

  @Test
  void theCsvHasAHeaderAndOneRowPerWindow() throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("demo-call-1.csv"));
    assertThat(lines.get(0)).startsWith("window,start,end,face_present,face_absence,face_neutral");
    assertThat(lines).hasSize(json.get("windows").size() + 1);
    assertThat(lines.get(1).split(",", -1)).hasSize(lines.get(0).split(",").length);
  }

  @Test
  void aNewProcessShowsTheStoredSession() throws Exception {
    Cli.Result show = Cli.run(data, work, "sessions", "show", "1");

    assertThat(show.exitCode()).as(show.stderr()).isZero();
    assertThat(show.stdout())
        .contains("Demo call")
        .contains("I am really happy that you fixed my problem so quickly.")
        .contains("model  face-expression");
    long windowLines =
        show.stdout().lines().filter(l -> l.matches("^\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\s+.*")).count();
    assertThat(windowLines).isEqualTo(json.get("windows").size());

    Cli.Result list = Cli.run(data, work, "sessions", "list");
    assertThat(list.stdout()).contains("Demo call").contains("done");
  }

  @Test
  void theStoredSessionCarriesItsExpertLoadAndTheFormulationChosen() throws Exception {
    Cli.Result show = Cli.run(data, work, "sessions", "show", "1");

    assertThat(show.stdout())
        .containsPattern("model  fusion-moe 1\\.0\\.0 on CPU \\(sha256 \\w+\\); .*, CPU, chosen: ")
        .contains("windows routed to the top 2 of 16 experts")
        .contains("capacity overflow")
        .contains("capacity factor 1.25")
        .contains("coefficient of variation")
        .contains("idle experts");
    JsonNode load = json.get("expertLoad");
    assertThat(load.get("windows").asInt()).isEqualTo(json.get("windows").size());
    long routed = 0;
    for (JsonNode count : load.get("windowsPerExpert")) {
      routed += count.asLong();
    }
    assertThat(routed).isEqualTo(2L * load.get("windows").asInt());
  }
}
