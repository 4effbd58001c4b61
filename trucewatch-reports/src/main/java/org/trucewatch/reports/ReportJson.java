package org.trucewatch.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.trucewatch.assessment.Evidence;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Zone;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.run.SourceWatch;

/** report.json: the report's numbers, documented field by field in docs/report-format.md. */
public final class ReportJson {
  private static final ObjectMapper M =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  public static String render(ReportInput in) {
    PeriodReport r = in.report();
    TruceTerms t = r.terms();
    ObjectNode root = M.createObjectNode();
    root.put("format", "trucewatch-report/1");
    root.put("method_version", r.methodVersion());
    ObjectNode truce = root.putObject("truce");
    truce.put("name", t.name());
    truce.put("start", t.start().toString());
    truce.put("end", t.end().toString());
    truce.put("time_zone", t.timeZone().getId());
    truce.put("report_cutoff", t.reportCutoff().toString());
    truce.put("control_map", t.controlMap().source());
    truce.put("control_map_date", t.controlMap().date().toString());
    ArrayNode zones = truce.putArray("zones");
    for (Zone z : t.zones()) {
      ObjectNode zn = zones.addObject();
      zn.put("id", z.id());
      zn.put("kind", z.kind().name().toLowerCase(java.util.Locale.ROOT));
      if (!Double.isNaN(z.widthMetres())) {
        zn.put("width_m", z.widthMetres());
      }
    }
    ObjectNode inputs = root.putObject("inputs");
    putFile(inputs.putObject("terms"), r.termsFile());
    ArrayNode files = inputs.putArray("detections");
    for (InputFile f : r.inputs()) {
      putFile(files.addObject(), f);
    }
    ArrayNode reportFiles = inputs.putArray("reports");
    for (InputFile f : r.reportInputs()) {
      ObjectNode rf = reportFiles.addObject();
      putFile(rf, f);
      f.sources().forEach(rf.putArray("sources")::add);
    }
    PeriodReport.Summary s = r.summary();
    ObjectNode sum = root.putObject("summary");
    sum.put("first_day", s.firstDay().toString());
    sum.put("last_day", s.lastDay().toString());
    sum.put("truce_days", s.truceDays());
    sum.put("truce_days_observed", s.truceDaysObserved());
    sum.put("before_days_observed", s.beforeDaysObserved());
    sum.put("compared_days", s.comparedDays());
    counts(sum.putObject("truce"), s.truce());
    counts(sum.putObject("truce_first_compared_days"), s.truceFirstN());
    counts(sum.putObject("before_last_compared_days"), s.beforeLastN());
    counts(sum.putObject("all_days"), s.all());
    sum.put("detections_outside_period", s.detectionsOutsidePeriod());
    sum.put("detections_outside_area", s.detectionsOutsideArea());
    ArrayNode truceWatch = sum.putArray("truce_watch");
    for (SourceWatch.Total x : SourceWatch.overTruce(r.days())) {
      ObjectNode wn = truceWatch.addObject();
      wn.put("source", x.source());
      wn.put("days", x.days());
      wn.put("minutes_watching", x.minutesWatching());
      wn.put("offline_periods", x.offline());
      wn.put("reports", x.reports());
    }
    ArrayNode days = root.putArray("days");
    for (PeriodReport.Day d : r.days()) {
      ObjectNode dn = days.addObject();
      dn.put("date", d.date().toString());
      dn.put("phase", d.phase().key());
      dn.put("from", d.from().toString());
      dn.put("to", d.to().toString());
      counts(dn, d.counts());
      if (d.change() == null) {
        dn.putNull("change_from_previous_day");
      } else {
        ObjectNode c = dn.putObject("change_from_previous_day");
        c.put("detections", d.change().detections());
        c.put("war_related", d.change().warRelated());
        c.put("incidents", d.change().incidents());
        c.put("violations", d.change().violations());
      }
      ArrayNode reported = dn.putArray("reported");
      for (PeriodReport.Reported x : d.reported()) {
        ObjectNode rn = reported.addObject();
        rn.put("event", x.event());
        rn.put("reports", x.reports());
        rn.put("counted", x.counted());
        rn.put("in_zones", x.inZones());
        x.sources().forEach(rn.putArray("sources")::add);
      }
      ObjectNode cov = dn.putObject("coverage");
      cov.put("status", d.coverage().status());
      d.coverage().sources().forEach(cov.putArray("sources")::add);
      d.coverage().passes().forEach(cov.putArray("passes")::add);
      d.coverage().hoursWithoutPass().forEach(cov.putArray("hours_without_pass")::add);
      ArrayNode watched = cov.putArray("watched");
      for (SourceWatch.Watched w : d.watched()) {
        ObjectNode wn = watched.addObject();
        wn.put("source", w.source());
        w.watching().forEach(wn.putArray("watching")::add);
        wn.put("minutes_watching", w.minutesWatching());
        w.offline().forEach(wn.putArray("offline")::add);
        wn.put("reports", w.reports());
        w.rows().forEach(wn.putArray("rows")::add);
      }
      List<DayRevision> revisions = in.revisions().getOrDefault(d.date(), List.of());
      if (!revisions.isEmpty()) {
        ArrayNode rs = dn.putArray("revisions");
        for (int k = 0; k < revisions.size(); k++) {
          revision(rs.addObject(), revisions.get(k), k == 0 ? null : revisions.get(k - 1));
        }
      }
    }
    ArrayNode notable = root.putArray("notable_findings");
    for (Finding f : r.notable()) {
      finding(notable.addObject(), f, t.reportDay(f.first()));
    }
    try {
      return M.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report.json could not be written", e);
    }
  }

