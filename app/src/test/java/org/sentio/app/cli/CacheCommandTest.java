package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.app.CacheSettings;

/**
 * {@code sentio analyze} with the feature cache and {@code sentio cache stats|clear|size}: the demo
 * analysed twice reports hits the second time, the stats count them, clear empties the cache, and
 * bad input is one line with exit code 2.
 */
class CacheCommandTest {
  private static Path demo;

  @BeforeAll
  static void locate() {
    String root = System.getProperty("sentio.root.dir", "..");
    Path home = Path.of(root).toAbsolutePath().normalize();
    System.setProperty("sentio.home", home.toString());
    demo = home.resolve("resources/demo/demo.mp4");
  }

  @Test
  void aSecondAnalysisReportsHitsAndTheStatsAndClearSeeThem(@TempDir Path data) throws Exception {
    String[] analyze = {
      "analyze",
      demo.toString(),
      "--asr",
      "off",
      "--data-dir",
      data.toString(),
      "--out",
      data.resolve("out").toString()
    };
    EvaluateCommandTest.Run first = EvaluateCommandTest.run(analyze);
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.err()).contains("feature cache: face miss, voice miss");
    EvaluateCommandTest.Run second = EvaluateCommandTest.run(analyze);
    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.err()).contains("feature cache: face hit (disk), voice hit (disk)");
    assertThat(Files.isRegularFile(data.resolve("feature-cache/feature-cache.db"))).isTrue();

    EvaluateCommandTest.Run stats =
        EvaluateCommandTest.run("cache", "stats", "--json", "--data-dir", data.toString());
    assertThat(stats.exit()).as(stats.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(stats.out());
    long diskHits = 0;
    long diskEntries = 0;
    for (JsonNode row : json.get("rows")) {
      if (row.get("level").asText().equals("disk")) {
        diskHits += row.get("hits").asLong();
        diskEntries += row.get("entries").asLong();
      }
    }
    assertThat(diskHits).isEqualTo(3);
    assertThat(diskEntries).isEqualTo(3);

    EvaluateCommandTest.Run clear =
        EvaluateCommandTest.run("cache", "clear", "--data-dir", data.toString());
    assertThat(clear.exit()).as(clear.err()).isZero();
    assertThat(clear.out()).contains("3 entries dropped");
    EvaluateCommandTest.Run after =
        EvaluateCommandTest.run("cache", "stats", "--data-dir", data.toString());
    assertThat(after.out()).contains("total: 0 hits, 0 misses on disk, 0 entries, 0 bytes");
  }

  @Test
  void theSizeIsSetShownAndCheckedAndOffAnalysesWithoutTheCache(@TempDir Path data)
      throws Exception {
    EvaluateCommandTest.Run set =
        EvaluateCommandTest.run("cache", "size", "64", "--data-dir", data.toString());
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(CacheSettings.load(data).maxMegabytes()).isEqualTo(64);
    assertThat(EvaluateCommandTest.run("cache", "size", "--data-dir", data.toString()).out())
        .isEqualTo("64 MB" + System.lineSeparator());

    for (String bad : new String[] {"lots", "-1", "100001"}) {
      EvaluateCommandTest.Run refused =
          EvaluateCommandTest.run("cache", "size", bad, "--data-dir", data.toString());
      assertThat(refused.exit()).as(bad).isEqualTo(2);
      assertThat(refused.err().strip()).startsWith("sentio: cache size:").doesNotContain("\n");
    }
    assertThat(CacheSettings.load(data).maxMegabytes()).as("nothing overwritten").isEqualTo(64);

    EvaluateCommandTest.Run badSwitch =
        EvaluateCommandTest.run(
            "analyze", demo.toString(), "--cache", "maybe", "--data-dir", data.toString());
    assertThat(badSwitch.exit()).isEqualTo(2);
    assertThat(badSwitch.err()).contains("--cache: say on or off, not 'maybe'");
  }
}
