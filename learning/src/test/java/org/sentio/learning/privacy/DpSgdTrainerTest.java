package org.sentio.learning.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sentio.affect.fusion.MoeTrainer;
import org.sentio.affect.train.AffectMlpTrainer;
import org.sentio.learning.RealWindows;

/** DP-SGD with the real DJL trainer on small real fusion windows. */
class DpSgdTrainerTest {
  static MoeTrainer.Windows train;
  static MoeTrainer.Windows held;

  @BeforeAll
  static void data() throws Exception {
    train = RealWindows.train(320, 1L);
    held = RealWindows.heldOut(140, 2L);
  }

  private static DpSgdTrainer.Settings settings(double sigma, double epsilon, int epochs) {
    return new DpSgdTrainer.Settings(sigma, 1.0, epsilon, 1e-5, 32, epochs, 5L);
  }

  @Test
  void aWindowsGradientDoesNotCarryIntoTheNext() {
    MoeTrainer trainer = new MoeTrainer(RealWindows.SMALL);
    DpSgdTrainer dp = new DpSgdTrainer(trainer, settings(1.0, 2.0, 1));
    AffectMlpTrainer.configureEngine();
    try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
      Map<String, NDArray> p = MoeTrainer.trainable(manager, trainer.initialWeights());
      float[] first = dp.exampleGradient(manager, p, train, 3, new Random(1)).get("wc");
      dp.exampleGradient(manager, p, train, 7, new Random(1));
      float[] again = dp.exampleGradient(manager, p, train, 3, new Random(1)).get("wc");
      assertThat(again).containsExactly(first);
      assertThat(first).isNotEqualTo(new float[first.length]);
    }
  }

  @Test
  void withAlmostNoNoiseItLearnsAsThePlainTrainerDoes() {
    MoeTrainer trainer = new MoeTrainer(RealWindows.SMALL);
    double plain = RealWindows.accuracy(trainer.train(train, e -> {}), held);
    DpSgdTrainer.Result result =
        new DpSgdTrainer(trainer, new DpSgdTrainer.Settings(1e-3, 1.0, 1e9, 1e-5, 32, 3, 5L))
            .train(train, trainer.initialWeights(), new RdpAccountant(), s -> {});
    assertThat(result.steps()).isEqualTo(30);
    double dp = RealWindows.accuracy(result.weights(), held);
    assertThat(dp).as("DP-SGD %s vs plain %s", dp, plain).isGreaterThan(plain - 0.05);
    assertThat(dp).isGreaterThan(1 / 7.0 + 0.05);
  }

  @Test
  void stopsBeforeTheStepThatWouldSpendTheBudget() {
    MoeTrainer trainer = new MoeTrainer(RealWindows.SMALL);
    DpSgdTrainer.Result result =
        new DpSgdTrainer(trainer, settings(2.0, 1.5, 50))
            .train(train, trainer.initialWeights(), new RdpAccountant(), s -> {});
    assertThat(result.stoppedByBudget()).isTrue();
    assertThat(result.spent().epsilon()).isLessThanOrEqualTo(1.5);
    double oneMore =
        new RdpAccountant()
            .plusSteps(result.samplingRate(), 2.0, result.steps() + 1)
            .spent(1e-5)
            .epsilon();
    assertThat(oneMore).isGreaterThan(1.5);
  }

  @Test
  void composesWithEarlierRunsAndRefusesWhenTheBudgetIsSpent() {
    MoeTrainer trainer = new MoeTrainer(RealWindows.SMALL);
    DpSgdTrainer dp = new DpSgdTrainer(trainer, settings(2.0, 3.0, 1));
    DpSgdTrainer.Result first =
        dp.train(train, trainer.initialWeights(), new RdpAccountant(), s -> {});
    assertThat(first.stoppedByBudget()).isFalse();
    DpSgdTrainer.Result second = dp.train(train, first.weights(), first.run(), s -> {});
    assertThat(second.composed().epsilon())
        .isGreaterThan(first.spent().epsilon())
        .isLessThanOrEqualTo(3.0);
    RdpAccountant spent = first.run().plus(second.run());
    assertThatThrownBy(
            () ->
                new DpSgdTrainer(trainer, settings(2.0, spent.spent(1e-5).epsilon(), 1))
                    .train(train, second.weights(), spent, s -> {}))
        .isInstanceOf(DpSgdTrainer.BudgetSpentException.class)
        .hasMessageStartingWith("privacy budget already spent: earlier DP runs");
  }

  @Test
  void refusesSettingsThatGiveNoGuarantee() {
    assertThatThrownBy(() -> settings(0, 2, 1).check(320)).hasMessageContaining("noise multiplier");
    assertThatThrownBy(() -> new DpSgdTrainer.Settings(1, 0, 2, 1e-5, 32, 1, null).check(320))
        .hasMessageContaining("clipping norm");
    assertThatThrownBy(() -> settings(1, 0, 1).check(320)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new DpSgdTrainer.Settings(1, 1, 2, 0.01, 32, 1, null).check(320))
        .hasMessageContaining("delta must lie in (0, 1/n]");
    assertThatThrownBy(() -> new DpSgdTrainer.Settings(1, 1, 2, 1e-5, 500, 1, null).check(320))
        .hasMessageContaining("expected batch");
  }
}