  /**
   * Writes a finding into {@code into} as report.json lists it among the notable findings: id,
   * verdict, first, report day, place, whose ground, oblast, monitoring sector (id and name, empty
   * outside the sectors), and how many detections and reports are its evidence.
   */
  public static void finding(ObjectNode into, Finding f, LocalDate reportDay) {
    into.put("id", f.id());
    into.put("verdict", f.verdict().key());
    into.put("first", f.first().toString());
    into.put("report_day", reportDay.toString());
    into.put("latitude", IncidentsGeoJson.degrees(f.latitude()));
    into.put("longitude", IncidentsGeoJson.degrees(f.longitude()));
    into.put("side", f.side().key());
    into.put("oblast", f.regionName());
    into.put("sector_id", f.sectorId());
    into.put("sector", f.sectorName());
    into.put(
        "detections",
        f.evidence().stream().filter(e -> e.kind() == Evidence.Kind.DETECTION).count());
    into.put(
        "reports", f.evidence().stream().filter(e -> e.kind() == Evidence.Kind.REPORT).count());
  }

  /**
   * Writes a finding that an assessment states for the first time, as alerts list it: as {@link
   * #finding}, with its clause, zones and reasoning.
   */
  public static void firstStated(ObjectNode into, Finding f, LocalDate reportDay) {
    finding(into, f, reportDay);
    into.put("clause_id", f.clauseId());
    f.zones().forEach(into.putArray("zones")::add);
    into.put("reasoning", f.reasoning());
  }

  /**
   * Writes one version of a day's figures into {@code into}, as report.json lists them under a
   * day's {@code revisions}: its figures and, under {@code areas_changed}, the names of the sides,
   * oblasts and sectors whose counts it changed from the version {@code before} (null when it is
   * the first, or either does not keep them).
   */
  public static void revision(ObjectNode into, DayRevision rv, DayRevision before) {
    revision(into, rv);
    rv.areasChangedFrom(before)
        .ifPresentOrElse(
            names -> names.forEach(into.putArray("areas_changed")::add),
            () -> into.putNull("areas_changed"));
  }

  /** Writes the figures of one version of a day's figures into {@code into}. */
  public static void revision(ObjectNode into, DayRevision rv) {
    into.put("stated", rv.stated().toString());
    into.put("method_version", rv.methodVersion());
    into.put("last_ingest_id", rv.lastIngestId());
    into.put("coverage", rv.coverage());
    into.put("detections", rv.detections());
    into.put("war_related", rv.warRelated());
    into.put("in_buffer", rv.inBuffer());
    into.put("incidents", rv.incidents());
    ObjectNode f = into.putObject("findings");
    rv.findings().forEach(f::put);
    into.put("reports", rv.reports());
  }

