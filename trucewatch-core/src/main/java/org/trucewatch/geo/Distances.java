package org.trucewatch.geo;

/**
 * The one place where distances on the Earth are computed: great-circle distance on the sphere of
 * the mean Earth radius (IUGG R1). Against the WGS 84 ellipsoid this is within 0.5 %.
 */
public final class Distances {
  /** Mean Earth radius in metres (IUGG R1). */
  public static final double EARTH_RADIUS_M = 6_371_008.8;

  private Distances() {}

  /** Writes the unit vector of a longitude/latitude point (degrees) into {@code out[0..2]}. */
  public static void unitVector(double lon, double lat, double[] out) {
    double l = Math.toRadians(lon);
    double p = Math.toRadians(lat);
    double c = Math.cos(p);
    out[0] = c * Math.cos(l);
    out[1] = c * Math.sin(l);
    out[2] = Math.sin(p);
  }

  /**
   * Great-circle distance in metres from point {@code p} to the shorter great-circle arc from
   * {@code a} to {@code b}, all unit vectors; {@code n} is the unit normal {@code a × b /|a × b|}
   * (or all zeros for a degenerate arc).
   */
  public static double arcMetres(
      double px,
      double py,
      double pz,
      double ax,
      double ay,
      double az,
      double bx,
      double by,
      double bz,
      double nx,
      double ny,
      double nz) {
    double s = px * nx + py * ny + pz * nz;
    // the foot of the perpendicular, projected into the arc's plane
    double fx = px - s * nx;
    double fy = py - s * ny;
    double fz = pz - s * nz;
    // (a × f)·n >= 0 and (f × b)·n >= 0: the foot lies between a and b
    double afn = (ay * fz - az * fy) * nx + (az * fx - ax * fz) * ny + (ax * fy - ay * fx) * nz;
    double fbn = (fy * bz - fz * by) * nx + (fz * bx - fx * bz) * ny + (fx * by - fy * bx) * nz;
    if (afn >= 0 && fbn >= 0 && (nx != 0 || ny != 0 || nz != 0)) {
      return EARTH_RADIUS_M * Math.asin(Math.min(1, Math.abs(s)));
    }
    return Math.min(chordMetres(px, py, pz, ax, ay, az), chordMetres(px, py, pz, bx, by, bz));
  }

  private static double chordMetres(
      double px, double py, double pz, double qx, double qy, double qz) {
    double dx = px - qx;
    double dy = py - qy;
    double dz = pz - qz;
    double c = Math.sqrt(dx * dx + dy * dy + dz * dz);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, c / 2));
  }

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
