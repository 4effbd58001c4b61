package org.trucewatch.incident;

/**
 * When two detections are taken to be one event.
 *
 * @param maxDistanceMetres detections at most this far apart (pixel centres) can be one event; the
 *     default of 1,500 m joins neighbouring VIIRS pixels (375-800 m) and MODIS pixels (1 km)
 * @param maxGapMinutes ... when they were also seen at most this many minutes apart; the default of
 *     60 joins one pass and the pass of the other VIIRS satellite about 50 minutes later
 */
public record IncidentParams(double maxDistanceMetres, long maxGapMinutes) {
  /** The defaults of method version tw-fire-7 (unchanged since tw-fire-1). */
  public static final IncidentParams DEFAULTS = new IncidentParams(1_500, 60);

  public IncidentParams {
    if (!(maxDistanceMetres > 0)) {
      throw new IllegalArgumentException("maxDistanceMetres must be > 0, was " + maxDistanceMetres);
    }
    if (maxGapMinutes < 0) {
      throw new IllegalArgumentException("maxGapMinutes must be >= 0, was " + maxGapMinutes);
    }
  }
}
