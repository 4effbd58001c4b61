package org.trucewatch.scoring;

/**
 * The rules that turn cell-day counts into war-related detections (see docs/methodology.md).
 *
 * @param offset a cell-day within {@code nearLineMetres} of the line of contact (or anywhere, when
 *     the line is not known) is in excess when its count exceeds the expectation by more than this
 * @param farOffset the offset for a cell-day further than {@code nearLineMetres} from the line
 * @param nearLineMetres the distance to the line of contact up to which {@code offset} applies
 * @param minGapDays persistence: excess must be seen on two days at least this far apart ...
 * @param maxGapDays ... and at most this far apart
 * @param neighbourRadiusMetres a cell whose centre is within this distance of a persistent cell's
 *     centre counts as persistent too
 * @param followDays detections in a cell up to this many days after a war-related excess are
 *     war-related too
 * @param farQuietDays two excess days that are both further than {@code nearLineMetres} from the
 *     line make a cell persistent only when the cell and its eight neighbours had no detection on
 *     this many consecutive days between them: a fire that burns on without a break is one event,
 *     not a recurrence; 0 turns the condition off
 */
public record ClassifierParams(
    double offset,
    double farOffset,
    double nearLineMetres,
    int minGapDays,
    int maxGapDays,
    double neighbourRadiusMetres,
    int followDays,
    int farQuietDays) {

  /** The defaults of method version tw-fire-7 (unchanged since tw-fire-5). */
  public static final ClassifierParams DEFAULTS =
      new ClassifierParams(8.0, 16.0, 100_000, 7, 89, 30_000, 10, 7);

  public ClassifierParams {
    if (!(offset >= 0) || !(farOffset >= 0)) {
      throw new IllegalArgumentException(
          "offsets must be >= 0, were " + offset + " and " + farOffset);
    }
    if (!(nearLineMetres >= 0)) {
      throw new IllegalArgumentException("nearLineMetres must be >= 0, was " + nearLineMetres);
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
    if (farQuietDays < 0) {
      throw new IllegalArgumentException("farQuietDays must be >= 0, was " + farQuietDays);
    }
  }

  /** Rules with the same offset at every distance from the line of contact. */
  public ClassifierParams(
      double offset, int minGapDays, int maxGapDays, double neighbourRadiusMetres, int followDays) {
    this(offset, offset, 0, minGapDays, maxGapDays, neighbourRadiusMetres, followDays, 0);
  }

  /**
   * The offset for a cell-day at this distance from the line of contact.
   *
   * @param distanceMetres the smallest distance to the line among the cell-day's detections, in
   *     metres (sign ignored); NaN when no line is known
   */
  public double offsetAt(double distanceMetres) {
    return isFar(distanceMetres) ? farOffset : offset;
  }

  /**
   * Whether a cell-day at this distance from the line of contact is far from it (NaN, no line
   * known: not far).
   */
  public boolean isFar(double distanceMetres) {
    return Math.abs(distanceMetres) > nearLineMetres;
  }
}
