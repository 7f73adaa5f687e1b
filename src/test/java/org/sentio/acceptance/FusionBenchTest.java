package org.sentio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sentio bench-fusion} prints its table with ratios and writes the same figures as JSON. */
class FusionBenchTest {
  @TempDir Path work;

  @Test
  void printsTheTableAndWritesTheJson() throws Exception {
    Path json = work.resolve("bench.json");
    Cli.Result result =
        Cli.run(
            work.resolve("data"),
            work,
            "bench-fusion",
            "--repeat",
            "1",
            "--device",
            "cpu",
            "--json",
            json.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("E=16 experts, top-2")
        .contains("MoE, fused com.microsoft.MoE")
        .contains("MoE, standard ops")
        .contains("dense FFN, same parameter count")
        .contains("1.00×");
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertThat(figures.get("results")).hasSize(6);
    assertThat(figures.get("results").findValuesAsText("batch")).containsOnly("1", "64");
    long moe = figures.get("moe").get("parameters").asLong();
    long dense = figures.get("dense").get("parameters").asLong();
    assertThat(Math.abs(moe - dense)).isLessThan(moe / 100);
  }
}
