package org.trucewatch.observation;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing seen or heard by a surveillance source (an observer, a drone, a fixed camera or an
 * acoustic sensor) at a time and a place, with the uncertainty of that place.
 *
 * @param reportId the report's id, unique for its source
 * @param sourceId the source's id, for example {@code CAM-07}; reports of one source are not
 *     independent of each other
 * @param kind the kind of source
 * @param memberState the member state that operates the source (ISO 3166-1 alpha-2), or empty
 * @param time when it was seen or heard (UTC)
 * @param timePrecision {@link TimePrecision#MINUTE} or {@link TimePrecision#SECOND}
 * @param latitude where it was seen or heard (the event, not the source), WGS 84 degrees
 * @param longitude the same, WGS 84 degrees
 * @param uncertaintyMetres the radius around that point within which the source places the event; 0
 *     when the source gives an exact point
 * @param event what was seen or heard
 * @param count how many of it (explosions, bursts, flares) the report counts, at least 1
 * @param description the source's free text, or empty
 * @param releasableTo who besides the mission and the provider may see the report
 * @param provenance file, line and content hash of the input row
 */
public record SurveillanceReport(
    String reportId,
    String sourceId,
    SourceKind kind,
    String memberState,
    Instant time,
    TimePrecision timePrecision,
    double latitude,
    double longitude,
    double uncertaintyMetres,
    ReportedEvent event,
    int count,
    String description,
    Releasability releasableTo,
    Provenance provenance) {

  /** The largest location uncertainty a report may give: beyond it the place says nothing. */
  public static final double MAX_UNCERTAINTY_METRES = 50_000;

  public SurveillanceReport {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(memberState, "memberState");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(timePrecision, "timePrecision");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(releasableTo, "releasableTo");
    Objects.requireNonNull(provenance, "provenance");
    if (reportId.isBlank() || sourceId.isBlank()) {
      throw new IllegalArgumentException("a report needs a report id and a source id");
    }
    if (timePrecision == TimePrecision.DAY) {
      throw new IllegalArgumentException("a report needs a time of day, not only a date");
    }
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be within -90..90, was " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be within -180..180, was " + longitude);
    }
    if (!(uncertaintyMetres >= 0 && uncertaintyMetres <= MAX_UNCERTAINTY_METRES)) {
      throw new IllegalArgumentException(
          "uncertainty must be within 0.."
              + (int) MAX_UNCERTAINTY_METRES
              + " m, was "
              + uncertaintyMetres);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
  }

  /**
   * The source as named in incidents and findings: kind and id, for example {@code camera:CAM-07}.
   * Two reports with the same key are one source, not two that corroborate each other.
   */
  public String sourceKey() {
    return kind.key() + ":" + sourceId;
  }

  /** The identity of a report across files: its source and its id. */
  public String identity() {
    return sourceId + "|" + reportId;
  }

  /**
   * Whether another report says the same as this one, wherever it comes from: every field but the
   * provenance and the release. The same report given again with another release re-releases it
   * (the store keeps each change); with other content it is another report under the same ids.
   */
  public boolean sameContent(SurveillanceReport o) {
    return reportId.equals(o.reportId)
        && sourceId.equals(o.sourceId)
        && kind == o.kind
        && memberState.equals(o.memberState)
        && time.equals(o.time)
        && latitude == o.latitude
        && longitude == o.longitude
        && uncertaintyMetres == o.uncertaintyMetres
        && event == o.event
        && count == o.count
        && description.equals(o.description);
  }
}
