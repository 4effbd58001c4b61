package org.trucewatch.assessment;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A zone of the truce.
 *
 * @param id the zone's id in the terms
 * @param kind buffer, withdrawal or exclusion
 * @param widthMetres for a buffer, its width either side of the line; NaN otherwise
 * @param area the zone's area in longitude/latitude (for a buffer, derived from the line)
 * @param description free text from the terms
 */
public record Zone(
    String id, ZoneKind kind, double widthMetres, Geometry area, String description) {
  public Zone {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(description, "description");
    if (area.getDimension() != 2) {
      throw new IllegalArgumentException(
          "zone " + id + " must be a polygon, was " + area.getGeometryType());
    }
    if (kind == ZoneKind.BUFFER && !(widthMetres > 0)) {
      throw new IllegalArgumentException("buffer zone " + id + " needs a width > 0");
    }
  }
}
