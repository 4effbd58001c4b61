package org.trucewatch.reports;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trucewatch.assessment.Evidence;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.incident.Incident;
import org.trucewatch.observation.Audience;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.run.SourceWatch;

/**
 * report.html: one self-contained XHTML file (inline CSS and SVG, no scripts, no external
 * resources), in the manner of the OSCE monitoring mission's daily reports: facts first, in neutral
 * words, with inferences labelled. The same markup is printed to PDF.
 */
public final class ReportHtml {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ROOT);

  /** What the passes of a day's coverage are, and are not. */
  private static final String PASSES_NOTE =
      "Passes are those in which at least one thermal anomaly was detected; a pass that saw"
          + " nothing (or only cloud) leaves no trace in the data, so hours without a pass may"
          + " still have been overflown.";

  /**
   * How many days after an excess its recurrence can still make it war-related (the persistence
   * rule's longest gap): until then a day's findings may change as later inputs arrive.
   */
  private static final int RECURRENCE_DAYS =
      org.trucewatch.scoring.ClassifierParams.DEFAULTS.maxGapDays();

  private static final String RECURRENCE =
      "an excess of fire is assessed as war-related when it recurs within "
          + RECURRENCE_DAYS
          + " days (see the method), so activity of ";

  /** The last UTC day that the inputs cover, or {@code null} without inputs. */
  private static LocalDate inputsEnd(PeriodReport r) {
    return r.inputs().stream()
        .map(InputFile::lastDate)
        .filter(java.util.Objects::nonNull)
        .max(LocalDate::compareTo)
        .orElse(null);
  }

  /** How notable findings are listed. */
  private static final String NOTABLE_ORDER =
      "<p>Findings of violation first, then of probable violation, then possible findings, each in"
          + " order of time.</p>";

  /** Notable findings listed in full; the rest are in findings.csv. */
  static final int MAX_LISTED = 60;

  private ReportHtml() {}

  /** {@code n} followed by the singular or the plural words that agree with it. */
  static String count(long n, String singular, String plural) {
    return n(n) + " " + (n == 1 ? singular : plural);
  }

  /**
   * A count for the reader: with a comma between thousands ({@code 11,467}), as reports write it.
   */
  static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  public static String render(ReportInput in) {
    PeriodReport r = in.report();
    TruceTerms t = r.terms();
    PeriodReport.Summary s = r.summary();
    StringBuilder h = head("Truce Watch report: " + t.name());
    h.append("<h1>Truce Watch report</h1>");
    h.append("<p class=\"sub\">")
        .append(Xml.esc(t.name()))
        .append("<br/>Report days ")
        .append(DAY.format(s.firstDay()))
        .append(" to ")
        .append(DAY.format(s.lastDay()))
        .append(", each from ")
        .append(t.reportCutoff())
        .append(" the previous day to ")
        .append(t.reportCutoff())
        .append(" (")
        .append(Xml.esc(t.timeZone().getId()))
        .append("). Method version <b id=\"method-version\">")
        .append(Xml.esc(r.methodVersion()))
        .append("</b>.</p>");

    h.append("<h2>Summary</h2><p id=\"summary\">");
    PeriodReport.Counts tc = s.truce();
    h.append("The truce took effect on ")
        .append(TIME.format(t.start().atZone(t.timeZone())))
        .append(" and ends on ")
        .append(TIME.format(t.end().atZone(t.timeZone())))
        .append(" local time. Of its ")
        .append(count(s.truceDays(), "report day", "report days"))
        .append(", ")
        .append(n(s.truceDaysObserved()))
        .append(" had satellite data in this report's inputs");
    long partial =
        r.days().stream()
            .filter(d -> d.phase() == PeriodReport.Phase.TRUCE)
            .filter(d -> d.coverage().status().equals("partial"))
            .count();
    if (partial > 0) {
      h.append(
          partial < s.truceDaysObserved()
              ? " (" + n(partial) + " of them for part of the day only)"
              : partial == 1 ? " (for part of the day only)" : " (each for part of the day only)");
    }
    h.append("; ")
        .append(n(s.truceDays() - s.truceDaysObserved()))
        .append(" had none and ")
        .append(s.truceDays() - s.truceDaysObserved() == 1 ? "is" : "are")
        .append(" not observed: no statement is made about ")
        .append(s.truceDays() - s.truceDaysObserved() == 1 ? "it" : "them")
        .append(". ");
    h.append("On the observed truce days, ").append(countsSentence(tc));
    LocalDate inputsEnd = inputsEnd(r);
    if (inputsEnd != null && inputsEnd.isBefore(s.lastDay().plusDays(RECURRENCE_DAYS))) {
      h.append(" The findings rest on the inputs up to ")
          .append(DAY.format(inputsEnd))
          .append(" (UTC) and are provisional: ")
          .append(RECURRENCE);
      LocalDate open = inputsEnd.minusDays(RECURRENCE_DAYS - 1L);
      h.append(
              open.isAfter(s.firstDay())
                  ? "the report days from " + DAY.format(open) + " on"
                  : "every report day")
          .append(" can still be assessed as war-related when later data arrive.");
    }
    List<String> revised =
        r.days().stream()
            .filter(d -> in.revisions().getOrDefault(d.date(), List.of()).size() > 1)
            .map(d -> DAY.format(d.date()))
            .toList();
    if (!revised.isEmpty()) {
      h.append(" The figures of ")
          .append(count(revised.size(), "report day", "report days"))
          .append(" (")
          .append(String.join(", ", revised))
          .append(
              ") have been revised since the monitor first stated them; each day's report lists")
          .append(" the versions.");
    }
    if (s.comparedDays() > 0) {
      h.append(" In the first ")
          .append(
              count(s.comparedDays(), "wholly observed truce day", "wholly observed truce days"))
          .append(": ")
          .append(count(s.truceFirstN().detections(), "detection", "detections"))
          .append(" (")
          .append(n(s.truceFirstN().warRelated()))
          .append(" war-related), against ")
          .append(n(s.beforeLastN().detections()))
          .append(" (")
          .append(n(s.beforeLastN().warRelated()))
          .append(" war-related) in the last ")
          .append(count(s.comparedDays(), "wholly observed day", "wholly observed days"))
          .append(" before the truce.");
    }
    if (s.detectionsOutsidePeriod() > 0) {
      boolean one = s.detectionsOutsidePeriod() == 1;
      h.append(" A further ")
          .append(count(s.detectionsOutsidePeriod(), "detection", "detections"))
          .append(" in the inputs ")
          .append(one ? "lies" : "lie")
          .append(" more than the truce's length before or after it; ")
          .append(one ? "it" : "they")
          .append(" served as context for the classification and ")
          .append(one ? "is" : "are")
          .append(" not reported by day.");
    }
    if (s.detectionsOutsideArea() > 0) {
      boolean one = s.detectionsOutsideArea() == 1;
      h.append(" ")
          .append(count(s.detectionsOutsideArea(), "detection", "detections"))
          .append(" in the inputs ")
          .append(one ? "lies" : "lie")
          .append(" beyond the area of interest (the box around")
          .append(" Ukraine widened by ")
          .append(String.format(Locale.ROOT, "%.0f", AreaOfInterest.MARGIN_DEGREES))
          .append("°) and ")
          .append(one ? "was" : "were")
          .append(" not assessed.");
    }
    h.append("</p>");

    h.append("<h2>Map</h2><div class=\"figure\">").append(SvgMap.render(in)).append("</div>");
    h.append("<h2>Daily counts</h2><div class=\"figure\">")
        .append(SvgChart.render(r))
        .append("</div>");

    h.append("<h2>Report days</h2><table id=\"days\"><thead><tr><th>day</th><th>phase</th>")
        .append("<th>coverage</th><th>detections</th><th>war-related</th><th>in buffer</th>")
        .append("<th>incidents</th><th>violations</th><th>probable</th><th>possible</th>")
        .append("<th>change in detections</th></tr></thead><tbody>");
    for (PeriodReport.Day d : r.days()) {
      PeriodReport.Counts c = d.counts();
      boolean seen = !d.coverage().status().equals("not-observed");
      h.append("<tr id=\"day-")
          .append(d.date())
          .append("\" class=\"")
          .append(d.phase().key())
          .append(seen ? "" : " unobserved")
          .append("\"><td><a href=\"")
          .append(DAYS_FOLDER)
          .append('/')
          .append(dayFile(d.date()))
          .append("\">")
          .append(d.date())
          .append("</a></td><td>")
          .append(d.phase().key())
          .append("</td><td>")
          .append(d.coverage().status())
          .append("</td>");
      if (seen) {
        h.append(td(c.detections()))
            .append(td(c.warRelated()))
            .append(td(c.inBuffer()))
            .append(td(c.incidents()))
            .append(td(c.findings().get(Verdict.VIOLATION.key())))
            .append(td(c.findings().get(Verdict.PROBABLE_VIOLATION.key())))
            .append(td(c.findings().get(Verdict.POSSIBLE.key())))
            .append("<td>")
            .append(d.change() == null ? "" : signed(d.change().detections()))
            .append("</td>");
      } else {
        h.append("<td colspan=\"8\">not observed: no satellite data in the inputs</td>");
      }
      h.append("</tr>");
    }
    h.append("</tbody></table>");

    h.append(
        r.terms().sectors().isEmpty()
            ? "<h2>Observed truce days by side and oblast</h2>"
            : "<h2>Observed truce days by side, sector and oblast</h2>");
    h.append(partTable("by-side", "ground", tc.bySide()));
    h.append(sectorTable(r, tc));
    h.append(partTable("by-oblast", "oblast", byName(tc.byOblast())));

    h.append("<h2>Notable incidents</h2>");
    Listing listing = Listing.of(in);
    notableList(h, r.notable().subList(0, Math.min(MAX_LISTED, r.notable().size())), listing, t);
    if (r.notable().size() > MAX_LISTED) {
      Map<String, Integer> more = new LinkedHashMap<>();
      for (Finding f : r.notable().subList(MAX_LISTED, r.notable().size())) {
        more.merge(f.verdict().key(), 1, Integer::sum);
      }
      int rest = r.notable().size() - MAX_LISTED;
      h.append("<p id=\"notable-more\">")
          .append(count(rest, "more notable finding", "more notable findings"))
          .append(" (")
          .append(verdictList(more))
          .append(rest == 1 ? ") is" : ") are")
          .append(" listed in findings.csv.</p>");
    }

    h.append("<h2>Coverage</h2><p>")
        .append(PASSES_NOTE)
        .append("</p><table id=\"coverage\">")
        .append(
            "<thead><tr><th>day</th><th>status</th><th>sources</th><th>passes (local time)</th>")
        .append("<th>hours without a pass</th></tr></thead><tbody>");
    for (PeriodReport.Day d : r.days()) {
      h.append("<tr><td>")
          .append(d.date())
          .append("</td><td>")
          .append(d.coverage().status())
          .append("</td><td>")
          .append(Xml.esc(String.join(", ", d.coverage().sources())))
          .append("</td><td>")
          .append(Xml.esc(String.join(", ", d.coverage().passes())))
          .append("</td><td>")
          .append(Xml.esc(String.join(", ", d.coverage().hoursWithoutPass())))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
    h.append(truceWatch(r));

    h.append("<h2>Inputs and method</h2><ul id=\"inputs\">");
    h.append("<li>Terms: ")
        .append(Xml.esc(r.termsFile().name()))
        .append(" sha256 <code>")
        .append(r.termsFile().sha256())
        .append("</code></li>");
    h.append("<li>Control map: ")
        .append(Xml.esc(t.controlMap().source()))
        .append(" (")
        .append(t.controlMap().date())
        .append(")</li>");
    for (InputFile f : r.inputs()) {
      inputItem(
          h,
          "",
          f,
          f.outsideArea() == 0
              ? ""
              : " (" + n(f.outsideArea()) + " beyond the area of interest, not assessed)");
    }
    for (InputFile f : r.reportInputs()) {
      // a file of reports or a watch log
      inputItem(h, "Surveillance file ", f, ", from " + Xml.esc(String.join(", ", f.sources())));
    }
    h.append("</ul>");
    methodNote(h, r, MethodHtml.FILE);
    h.append("</body></html>\n");
    return h.toString();
  }

  /** One input file in the list of inputs: its rows kept, then {@code after} and its hash. */
  private static void inputItem(StringBuilder h, String label, InputFile f, String after) {
    h.append("<li>")
        .append(label)
        .append(Xml.esc(f.name()))
        .append(": ")
        .append(n(f.kept()))
        .append(" of ")
        .append(n(f.rowsRead()))
        .append(" rows kept")
        .append(after)
        .append(", sha256 <code>")
        .append(f.sha256())
        .append("</code></li>");
  }

  /** The file name of a report day's page, in the folder {@link #DAYS_FOLDER}. */
  public static String dayFile(LocalDate day) {
    return day + ".html";
  }

  /** The folder, beside report.html, of the report days' pages. */
  public static final String DAYS_FOLDER = "days";

  /** Every report day's page, by day, in order ({@link #renderDay}). */
  public static Map<LocalDate, String> renderDays(ReportInput in) {
    TruceTerms t = in.report().terms();
    Map<LocalDate, List<Finding>> notable = new java.util.HashMap<>();
    for (Finding f : in.report().notable()) {
      notable.computeIfAbsent(t.reportDay(f.first()), k -> new java.util.ArrayList<>()).add(f);
    }
    Map<LocalDate, List<Incident>> incidents = new java.util.HashMap<>();
    for (Incident i : in.incidents()) {
      incidents.computeIfAbsent(t.reportDay(i.first()), k -> new java.util.ArrayList<>()).add(i);
    }
    Map<LocalDate, List<Finding>> findings = new java.util.HashMap<>();
    for (Finding f : in.findings()) {
      findings.computeIfAbsent(t.reportDay(f.first()), k -> new java.util.ArrayList<>()).add(f);
    }
    Listing listing = Listing.of(in);
    SvgMap.Frame frame = SvgMap.frame(in);
    List<PeriodReport.Day> days = in.report().days();
    Map<LocalDate, String> pages = new LinkedHashMap<>();
    for (int i = 0; i < days.size(); i++) {
      PeriodReport.Day d = days.get(i);
      LocalDate before = i > 0 ? days.get(i - 1).date() : null;
      LocalDate after = i + 1 < days.size() ? days.get(i + 1).date() : null;
      ReportInput day =
          new ReportInput(
              in.report(),
              incidents.getOrDefault(d.date(), List.of()),
              findings.getOrDefault(d.date(), List.of()),
              in.truce(),
              in.revisions());
      pages.put(
          d.date(),
          renderDay(
              day, frame, d, before, after, notable.getOrDefault(d.date(), List.of()), listing));
    }
    return pages;
  }

  /**
   * The daily report of one report day, as the OSCE mission published one a day: the map of {@code
   * day}'s incidents and findings (those whose first detection falls in the day) in the report's
   * {@code frame}, the day's counts by side and oblast, its {@code notable} findings with their
   * evidence, and what could be seen. Links go to the report days {@code before} and {@code after}
   * it, when there are such ({@code YYYY-MM-DD.html} beside it), and to the period's report ({@code
   * ../report.html}).
   */
  private static String renderDay(
      ReportInput day,
      SvgMap.Frame frame,
      PeriodReport.Day d,
      LocalDate before,
      LocalDate after,
      List<Finding> notable,
      Listing listing) {
    PeriodReport r = day.report();
    TruceTerms t = r.terms();
    StringBuilder h = head("Truce Watch daily report, " + DAY.format(d.date()) + ": " + t.name());
    h.append("<h1>Truce Watch daily report, ").append(DAY.format(d.date())).append("</h1>");
    String phase =
        switch (d.phase()) {
          case BEFORE -> "before the truce";
          case TRUCE ->
              d.from().isBefore(t.start())
                  ? "a day of the truce, which took effect during it, at "
                      + TIME.format(t.start().atZone(t.timeZone()))
                  : d.to().isAfter(t.end())
                      ? "a day of the truce, which ended during it, at "
                          + TIME.format(t.end().atZone(t.timeZone()))
                      : "a day of the truce";
          case AFTER -> "after the truce";
        };
    h.append("<p class=\"sub\">")
        .append(Xml.esc(t.name()))
        .append("<br/>From ")
        .append(TIME.format(d.from().atZone(t.timeZone())))
        .append(" to ")
        .append(TIME.format(d.to().atZone(t.timeZone())))
        .append(" (")
        .append(Xml.esc(t.timeZone().getId()))
        .append("), ")
        .append(phase)
        .append(". Method version <b id=\"method-version\">")
        .append(Xml.esc(r.methodVersion()))
        .append("</b>.</p>");
    h.append("<p id=\"nav\">");
    if (before != null) {
      h.append("<a rel=\"prev\" href=\"")
          .append(dayFile(before))
          .append("\">")
          .append(before)
          .append("</a> · ");
    }
    h.append("<a rel=\"up\" href=\"../report.html#day-")
        .append(d.date())
        .append("\">the period's report</a>");
    if (after != null) {
      h.append(" · <a rel=\"next\" href=\"")
          .append(dayFile(after))
          .append("\">")
          .append(after)
          .append("</a>");
    }
    h.append("</p>");

    PeriodReport.Counts c = d.counts();
    h.append("<h2>Summary</h2><p id=\"summary\">");
    switch (d.coverage().status()) {
      case "not-observed" -> {
        // the statement withheld is the satellites': the day's surveillance reports follow
        h.append(
                d.reported().isEmpty()
                    ? "No satellite data in this report's inputs cover this day: it is not"
                        + " observed, and no statement is made about it.</p>"
                    : "No satellite data in this report's inputs cover this day: it is not"
                        + " observed from space, and no statement is made about thermal activity"
                        + " on it. The surveillance reports of the day are listed below.</p>")
            .append(reportedSection(r, d))
            .append(dayCoverage(d));
        // a day of reports alone states their count, and so has versions
        h.append(revisionTable(day.revisions().getOrDefault(d.date(), List.of())));
        methodNote(h, r, "../" + MethodHtml.FILE);
        return h.append("</body></html>\n").toString();
      }
      case "partial" ->
          h.append(
              "This report's inputs cover only part of this day (see the coverage below); what"
                  + " follows is about that part. ");
      default -> {}
    }
    h.append(countsSentence(c));
    PeriodReport.Change ch = d.change();
    if (ch != null) {
      h.append(" Against the previous report day: ")
          .append(signed(ch.detections()))
          .append(" detections, ")
          .append(signed(ch.warRelated()))
          .append(" war-related, ")
          .append(signed(ch.incidents()))
          .append(" incidents, ")
          .append(signed(ch.violations()))
          .append(" violations and probable violations.");
    }
    h.append("</p>");
    LocalDate inputsEnd = inputsEnd(r);
    LocalDate settled = d.date().plusDays(RECURRENCE_DAYS);
    if (inputsEnd != null && inputsEnd.isBefore(settled)) {
      h.append("<p id=\"provisional\">Provisional: the inputs run to ")
          .append(DAY.format(inputsEnd))
          .append(" (UTC), and ")
          .append(RECURRENCE)
          .append("this day can still be assessed as war-related when later data arrive, until ")
          .append(DAY.format(settled))
          .append(".</p>");
    }

    h.append(revisionTable(day.revisions().getOrDefault(d.date(), List.of())));

    h.append(reportedSection(r, d));

    h.append("<h2>Map</h2><div class=\"figure\">")
        .append(SvgMap.render(day, "Map of the incidents of " + DAY.format(d.date()), frame))
        .append("</div>");

    h.append(
        r.terms().sectors().isEmpty()
            ? "<h2>By side and oblast</h2>"
            : "<h2>By side, sector and oblast</h2>");
    h.append(partTable("by-side", "ground", c.bySide()));
    h.append(sectorTable(r, c));
    h.append(partTable("by-oblast", "oblast", byName(c.byOblast())));

    h.append("<h2>Notable incidents</h2>");
    notableList(h, notable, listing, t);
    h.append(dayCoverage(d));
    methodNote(h, r, "../" + MethodHtml.FILE);
    return h.append("</body></html>\n").toString();
  }

  /**
   * Notable findings in the order given: one list, or with monitoring sectors a list for each
   * sector (the terms' order, then those outside every sector) under its name, as the OSCE
   * mission's daily reports went region by region.
   */
  private static void notableList(
      StringBuilder h, List<Finding> notable, Listing listing, TruceTerms t) {
    if (notable.isEmpty()) {
      h.append("<p>None.</p>");
      return;
    }
    if (t.sectors().isEmpty()) {
      h.append(NOTABLE_ORDER);
      h.append("<ol id=\"notable\">");
      for (Finding f : notable) {
        notableItem(h, f, listing, t);
      }
      h.append("</ol>");
      return;
    }
    h.append(NOTABLE_ORDER.replace("</p>", " They are listed by monitoring sector.</p>"));
    Map<String, List<Finding>> bySector = new LinkedHashMap<>();
    t.sectors().forEach(x -> bySector.put(x.id(), new java.util.ArrayList<>()));
    bySector.put("", new java.util.ArrayList<>());
    notable.forEach(
        f -> bySector.computeIfAbsent(f.sectorId(), k -> new java.util.ArrayList<>()).add(f));
    for (Map.Entry<String, List<Finding>> e : bySector.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      String key = e.getKey().isEmpty() ? "none" : e.getKey();
      String name = e.getKey().isEmpty() ? "Outside the sectors" : e.getValue().get(0).sectorName();
      h.append("<h3>")
          .append(Xml.esc(name))
          .append(" (")
          .append(count(e.getValue().size(), "finding", "findings"))
          .append(")</h3><ol class=\"notable\" data-sector=\"")
          .append(Xml.esc(key))
          .append("\">");
      for (Finding f : e.getValue()) {
        notableItem(h, f, listing, t);
      }
      h.append("</ol>");
    }
  }

  /**
   * What the surveillance reports of a day counted, per event, as the OSCE mission's daily reports
   * gave ceasefire violations by kind; nothing when the report has no files of reports.
   */
  private static String reportedSection(PeriodReport r, PeriodReport.Day d) {
    if (r.reportInputs().isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<h2>Surveillance reports</h2>");
    if (d.reported().isEmpty()) {
      long watching = d.watched().stream().filter(w -> w.minutesWatching() > 0).count();
      h.append("<p id=\"reported-sentence\">No surveillance report of this day")
          .append(
              watching == 0
                  ? "."
                  : ", though "
                      + count(watching, "source", "sources")
                      + " logged a watch for part or all of it (below).")
          .append("</p>");
      return h.append(watchTable(d)).toString();
    }
    List<String> parts = new java.util.ArrayList<>();
    int reports = 0;
    for (PeriodReport.Reported x : d.reported()) {
      parts.add(org.trucewatch.observation.ReportedEvent.ofKey(x.event()).counted(x.counted()));
      reports += x.reports();
    }
    h.append("<p id=\"reported-sentence\">Observers and sensors reported ")
        .append(Xml.esc(joinedAnd(parts)))
        .append(", in ")
        .append(count(reports, "report", "reports"))
        .append(". The counts are the sources' own; the same event reported by two sources is")
        .append(" counted by each.</p>");
    h.append(
        "<table id=\"reported\"><thead><tr><th>event</th><th>reports</th><th>counted</th>"
            + "<th>of them in a zone</th><th>sources</th></tr></thead><tbody>");
    for (PeriodReport.Reported x : d.reported()) {
      h.append("<tr><td>")
          .append(Xml.esc(x.event()))
          .append("</td>")
          .append(td(x.reports()))
          .append(td(x.counted()))
          .append(td(x.inZones()))
          .append("<td>")
          .append(Xml.esc(String.join(", ", x.sources())))
          .append("</td></tr>");
    }
    return h.append("</tbody></table>").append(watchTable(d)).toString();
  }

  /**
   * The surveillance sources' watch over the truce's report days, from their watch logs; nothing
   * when no source logged a period in them.
   */
  private static String truceWatch(PeriodReport r) {
    List<SourceWatch.Total> totals = SourceWatch.overTruce(r.days());
    if (totals.isEmpty()) {
      return "";
    }
    StringBuilder h =
        new StringBuilder(
                "<p id=\"truce-watch-sentence\">Watch logs of the truce's report days from ")
            .append(count(totals.size(), "surveillance source", "surveillance sources"))
            .append(
                ": the days each logged, the hours it watched on them, its offline periods and its"
                    + " reports on those days (each day's report gives the hours). A source not"
                    + " listed logged no watch during the truce.</p>")
            .append(
                "<table id=\"truce-watch\"><thead><tr><th>source</th><th>days logged</th>"
                    + "<th>hours watched</th><th>offline periods</th><th>reports</th></tr></thead>"
                    + "<tbody>");
    for (SourceWatch.Total x : totals) {
      h.append("<tr><td>")
          .append(Xml.esc(x.source()))
          .append("</td>")
          .append(td(x.days()))
          .append("<td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f", x.minutesWatching() / 60.0))
          .append("</td>")
          .append(td(x.offline()))
          .append(td(x.reports()))
          .append("</tr>");
    }
    return h.append("</tbody></table>").toString();
  }

  /**
   * What the watch logs say of the day's sources: when each watched and was offline (local time),
   * and its reports; nothing when no source logged a period in the day.
   */
  private static String watchTable(PeriodReport.Day d) {
    if (d.watched().isEmpty()) {
      return "";
    }
    StringBuilder h =
        new StringBuilder("<p id=\"watch-sentence\">Watch logs of this day (local time) from ")
            .append(count(d.watched().size(), "source", "sources"))
            .append(
                ". A source not listed logged no watch for the day, so its silence says nothing;"
                    + " a source listed without reports watched in the hours given and reported"
                    + " nothing.</p>")
            .append(
                "<table id=\"watched\"><thead><tr><th>source</th><th>watching</th><th>hours</th>"
                    + "<th>offline</th><th>reports</th><th>log rows</th></tr></thead><tbody>");
    for (SourceWatch.Watched w : d.watched()) {
      h.append("<tr><td>")
          .append(Xml.esc(w.source()))
          .append("</td><td>")
          .append(w.watching().isEmpty() ? "none" : Xml.esc(String.join(", ", w.watching())))
          .append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f", w.minutesWatching() / 60.0))
          .append("</td><td>")
          .append(w.offline().isEmpty() ? "none" : Xml.esc(String.join("; ", w.offline())))
          .append("</td>")
          .append(td(w.reports()))
          .append("<td>")
          .append(Xml.esc(String.join(", ", w.rows())))
          .append("</td></tr>");
    }
    return h.append("</tbody></table>").toString();
  }

  /** "a, b and c". */
  private static String joinedAnd(List<String> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }

  /**
   * The versions of a day's figures, oldest first, the last of them this report's: when each was
   * stated, by which method and with the ingests up to which, and what it stated; nothing for a day
   * without versions (a report not made by a monitor).
   */
  private static String revisionTable(List<DayRevision> revisions) {
    if (revisions.isEmpty()) {
      return "";
    }
    StringBuilder h = new StringBuilder("<h2>Revisions</h2><p id=\"revisions-note\">");
    if (revisions.size() == 1) {
      h.append("Under these terms, the monitor first stated this day's figures at ")
          .append(TIME.format(revisions.get(0).stated().atZone(ZoneOffset.UTC)))
          .append(" UTC and has not revised them since.");
    } else {
      h.append("Under these terms, the monitor has stated this day's figures ")
          .append(revisions.size())
          .append(" times, oldest first; the last is this report's. A day's figures are revised")
          .append(" when data that arrive later change them or their counts by side, oblast or")
          .append(" monitoring sector, or when another method version assesses them.");
    }
    h.append("</p><table id=\"revisions\"><thead><tr><th>stated (UTC)</th><th>method</th>")
        .append(
            "<th>ingests up to</th><th>coverage</th><th>detections</th><th>war-related</th><th>in buffer</th>")
        .append("<th>incidents</th><th>violations</th><th>probable</th><th>possible</th>")
        .append("<th>surveillance reports</th><th>counts changed in</th></tr></thead><tbody>");
    for (int k = 0; k < revisions.size(); k++) {
      DayRevision r = revisions.get(k);
      h.append("<tr><td>")
          .append(TIME.format(r.stated().atZone(ZoneOffset.UTC)))
          .append("</td><td>")
          .append(Xml.esc(r.methodVersion()))
          .append("</td><td class=\"n\">")
          .append(r.lastIngestId())
          .append("</td><td>")
          .append(Xml.esc(r.coverage()))
          .append("</td>")
          .append(td(r.detections()))
          .append(td(r.warRelated()))
          .append(td(r.inBuffer()))
          .append(td(r.incidents()));
      for (Verdict v : List.of(Verdict.VIOLATION, Verdict.PROBABLE_VIOLATION, Verdict.POSSIBLE)) {
        h.append(td(r.findings().getOrDefault(v.key(), 0)));
      }
      h.append(td(r.reports()))
          .append("<td>")
          .append(areasChanged(revisions, k))
          .append("</td></tr>");
    }
    return h.append("</tbody></table>").toString();
  }

  /**
   * The sides, oblasts and sectors whose counts version {@code k} changed from the one before:
   * their names, {@code none}, or nothing for the first version and one kept before versions kept
   * their counts by area.
   */
  private static String areasChanged(List<DayRevision> revisions, int k) {
    return revisions
        .get(k)
        .areasChangedFrom(k == 0 ? null : revisions.get(k - 1))
        .map(names -> names.isEmpty() ? "none" : Xml.esc(String.join(", ", names)))
        .orElse("");
  }

  /** What was recorded, what is inferred of it and the findings, as one sentence. */
  private static String countsSentence(PeriodReport.Counts c) {
    return count(c.detections(), "thermal anomaly was", "thermal anomalies were")
        + " recorded, "
        + n(c.warRelated())
        + " of them assessed as war-related (an inference, see the method), forming "
        + count(c.incidents(), "incident", "incidents")
        + "; "
        + count(c.inBuffer(), "detection was", "detections were")
        + " inside the buffer zone. Findings: "
        + verdictList(c.findings())
        + ".";
  }

  /** A report day's coverage: its status, sources, passes and the hours without a pass. */
  private static String dayCoverage(PeriodReport.Day d) {
    PeriodReport.Coverage cov = d.coverage();
    return "<h2>Coverage</h2><ul id=\"coverage\"><li>status: "
        + cov.status()
        + "</li><li>sources: "
        + (cov.sources().isEmpty() ? "none" : Xml.esc(String.join(", ", cov.sources())))
        + "</li><li>passes (local time): "
        + (cov.passes().isEmpty() ? "none" : Xml.esc(String.join(", ", cov.passes())))
        + "</li><li>hours without a pass: "
        + (cov.hoursWithoutPass().isEmpty()
            ? "none"
            : Xml.esc(String.join(", ", cov.hoursWithoutPass())))
        + "</li></ul><p class=\"small\">"
        + PASSES_NOTE
        + "</p>";
  }

  /**
   * The code that renders the pages, named in each page's head: {@code Truce Watch pages} and the
   * start of the SHA-256 of the classes that write the period's report and the daily reports. A
   * server whose stored pages name other code renders them again ({@code Monitor#refreshIfStale}),
   * so that a new version's pages replace those of the version before without waiting for data.
   */
  public static final String GENERATOR = "Truce Watch pages " + codeDigest();

  /** The start of the SHA-256 of the page-writing classes' bytes, nested classes included. */
  private static String codeDigest() {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      for (Class<?> top :
          List.of(ReportHtml.class, SvgMap.class, SvgChart.class, Verdicts.class, Xml.class)) {
        Class<?>[] nest = top.getNestMembers();
        java.util.Arrays.sort(nest, java.util.Comparator.comparing(Class::getName));
        for (Class<?> c : nest) {
          String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
          try (java.io.InputStream in = c.getResourceAsStream(file)) {
            if (in == null) {
              throw new IllegalStateException(file + " is not on the class path");
            }
            d.update(c.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            d.update(in.readAllBytes());
          }
        }
      }
      return java.util.HexFormat.of().formatHex(d.digest()).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException | java.io.IOException e) {
      throw new IllegalStateException("the pages' code cannot be read: " + e.getMessage(), e);
    }
  }

  /** The element of {@link #GENERATOR} in a page's head. */
  public static final String GENERATOR_META =
      "<meta name=\"generator\" content=\"" + GENERATOR + "\"/>";

  /** The opening of a page: the XHTML head with {@code title} and the style sheet. */
  static StringBuilder head(String title) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
        .append("<meta charset=\"utf-8\"/>")
        .append(GENERATOR_META)
        .append("<title>")
        .append(Xml.esc(title))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body>");
    return h;
  }

  /** What the method does, in one paragraph, and the data's attributions. */
  private static void methodNote(StringBuilder h, PeriodReport r, String methodPage) {
    h.append("<p class=\"small\">Method ")
        .append(Xml.esc(r.methodVersion()))
        .append(": a detection is assessed as war-related when its 0.1° cell shows activity well")
        .append(" above the seasonal background of 2001-2021 and the excess recurs (more than")
        .append(" 100 km from the line of contact, only after a week without fire), or when it")
        .append(" follows such activity in its cell within ten days (follow-up; see <a href=\"")
        .append(methodPage)
        .append("\">the terms and the method</a>). We acknowledge the use of data from NASA's")
        .append(" Fire Information")
        .append(" for Resource Management System (FIRMS), part of NASA's Earth Science Data and")
        .append(" Information System (ESDIS). Occupied-territory polygons: DeepStateMap, collected")
        .append(" by cyterat/deepstate-map-data (GPL-3.0). Oblasts: Natural Earth.</p>");
  }

  /**
   * One notable finding: verdict, time and place, reasoning, and the evidence rows. A report is a
   * row by its file and line only when it is released to the public, as the report is read by
   * everyone; otherwise by its source, withheld (its raw data follows the access rules).
   */
  private static void notableItem(StringBuilder h, Finding f, Listing listing, TruceTerms t) {
    boolean dateOnly = listing.dateOnly().contains(f.incidentId());
    h.append("<li class=\"finding\" id=\"")
        .append(Xml.esc(f.id()))
        .append("\"><b class=\"v ")
        .append(f.verdict().key())
        .append("\">")
        .append(f.verdict().key())
        .append("</b> ")
        .append(
            dateOnly
                ? DAY.format(f.first().atZone(java.time.ZoneOffset.UTC)) + " (UTC date)"
                : TIME.format(f.first().atZone(t.timeZone())))
        .append(", ")
        .append(String.format(Locale.ROOT, "%.4f° N %.4f° E", f.latitude(), f.longitude()))
        .append(f.regionName().isEmpty() ? "" : ", " + Xml.esc(f.regionName()))
        .append(f.sectorName().isEmpty() ? "" : " (sector: " + Xml.esc(f.sectorName()) + ")")
        .append(". ")
        .append(Xml.esc(f.reasoning()))
        .append("<br/><span class=\"ev\">Evidence: ");
    int k = 0;
    for (Evidence e : f.evidence()) {
      if (k++ > 0) {
        h.append("; ");
      }
      if (e.kind() == Evidence.Kind.REPORT && !listing.publicReports().contains(e.contentHash())) {
        h.append("report of ").append(Xml.esc(e.sensor())).append(", withheld");
      } else {
        h.append(Xml.esc(e.file())).append(':').append(e.line());
      }
    }
    h.append(" (incident ").append(Xml.esc(f.incidentId())).append(")</span></li>");
  }

  /**
   * What listing a notable finding needs to know of the incidents.
   *
   * @param dateOnly the incidents of date-only detections (the 3-column history files): no time of
   *     day
   * @param publicReports the row hashes of the surveillance reports released to the public
   */
  private record Listing(java.util.Set<String> dateOnly, java.util.Set<String> publicReports) {
    static Listing of(ReportInput in) {
      java.util.Set<String> dateOnly = new java.util.HashSet<>();
      java.util.Set<String> open = new java.util.HashSet<>();
      for (org.trucewatch.incident.Incident i : in.incidents()) {
        if (i.dateOnly()) {
          dateOnly.add(i.id());
        }
        for (org.trucewatch.incident.PlacedReport pr : i.reports()) {
          SurveillanceReport r = pr.report();
          if (r.releasableTo().releasesTo(Audience.PUBLIC, r.memberState())) {
            open.add(r.provenance().contentHash());
          }
        }
      }
      return new Listing(dateOnly, open);
    }
  }

  /**
   * The oblasts in the order of their names, for a reader looking one up; detections outside the
   * oblasts (code {@code none}) last. {@code report.json} keeps them by ISO 3166-2 code.
   */
  private static Map<String, PeriodReport.Part> byName(Map<String, PeriodReport.Part> byCode) {
    Map<String, PeriodReport.Part> sorted = new LinkedHashMap<>();
    byCode.entrySet().stream()
        .sorted(
            java.util.Comparator.comparing(
                    (Map.Entry<String, PeriodReport.Part> e) -> e.getKey().equals("none"))
                .thenComparing(e -> e.getValue().name()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The counts by the terms' monitoring sectors, in their order; nothing without sectors. */
  private static String sectorTable(PeriodReport r, PeriodReport.Counts c) {
    return r.terms().sectors().isEmpty() ? "" : partTable("by-sector", "sector", c.bySector());
  }

  private static String partTable(String id, String what, Map<String, PeriodReport.Part> parts) {
    StringBuilder h = new StringBuilder();
    h.append("<table id=\"")
        .append(id)
        .append("\"><thead><tr><th>")
        .append(what)
        .append("</th><th>detections</th><th>war-related</th><th>in buffer</th><th>incidents</th>")
        .append("<th>violations and probable violations</th></tr></thead><tbody>");
    parts.forEach(
        (k, p) -> {
          if (p.detections() + p.incidents() > 0) {
            h.append("<tr><td>")
                .append(Xml.esc(p.name()))
                .append("</td>")
                .append(td(p.detections()))
                .append(td(p.warRelated()))
                .append(td(p.inBuffer()))
                .append(td(p.incidents()))
                .append(td(p.violations()))
                .append("</tr>");
          }
        });
    return h.append("</tbody></table>").toString();
  }

  private static String verdictList(Map<String, Integer> byVerdict) {
    StringBuilder sb = new StringBuilder();
    byVerdict.forEach(
        (k, v) -> {
          if (sb.length() > 0) {
            sb.append(", ");
          }
          sb.append(n(v)).append(' ').append(k);
        });
    return sb.toString();
  }

  private static String td(long v) {
    return "<td class=\"n\">" + n(v) + "</td>";
  }

  private static String signed(int v) {
    return v > 0 ? "+" + n(v) : n(v);
  }

  private static final String CSS =
      // the font that report.pdf embeds (it has Cyrillic); a browser without it takes its own
      "@page{size:A4;margin:14mm}body{font-family:'"
          + ReportPdf.FAMILY
          + "',sans-serif;font-size:10pt;color:#222;max-width:940px;margin:0 auto}"
          + "h1{font-size:18pt;margin-bottom:2px}"
          + "h2{font-size:12.5pt;border-bottom:1px solid #ccc;margin-top:18px}"
          + ".sub{color:#444}table{border-collapse:collapse;margin:6px 0;font-size:8.5pt}"
          + "th,td{border:1px solid #ccc;padding:2px 5px;text-align:left}td.n{text-align:right}"
          + "tr.truce td{background:#fdf6ea}tr.unobserved td{color:#666}"
          + ".figure{page-break-inside:avoid}h2{page-break-after:avoid}"
          + ".figure svg{max-width:100%;height:auto}.ev{color:#555;font-size:8pt}"
          + "b.v{padding:0 3px;color:#fff;background:#4d4d4d}b.violation{background:#b2182b}"
          + "b.probable-violation{background:#ef8a62;color:#222}b.possible{background:#e6c229;color:#222}"
          + "li.finding{margin-bottom:5px}.small{font-size:8pt;color:#555}"
          + "code{font-size:7.5pt}#days td:first-child,#coverage td:first-child{white-space:nowrap}";
}
