package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentio bench} on the demo session, and on input it must refuse. */
class BenchCommandTest {
  private static Path demo;

  @BeforeAll
  static void locate() {
    EvaluateCommandTest.locate();
    demo =
        Path.of(System.getProperty("sentio.root.dir", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("resources/demo/demo.mp4");
  }

  @Test
  void measuresTheDemoAndWritesEveryFigureAsJson(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bench.json");
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "bench", demo.toString(), "--repeat", "1", "--json", json.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("analysis / decode")
        .contains("real-time factor")
        .contains("faceDetection")
        .contains("peak Java heap");
    JsonNode f = new ObjectMapper().readTree(json.toFile());
    assertThat(f.get("schema").asText()).isEqualTo(BenchCommand.SCHEMA);
    assertThat(f.get("mediaSeconds").asDouble()).isBetween(16.0, 18.0);
    double analysis = f.get("analysisSeconds").asDouble();
    double decode = f.get("decodeOnlySeconds").asDouble();
    assertThat(analysis).isPositive();
    assertThat(decode).isPositive();
    assertThat(f.get("analysisToDecode").asDouble()).isCloseTo(analysis / decode, within(1e-9));
    assertThat(f.get("framesAnalysed").asLong())
        .as("5 frames a second of 17 s")
        .isBetween(80L, 90L);
    JsonNode stages = f.get("stageSeconds");
    for (String stage :
        new String[] {
          "decode", "faceDetection", "expression", "vad", "voiceFeatures", "text", "fusion", "store"
        }) {
      assertThat(stages.has(stage)).as(stage).isTrue();
      assertThat(stages.get(stage).asDouble()).as(stage).isGreaterThanOrEqualTo(0);
    }
    assertThat(stages.get("faceDetection").asDouble()).isPositive();
    assertThat(stages.get("voiceFeatures").asDouble()).isPositive();
    assertThat(stages.get("store").asDouble()).isPositive();
    assertThat(f.get("peakHeapMiB").asDouble()).isPositive();
    if (Files.isReadable(Path.of("/proc/self/status"))) {
      assertThat(f.get("peakRssMiB").asDouble()).isGreaterThan(f.get("peakHeapMiB").asDouble() / 4);
    }
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere.mp4");
    EvaluateCommandTest.Run r = EvaluateCommandTest.run("bench", missing.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("nowhere.mp4").contains("no such file");
  }

  @Test
  void badSettingsAreRefusedBeforeAnythingRuns(@TempDir Path dir) {
    EvaluateCommandTest.Run repeat =
        EvaluateCommandTest.run("bench", demo.toString(), "--repeat", "0");
    assertThat(repeat.exit()).isEqualTo(2);
    assertThat(repeat.err()).contains("--repeat must be between 1 and 50, got 0");

    EvaluateCommandTest.Run json =
        EvaluateCommandTest.run(
            "bench", demo.toString(), "--json", dir.resolve("no/such/folder.json").toString());
    assertThat(json.exit()).isEqualTo(2);
    assertThat(json.err()).contains("folder.json").contains("its folder does not exist");

    EvaluateCommandTest.Run both =
        EvaluateCommandTest.run("bench", demo.toString(), "--plain-path", "--compare-plain");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("exclude each other");
  }
}
