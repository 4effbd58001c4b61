package org.trucewatch.assessment;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * A monitoring sector of the truce: an area by which the reports count what happened, beside the
 * oblasts (a mission's sectors follow its teams and the front, not the administrative borders).
 *
 * @param id the sector's id in the terms
 * @param name its name, printed in the reports
 * @param area its area in longitude/latitude
 */
public record Sector(String id, String name, Geometry area) {
  public Sector {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(area, "area");
    if (area.getDimension() != 2) {
      throw new IllegalArgumentException(
          "sector " + id + " must be a polygon, was " + area.getGeometryType());
    }
  }
}
