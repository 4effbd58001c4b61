package org.trucewatch.scoring;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An area and a period in which analysts have established that fires are not war-related (a forest
 * or marsh fire, crop burning, an industrial site). Detections inside it are left out of the
 * cell-day counts and are never war-related; their rule names the area.
 *
 * @param id the area's id, unique in its list
 * @param reason why its fires are not war-related, for the reader of a report
 * @param minLon western edge, degrees
 * @param minLat southern edge, degrees
 * @param maxLon eastern edge, degrees
 * @param maxLat northern edge, degrees
 * @param from first UTC date (inclusive)
 * @param to last UTC date (inclusive); {@code null} for an open end
 */
public record KnownFireArea(
    String id,
    String reason,
    double minLon,
    double minLat,
    double maxLon,
    double maxLat,
    LocalDate from,
    LocalDate to) {

  /** The longest id, so that the rule {@code known-fire-area:ID} fits the stores' rule column. */
  public static final int MAX_ID_LENGTH = 48;

  /** The rule of a detection left out because it lies in this area. */
  public String rule() {
    return "known-fire-area:" + id;
  }

  public KnownFireArea {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(from, "from");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a known fire area needs an id");
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "known fire area id must have at most "
              + MAX_ID_LENGTH
              + " characters, had "
              + id.length()
              + ": "
              + id);
    }
    if (!(minLon >= -180 && maxLon <= 180 && minLon <= maxLon)) {
      throw new IllegalArgumentException(
          "known fire area " + id + ": longitudes must be -180 <= min <= max <= 180");
    }
    if (!(minLat >= -90 && maxLat <= 90 && minLat <= maxLat)) {
      throw new IllegalArgumentException(
          "known fire area " + id + ": latitudes must be -90 <= min <= max <= 90");
    }
    if (to != null && to.isBefore(from)) {
      throw new IllegalArgumentException(
          "known fire area " + id + ": 'to' " + to + " is before 'from' " + from);
    }
  }

  /** Whether a detection at this position on this UTC date lies in the area (edges included). */
  public boolean contains(double latitude, double longitude, LocalDate utcDate) {
    return latitude >= minLat
        && latitude <= maxLat
        && longitude >= minLon
        && longitude <= maxLon
        && !utcDate.isBefore(from)
        && (to == null || !utcDate.isAfter(to));
  }
}
