package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The coordinate reference systems the OGC API serves features in, and takes a {@code bbox} in (OGC
 * API - Features - Part 2: Coordinate Reference Systems by Reference): CRS84, the store's own and
 * GeoJSON's (longitude, latitude); EPSG:4326, the same datum with its axes in the EPSG order
 * (latitude, longitude), as GIS software that follows the registry asks for it; and EPSG:3857, the
 * Web Mercator of web maps (easting, northing in metres on the sphere of WGS 84's semi-major axis).
 * Each maps a box of longitude and latitude onto a box, so that a {@code bbox} in any of them
 * selects exactly what the same box in CRS84 does.
 */
enum Crs {
  CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
  EPSG_4326("http://www.opengis.net/def/crs/EPSG/0/4326"),
  EPSG_3857("http://www.opengis.net/def/crs/EPSG/0/3857");

  /** Part 2's conformance class. */
  static final String CONFORMANCE = "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs";

  /** The radius of the sphere of EPSG:3857, WGS 84's semi-major axis, in metres. */
  private static final double RADIUS = 6_378_137;

  final String uri;

  Crs(String uri) {
    this.uri = uri;
  }

  /** The CRS a parameter names by its URI; CRS84 when it is absent; 400 otherwise. */
  static Crs of(String parameter, String value) {
    if (value == null) {
      return CRS84;
    }
    for (Crs c : values()) {
      if (c.uri.equals(value.trim())) {
        return c;
      }
    }
    throw ApiError.badRequest(
        "invalid_parameter",
        parameter
            + " must be one of "
            + Arrays.stream(values()).map(c -> c.uri).collect(Collectors.joining(", "))
            + "; was "
            + value);
  }

  /** A position of longitude and latitude in this CRS's coordinates, in its axis order. */
  double[] fromLonLat(double lon, double lat) {
    return switch (this) {
      case CRS84 -> new double[] {lon, lat};
      case EPSG_4326 -> new double[] {lat, lon};
      case EPSG_3857 ->
          new double[] {
            centimetres(RADIUS * Math.toRadians(lon)),
            centimetres(RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)))
          };
    };
  }

  /** A position in this CRS's coordinates, in its axis order, as longitude and latitude. */
  double[] toLonLat(double a, double b) {
    return switch (this) {
      case CRS84 -> new double[] {a, b};
      case EPSG_4326 -> new double[] {b, a};
      case EPSG_3857 ->
          new double[] {
            Math.toDegrees(a / RADIUS),
            Math.toDegrees(2 * Math.atan(Math.exp(b / RADIUS)) - Math.PI / 2)
          };
    };
  }

  private static double centimetres(double metres) {
    return Math.round(metres * 100) / 100.0;
  }

  /**
   * A {@code bbox} given in this CRS (four numbers, the lower corner's coordinates first, in its
   * axis order), as min longitude, min latitude, max longitude, max latitude; null for none.
   */
  double[] bbox(String value) {
    if (value == null || this == CRS84) {
      return Params.bbox(value);
    }
    String[] p = value.split(",");
    if (p.length != 4) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "bbox in " + uri + " must be four numbers, the lower corner first; was " + value);
    }
    double[] v = new double[4];
    try {
      for (int i = 0; i < 4; i++) {
        v[i] = Double.parseDouble(p[i].trim());
      }
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_parameter", "bbox must be numbers, was " + value);
    }
    double[] lower = toLonLat(v[0], v[1]);
    double[] upper = toLonLat(v[2], v[3]);
    try {
      return Params.bbox(lower[0] + "," + lower[1] + "," + upper[0] + "," + upper[1]);
    } catch (ApiError e) {
      throw ApiError.badRequest(
          "invalid_parameter",
          "bbox in "
              + uri
              + " must give its lower corner first and lie within the world; was "
              + value);
    }
  }

  /** {@code geometry}'s coordinates, written in this CRS (in place). */
  void write(JsonNode geometry) {
    if (this != CRS84 && geometry instanceof ObjectNode g && g.has("coordinates")) {
      g.set("coordinates", positions(g.get("coordinates")));
    }
  }

  private JsonNode positions(JsonNode c) {
    ArrayNode out = ((ArrayNode) c).arrayNode();
    if (c.size() >= 2 && c.get(0).isNumber()) {
      double[] xy = fromLonLat(c.get(0).asDouble(), c.get(1).asDouble());
      out.add(xy[0]).add(xy[1]);
      for (int i = 2; i < c.size(); i++) {
        out.add(c.get(i));
      }
      return out;
    }
    c.forEach(x -> out.add(positions(x)));
    return out;
  }

  /** The {@code Content-Crs} header's value: the URI in angle brackets. */
  String header() {
    return "<" + uri + ">";
  }
}
