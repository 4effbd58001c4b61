package org.trucewatch.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import org.trucewatch.geo.Placement;
import org.trucewatch.scoring.ClassifiedDetection;

/**
 * Detections grouped in space and time that are taken to be one event.
 *
 * @param id a deterministic identifier derived from the members' content hashes
 * @param detections the members, ordered by time, then file and line
 * @param first the earliest acquisition time
 * @param last the latest acquisition time
 * @param latitude the members' mean latitude
 * @param longitude the members' mean longitude
 * @param place where the mean position is: whose ground, distance to the line, oblast
 * @param sources the independent sources that saw it (sensor keys such as {@code VIIRS/N20})
 */
public record Incident(
    String id,
    List<ClassifiedDetection> detections,
    Instant first,
    Instant last,
    double latitude,
    double longitude,
    Placement place,
    SortedSet<String> sources) {
  public Incident {
    Objects.requireNonNull(id, "id");
    detections = List.copyOf(detections);
    if (detections.isEmpty()) {
      throw new IllegalArgumentException("an incident needs at least one detection");
    }
  }

  /** Whether more than one independent source saw it. */
  public boolean corroborated() {
    return sources.size() >= 2;
  }

  /** Whether any member is classified war-related. */
  public boolean warRelated() {
    return detections.stream().anyMatch(d -> d.score().warRelated());
  }

  /**
   * Whether every member comes from a date-only input (the 3-column history files): the incident
   * has a UTC date and no time of day.
   */
  public boolean dateOnly() {
    return detections.stream()
        .allMatch(
            d -> d.observation().timePrecision() == org.trucewatch.observation.TimePrecision.DAY);
  }

  /** The smallest p-value among the members' cell-days. */
  public double minPValue() {
    return detections.stream().mapToDouble(d -> d.score().pValue()).min().orElse(1);
  }
}
