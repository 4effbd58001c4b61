package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.reports.IncidentsGeoJson;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.store.Features;
import org.trucewatch.store.Rows;

/**
 * What an assessment stated of the report days, as the store's log of statements keeps it: the JSON
 * that a webhook posts and that an e-mail is written from (docs/server.md, "Alerts").
 */
final class Statement {
  static final ObjectMapper JSON = new ObjectMapper();
  // the verdicts whose findings alerts name
  private static final List<Verdict> SERIOUS =
      List.of(Verdict.VIOLATION, Verdict.PROBABLE_VIOLATION);

  private Statement() {}

  /**
   * The statement of {@code s} for the log: empty when it states no day anew (it issued CAP
   * messages only).
   */
  static Optional<String> of(Monitor.DaysStated s) {
    return s.days().isEmpty() ? Optional.empty() : Optional.of(json(s));
  }

  /** The statement's JSON (docs/server.md, "Alerts"). */
  static String json(Monitor.DaysStated s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("event", Alerts.EVENT);
    root.put("stated", s.stated().toString());
    root.put("method_version", s.methodVersion());
    root.put("terms", s.terms());
    root.put("last_ingest_id", s.lastIngestId());
    ArrayNode days = root.putArray("days");
    for (Map.Entry<LocalDate, List<DayRevision>> e : s.days().entrySet()) {
      String day = e.getKey().toString();
      List<DayRevision> versions = e.getValue();
      ObjectNode d = days.addObject();
      ReportJson.dayStated(d, e.getKey(), versions);
      // the day's violations and probable violations stated for the first time
      ArrayNode first = d.putArray("first_stated_findings");
      for (Finding f : s.firstStated().getOrDefault(e.getKey(), List.of())) {
        ObjectNode x = first.addObject();
        ReportJson.firstStated(x, f, e.getKey());
        x.put("oblast_code", f.regionCode());
        x.put("ground", ground(s.grounds(), f.side().key()));
        x.put("href", "/api/v1/findings/" + Ogc.fid(f.id()));
      }
      // the day's violations and probable violations withdrawn, each by its CAP Cancel
      ArrayNode withdrawn = d.putArray("withdrawn_findings");
      for (Rows.AlertMessage m : s.withdrawn().getOrDefault(e.getKey(), List.of())) {
        withdrawn
            .addObject()
            .put("finding_id", m.findingId())
            .put("verdict", m.verdict())
            .put("clause_id", m.clauseId())
            .put("first_time", m.first().toString())
            .put("latitude", m.latitude())
            .put("longitude", m.longitude())
            .put("side", m.side())
            .put("ground", ground(s.grounds(), m.side()))
            .put("oblast_code", m.oblastCode())
            .put("oblast", m.oblast())
            .put("sector_id", m.sectorId())
            .put("sector", m.sector())
            .put("reason", Cap.withdrawn(m))
            .put("cap", Cap.MESSAGE_PATH + m.identifier());
      }
      // the day's counts by side, oblast and sector (a receiver of one area is given its own), as
      // the version just stated keeps them
      DayRevision.Areas c = versions.get(versions.size() - 1).areas();
      if (c != null) {
        ReportJson.parts(d.putObject("by_side"), c.bySide());
        ReportJson.parts(d.putObject("by_oblast"), c.byOblast());
        ReportJson.parts(d.putObject("by_sector"), c.bySector());
        // of a day revised, what the counts were of each side, oblast and sector whose counts
        // changed, as the version before kept them
        DayRevision.Areas before =
            versions.size() > 1 ? versions.get(versions.size() - 2).areas() : null;
        if (before != null) {
          changed(d.putObject("previous_by_side"), c.bySide(), before.bySide());
          changed(d.putObject("previous_by_oblast"), c.byOblast(), before.byOblast());
          changed(d.putObject("previous_by_sector"), c.bySector(), before.bySector());
        }
      }
      ObjectNode links = d.putObject("links");
      links.put("html", Server.dayPageHref(day, "html"));
      links.put("pdf", Server.dayPageHref(day, "pdf"));
      links.put("json", "/api/v1/reports/" + day);
    }
    root.put("text", text(s));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a statement could not be written", e);
    }
  }

  /**
   * Puts into {@code n}, for each key whose counts in {@code now} are not those {@code before}, the
   * counts before (null: none before, that is no activity counted there).
   */
  private static void changed(
      ObjectNode n, Map<String, PeriodReport.Part> now, Map<String, PeriodReport.Part> before) {
    for (String k : DayRevision.Areas.changedKeys(now, before)) {
      PeriodReport.Part was = before.get(k);
      if (was == null) {
        n.putNull(k);
      } else {
        ReportJson.part(n.putObject(k), was);
      }
    }
  }

  /**
   * The statement of an analyst's review {@code r}, shown with finding {@code f} (the one reviewed,
   * or the one that stands for it since an ingest renamed it, as the review's transaction read it),
   * under the terms named {@code terms}: when either is a violation or probable violation, whose
   * alerts the receivers were given; empty for others. It carries the review as the API serves it,
   * the finding as the alerts named it (no evidence rows) and a line of text (docs/server.md,
   * "Alerts"); the e-mail written from it says that the review is a person's judgement which does
   * not change the finding.
   */
  static Optional<String> reviewed(
      Rows.Review r, Features.Feature f, String terms, Map<String, String> grounds) {
    Map<String, Object> p = f.properties();
    if (!serious(r.verdict()) && !serious(text(p, "verdict"))) {
      return Optional.empty();
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("event", Alerts.REVIEW_EVENT);
    root.put("stated", r.made().toString());
    root.put("method_version", r.methodVersion());
    root.put("terms", terms);
    // the review as the API gave it when posted, with the finding that stands for the one reviewed
    ObjectNode review = org.trucewatch.store.Store.reviewJson(r);
    review.put("current_finding_id", f.id());
    root.set("review", review);
    ObjectNode x = root.putObject("finding");
    x.put("finding_id", f.id());
    x.put("verdict", text(p, "verdict"));
    x.put("clause_id", text(p, "clause_id"));
    x.put("first_time", text(p, "first_time"));
    x.put("report_day", text(p, "report_day"));
    x.put("latitude", IncidentsGeoJson.degrees(f.latitude()));
    x.put("longitude", IncidentsGeoJson.degrees(f.longitude()));
    x.put("side", text(p, "side"));
    x.put("ground", ground(grounds, text(p, "side")));
    x.put("oblast_code", text(p, "oblast_code"));
    x.put("oblast", text(p, "oblast"));
    x.put("sector_id", text(p, "sector_id"));
    x.put("sector", text(p, "sector"));
    x.put("href", "/api/v1/findings/" + Ogc.fid(f.id()));
    root.put("text", reviewText(root, "Truce Watch"));
    try {
      return Optional.of(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a statement could not be written", e);
    }
  }

  /** Whether {@code verdict} is one whose findings alerts name. */
  private static boolean serious(String verdict) {
    return SERIOUS.stream().anyMatch(v -> v.key().equals(verdict));
  }

  /** A property of a feature as text: "" for null. */
  private static String text(Map<String, Object> p, String key) {
    return java.util.Objects.toString(p.get(key), "");
  }

  /**
   * The one line of a review's statement {@code root}, after {@code who}: {@code Truce Watch:
   * analyst review of a violation (clause C2, 2025-08-17, Donetsk Oblast): not-upheld.}
   */
  private static String reviewText(JsonNode root, String who) {
    JsonNode f = root.path("finding");
    String oblast = f.path("oblast").asText();
    return who
        + ": analyst review of a "
        + f.path("verdict").asText().replace('-', ' ')
        + " (clause "
        + f.path("clause_id").asText()
        + ", "
        + f.path("report_day").asText()
        + (oblast.isEmpty() ? "" : ", " + oblast)
        + "): "
        + root.path("review").path("status").asText()
        + ".";
  }

  /** The event of statement {@code body}: {@link Alerts#EVENT} or {@link Alerts#REVIEW_EVENT}. */
  static String event(String body) {
    return object(body).path("event").asText(Alerts.EVENT);
  }

  /** A statement of the log, read. */
  private static ObjectNode object(String body) {
    try {
      return (ObjectNode) JSON.readTree(body);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("a statement of the log is not a JSON object", e);
    }
  }

  /**
   * The statement {@code body} as a receiver of {@code area} is given it: the days on which it
   * states the area's figures for the first time or revises them, or first states or withdraws a
   * finding in the area, each with only those findings, its counts of the area as {@code
   * area_figures} in place of those of every side, oblast and sector (and of the names of those
   * that changed), the area under {@code area} and its own {@code text}; the days' figures stay
   * those of the whole area monitored. A review's statement is given whole, with the area and its
   * own {@code text}, when its finding lies in the area. Empty when it says nothing of the area;
   * {@code body} itself for {@link AlertArea#ALL}.
   */
  static Optional<String> in(AlertArea area, String body) {
    if (area.all()) {
      return Optional.of(body);
    }
    ObjectNode root = object(body);
    if (Alerts.REVIEW_EVENT.equals(root.path("event").asText())) {
      JsonNode f = root.path("finding");
      if (!area.contains(f.path("sector_id").asText(), f.path("oblast_code").asText())) {
        return Optional.empty();
      }
      putArea(root, area);
      root.put("text", reviewText(root, "Truce Watch, " + area.words()));
      return Optional.of(root.toString());
    }
    ArrayNode kept = JSON.createArrayNode();
    Map<AreaChange, List<String>> changed = new LinkedHashMap<>();
    List<String> findingDays = new ArrayList<>();
    Map<String, Integer> first = new LinkedHashMap<>();
    Map<String, Integer> withdrawn = new LinkedHashMap<>();
    for (JsonNode d : root.path("days")) {
      ObjectNode day = (ObjectNode) d;
      ArrayNode f = inArea(area, day.path("first_stated_findings"), first);
      ArrayNode w = inArea(area, day.path("withdrawn_findings"), withdrawn);
      AreaChange change = areaFigures(day, area);
      if (f.isEmpty() && w.isEmpty() && change == AreaChange.NONE) {
        continue;
      }
      day.set("first_stated_findings", f);
      day.set("withdrawn_findings", w);
      String date = day.path("date").asText();
      changed.computeIfAbsent(change, k -> new ArrayList<>()).add(date);
      if (!f.isEmpty() || !w.isEmpty()) {
        findingDays.add(date);
      }
      kept.add(day);
    }
    if (kept.isEmpty()) {
      return Optional.empty();
    }
    root.set("days", kept);
    putArea(root, area);
    List<String> parts = new ArrayList<>();
    for (AreaChange c : List.of(AreaChange.FIRST_STATED, AreaChange.REVISED)) {
      if (changed.containsKey(c)) {
        parts.add(c.words + String.join(", ", changed.get(c)));
      }
    }
    counted("findings first stated: ", first).ifPresent(parts::add);
    counted("findings withdrawn: ", withdrawn).ifPresent(parts::add);
    root.put(
        "text",
        "Truce Watch, "
            + area.words()
            + ": "
            + String.join("; ", parts)
            + (findingDays.isEmpty() ? "" : " (" + String.join(", ", findingDays) + ")")
            + ".");
    try {
      return Optional.of(JSON.writeValueAsString(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a statement could not be written", e);
    }
  }

  /** What a statement's day says of the figures of a receiver's area. */
  private enum AreaChange {
    /** nothing: no counts there, or the same as before */
    NONE(""),
    FIRST_STATED("figures stated for the first time for "),
    REVISED("figures revised for ");

    final String words;

    AreaChange(String words) {
      this.words = words;
    }
  }

  /**
   * Puts into {@code day} its counts of {@code area} ({@code "area_figures": {"sector", "oblast"}},
   * each as the daily report counts that sector or oblast, or null: none to count there, or not
   * asked; and of a day revised, under {@code previous}, what they were), from its counts by sector
   * and oblast, which it then drops with those by side and each version's {@code areas_changed};
   * nothing when the statement holds none (stated before it kept them). Returns whether the area's
   * counts are stated for the first time (a day first stated, with activity counted in the area),
   * revised (other than before), or neither.
   */
  private static AreaChange areaFigures(ObjectNode day, AlertArea area) {
    day.remove(List.of("by_side", "previous_by_side"));
    // the names of every area whose counts changed are the whole statement's
    for (String version : List.of("figures", "previous")) {
      if (day.get(version) instanceof ObjectNode v) {
        v.remove("areas_changed");
      }
    }
    JsonNode bySector = day.remove("by_sector");
    JsonNode byOblast = day.remove("by_oblast");
    JsonNode wasBySector = day.remove("previous_by_sector");
    JsonNode wasByOblast = day.remove("previous_by_oblast");
    if (bySector == null || byOblast == null) {
      return AreaChange.NONE;
    }
    ObjectNode figures = day.putObject("area_figures");
    figures.set("sector", area.sector() == null ? null : bySector.get(area.sector()));
    figures.set("oblast", area.oblast() == null ? null : byOblast.get(area.oblast()));
    if (!"revised".equals(day.path("change").asText())) {
      return figures.path("sector").isObject() || figures.path("oblast").isObject()
          ? AreaChange.FIRST_STATED
          : AreaChange.NONE;
    }
    if (wasBySector == null || wasByOblast == null) {
      return AreaChange.NONE; // what they were is not known
    }
    ObjectNode previous = figures.putObject("previous");
    boolean sector = previous(previous, "sector", area.sector(), wasBySector, figures);
    boolean oblast = previous(previous, "oblast", area.oblast(), wasByOblast, figures);
    return sector || oblast ? AreaChange.REVISED : AreaChange.NONE;
  }

  /**
   * Puts under {@code key} of {@code previous} what the counts of {@code id} were: those of {@code
   * was} (the day's counts before, of what changed) when they changed, else the same as now (under
   * {@code key} of {@code figures}); returns whether they changed.
   */
  private static boolean previous(
      ObjectNode previous, String key, String id, JsonNode was, JsonNode figures) {
    boolean changed = id != null && was.has(id);
    previous.set(key, changed ? was.get(id) : figures.get(key));
    return changed;
  }

  /**
   * Puts {@code area} into {@code root} as {@code "area": {"sector", "oblast"}}, unless it is all.
   */
  static void putArea(ObjectNode root, AlertArea area) {
    if (!area.all()) {
      ObjectNode where = root.putObject("area");
      where.put("sector", area.sector());
      where.put("oblast", area.oblast());
    }
  }

  /**
   * The findings of {@code findings} that lie in {@code area}, each counted by verdict into {@code
   * count}; a finding of a statement that names no sector or oblast lies in no area.
   */
  private static ArrayNode inArea(AlertArea area, JsonNode findings, Map<String, Integer> count) {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode f : findings) {
      if (f.hasNonNull("sector_id")
          && f.hasNonNull("oblast_code")
          && area.contains(f.path("sector_id").asText(), f.path("oblast_code").asText())) {
        out.add(f);
        count.merge(f.path("verdict").asText(), 1, Integer::sum);
      }
    }
    return out;
  }

  /** Whose ground {@code side} is, in the terms' words. */
  private static String ground(Map<String, String> grounds, String side) {
    return grounds.getOrDefault(side, side.replace('_', ' ') + " ground");
  }

  /** A line naming the days stated, for receivers that show text: neutral and plain. */
  static String text(Monitor.DaysStated s) {
    List<String> parts = new ArrayList<>();
    if (!s.first().isEmpty()) {
      parts.add("figures stated for the first time for " + dates(s.first()));
    }
    if (!s.revised().isEmpty()) {
      parts.add("figures revised for " + dates(s.revised()));
    }
    byVerdict("findings first stated: ", s::firstStated).ifPresent(parts::add);
    byVerdict("findings withdrawn: ", s::withdrawn).ifPresent(parts::add);
    return "Truce Watch: " + String.join("; ", parts) + ".";
  }

  /**
   * {@code what} and the count of violations and probable violations by {@code count}, such as
   * {@code findings withdrawn: 2 violation}; empty when there are none.
   */
  private static Optional<String> byVerdict(String what, ToIntFunction<Verdict> count) {
    Map<String, Integer> byKey = new LinkedHashMap<>();
    for (Verdict v : SERIOUS) {
      byKey.put(v.key(), count.applyAsInt(v));
    }
    return counted(what, byKey);
  }

  /** As {@link #byVerdict}, of counts by each verdict's key. */
  private static Optional<String> counted(String what, Map<String, Integer> byKey) {
    List<String> counted = new ArrayList<>();
    for (Verdict v : SERIOUS) {
      int n = byKey.getOrDefault(v.key(), 0);
      if (n > 0) {
        counted.add(n + " " + v.key().replace('-', ' '));
      }
    }
    return counted.isEmpty() ? Optional.empty() : Optional.of(what + String.join(", ", counted));
  }

  private static String dates(List<LocalDate> days) {
    return String.join(", ", days.stream().map(LocalDate::toString).toList());
  }
}
