package org.trucewatch.scoring;

/**
 * The rules that turn cell-day counts into war-related detections (see docs/methodology.md).
 *
 * @param offset a cell-day is in excess when its count exceeds the expectation by more than this
 * @param minGapDays persistence: excess must be seen on two days at least this far apart ...
 * @param maxGapDays ... and at most this far apart
 * @param neighbourRadiusMetres a cell within this distance of a persistent cell counts as
 *     persistent too
 * @param followDays detections in a cell up to this many days after a war-related excess are
 *     war-related too
 * @param lineRadiusMetres when a control map is given, detections closer than this to the line of
 *     contact lower the offset to {@code lineOffset}; 0 switches the line rule off
 * @param lineOffset the offset near the line of contact
 * @param expectationScale multiplies the baseline expectation (sensor and reporting differences
 *     between the history and the scored period)
 * @param minExcessShare a cell-day in excess is a candidate only when the excess is at least this
 *     share of its detections
 * @param maxPValue a cell-day is a candidate only when its Poisson tail probability is below this
 */
public record ClassifierParams(
    double offset,
    int minGapDays,
    int maxGapDays,
    double neighbourRadiusMetres,
    int followDays,
    double lineRadiusMetres,
    double lineOffset,
    double expectationScale,
    double minExcessShare,
    double maxPValue) {

  /** The defaults of method version 1. */
  public static final ClassifierParams DEFAULTS =
      new ClassifierParams(8.0, 7, 89, 50_000, 10, 0, 8.0, 1.0, 0.0, 1.0);

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
    if (!(lineRadiusMetres >= 0) || !(lineOffset >= 0)) {
      throw new IllegalArgumentException("line rule parameters must be >= 0");
    }
    if (!(expectationScale > 0)) {
      throw new IllegalArgumentException("expectationScale must be > 0, was " + expectationScale);
    }
    if (!(minExcessShare >= 0 && minExcessShare <= 1)) {
      throw new IllegalArgumentException("minExcessShare must be 0..1, was " + minExcessShare);
    }
    if (!(maxPValue > 0 && maxPValue <= 1)) {
      throw new IllegalArgumentException("maxPValue must be in (0, 1], was " + maxPValue);
    }
  }
}
