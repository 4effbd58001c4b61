package org.trucewatch.geo;

/**
 * Lambert conformal conic projection on the sphere, with standard parallels 46° and 50° N and
 * origin 48.5° N 31.5° E, chosen for Ukraine: the scale error is under 0.4 % between 44° and 53° N.
 * Conformal means that the nearest point in the plane is the nearest point on the ground to within
 * that error; final distances are measured on the sphere by {@link Distances}.
 */
public final class ConformalProjection {
  /** The projection used for Ukraine. */
  public static final ConformalProjection UKRAINE = new ConformalProjection(46, 50, 48.5, 31.5);

  private final double n;
  private final double rf;
  private final double rho0;
  private final double lon0;

  ConformalProjection(double lat1Deg, double lat2Deg, double lat0Deg, double lon0Deg) {
    double p1 = Math.toRadians(lat1Deg);
    double p2 = Math.toRadians(lat2Deg);
    this.n =
        Math.log(Math.cos(p1) / Math.cos(p2))
            / Math.log(Math.tan(Math.PI / 4 + p2 / 2) / Math.tan(Math.PI / 4 + p1 / 2));
    double f = Math.cos(p1) * Math.pow(Math.tan(Math.PI / 4 + p1 / 2), n) / n;
    this.rf = Distances.EARTH_RADIUS_M * f;
    this.rho0 = rf / Math.pow(Math.tan(Math.PI / 4 + Math.toRadians(lat0Deg) / 2), n);
    this.lon0 = Math.toRadians(lon0Deg);
  }

  /** The scale factor at a latitude: planar length over true length, for short distances. */
  public double scale(double latDeg) {
    double p = Math.toRadians(latDeg);
    return n * rho(latDeg) / (Distances.EARTH_RADIUS_M * Math.cos(p));
  }

  /** Projected x in metres. */
  public double x(double lonDeg, double latDeg) {
    double rho = rho(latDeg);
    return rho * Math.sin(n * (Math.toRadians(lonDeg) - lon0));
  }

  /** Projected y in metres. */
  public double y(double lonDeg, double latDeg) {
    double rho = rho(latDeg);
    return rho0 - rho * Math.cos(n * (Math.toRadians(lonDeg) - lon0));
  }

  /** Projects into {@code out[0..1]} (x, y in metres). */
  public void forward(double lonDeg, double latDeg, double[] out) {
    double rho = rho(latDeg);
    double theta = n * (Math.toRadians(lonDeg) - lon0);
    out[0] = rho * Math.sin(theta);
    out[1] = rho0 - rho * Math.cos(theta);
  }

  /** Unprojects into {@code out[0..1]} (longitude, latitude in degrees). */
  public void inverse(double x, double y, double[] out) {
    double dy = rho0 - y;
    double rho = Math.copySign(Math.sqrt(x * x + dy * dy), n);
    double theta = Math.atan2(x, dy);
    double lat = 2 * Math.atan(Math.pow(rf / rho, 1 / n)) - Math.PI / 2;
    out[0] = Math.toDegrees(lon0 + theta / n);
    out[1] = Math.toDegrees(lat);
  }

  private double rho(double latDeg) {
    return rf / Math.pow(Math.tan(Math.PI / 4 + Math.toRadians(latDeg) / 2), n);
  }
}
