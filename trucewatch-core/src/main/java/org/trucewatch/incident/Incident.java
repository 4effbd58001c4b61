package org.trucewatch.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.trucewatch.geo.Placement;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.scoring.ClassifiedDetection;

/**
 * Observations grouped in space and time that are taken to be one event: satellite detections,
 * surveillance reports, or both.
 *
 * @param id a deterministic identifier derived from the members' content hashes
 * @param detections the satellite detections, ordered by time, then file and line; may be empty
 *     when reports saw it
 * @param first the earliest time of any member
 * @param last the latest time of any member
 * @param latitude the members' mean latitude
 * @param longitude the members' mean longitude
 * @param place where the mean position is: whose ground, distance to the line, oblast
 * @param sources the independent sources that saw it: sensor keys such as {@code VIIRS/N20} and
 *     report sources such as {@code camera:CAM-07}
 * @param reports the surveillance reports, ordered by time, then file and line; may be empty
 */
public record Incident(
    String id,
    List<ClassifiedDetection> detections,
    Instant first,
    Instant last,
    double latitude,
    double longitude,
    Placement place,
    SortedSet<String> sources,
    List<PlacedReport> reports) {
  public Incident {
    Objects.requireNonNull(id, "id");
    detections = List.copyOf(detections);
    reports = List.copyOf(reports);
    if (detections.isEmpty() && reports.isEmpty()) {
      throw new IllegalArgumentException("an incident needs at least one detection or report");
    }
  }

  /** An incident of satellite detections alone. */
  public Incident(
      String id,
      List<ClassifiedDetection> detections,
      Instant first,
      Instant last,
      double latitude,
      double longitude,
      Placement place,
      SortedSet<String> sources) {
    this(id, detections, first, last, latitude, longitude, place, sources, List.of());
  }

  /** Whether more than one independent source saw it. */
  public boolean corroborated() {
    return sources.size() >= 2;
  }

  /** The satellite sensors among its sources (sensor keys such as {@code VIIRS/N20}). */
  public SortedSet<String> satellites() {
    TreeSet<String> out = new TreeSet<>();
    detections.forEach(d -> out.add(d.observation().sensor().key()));
    return out;
  }

  /** Whether any member is classified war-related. */
  public boolean warRelated() {
    return detections.stream().anyMatch(d -> d.score().warRelated());
  }

  /**
   * Whether every member comes from a date-only input (the 3-column history files): the incident
   * has a UTC date and no time of day. A report always has a time of day.
   */
  public boolean dateOnly() {
    return reports.isEmpty()
        && detections.stream().allMatch(d -> d.observation().timePrecision() == TimePrecision.DAY);
  }

  /** The smallest p-value among the members' cell-days. */
  public double minPValue() {
    return detections.stream().mapToDouble(d -> d.score().pValue()).min().orElse(1);
  }
}
