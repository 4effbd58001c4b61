package org.trucewatch.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.scoring.KnownFireArea;

/**
 * The agreement as data.
 *
 * @param name the truce's name
 * @param parties the parties
 * @param start when the truce takes effect (inclusive)
 * @param end when it ends (exclusive)
 * @param timeZone the truce's time zone, used to print times and cut report days
 * @param reportCutoff local time at which a report day ends (the OSCE used 19:30)
 * @param controlMap the control map that fixes the line of contact at the start
 * @param zones the zones
 * @param clauses the clauses
 * @param staticSources known static heat sources
 * @param knownFireAreas areas and periods whose fires are established as not war-related; the
 *     classification leaves their detections out
 * @param examples worked examples
 * @param sectors monitoring sectors by which the reports count, in the terms' order (a point in two
 *     belongs to the first); empty for none
 */
public record TruceTerms(
    String name,
    List<Party> parties,
    Instant start,
    Instant end,
    ZoneId timeZone,
    LocalTime reportCutoff,
    ControlMap controlMap,
    List<Zone> zones,
    List<Clause> clauses,
    List<StaticSource> staticSources,
    List<KnownFireArea> knownFireAreas,
    List<TermsExample> examples,
    List<Sector> sectors) {
  public TruceTerms {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(reportCutoff, "reportCutoff");
    Objects.requireNonNull(controlMap, "controlMap");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end " + end + " must be after start " + start);
    }
    parties = List.copyOf(parties);
    zones = List.copyOf(zones);
    clauses = List.copyOf(clauses);
    staticSources = List.copyOf(staticSources);
    knownFireAreas = List.copyOf(knownFireAreas);
    examples = List.copyOf(examples);
    sectors = List.copyOf(sectors);
  }

  /** Terms without monitoring sectors. */
  public TruceTerms(
      String name,
      List<Party> parties,
      Instant start,
      Instant end,
      ZoneId timeZone,
      LocalTime reportCutoff,
      ControlMap controlMap,
      List<Zone> zones,
      List<Clause> clauses,
      List<StaticSource> staticSources,
      List<KnownFireArea> knownFireAreas,
      List<TermsExample> examples) {
    this(
        name,
        parties,
        start,
        end,
        timeZone,
        reportCutoff,
        controlMap,
        zones,
        clauses,
        staticSources,
        knownFireAreas,
        examples,
        List.of());
  }

  /**
   * The report day an instant belongs to: a report day D runs from the cutoff on D-1 (inclusive) to
   * the cutoff on D (exclusive), in the truce's time zone.
   */
  public LocalDate reportDay(Instant t) {
    ZonedDateTime local = t.atZone(timeZone);
    return local.toLocalTime().isBefore(reportCutoff)
        ? local.toLocalDate()
        : local.toLocalDate().plusDays(1);
  }

  /** The first instant of a report day. */
  public Instant reportDayStart(LocalDate day) {
    return day.minusDays(1).atTime(reportCutoff).atZone(timeZone).toInstant();
  }

  /** The first instant after a report day. */
  public Instant reportDayEnd(LocalDate day) {
    return day.atTime(reportCutoff).atZone(timeZone).toInstant();
  }

  /** Whether an instant is within the truce. */
  public boolean inForce(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
