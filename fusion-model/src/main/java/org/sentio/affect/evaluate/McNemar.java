package org.sentio.affect.evaluate;

/**
 * McNemar's test for two classifiers on the same items: of the items exactly one of them gets
 * right, does either win more often than chance allows?
 *
 * <p>The p-value is exact (two-sided binomial with p = 1/2 on the discordant pairs), so it holds
 * for small counts too.
 *
 * @param onlyA items model A gets right and model B wrong
 * @param onlyB items model B gets right and model A wrong
 * @param pValue two-sided exact p-value; 1 when there is no discordant item
 */
public record McNemar(long onlyA, long onlyB, double pValue) {

  /** The test on the two discordant counts. */
  public static McNemar of(long onlyA, long onlyB) {
    if (onlyA < 0 || onlyB < 0) {
      throw new IllegalArgumentException("counts must be non-negative");
    }
    long n = onlyA + onlyB;
    if (n == 0) {
      return new McNemar(onlyA, onlyB, 1);
    }
    long k = Math.min(onlyA, onlyB);
    // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space.
    double logHalfN = n * Math.log(0.5);
    double tail = 0;
    double logChoose = 0;
    for (long i = 0; i <= k; i++) {
      if (i > 0) {
        logChoose += Math.log(n - i + 1) - Math.log(i);
      }
      tail += Math.exp(logChoose + logHalfN);
    }
    return new McNemar(onlyA, onlyB, Math.min(1, 2 * tail));
  }

  /** The chi-squared statistic with continuity correction, (|b - c| - 1)^2 / (b + c). */
  public double chiSquared() {
    long n = onlyA + onlyB;
    if (n == 0) {
      return 0;
    }
    double d = Math.max(0, Math.abs(onlyA - onlyB) - 1);
    return d * d / n;
  }
}
