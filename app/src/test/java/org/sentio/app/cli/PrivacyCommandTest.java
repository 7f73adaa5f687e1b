package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sentio privacy epsilon}: figures, the noise search and its refusals. */
class PrivacyCommandTest {

  @Test
  void printsTheTensorFlowPrivacyTutorialFigureAsJson() throws Exception {
    // TF Privacy classification tutorial: n 60000, batch 250, sigma 1.3, 3 epochs -> 0.563 at 18.
    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run(
            "privacy",
            "epsilon",
            "--sampling-rate",
            String.valueOf(250 / 60000.0),
            "--noise-multiplier",
            "1.3",
            "--steps",
            "720",
            "--delta",
            "1e-5",
            "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("epsilon").asDouble()).isCloseTo(0.563, within(0.005));
    assertThat(json.get("delta").asDouble()).isEqualTo(1e-5);
    assertThat(json.get("order").asDouble()).isEqualTo(18.0);
  }

  @Test
  void targetEpsilonPrintsTheSmallestNoiseWithinIt() throws Exception {
    EvaluateCommandTest.Run run =
        EvaluateCommandTest.run(
            "privacy",
            "epsilon",
            "--sampling-rate",
            "0.01",
            "--target-epsilon",
            "2.0",
            "--steps",
            "1000",
            "--delta",
            "1e-5",
            "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("epsilon").asDouble()).isLessThanOrEqualTo(2.0).isGreaterThan(1.99);
    assertThat(json.get("noise_multiplier").asDouble()).isBetween(1.0, 1.1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--sampling-rate 0 --noise-multiplier 1 --steps 10 --delta 1e-5 | --sampling-rate must lie in (0, 1]",
        "--sampling-rate 1.5 --noise-multiplier 1 --steps 10 --delta 1e-5 | --sampling-rate must lie in (0, 1]",
        "--sampling-rate 0.1 --noise-multiplier 0 --steps 10 --delta 1e-5 | --noise-multiplier must be above 0",
        "--sampling-rate 0.1 --noise-multiplier -1 --steps 10 --delta 1e-5 | --noise-multiplier must be above 0",
        "--sampling-rate 0.1 --noise-multiplier 1 --steps 0 --delta 1e-5 | --steps must be at least 1",
        "--sampling-rate 0.1 --noise-multiplier 1 --steps 10 --delta 0 | --delta must lie in (0, 1)",
        "--sampling-rate 0.1 --noise-multiplier 1 --steps 10 --delta 1 | --delta must lie in (0, 1)",
        "--sampling-rate 0.1 --steps 10 --delta 1e-5 | either --noise-multiplier S or --target-epsilon E",
        "--sampling-rate 0.1 --target-epsilon -1 --steps 10 --delta 1e-5 | --target-epsilon must be above 0",
      })
  void refusesBadInputWithOneLineAndExitTwo(String arguments, String message) {
    String[] args = ("privacy epsilon " + arguments).split(" ");
    EvaluateCommandTest.Run run = EvaluateCommandTest.run(args);
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }
}
