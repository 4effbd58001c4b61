package org.trucewatch.assessment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.scoring.ClassifiedDetection;

/**
 * {@code reported-activity-in-zone}: the listed events (explosions, gunfire, weapons, ...) inside
 * any of the listed zones while the truce is in force are forbidden; surveillance reports say where
 * and when they were seen or heard. The verdict, in order of the checks:
 *
 * <ol>
 *   <li>{@code out-of-scope} when no report of the incident is of one of the clause's events, when
 *       none of those is within the truce period, or when none lies in a zone or within its stated
 *       location uncertainty of one;
 *   <li>{@code violation} when a report's point lies in a zone and two or more independent sources
 *       saw it: the sources of such reports and, for an explosion or a fire, the satellites of the
 *       incident's war-related detections; {@code probable-violation} when one source saw it;
 *   <li>{@code possible} when no report's point lies in a zone but a zone is within a report's
 *       stated uncertainty: the event may have been inside it.
 * </ol>
 *
 * Reports of one source are one source, however many there are.
 */
public final class ReportedActivityInZoneClause extends ZoneClause {
  /** The type name in terms files. */
  public static final String TYPE = "reported-activity-in-zone";

  private final Set<ReportedEvent> events;

  public ReportedActivityInZoneClause(String id, List<String> zoneIds, Set<ReportedEvent> events) {
    this(id, zoneIds, events, "");
  }

  /** A clause with the terms' description of what it forbids. */
  public ReportedActivityInZoneClause(
      String id, List<String> zoneIds, Set<ReportedEvent> events, String description) {
    super(id, zoneIds, description);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("clause " + id + " needs at least one event");
    }
    this.events = EnumSet.copyOf(events);
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The events the clause forbids, in the order of {@link ReportedEvent}. */
  public Set<ReportedEvent> events() {
    return events;
  }

  @Override
  public Finding assess(Incident incident, TruceContext truce) {
    List<PlacedReport> relevant =
        incident.reports().stream().filter(r -> events.contains(r.report().event())).toList();
    if (relevant.isEmpty()) {
      String why =
          incident.reports().isEmpty()
              ? "No surveillance report belongs to this incident"
              : "No report of this incident is of an event of clause "
                  + id
                  + " ("
                  + eventList()
                  + ")";
      return Finding.of(
          incident,
          truce,
          id,
          Verdict.OUT_OF_SCOPE,
          List.of(),
          why + ", so clause " + id + " does not apply.",
          List.of());
    }
    TruceTerms t = truce.terms();
    String facts = describe(relevant, truce);
    List<PlacedReport> during =
        relevant.stream().filter(r -> t.inForce(r.report().time())).toList();
    if (during.isEmpty()) {
      return Finding.of(
          incident,
          truce,
          id,
          Verdict.OUT_OF_SCOPE,
          List.of(),
          facts + ". This is outside the truce period, so clause " + id + " does not apply.",
          evidence(relevant, List.of()));
    }
    List<PlacedReport> inside = new ArrayList<>();
    SortedSet<String> zonesHit = new TreeSet<>();
    SortedSet<String> zonesIn = new TreeSet<>();
    List<String> nearSentences = new ArrayList<>();
    List<PlacedReport> near = new ArrayList<>();
    for (PlacedReport pr : during) {
      SurveillanceReport r = pr.report();
      boolean in = false;
      for (String z : zoneIds) {
        double out = truce.metresOutsideZone(z, r.latitude(), r.longitude(), pr.placement());
        if (out == 0) {
          zonesHit.add(z);
          zonesIn.add(z);
          in = true;
        } else if (out <= r.uncertaintyMetres()) {
          zonesHit.add(z);
          nearSentences.add(
              String.format(
                  Locale.ROOT,
                  "the point of %s's report is %,d m outside zone %s, within its stated"
                      + " uncertainty of %,d m",
                  r.sourceKey(),
                  Math.round(out),
                  z,
                  Math.round(r.uncertaintyMetres())));
          near.add(pr);
        }
      }
      if (in) {
        inside.add(pr);
      }
    }
    List<String> zones = zoneIds.stream().filter(zonesHit::contains).toList();
    if (zones.isEmpty()) {
      return Finding.of(
          incident,
          truce,
          id,
          Verdict.OUT_OF_SCOPE,
          List.of(),
          facts
              + ". It is outside the zones of clause "
              + id
              + " ("
              + String.join(", ", zoneIds)
              + "), also allowing for the stated uncertainty of its place.",
          evidence(relevant, List.of()));
    }
    if (inside.isEmpty()) {
      return Finding.of(
          incident,
          truce,
          id,
          Verdict.POSSIBLE,
          zones,
          facts
              + " while the truce was in force. "
              + capitalised(String.join("; ", nearSentences))
              + ", so the event may have been inside the zone; it is not placed there.",
          evidence(near, List.of()));
    }
    List<String> insideZones = zoneIds.stream().filter(zonesIn::contains).toList();
    SortedSet<String> sources = new TreeSet<>();
    inside.forEach(pr -> sources.add(pr.report().sourceKey()));
    List<ClassifiedDetection> satellite = new ArrayList<>();
    if (inside.stream().anyMatch(pr -> pr.report().event().thermal())) {
      for (ClassifiedDetection d : incident.detections()) {
        if (d.score().warRelated() && t.inForce(d.observation().time())) {
          satellite.add(d);
          sources.add(d.observation().sensor().key());
        }
      }
    }
    String factsInZones =
        facts + " inside zone " + String.join(", ", insideZones) + " while the truce was in force.";
    if (sources.size() >= 2) {
      return Finding.of(
          incident,
          truce,
          id,
          Verdict.VIOLATION,
          insideZones,
          factsInZones
              + " Independent sources "
              + String.join(" and ", sources)
              + " corroborate it."
              + (satellite.isEmpty()
                  ? ""
                  : " The satellite detections are assessed as war-related (an inference of the"
                      + " method; see the method version on this report)."),
          evidence(inside, satellite));
    }
    return Finding.of(
        incident,
        truce,
        id,
        Verdict.PROBABLE_VIOLATION,
        insideZones,
        factsInZones
            + " Only "
            + sources.first()
            + " reported it; no other source corroborates it.",
        evidence(inside, satellite));
  }

