package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentio bench --compare-without-levers} on the demo: speed-up and window agreement. */
class BenchLeversTest {
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
  void theLeversAreTimedBesideThePathWithoutThemAndTheirWindowsCompared(@TempDir Path dir)
      throws Exception {
    Path json = dir.resolve("levers.json");
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "bench",
            demo.toString(),
            "--repeat",
            "1",
            "--asr",
            "off",
            "--face-detect-every",
            "5",
            "--reference-frames-only",
            "--compare-without-levers",
            "--json",
            json.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("face detector every 5 frame(s); reference pictures decoded only")
        .contains("without / with")
        .contains("agreement");
    JsonNode f = new ObjectMapper().readTree(json.toFile());
    assertThat(f.get("comparedWith").asText()).isEqualTo("no levers");
    JsonNode agreement = f.get("agreement");
    assertThat(agreement.get("windows").asInt()).isGreaterThan(30);
    assertThat(agreement.get("facePresencePercent").asDouble()).isBetween(90.0, 100.0);
    assertThat(agreement.get("faceTopPercent").asDouble()).isBetween(80.0, 100.0);
    assertThat(f.get("plainToFast").asDouble()).isPositive();
  }

  @Test
  void comparingWithoutLeversAndWithThePlainPathAtOnceIsRefused() {
    EvaluateCommandTest.Run r =
        EvaluateCommandTest.run(
            "bench", demo.toString(), "--compare-without-levers", "--compare-plain");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--compare-without-levers excludes --compare-plain");
  }
}