  /**
   * One version of a day's figures as {@link #revision(ObjectNode, DayRevision)} writes it, read
   * back, without its counts by area (which it does not write): how a job keeps the versions it
   * stated.
   *
   * @throws IllegalArgumentException when a field is missing or not of its kind
   */
  public static DayRevision revision(JsonNode n) {
    Map<String, Integer> findings = new LinkedHashMap<>();
    n.path("findings").properties().forEach(e -> findings.put(e.getKey(), e.getValue().asInt()));
    try {
      return new DayRevision(
          Instant.parse(n.path("stated").asText()),
          required(n, "method_version").asText(),
          required(n, "last_ingest_id").asLong(),
          required(n, "coverage").asText(),
          required(n, "detections").asInt(),
          required(n, "war_related").asInt(),
          required(n, "in_buffer").asInt(),
          required(n, "incidents").asInt(),
          findings,
          required(n, "reports").asInt(),
          null);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("stated: not an instant: " + n.path("stated"), e);
    }
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return v;
  }

  /**
   * A day whose figures an assessment stated anew, as alerts and the streaming job tell it: its
   * date, the number of its version, whether first stated or revised, the figures and the version
   * before.
   *
   * @param versions the day's versions, oldest first; the newest is the one stated
   */
  public static void dayStated(ObjectNode into, LocalDate day, List<DayRevision> versions) {
    into.put("date", day.toString());
    into.put("version", versions.size());
    into.put("change", versions.size() == 1 ? "first-stated" : "revised");
    int n = versions.size();
    revision(into.putObject("figures"), versions.get(n - 1), n > 1 ? versions.get(n - 2) : null);
    if (n == 1) {
      into.putNull("previous");
    } else {
      revision(into.putObject("previous"), versions.get(n - 2), n > 2 ? versions.get(n - 3) : null);
    }
  }

  private static void putFile(ObjectNode n, InputFile f) {
    n.put("file", f.name());
    n.put("sha256", f.sha256());
    n.put("rows_read", f.rowsRead());
    n.put("kept", f.kept());
    n.put("rejected", f.rejected());
    n.put("outside_area", f.outsideArea());
  }

  private static void counts(ObjectNode n, PeriodReport.Counts c) {
    n.put("detections", c.detections());
    n.put("war_related", c.warRelated());
    n.put("in_buffer", c.inBuffer());
    n.put("incidents", c.incidents());
    ObjectNode f = n.putObject("findings");
    c.findings().forEach(f::put);
    parts(n.putObject("by_side"), c.bySide());
    parts(n.putObject("by_oblast"), c.byOblast());
    parts(n.putObject("by_sector"), c.bySector());
  }

  /**
   * Writes {@code parts} (a day's counts by side, oblast or monitoring sector) into {@code n}, each
   * under its key, as report.json lists them.
   */
  public static void parts(ObjectNode n, Map<String, PeriodReport.Part> parts) {
    parts.forEach((k, p) -> part(n.putObject(k), p));
  }

  /** Writes the counts of one side, oblast or monitoring sector into {@code o}. */
  public static void part(ObjectNode o, PeriodReport.Part p) {
    o.put("name", p.name());
    o.put("detections", p.detections());
    o.put("war_related", p.warRelated());
    o.put("in_buffer", p.inBuffer());
    o.put("incidents", p.incidents());
    o.put("violations", p.violations());
  }

  /**
   * Counts by side, oblast or monitoring sector as {@link #parts(ObjectNode, Map)} writes them,
   * read back in their order.
   *
   * @throws IllegalArgumentException when a field is missing
   */
  public static Map<String, PeriodReport.Part> parts(JsonNode n) {
    Map<String, PeriodReport.Part> out = new LinkedHashMap<>();
    n.properties()
        .forEach(
            e -> {
              JsonNode p = e.getValue();
              out.put(
                  e.getKey(),
                  new PeriodReport.Part(
                      required(p, "name").asText(),
                      required(p, "detections").asInt(),
                      required(p, "war_related").asInt(),
                      required(p, "in_buffer").asInt(),
                      required(p, "incidents").asInt(),
                      required(p, "violations").asInt()));
            });
    return out;
  }
}
