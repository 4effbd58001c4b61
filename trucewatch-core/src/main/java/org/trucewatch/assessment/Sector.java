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
  /** The most characters of a name: it is printed beside each finding and stored with it. */
  public static final int MAX_NAME_LENGTH = 120;

  public Sector {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "sector " + id + " needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
    }
    Objects.requireNonNull(area, "area");
    if (area.getDimension() != 2) {
      throw new IllegalArgumentException(
          "sector " + id + " must be a polygon, was " + area.getGeometryType());
    }
  }
}
