package org.sentio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.pipeline.AnalysisOptions;
import org.sentio.affect.pipeline.AnalysisRequest;
import org.sentio.affect.pipeline.ProgressListener;
import org.sentio.app.SentioHome;
import org.sentio.app.monitoring.AlertRules;
import org.sentio.app.monitoring.Monitoring;
import org.sentio.runtime.DevicePreference;
import org.sentio.runtime.ModelRegistry;

/**
 * The desktop engine's feature cache reports its hits and misses where the Monitoring page reads.
 */
class EngineMetricsTest {
  @TempDir Path data;

  @Test
  void aSecondImportOfTheSameRecordingCountsAsHitsInTheMonitoringRegistry() throws Exception {
    Monitoring monitoring = new Monitoring(Clock.systemUTC(), AlertRules.DEFAULT);
    try (Engine engine =
        new Engine(
            new ModelRegistry(SentioHome.modelsDirectory(), SentioHome.restoreHint()),
            DevicePreference.CPU,
            List.of(),
            data)) {
      engine.observe(monitoring);
      AnalysisRequest request =
          new AnalysisRequest(DesktopHarness.DEMO, null, null, "demo", AnalysisOptions.DEFAULT);

      engine.analyse(request, ProgressListener.NONE, () -> false);
      double hitsAfterFirst = requests(monitoring, "hit");
      double missesAfterFirst = requests(monitoring, "miss");
      engine.analyse(request, ProgressListener.NONE, () -> false);

      assertThat(missesAfterFirst).isPositive();
      // The models ran once (the second analysis read their results from the cache); fusion twice.
      for (String model : List.of("face-detection", "face-expression", "voice-affect")) {
        assertThat(monitoring.registry().find(Monitoring.MODEL_LATENCY).tag("model", model).timer())
            .as(model)
            .isNotNull()
            .satisfies(t -> assertThat(t.count()).isEqualTo(1));
      }
      assertThat(
              monitoring.registry().find(Monitoring.MODEL_LATENCY).tag("model", "fusion").timer())
          .isNotNull()
          .satisfies(t -> assertThat(t.count()).isEqualTo(2));
      assertThat(hitsAfterFirst).isZero();
      assertThat(requests(monitoring, "hit")).isPositive();
    }
  }

  private static double requests(Monitoring monitoring, String result) {
    return monitoring
        .registry()
        .find(Monitoring.CACHE_REQUESTS)
        .tag("result", result)
        .functionCounters()
        .stream()
        .mapToDouble(FunctionCounter::count)
        .sum();
  }
}
