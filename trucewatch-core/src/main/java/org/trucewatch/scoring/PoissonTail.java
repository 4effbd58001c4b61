package org.trucewatch.scoring;

/** Upper tail of the Poisson distribution, computed without cancellation. */
final class PoissonTail {
  /** The smallest mean used, so that a never-burning cell still gives a finite probability. */
  static final double MIN_MEAN = 1e-3;

  private PoissonTail() {}

  /** P(N ≥ n) for N ~ Poisson(mean). */
  static double atLeast(int n, double mean) {
    if (n <= 0) {
      return 1;
    }
    double lambda = Math.max(mean, MIN_MEAN);
    double logTerm = -lambda + n * Math.log(lambda) - logFactorial(n);
    double term = Math.exp(logTerm);
    double sum = 0;
    for (int k = n; k < n + 10_000; k++) {
      sum += term;
      term *= lambda / (k + 1);
      if (term < sum * 1e-16) {
        break;
      }
    }
    return Math.min(1, sum);
  }

  private static double logFactorial(int n) {
    if (n < 2) {
      return 0;
    }
    if (n < 256) {
      double s = 0;
      for (int i = 2; i <= n; i++) {
        s += Math.log(i);
      }
      return s;
    }
    // Stirling series, accurate to better than 1e-10 for n >= 256
    double x = n;
    return x * Math.log(x)
        - x
        + 0.5 * Math.log(2 * Math.PI * x)
        + 1 / (12 * x)
        - 1 / (360 * x * x * x);
  }
}
