package org.trucewatch.assessment;

import java.util.Objects;

/**
 * A known static heat source (an industrial site, a gas flare) whose detections are background.
 *
 * @param id the source's id in the terms
 * @param name a name for reports
 * @param latitude centre latitude
 * @param longitude centre longitude
 * @param radiusMetres detections within this distance of the centre are attributed to it
 */
public record StaticSource(
    String id, String name, double latitude, double longitude, double radiusMetres) {
  public StaticSource {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException(
          "static source "
              + id
              + " position is not a longitude/latitude: "
              + longitude
              + ", "
              + latitude);
    }
    if (!(radiusMetres > 0)) {
      throw new IllegalArgumentException("static source " + id + " needs a radius > 0");
    }
  }
}
