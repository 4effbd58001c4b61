package org.trucewatch.geo;

import java.time.LocalDate;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * The territory each party controls on one date: the occupied area as a (multi)polygon in
 * longitude/latitude; the rest of Ukraine's outline is government-controlled.
 *
 * @param date the date the map describes
 * @param occupied the occupied area
 * @param source a short description of where the map came from (file name)
 */
public record ControlMap(LocalDate date, Geometry occupied, String source) {
  public ControlMap {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(occupied, "occupied");
    Objects.requireNonNull(source, "source");
    if (occupied.getDimension() != 2) {
      throw new IllegalArgumentException(
          "occupied area must be a polygon, was " + occupied.getGeometryType());
    }
  }
}
