package org.sentio.learning.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sentio.learning.privacy.RdpAccountant.Conversion;

/**
 * The accountant against published values of the reference implementations, and against an
 * independent calculation (src/test/resources/privacy/rdp_reference.py: TensorFlow Privacy's
 * algorithm in Python with SciPy's exact binomials and log_ndtr tails).
 */
class RdpAccountantTest {

  private static RdpAccountant.Spent spent(
      double q, double sigma, long steps, double delta, Conversion conversion) {
    return new RdpAccountant().plusSteps(q, sigma, steps).spent(delta, conversion);
  }

  /**
   * Published: TensorFlow Privacy tutorial "Implement Differential Privacy with TensorFlow Privacy"
   * (tensorflow.org/responsible_ai/privacy/tutorials/classification_privacy): n = 60000, batch 250,
   * noise multiplier 1.3, 3 epochs, δ = 1e-5 — "satisfies differential privacy with eps = 0.563 and
   * delta = 1e-05. The optimal RDP order is 18.0" (improved conversion). Quoted from that page by
   * the stop that wrote this test; rdp_reference.py reproduces it independently (0.563173 at order
   * 18), the classic conversion would give 0.790.
   */
  @Test
  void matchesTheTensorFlowPrivacyClassificationTutorial() {
    RdpAccountant.Spent s = spent(250 / 60000.0, 1.3, 3 * 60000 / 250, 1e-5, Conversion.IMPROVED);
    assertThat(s.epsilon()).isCloseTo(0.563, within(0.005));
    assertThat(s.order()).isEqualTo(18.0);
  }

  /**
   * The setting of TensorFlow Privacy's MNIST DP-SGD tutorial (noise multiplier 1.1, batch 256 of
   * 60000, 60 epochs = ceil(60 · 60000 / 256) = 14063 steps, δ = 1e-5). Not tested as a published
   * value: an earlier stop attributed ε = 3.01 to the tutorials' README table, and that page could
   * not be re-read offline. The figure itself is consistent with the accountant: with the classic
   * conversion (TF Privacy before 0.8) it is 3.0084 at order 8.8 over Sentio's orders and 3.0092 at
   * order 9 over TF Privacy's (both 3.01 to 2 decimals); with the improved conversion, Sentio's
   * default, it is 2.5967 at order 8.1 (2.5971 at 8 over TF Privacy's orders), which is what a
   * comparison of 3.01 with {@code spent(delta)} would have missed. Expected values:
   * rdp_reference.py.
   */
  @Test
  void matchesThePythonCalculationForTheMnistTutorialSetting() {
    RdpAccountant.Spent s = spent(256 / 60000.0, 1.1, 14063, 1e-5, Conversion.CLASSIC);
    assertThat(s.epsilon()).isCloseTo(3.008381, within(5e-4));
    assertThat(s.order()).isEqualTo(8.8);
    RdpAccountant tfOrders =
        new RdpAccountant(TF_PRIVACY_ORDERS).plusSteps(256 / 60000.0, 1.1, 14063);
    assertThat(tfOrders.spent(1e-5, Conversion.CLASSIC).epsilon())
        .isCloseTo(3.009211, within(5e-4));
    assertThat(tfOrders.spent(1e-5, Conversion.CLASSIC).order()).isEqualTo(9.0);
    assertThat(tfOrders.spent(1e-5, Conversion.IMPROVED).epsilon())
        .isCloseTo(2.597080, within(5e-4));
    assertThat(spent(256 / 60000.0, 1.1, 14063, 1e-5, Conversion.IMPROVED).epsilon())
        .isCloseTo(2.596656, within(5e-4));
  }

  /** The Rényi orders of TensorFlow Privacy's {@code compute_dp_sgd_privacy} (releases 0.8+). */
  private static final double[] TF_PRIVACY_ORDERS = {
    1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
    18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41,
    42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 128,
    256, 512
  };

