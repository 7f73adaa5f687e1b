package org.sentio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.SessionResult;
import org.sentio.app.store.SampleSessions;

/** What {@code sentio sessions show} says about the expert load. */
class SessionPrinterExpertLoadTest {
  private static String expertLines(SessionResult r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SessionPrinter.expertLoad(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static SessionResult with(ExpertTelemetry load, String fusion) {
    SessionResult r = SampleSessions.sample("call", 4);
    return r.toBuilder().fusionMethod(fusion).expertLoad(load).build();
  }

  @Test
  void showsSharesOverflowWithItsFactorBalanceAndIdleExperts() {
    String text =
        expertLines(
            with(
                new ExpertTelemetry(
                    10, 2, 1.25, 64, 8, new long[] {8, 4, 4, 0, 0, 0, 0, 0, 0, 0}, 3, 2),
                "moe"));
    assertThat(text)
        .contains("8 windows routed to the top 2 of 10 experts")
        .contains("e0  100.0%")
        .contains("e1   50.0%")
        .contains("e9    0.0%")
        .contains("capacity overflow 3 (capacity factor 1.25, batches of up to 64); 2 re-runs")
        .contains("coefficient of variation 1.66")
        .contains("idle experts: 7 (e3, e4, e5, e6, e7, e8, e9)");
  }

  @Test
  void aSessionWithoutTelemetrySaysSoWithItsFusion() {
    assertThat(expertLines(with(null, "confidence-weighted (fallback: no MoE model)")))
        .isEqualTo(
            "  experts no expert telemetry (fusion: confidence-weighted (fallback: no MoE model))"
                + System.lineSeparator());
  }
}
