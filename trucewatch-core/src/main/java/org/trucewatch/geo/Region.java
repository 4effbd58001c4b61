package org.trucewatch.geo;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A sector: an oblast or a custom area, with its polygon in longitude/latitude.
 *
 * @param code a stable code, for example the ISO 3166-2 code {@code UA-14}
 * @param name the English name
 * @param geometry the area, a polygon or multipolygon in WGS 84 longitude/latitude
 */
public record Region(String code, String name, Geometry geometry) {
  public Region {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(geometry, "geometry");
    if (geometry.getDimension() != 2) {
      throw new IllegalArgumentException(
          "region " + code + " must be a polygon, was " + geometry.getGeometryType());
    }
  }
}
