package org.sentio.learning.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.learning.RealWindows;
import org.sentio.learning.privacy.DpSgdTrainer;

/** The federation simulation on small real windows with the real DJL trainer. */
class FederatedSimulationTest {

  @Test
  void sitesAreNonIidAndEveryWindowGoesToOneSite() throws Exception {
    MoeTrainer.Windows train = RealWindows.train(700, 1L);
    int[][] split = FederatedSimulation.split(train, 3, 4L);
    assertThat(Arrays.stream(split).mapToInt(r -> r.length).sum()).isEqualTo(700);
    for (int site = 0; site < 3; site++) {
      int home = 0;
      int away = 0;
      for (int row : split[site]) {
        if (train.label()[row] % 3 == site) {
          home++;
        } else {
          away++;
        }
      }
      // Home classes are 4x likelier here: far more than their share of an IID split.
      double homeShareOfClasses = site == 0 ? 3 / 7.0 : 2 / 7.0;
      assertThat(home / (double) (home + away)).isGreaterThan(homeShareOfClasses + 0.15);
    }
  }

  @Test
  void fourBitRoundsSendFarFewerBytesAndEveryMethodIsMeasured() throws Exception {
    MoeTrainer.Windows train = RealWindows.train(120, 1L);
    MoeTrainer.Windows held = RealWindows.heldOut(100, 2L);
    DpSgdTrainer.Settings settings = new DpSgdTrainer.Settings(0.5, 1.0, 1e9, 1e-5, 12, 1, 3L);
    FederatedSimulation.Result r =
        new FederatedSimulation(RealWindows.SMALL, settings, line -> {})
            .run(train, held, 2, 2, "0".repeat(64));
    assertThat(r.curves()).hasSize(4);
    FederatedSimulation.Curve float32 = r.curves().get(0);
    FederatedSimulation.Curve int4 = r.curves().get(1);
    assertThat(float32.transport()).isEqualTo(FederatedSimulation.Transport.FLOAT32);
    // This small test model (latent 16) has short rows, so its float32 per-row scales and the
    // header weigh more than in the shipped size, whose >= 80 % UpdateFileTest checks.
    assertThat(1 - int4.bytesPerRound() / (double) float32.bytesPerRound()).isGreaterThan(0.70);
    // Error feedback changes what is sent, not its size (the header differs by a few bytes).
    assertThat(r.curves().get(2).bytesPerRound()).isCloseTo(int4.bytesPerRound(), within(32L));
    for (FederatedSimulation.Curve c : r.curves()) {
      assertThat(c.accuracy()).hasSize(2);
      assertThat(Arrays.stream(c.epsilon()).min().getAsDouble()).isGreaterThan(0);
    }
    assertThat(float32.epsilon()).hasSize(2);
    String table = SimulationReport.markdown(r, settings, 2, 2);
    assertThat(table).contains("| 4-bit FedAvg |").contains("% less)");
    assertThat(SimulationReport.accuracySvg(r)).startsWith("<svg").contains("polyline");
  }
}
