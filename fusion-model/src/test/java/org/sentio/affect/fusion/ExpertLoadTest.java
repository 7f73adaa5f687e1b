package org.sentio.affect.fusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sentio.affect.ExpertChoice;
import org.sentio.affect.FusedEstimate;

class ExpertLoadTest {
  private static FusedEstimate routed(int a, int b) {
    return new FusedEstimate(
        null,
        Double.NaN,
        Double.NaN,
        0,
        Map.of(),
        List.of(new ExpertChoice(a, 0.6), new ExpertChoice(b, 0.4)),
        "moe");
  }

  @Test
  void evenLoadHasNoOverflowAndZeroVariation() {
    List<FusedEstimate> fused = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      fused.add(routed(i % 4, (i + 1) % 4));
    }
    ExpertLoad load = ExpertLoad.of(fused, 4, 1.0, 8);
    assertThat(load.share()).containsExactly(0.25, 0.25, 0.25, 0.25);
    assertThat(load.overflow()).isZero();
    assertThat(load.coefficientOfVariation()).isCloseTo(0, offset(1e-12));
    assertThat(load.idle()).isZero();
  }

  @Test
  void allToTwoExpertsOverflowsTheirCapacity() {
    List<FusedEstimate> fused = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      fused.add(routed(0, 1));
    }
    // capacity = ceil(1.0 * 8 * 2 / 4) = 4 per expert; experts 0 and 1 get 8 each.
    ExpertLoad load = ExpertLoad.of(fused, 4, 1.0, 8);
    assertThat(load.overflow()).isEqualTo(8);
    assertThat(load.idle()).isEqualTo(2);
    assertThat(load.maxOverMean()).isCloseTo(2.0, offset(1e-12));
    assertThat(load.coefficientOfVariation()).isCloseTo(1.0, offset(1e-12));
  }
}
