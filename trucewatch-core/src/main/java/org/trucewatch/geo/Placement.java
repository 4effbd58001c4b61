package org.trucewatch.geo;

/**
 * What the geography says about one point.
 *
 * @param side whose ground the point is on
 * @param distanceToLineMetres distance to the line of contact in metres, positive on occupied
 *     ground and negative elsewhere; NaN without a control map
 * @param region the oblast containing the point, or {@code null} when none does
 */
public record Placement(Side side, double distanceToLineMetres, Region region) {
  /** The region code, or empty. */
  public String regionCode() {
    return region == null ? "" : region.code();
  }

  /** The region name, or empty. */
  public String regionName() {
    return region == null ? "" : region.name();
  }
}
