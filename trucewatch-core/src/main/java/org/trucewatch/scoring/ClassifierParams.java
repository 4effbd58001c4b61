package org.trucewatch.scoring;

/**
 * The rules that turn cell-day counts into war-related detections (see docs/methodology.md).
 *
 * @param offset a cell-day is in excess when its count exceeds the expectation by more than this
 * @param minGapDays persistence: excess must be seen on two days at least this far apart ...
 * @param maxGapDays ... and at most this far apart
 * @param neighbourRadiusMetres a cell whose centre is within this distance of a persistent cell's
 *     centre counts as persistent too
 * @param followDays detections in a cell up to this many days after a war-related excess are
 *     war-related too
 */
public record ClassifierParams(
    double offset, int minGapDays, int maxGapDays, double neighbourRadiusMetres, int followDays) {

  /** The defaults of method version tw-fire-1. */
  public static final ClassifierParams DEFAULTS = new ClassifierParams(8.0, 7, 89, 30_000, 10);

  public ClassifierParams {
    if (!(offset >= 0)) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (minGapDays < 1 || maxGapDays < minGapDays) {
      throw new IllegalArgumentException(
          "gap days must satisfy 1 <= min <= max, were " + minGapDays + ", " + maxGapDays);
    }
    if (!(neighbourRadiusMetres >= 0)) {
      throw new IllegalArgumentException(
          "neighbourRadiusMetres must be >= 0, was " + neighbourRadiusMetres);
    }
    if (followDays < 0) {
      throw new IllegalArgumentException("followDays must be >= 0, was " + followDays);
    }
  }
}
