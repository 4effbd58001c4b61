package org.trucewatch.run;

/**
 * Agreement between a classification and reference labels: the confusion counts and the measures
 * derived from them (NaN where a denominator is 0).
 */
public record Agreement(long tp, long fp, long fn, long tn) {
  public static final Agreement EMPTY = new Agreement(0, 0, 0, 0);

  public Agreement add(boolean predicted, boolean actual) {
    return new Agreement(
        tp + (predicted && actual ? 1 : 0),
        fp + (predicted && !actual ? 1 : 0),
        fn + (!predicted && actual ? 1 : 0),
        tn + (!predicted && !actual ? 1 : 0));
  }

  public long total() {
    return tp + fp + fn + tn;
  }

  public double precision() {
    return ratio(tp, tp + fp);
  }

  public double recall() {
    return ratio(tp, tp + fn);
  }

  public double f1() {
    return ratio(2 * tp, 2 * tp + fp + fn);
  }

  public double accuracy() {
    return ratio(tp + tn, total());
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