  /**
   * Published: TensorFlow Privacy, {@code
   * tensorflow_privacy/privacy/analysis/compute_dp_sgd_privacy_lib_test.py}, {@code
   * test_compute_dp_sgd_privacy} cases 'case1' (n = 60000, batch 150, noise 1.3, 15 epochs, δ =
   * 1e-5: ε = 0.7242234026109595 at order 19) and 'case2' (n = 100000, batch 100, noise 1.0, 30
   * epochs, δ = 1e-7: ε = 1.4154988495444845 at order 13). Steps = ceil(epochs · n / batch) as
   * there; the improved conversion (TF Privacy 0.8+ through dp_accounting) over that library's
   * orders. The file could not be opened offline here; the values were checked by reproducing them
   * to 1e-13 with rdp_reference.py, which a misremembered figure would not be.
   */
  @ParameterizedTest
  @CsvSource({
    "60000, 150, 1.3, 15, 1e-5, 0.7242234026109595, 19",
    "100000, 100, 1.0, 30, 1e-7, 1.4154988495444845, 13",
  })
  void matchesTensorFlowPrivacysComputeDpSgdPrivacyTest(
      int n, int batch, double sigma, int epochs, double delta, double epsilon, double order) {
    long steps = (long) Math.ceil(epochs * (double) n / batch);
    RdpAccountant.Spent s =
        new RdpAccountant(TF_PRIVACY_ORDERS)
            .plusSteps(batch / (double) n, sigma, steps)
            .spent(delta, Conversion.IMPROVED);
    assertThat(s.epsilon()).isCloseTo(epsilon, within(1e-6));
    assertThat(s.order()).isEqualTo(order);
    // The same to 2 decimals over Sentio's own orders (the optimum is an integer order in both).
    assertThat(
            new RdpAccountant()
                .plusSteps(batch / (double) n, sigma, steps)
                .spent(delta, Conversion.IMPROVED)
                .epsilon())
        .isCloseTo(epsilon, within(0.005));
  }

  /**
   * Published: Abadi et al. 2016, "Deep Learning with Differential Privacy" (CCS '16), Section 3.1:
   * with q = 0.01 (lot 600 of 60000), σ = 4, δ = 1e-5 and T = 10000 steps "we have ε ≈ 1.26 using
   * the moments accountant" (moments up to λ = 32). TensorFlow Privacy's {@code
   * rdp_accountant_test.py} ({@code test_get_privacy_spent_check_target_eps}, releases before the
   * improved conversion) checks the same example to 6 places: orders 2..32, ε = 1.258575 at order
   * 20 with the classic conversion.
   */
  @Test
  void matchesTheMomentsAccountantExampleOfAbadiEtAl() {
    double[] orders = new double[31];
    for (int i = 0; i < orders.length; i++) {
      orders[i] = i + 2;
    }
    RdpAccountant.Spent s =
        new RdpAccountant(orders).plusSteps(0.01, 4, 10000).spent(1e-5, Conversion.CLASSIC);
    assertThat(s.epsilon()).isCloseTo(1.258575, within(5e-6));
    assertThat(s.order()).isEqualTo(20.0);
    assertThat(s.epsilon()).isCloseTo(1.26, within(0.005));
  }

  /**
   * Published: TensorFlow Privacy, {@code rdp_accountant_test.py}: {@code
   * test_compute_rdp_sequence} (q = 0.01, σ = 2.5, 50 steps at orders 1.5, 2.5, 5, 50, 100:
   * 0.00065, 0.001085, 0.00218075, 0.023846, 167.416307, to 1e-5), {@code test_compute_rdp_scalar}
   * (q = 0.1, σ = 2, 10 steps, order 5: 0.07737, 5 places) and {@code test_check_composition}
   * (40000 steps at q = 1e-4, σ = 0.4, then 100 at q = 0.1, σ = 2, over its 21 orders: ε = 8.509656
   * at order 2.5 for δ = 1e-5, classic conversion).
   */
  @Test
  void matchesTensorFlowPrivacysRdpAccountantTests() {
    double[] sequence = {1.5, 2.5, 5, 50, 100};
    double[] expected = {0.00065, 0.001085, 0.00218075, 0.023846, 167.416307};
    double[] rdp = new RdpAccountant(sequence).plusSteps(0.01, 2.5, 50).rdp();
    for (int i = 0; i < sequence.length; i++) {
      assertThat(rdp[i]).as("order " + sequence[i]).isCloseTo(expected[i], within(1e-5));
    }
    assertThat(new RdpAccountant(new double[] {5}).plusSteps(0.1, 2, 10).rdp()[0])
        .isCloseTo(0.07737, within(5e-6));

    double[] orders = {
      1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 64, 256
    };
    RdpAccountant.Spent composed =
        new RdpAccountant(orders)
            .plusSteps(1e-4, 0.4, 40000)
            .plus(new RdpAccountant(orders).plusSteps(0.1, 2, 100))
            .spent(1e-5, Conversion.CLASSIC);
    assertThat(composed.epsilon()).isCloseTo(8.509656, within(5e-6));
    assertThat(composed.order()).isEqualTo(2.5);
  }

