package org.trucewatch.assessment;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.Confidence;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.KnownFireArea;

/**
 * {@code thermal-activity-in-zone}: war-related thermal activity inside any of the listed zones
 * while the truce is in force is forbidden. The verdict, in order of the checks:
 *
 * <ol>
 *   <li>{@code out-of-scope} when the incident is outside the truce period or none of its
 *       detections is in one of the zones;
 *   <li>{@code inconclusive} when only the day is known and the day straddles the truce's start or
 *       end, or when every detection has low confidence;
 *   <li>{@code background} when a detection is a FIRMS static land source (type 2) or the incident
 *       lies within a known static heat source;
 *   <li>{@code possible} when its detections are war-related only by the follow-up rule and the war
 *       day they follow began before the truce: the activity may be continuing from then;
 *   <li>{@code violation} when it is war-related and corroborated by two or more independent
 *       sources, {@code probable-violation} when war-related and seen by one source;
 *   <li>{@code possible} when not war-related but a detection's cell-day is in excess of the
 *       seasonal background (the classifier's excess rule, without persistence); otherwise {@code
 *       background}.
 * </ol>
 */
public final class ThermalActivityInZoneClause extends ZoneClause {
  /** The type name in terms files. */
  public static final String TYPE = "thermal-activity-in-zone";

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ROOT);

  public ThermalActivityInZoneClause(String id, List<String> zoneIds) {
    this(id, zoneIds, "");
  }

  /** A clause with the terms' description of what it forbids. */
  public ThermalActivityInZoneClause(String id, List<String> zoneIds, String description) {
    super(id, zoneIds, description);
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Finding assess(Incident incident, TruceContext truce) {
    TruceTerms t = truce.terms();
    if (incident.detections().isEmpty()) {
      return finding(
          incident,
          truce,
          Verdict.OUT_OF_SCOPE,
          List.of(),
          "No satellite thermal anomaly belongs to this incident, which surveillance reports"
              + " alone give, so clause "
              + id
              + " (thermal activity) does not apply.");
    }
    String where =
        truce.groundOf(incident.place().side())
            + (incident.place().regionName().isEmpty() ? "" : ", " + incident.place().regionName());
    String facts = describeSeen(incident, t) + " on " + where;
    List<String> zonesHit = new ArrayList<>();
    for (String z : zoneIds) {
      for (ClassifiedDetection d : incident.detections()) {
        Observation o = d.observation();
        if (truce.inZone(z, o.latitude(), o.longitude(), d.placement())) {
          zonesHit.add(z);
          break;
        }
      }
    }
    boolean dayOnly =
        incident.detections().stream()
            .anyMatch(d -> d.observation().timePrecision() == TimePrecision.DAY);
    boolean straddles =
        dayOnly && (crossesDay(incident, t.start()) || crossesDay(incident, t.end()));
    boolean during = !incident.last().isBefore(t.start()) && incident.first().isBefore(t.end());
    if (!during && !straddles) {
      return finding(
          incident,
          truce,
          Verdict.OUT_OF_SCOPE,
          zonesHit,
          facts + ". This is outside the truce period, so clause " + id + " does not apply.");
    }
    if (zonesHit.isEmpty()) {
      return finding(
          incident,
          truce,
          Verdict.OUT_OF_SCOPE,
          zonesHit,
          facts
              + ". It is outside the zones of clause "
              + id
              + " ("
              + String.join(", ", zoneIds)
              + ").");
    }
    String factsInZones = facts + " inside zone " + String.join(", ", zonesHit);
    if (straddles) {
      return finding(
          incident,
          truce,
          Verdict.INCONCLUSIVE,
          zonesHit,
          factsInZones
              + ". Only the date of acquisition is known and that day"
              + " contains the start or end of the truce, so it cannot be said whether it was"
              + " during the truce.");
    }
    boolean allLow =
        incident.detections().stream()
            .allMatch(
                d ->
                    d.observation().confidence() != null
                        && d.observation().confidence().level() == Confidence.Level.LOW);
    if (allLow) {
      return finding(
          incident,
          truce,
          Verdict.INCONCLUSIVE,
          zonesHit,
          factsInZones
              + ". Every detection has low confidence, which the"
              + " product uses for weak or uncertain anomalies; no verdict is drawn from them.");
    }
    boolean staticType =
        incident.detections().stream()
            .anyMatch(d -> d.observation().type() == Observation.TYPE_STATIC_LAND_SOURCE);
    Optional<StaticSource> src = truce.staticSourceAt(incident.latitude(), incident.longitude());
    if (staticType || src.isPresent()) {
      String why =
          src.map(
                  s ->
                      "It lies within "
                          + Math.round(s.radiusMetres())
                          + " m of the known static"
                          + " heat source "
                          + s.name()
                          + ".")
              .orElse("FIRMS marks the detection as a static land source (type 2).");
      return finding(
          incident,
          truce,
          Verdict.BACKGROUND,
          zonesHit,
          factsInZones + ". " + why + " It is treated as background.");
    }
    Optional<KnownFireArea> area = truce.knownFireAreaOf(incident);
    if (area.isPresent()) {
      return finding(
          incident,
          truce,
          Verdict.BACKGROUND,
          zonesHit,
          factsInZones
              + ". It lies in the known fire area "
              + area.get().id()
              + " ("
              + area.get().reason()
              + "), which the terms list as not war-related. It is treated as background.");
    }
    if (incident.warRelated()) {
      Optional<LocalDate> followed = followedWarDayOnly(incident);
      String inference =
          " Inference: the activity in its 0.1° cell exceeds the seasonal background and recurs"
              + " (see the method version on this report), so it is assessed as war-related.";
      if (followed.isPresent()) {
        if (followed.get().atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(t.start())) {
          return finding(
              incident,
              truce,
              Verdict.POSSIBLE,
              zonesHit,
              factsInZones
                  + " while the truce was in force."
                  + followUp(followed.get(), "a day that began before the truce")
                  + "); this may be that activity continuing, so it is not assessed as a"
                  + " violation of the truce.");
        }
        inference =
            followUp(followed.get(), "during the truce")
                + "; see the method version on this report).";
      }
      SortedSet<String> corroborating = corroborating(incident);
      if (corroborating.size() >= 2) {
        return finding(
            incident,
            truce,
            Verdict.VIOLATION,
            zonesHit,
            factsInZones
                + " while the truce was in force."
                + reportsSeen(incident)
                + " Independent sources "
                + String.join(" and ", corroborating)
                + " corroborate it."
                + inference);
      }
      return finding(
          incident,
          truce,
          Verdict.PROBABLE_VIOLATION,
          zonesHit,
          factsInZones
              + " while the truce was in force. Only "
              + corroborating.first()
              + " saw it."
              + inference);
    }
    if (incident.detections().stream().anyMatch(d -> d.score().excess() > 0)) {
      return finding(
          incident,
          truce,
          Verdict.POSSIBLE,
          zonesHit,
          factsInZones
              + " while the truce was in force. Its cell-day is"
              + String.format(
                  Locale.ROOT,
                  " in excess of the seasonal background (p = %.2g)",
                  incident.minPValue())
              + " but the excess does not recur; it is not assessed as war-related.");
    }
    return finding(
        incident,
        truce,
        Verdict.BACKGROUND,
        zonesHit,
        factsInZones + ". The activity is within the seasonal background for" + " its cell.");
  }

  /** The inference of a follow-up, up to the closing parenthesis after the rule's name. */
  private static String followUp(LocalDate warDay, String when) {
    return " Inference: its 0.1° cell had war-related excess activity on "
        + DATE.format(warDay)
        + " (UTC), "
        + when
        + ", and the method assesses fire in such a cell in the days after as war-related too"
        + " (follow-up rule";
  }

  /**
   * When every war-related detection of the incident is war-related by the follow-up rule alone,
   * the latest war day they follow; otherwise empty.
   */
  private static Optional<LocalDate> followedWarDayOnly(Incident incident) {
    LocalDate latest = null;
    for (ClassifiedDetection d : incident.detections()) {
      if (!d.score().warRelated()) {
        continue;
      }
      LocalDate f = d.score().followedWarDay();
      if (f == null) {
        return Optional.empty();
      }
      latest = latest == null || f.isAfter(latest) ? f : latest;
    }
    return Optional.ofNullable(latest);
  }

  private static boolean crossesDay(Incident i, java.time.Instant boundary) {
    LocalDate bd = boundary.atZone(ZoneOffset.UTC).toLocalDate();
    return i.detections().stream()
        .anyMatch(
            d ->
                d.observation().timePrecision() == TimePrecision.DAY
                    && d.observation().utcDate().equals(bd));
  }

  private static String describeSeen(Incident i, TruceTerms t) {
    int n = i.detections().size();
    String seen =
        (n == 1 ? "One thermal anomaly" : n + " thermal anomalies")
            + " seen by "
            + String.join(", ", i.satellites());
    if (i.dateOnly()) {
      // a date-only input (the 3-column history files): no time of day is claimed
      return seen
          + " on "
          + DATE.format(i.first().atZone(ZoneOffset.UTC))
          + " (UTC date; the input gives no time of day)";
    }
    return seen + " at " + TIME.format(i.first().atZone(t.timeZone())) + " local time";
  }

  private Finding finding(
      Incident i, TruceContext truce, Verdict v, List<String> zones, String reasoning) {
    List<Evidence> ev = new ArrayList<>();
    i.detections().forEach(d -> ev.add(Evidence.of(d)));
    thermalReports(i).forEach(r -> ev.add(Evidence.of(r)));
    return Finding.of(i, truce, id, v, zones, reasoning, ev);
  }

  /** The reports of the incident whose event gives off heat: an explosion or a fire. */
  private static List<PlacedReport> thermalReports(Incident i) {
    return i.reports().stream().filter(r -> r.report().event().thermal()).toList();
  }

  /**
   * The independent sources that saw the thermal activity: the satellites, and the sources of
   * reports of an explosion or a fire that joined the incident.
   */
  private static SortedSet<String> corroborating(Incident i) {
    SortedSet<String> out = i.satellites();
    thermalReports(i).forEach(r -> out.add(r.report().sourceKey()));
    return out;
  }

  /** What the reports of an explosion or a fire in the incident say, as a sentence, or empty. */
  private static String reportsSeen(Incident i) {
    List<PlacedReport> rs = thermalReports(i);
    if (rs.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (PlacedReport pr : rs) {
      SurveillanceReport r = pr.report();
      parts.add("source " + r.sourceKey() + " reported " + ReportedActivityInZoneClause.what(r));
    }
    return " " + ReportedActivityInZoneClause.capitalised(String.join("; ", parts)) + ".";
  }
}
