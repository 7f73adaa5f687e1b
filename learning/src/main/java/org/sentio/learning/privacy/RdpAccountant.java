package org.sentio.learning.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rényi differential privacy of the Poisson-subsampled Gaussian mechanism (Mironov, Talwar &amp;
 * Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism"), composed over steps
 * and converted to (ε, δ).
 *
 * <p>The RDP of one step at order α is {@code log A_α / (α − 1)}: for integer α by the binomial sum
 * (MTZ 2019, Section 3.3), for fractional α by the two-sided series with erfc terms (Section 3.4) —
 * the same computation as TensorFlow Privacy's {@code rdp_accountant} and Opacus's {@code
 * analysis/rdp.py}, from which the loop ends and special cases are taken (q = 0 is no privacy loss,
 * q = 1 the plain Gaussian mechanism α/(2σ²)). Composition adds RDP per order (Mironov 2017,
 * Proposition 1). The conversion to (ε, δ) is chosen by {@link Conversion}; the smallest ε over
 * {@link #DEFAULT_ORDERS} is reported with its order.
 */
public final class RdpAccountant {

  /** How an RDP curve becomes (ε, δ). */
  public enum Conversion {
    /**
     * ε = rdp − log δ / (α − 1) (Mironov 2017, Proposition 3): TensorFlow Privacy before 0.8 and
     * its 2019-2020 tutorials.
     */
    CLASSIC,
    /**
     * ε = rdp + log((α − 1)/α) − (log δ + log α)/(α − 1) (Balle et al. 2020, Theorem 21; Canonne,
     * Kamath &amp; Steinke 2020, Proposition 12): Opacus 1.x and TensorFlow Privacy 0.8+. Tighter.
     */
    IMPROVED
  }

  /**
   * The orders Opacus 1.x uses by default ({@code DEFAULT_ALPHAS}) and TensorFlow Privacy's {@code
   * compute_dp_sgd_privacy} used: 1.1, 1.2, …, 10.9, then 12, 13, …, 63.
   */
  public static final double[] DEFAULT_ORDERS = defaultOrders();

  /** An (ε, δ) guarantee and the Rényi order that gave it. */
  public record Spent(double epsilon, double delta, double order) {}

  private final double[] orders;
  private final double[] rdp;

  /** An accountant that has spent nothing, over {@link #DEFAULT_ORDERS}. */
  public RdpAccountant() {
    this(DEFAULT_ORDERS);
  }

  public RdpAccountant(double[] orders) {
    for (double order : orders) {
      if (!(order > 1)) {
        throw new IllegalArgumentException("Rényi orders must be above 1, not " + order);
      }
    }
    this.orders = orders.clone();
    this.rdp = new double[orders.length];
  }

  private RdpAccountant(double[] orders, double[] rdp) {
    this.orders = orders;
    this.rdp = rdp;
  }

  public double[] orders() {
    return orders.clone();
  }

  /** Whether nothing has been spent (no step taken): its ε is 0, not the conversion's offset. */
  public boolean isEmpty() {
    for (double r : rdp) {
      if (r != 0) {
        return false;
      }
    }
    return true;
  }

  /** The composed RDP per order. */
  public double[] rdp() {
    return rdp.clone();
  }

  /**
   * This accountant with {@code steps} more steps of the Gaussian mechanism with noise multiplier
   * {@code sigma} on Poisson samples of rate {@code q}.
   */
  public RdpAccountant plusSteps(double q, double sigma, long steps) {
    checkMechanism(q, sigma);
    if (steps < 0) {
      throw new IllegalArgumentException("steps must not be negative, not " + steps);
    }
    double[] sum = rdp.clone();
    for (int i = 0; i < orders.length; i++) {
      sum[i] += steps * stepRdp(q, sigma, orders[i]);
    }
    return new RdpAccountant(orders, sum);
  }

  /** This accountant composed with another over the same orders (both runs saw the same data). */
  public RdpAccountant plus(RdpAccountant other) {
    if (!Arrays.equals(orders, other.orders)) {
      throw new IllegalArgumentException("accountants over different orders cannot be composed");
    }
    double[] sum = rdp.clone();
    for (int i = 0; i < orders.length; i++) {
      sum[i] += other.rdp[i];
    }
    return new RdpAccountant(orders, sum);
  }

  /** The smallest ε over the orders at {@code delta}, with the improved conversion. */
  public Spent spent(double delta) {
    return spent(delta, Conversion.IMPROVED);
  }

  public Spent spent(double delta, Conversion conversion) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must lie in (0, 1), not " + delta);
    }
    double best = Double.POSITIVE_INFINITY;
    double bestOrder = Double.NaN;
    for (int i = 0; i < orders.length; i++) {
      double a = orders[i];
      double eps =
          switch (conversion) {
            case CLASSIC -> rdp[i] - Math.log(delta) / (a - 1);
            case IMPROVED ->
                rdp[i] + Math.log((a - 1) / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
          };
      if (eps < best) {
        best = eps;
        bestOrder = a;
      }
    }
    return new Spent(Math.max(0, best), delta, bestOrder);
  }

  /**
   * The smallest noise multiplier (within {@code tolerance}) for which {@code steps} steps at
   * sampling rate {@code q} stay within {@code targetEpsilon} at {@code delta}, by bisection (ε
   * falls as σ grows).
   *
   * @throws IllegalArgumentException when even σ = {@code maxSigma} spends more
   */
  public static double noiseFor(
      double q, long steps, double targetEpsilon, double delta, double tolerance) {
    if (!(targetEpsilon > 0)) {
      throw new IllegalArgumentException("the target epsilon must be above 0");
    }
    double maxSigma = 1000;
    double hi = 1;
    while (epsilon(q, hi, steps, delta) > targetEpsilon) {
      hi *= 2;
      if (hi > maxSigma) {
        throw new IllegalArgumentException(
            "no noise multiplier up to "
                + (int) maxSigma
                + " keeps epsilon within "
                + targetEpsilon);
      }
    }
    double lo = 0;
    while (hi - lo > tolerance) {
      double mid = (lo + hi) / 2;
      if (mid > 0 && epsilon(q, mid, steps, delta) <= targetEpsilon) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private static double epsilon(double q, double sigma, long steps, double delta) {
    return new RdpAccountant().plusSteps(q, sigma, steps).spent(delta).epsilon();
  }

  static void checkMechanism(double q, double sigma) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("the sampling rate must lie in (0, 1], not " + q);
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("the noise multiplier must be above 0, not " + sigma);
    }
  }

  /** RDP of one step of the sampled Gaussian mechanism at order {@code alpha}. */
  static double stepRdp(double q, double sigma, double alpha) {
    if (q == 1) {
      return alpha / (2 * sigma * sigma);
    }
    double logA =
        alpha == Math.rint(alpha)
            ? logAInteger(q, sigma, (int) alpha)
            : logAFraction(q, sigma, alpha);
    return logA / (alpha - 1);
  }

  /** log A_α for integer α: log Σ_i C(α, i) q^i (1−q)^(α−i) exp((i² − i)/(2σ²)). */
  private static double logAInteger(double q, double sigma, int alpha) {
    double logA = Double.NEGATIVE_INFINITY;
    double logBinomial = 0;
    for (int i = 0; i <= alpha; i++) {
      if (i > 0) {
        logBinomial += Math.log(alpha - i + 1) - Math.log(i);
      }
      double term =
          logBinomial
              + i * Math.log(q)
              + (alpha - i) * Math.log1p(-q)
              + (i * (double) i - i) / (2 * sigma * sigma);
      logA = logAdd(logA, term);
    }
    return logA;
  }

  /** log A_α for fractional α: the two series of MTZ 2019 Section 3.4, summed until negligible. */
  private static double logAFraction(double q, double sigma, double alpha) {
    double logA0 = Double.NEGATIVE_INFINITY;
    double logA1 = Double.NEGATIVE_INFINITY;
    double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
    double logAbsBinomial = 0;
    boolean positive = true;
    for (int i = 0; ; i++) {
      if (i > 0) {
        double factor = (alpha - i + 1) / i;
        logAbsBinomial += Math.log(Math.abs(factor));
        positive = positive == factor > 0;
      }
      double j = alpha - i;
      double logT0 = logAbsBinomial + i * Math.log(q) + j * Math.log1p(-q);
      double logT1 = logAbsBinomial + j * Math.log(q) + i * Math.log1p(-q);
      double logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.sqrt(2) * sigma));
      double logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.sqrt(2) * sigma));
      double logS0 = logT0 + (i * (double) i - i) / (2 * sigma * sigma) + logE0;
      double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
      if (positive) {
        logA0 = logAdd(logA0, logS0);
        logA1 = logAdd(logA1, logS1);
      } else {
        logA0 = logSub(logA0, logS0);
        logA1 = logSub(logA1, logS1);
      }
      if (Math.max(logS0, logS1) < -30) {
        break;
      }
    }
    return logAdd(logA0, logA1);
  }

  static double logAdd(double x, double y) {
    double a = Math.min(x, y);
    double b = Math.max(x, y);
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    return Math.log1p(Math.exp(a - b)) + b;
  }

  static double logSub(double x, double y) {
    if (x < y) {
      throw new ArithmeticException("the RDP series turned negative (log of a negative number)");
    }
    if (y == Double.NEGATIVE_INFINITY) {
      return x;
    }
    if (x == y) {
      return Double.NEGATIVE_INFINITY;
    }
    double d = Math.expm1(x - y);
    return Double.isInfinite(d) ? x : Math.log(d) + y;
  }

  /**
   * log erfc(x), accurate in the far tail where erfc underflows: for x ≥ 0 the Chebyshev fit of
   * Numerical Recipes (erfcc, relative error below 1.2e-7) evaluated in the log domain; for x &lt;
   * 0, erfc(x) = 2 − erfc(−x).
   */
  static double logErfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double logErfcZ =
        Math.log(t)
            - z * z
            - 1.26551223
            + t
                * (1.00002368
                    + t
                        * (0.37409196
                            + t
                                * (0.09678418
                                    + t
                                        * (-0.18628806
                                            + t
                                                * (0.27886807
                                                    + t
                                                        * (-1.13520398
                                                            + t
                                                                * (1.48851587
                                                                    + t
                                                                        * (-0.82215223
                                                                            + t
                                                                                * 0.17087277))))))));
    return x >= 0 ? logErfcZ : Math.log(2 - Math.exp(logErfcZ));
  }

  private static double[] defaultOrders() {
    List<Double> orders = new ArrayList<>();
    for (int x = 1; x < 100; x++) {
      orders.add(1 + x / 10.0);
    }
    for (int a = 12; a < 64; a++) {
      orders.add((double) a);
    }
    return orders.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