  /** Values of rdp_reference.py (not published; an independent implementation), to 3 decimals. */
  @ParameterizedTest
  @CsvSource({
    "0.0041666666666667, 1.3, 3600, 1e-5, CLASSIC, 1.179901, 17",
    "0.0041666666666667, 1.3, 3600, 1e-5, IMPROVED, 0.942200, 17",
    "0.01, 1.0, 1000, 1e-5, IMPROVED, 2.101365, 7.8",
    "0.05, 0.8, 500, 1e-6, IMPROVED, 14.849331, 2.6",
    "0.016, 1.0, 600, 0.00025, IMPROVED, 2.104054, 6.0",
    "1.0, 5.0, 10, 1e-5, CLASSIC, 3.234859, 8.6",
  })
  void matchesTheIndependentPythonCalculation(
      double q,
      double sigma,
      long steps,
      double delta,
      Conversion conversion,
      double epsilon,
      double order) {
    RdpAccountant.Spent s = spent(q, sigma, steps, delta, conversion);
    assertThat(s.epsilon()).isCloseTo(epsilon, within(5e-4));
    assertThat(s.order()).isEqualTo(order);
  }

  @Test
  void stepRdpMatchesThePythonCalculationAtIntegerAndFractionalOrders() {
    assertThat(RdpAccountant.stepRdp(0.01, 1.0, 2.5)).isCloseTo(2.1757533e-4, within(1e-9));
    assertThat(RdpAccountant.stepRdp(0.01, 1.0, 8)).isCloseTo(8.936439e-4, within(1e-9));
    assertThat(RdpAccountant.stepRdp(0.2, 0.6, 3.3)).isCloseTo(2.2861607, within(1e-6));
  }

  @Test
  void composingTwoRunsEqualsOneRunOfTheirStepsTogether() {
    RdpAccountant a = new RdpAccountant().plusSteps(0.02, 1.0, 300);
    RdpAccountant b = new RdpAccountant().plusSteps(0.02, 1.0, 200);
    RdpAccountant both = new RdpAccountant().plusSteps(0.02, 1.0, 500);
    assertThat(a.plus(b).spent(1e-5).epsilon())
        .isCloseTo(both.spent(1e-5).epsilon(), within(1e-12));
    assertThat(a.plus(b).spent(1e-5).epsilon()).isGreaterThan(a.spent(1e-5).epsilon());
  }

  @Test
  void theNoiseFoundForATargetStaysWithinItAndLessNoiseWouldNot() {
    double sigma = RdpAccountant.noiseFor(0.01, 1000, 2.0, 1e-5, 1e-4);
    assertThat(spent(0.01, sigma, 1000, 1e-5, Conversion.IMPROVED).epsilon())
        .isLessThanOrEqualTo(2.0);
    assertThat(spent(0.01, sigma - 1e-3, 1000, 1e-5, Conversion.IMPROVED).epsilon())
        .isGreaterThan(2.0);
    // 2.1014 at sigma 1.0 (above): the target 2.0 needs a little more noise.
    assertThat(sigma).isBetween(1.0, 1.1);
  }

  @ParameterizedTest
  @CsvSource({"0, 1.0", "1.5, 1.0", "-0.1, 1.0", "0.1, 0", "0.1, -1", "NaN, 1.0"})
  void refusesSamplingRatesOutsideZeroOneAndNonPositiveNoise(double q, double sigma) {
    assertThatThrownBy(() -> new RdpAccountant().plusSteps(q, sigma, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(q > 0 && q <= 1 ? "noise multiplier" : "sampling rate");
  }

  @Test
  void refusesDeltasOutsideZeroOne() {
    assertThatThrownBy(() -> new RdpAccountant().spent(0))
        .hasMessageContaining("delta must lie in (0, 1)");
    assertThatThrownBy(() -> new RdpAccountant().spent(1))
        .hasMessageContaining("delta must lie in (0, 1)");
  }
}
