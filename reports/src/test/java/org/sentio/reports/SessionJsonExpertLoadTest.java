package org.sentio.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sentio.affect.fusion.ExpertTelemetry;
import org.sentio.affect.pipeline.ModelUse;
import org.sentio.affect.pipeline.SessionResult;

/** The expert load and the model runtime note in the session JSON, against the published schema. */
class SessionJsonExpertLoadTest {
  private static SessionResult withLoad(ExpertTelemetry load) {
    SessionResult r = SampleSession.result(true);
    return r.toBuilder()
        .models(
            List.of(
                new ModelUse(
                    "fusion-moe", "1.0.0", "ab".repeat(32), "CPU", "fused com.microsoft.MoE, CPU")))
        .expertLoad(load)
        .build();
  }

  @Test
  void theExpertLoadIsWrittenAsTheSchemaAndDocsSay() throws Exception {
    ObjectNode json =
        SessionJson.toTree(
            3, withLoad(new ExpertTelemetry(4, 2, 1.25, 64, 5, new long[] {4, 3, 3, 0}, 2, 1)));
    assertThat(ExportRoundTripTest.validate(json)).isEmpty();
    JsonNode load = json.get("expertLoad");
    assertThat(load.get("windowsPerExpert").toString()).isEqualTo("[4,3,3,0]");
    assertThat(load.get("share").get(0).asDouble()).isEqualTo(0.8);
    assertThat(load.get("idleExperts").toString()).isEqualTo("[3]");
    assertThat(load.get("overflow").asInt()).isEqualTo(2);
    assertThat(load.get("deferredWindows").asInt()).isEqualTo(1);
    assertThat(load.get("capacityFactor").asDouble()).isEqualTo(1.25);
    assertThat(json.get("models").get(0).get("runtime").asText())
        .isEqualTo("fused com.microsoft.MoE, CPU");

    ((ObjectNode) load).put("overflow", -1);
    assertThat(ExportRoundTripTest.validate(json))
        .anySatisfy(m -> assertThat(m).contains("overflow"));
  }

  @Test
  void withoutTelemetryItIsNullAndStillValid() throws Exception {
    ObjectNode json = SessionJson.toTree(3, withLoad(null));
    assertThat(json.get("expertLoad").isNull()).isTrue();
    assertThat(ExportRoundTripTest.validate(json)).isEmpty();
  }
}
