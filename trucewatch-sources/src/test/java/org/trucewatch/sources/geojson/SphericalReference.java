package org.trucewatch.sources.geojson;

import org.trucewatch.geo.Distances;

/**
 * Great-circle geometry on unit vectors: the distance from a point to an arc, computed without any
 * of the projection or index that placement uses. Test code, shared with other modules' tests as an
 * independent reference.
 */
public final class SphericalReference {
  private SphericalReference() {}

  static double[] vec(double lon, double lat) {
    double l = Math.toRadians(lon);
    double p = Math.toRadians(lat);
    return new double[] {Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)};
  }

  public static double distanceToArc(double lon, double lat, double[] arc) {
    double[] p = vec(lon, lat);
    double[] a = vec(arc[0], arc[1]);
    double[] b = vec(arc[2], arc[3]);
    double[] n = cross(a, b);
    double nn = Math.sqrt(dot(n, n));
    double ends =
        Math.min(
            Distances.haversineMetres(lon, lat, arc[0], arc[1]),
            Distances.haversineMetres(lon, lat, arc[2], arc[3]));
    if (nn < 1e-15) {
      return ends;
    }
    for (int i = 0; i < 3; i++) {
      n[i] /= nn;
    }
    // the foot of the perpendicular lies on the arc when it is between a and b
    double[] foot = cross(cross(n, p), n);
    boolean between = dot(cross(a, foot), n) >= 0 && dot(cross(foot, b), n) >= 0;
    if (!between) {
      return ends;
    }
    return Math.abs(Math.asin(Math.max(-1, Math.min(1, dot(p, n))))) * Distances.EARTH_RADIUS_M;
  }

  static double[] cross(double[] u, double[] v) {
    return new double[] {
      u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]
    };
  }

  static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }
}