  /** What the reports say, in neutral words: who reported what, when, where, on whose ground. */
  private static String describe(List<PlacedReport> reports, TruceContext truce) {
    List<String> parts = new ArrayList<>();
    for (PlacedReport pr : reports) {
      SurveillanceReport r = pr.report();
      String where =
          truce.groundOf(pr.placement().side())
              + (pr.placement().regionName().isEmpty() ? "" : ", " + pr.placement().regionName());
      parts.add(
          "source "
              + r.sourceKey()
              + " reported "
              + what(r)
              + " at "
              + TIME.format(r.time().atZone(truce.terms().timeZone()))
              + " local time"
              + String.format(
                  Locale.ROOT,
                  r.uncertaintyMetres() > 0
                      ? ", within %,d m of %.4f° N %.4f° E"
                      : ", at %2$.4f° N %3$.4f° E",
                  Math.round(r.uncertaintyMetres()),
                  r.latitude(),
                  r.longitude())
              + ", on "
              + where);
    }
    return capitalised(String.join("; ", parts));
  }

  /** The event and count as words: "3 explosions", "a burst of gunfire". */
  static String what(SurveillanceReport r) {
    String words = r.event().counted(r.count());
    if (r.event() == ReportedEvent.OTHER && !r.description().isEmpty()) {
      words += " (described as \"" + r.description() + "\")";
    }
    return words;
  }

  private String eventList() {
    return String.join(", ", events.stream().map(ReportedEvent::key).toList());
  }

  private static List<Evidence> evidence(
      List<PlacedReport> reports, List<ClassifiedDetection> detections) {
    List<Evidence> ev = new ArrayList<>();
    reports.stream().distinct().forEach(r -> ev.add(Evidence.of(r)));
    detections.forEach(d -> ev.add(Evidence.of(d)));
    return ev;
  }

  static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
