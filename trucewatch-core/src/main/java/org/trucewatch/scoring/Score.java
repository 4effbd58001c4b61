package org.trucewatch.scoring;

import java.time.LocalDate;

/**
 * What scoring says about one detection.
 *
 * @param cellKey the 0.1° cell (see {@link Cells})
 * @param cellDayCount detections in the same cell on the same UTC day (all streams)
 * @param expected expected detections in that cell-day in a normal year (all streams present)
 * @param pValue probability of at least {@code cellDayCount} detections under a Poisson background
 *     with mean {@code expected}: small means unusual
 * @param excess detections above the expectation plus the offset, rounded up; 0 when none
 * @param persistent whether the cell shows excess persistently (itself or a neighbour)
 * @param warRelated the classification
 * @param rule which rule made it war-related: {@code excess}, {@code follow-up}, or empty; for a
 *     detection in a known fire area {@code known-fire-area:ID}, and it is not war-related
 * @param followedWarDay for the rule {@code follow-up}, the UTC day of the cell's war-related
 *     excess that the detection follows (the latest before its day); otherwise {@code null}
 */
public record Score(
    int cellKey,
    int cellDayCount,
    double expected,
    double pValue,
    int excess,
    boolean persistent,
    boolean warRelated,
    String rule,
    LocalDate followedWarDay) {

  /** A score that follows no war day. */
  public Score(
      int cellKey,
      int cellDayCount,
      double expected,
      double pValue,
      int excess,
      boolean persistent,
      boolean warRelated,
      String rule) {
    this(cellKey, cellDayCount, expected, pValue, excess, persistent, warRelated, rule, null);
  }
}
