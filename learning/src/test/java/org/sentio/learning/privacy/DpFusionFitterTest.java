package org.sentio.learning.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sentio.affect.fusion.FusionData;
import org.sentio.affect.fusion.FusionTraining;
import org.sentio.affect.fusion.MoeFusion;
import org.sentio.learning.RealWindows;
import org.sentio.runtime.ModelRegistry;

/**
 * {@code train fusion --dp}'s library path: DP-SGD inside the fusion training run on real windows
 * writes a model whose manifest and card state the ε spent, and which loads and fuses.
 */
class DpFusionFitterTest {

  @Test
  void theWrittenModelStatesItsEpsilonAndLoads(@TempDir Path dir) throws Exception {
    DpSgdTrainer.Settings settings = new DpSgdTrainer.Settings(2.0, 1.0, 3.0, 1e-5, 32, 1, 11L);
    List<String> log = new ArrayList<>();
    DpFusionFitter fitter =
        new DpFusionFitter(RealWindows.SMALL, settings, new RdpAccountant(), log::add);
    Path out = dir.resolve(MoeFusion.MODEL);
    FusionTraining.Report report =
        FusionTraining.run(
            RealWindows.host(),
            RealWindows.registry(),
            out,
            RealWindows.SMALL,
            new FusionTraining.Plan(new FusionData.Limits(240, 28, 400), 320, 100, null, false),
            fitter,
            log::add);
    assertThat(report.trainWindows()).isEqualTo(320);
    assertThat(fitter.result().steps()).isEqualTo(10);

    JsonNode privacy =
        new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("privacy");
    assertThat(privacy.get("epsilon").asDouble())
        .isEqualTo(fitter.result().spent().epsilon())
        .isLessThanOrEqualTo(3.0);
    assertThat(privacy.get("delta").asDouble()).isEqualTo(1e-5);
    assertThat(privacy.get("sampling").asText()).isEqualTo("Poisson");
    assertThat(privacy.get("noise").asText()).isEqualTo("seeded (not private)");
    assertThat(Files.readString(out.resolve("MODEL_CARD.md")))
        .contains("**Differential privacy.**")
        .contains(
            String.format(java.util.Locale.ROOT, "ε = %.3f", fitter.result().spent().epsilon()));
    assertThat(log).anyMatch(l -> l.startsWith("DP-SGD: 10 steps"));
    try (MoeFusion fusion = MoeFusion.open(RealWindows.host(), new ModelRegistry(dir, "retrain"))) {
      assertThat(fusion.formulation()).isNotNull();
    }
  }
}
