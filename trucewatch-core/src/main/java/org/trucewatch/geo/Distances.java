package org.trucewatch.geo;

/**
 * The one place where distances on the Earth are computed: great-circle distance on the sphere of
 * the mean Earth radius (IUGG R1). Against the WGS 84 ellipsoid this is within 0.5 %.
 */
public final class Distances {
  /** Mean Earth radius in metres (IUGG R1). */
  public static final double EARTH_RADIUS_M = 6_371_008.8;

  private Distances() {}

  /** Great-circle distance in metres between two longitude/latitude points in degrees. */
  public static double haversineMetres(double lon1, double lat1, double lon2, double lat2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double dp = p2 - p1;
    double dl = Math.toRadians(lon2 - lon1);
    double s1 = Math.sin(dp / 2);
    double s2 = Math.sin(dl / 2);
    double a = s1 * s1 + Math.cos(p1) * Math.cos(p2) * s2 * s2;
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  }
}
