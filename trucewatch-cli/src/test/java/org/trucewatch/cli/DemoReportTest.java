package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.Distances;
import org.trucewatch.geo.LineOfContact;
import org.trucewatch.geo.Region;
import org.trucewatch.reports.ReportWriter;
import org.trucewatch.sources.geojson.ControlMapReader;
import org.trucewatch.sources.geojson.RegionReader;

/** The demo end to end: files written, reproducible, traceable and independently recounted. */
class DemoReportTest {
  static final Path DATA = Path.of("..", "data");
  @TempDir static Path dir;
  static Path first;
  static CliTest.Run run;

  @BeforeAll
  static void runDemo() {
    first = dir.resolve("first");
    run = CliTest.run("demo", "--data", DATA.toString(), "--out", first.toString());
  }

  /**
   * What a report folder holds: the report's files, its daily reports' folder, and {@code more}.
   */
  static List<String> entries(String... more) {
    List<String> all = new ArrayList<>(ReportWriter.FILES);
    all.add("days");
    all.addAll(List.of(more));
    return all;
  }

  /** The names in a folder. */
  static List<String> entries(Path folder) throws java.io.IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  @Test
  void writesEveryFileOfTheReportAndASummary() {
    assertThat(run.code()).as(run.err()).isZero();
    for (String f : ReportWriter.FILES) {
      assertThat(first.resolve(f)).isNotEmptyFile();
    }
    assertThat(run.out())
        .contains("truce days 31, observed 11, not observed 20")
        .contains("report written to " + first.resolve("report.html"))
        .contains("35 daily reports in " + first.resolve("days"));
  }

  @Test
  void theTermsAndTheMethodArePublishedBesideTheReportWhereEachReportLinksToThem()
      throws Exception {
    Path method = first.resolve("method.html");
    String page = Files.readString(method, StandardCharsets.UTF_8);
    // one XHTML document, as the reports are
    javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(method.toFile());
    Path terms = DATA.resolve("terms/demo-truce.yaml");
    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(terms)));
    assertThat(page)
        .contains("Method version " + org.trucewatch.run.MethodVersion.CURRENT + ".")
        .contains("read from demo-truce.yaml (SHA-256 <code>" + sha256 + "</code>)")
        .contains(
            "From 15 Aug 2025 00:00 to 14 Sep 2025 00:00 local time (Europe/Kyiv), that is from"
                + " 14 Aug 2025 21:00 to 13 Sep 2025 21:00 UTC.")
        .contains(
            "<tr><td>buffer-15km</td><td>buffer</td><td>15 km either side of the line of"
                + " contact</td><td>15 km either side of the line of contact at the start of the"
                + " truce</td></tr>")
        .contains("<tr><td>znpp</td><td>exclusion</td><td>an area drawn in the terms</td>")
        .contains(
            "<tr><td>C1</td><td>no war-related thermal activity in the buffer zone or the"
                + " exclusion zone</td><td><code>thermal-activity-in-zone</code></td>"
                + "<td>buffer-15km, znpp</td>")
        .contains("control map deepstatemap_data_20250814.geojson.gz of 2025-08-14")
        // the terms' worked examples, each with the verdict that the terms were taken with
        .contains(
            "<tr><td>war-related, two satellites, 350 m from the line during the truce</td>"
                + "<td>C1</td><td>violation</td></tr>")
        .contains(
            "<tr><td>a static land source (FIRMS type 2) in the buffer</td><td>C1</td>"
                + "<td>background</td></tr>");
    for (String source :
        List.of("kryvyi-rih", "avdiivka-coke", "nikopol", "dnipro-petrovsky", "alchevsk")) {
      assertThat(page).contains("<tr><td>" + source + "</td>");
    }
    // the method as docs/methodology.md gives it: each of its headings, in order, a level down
    List<String> expected = new ArrayList<>();
    boolean code = false;
    for (String line :
        Files.readAllLines(Path.of("..", "docs", "methodology.md"), StandardCharsets.UTF_8)) {
      code ^= line.startsWith("```");
      if (!code && line.startsWith("#")) {
        int level = line.indexOf(' ');
        expected.add("h" + (level + 1) + " " + line.substring(level + 1));
      }
    }
    List<String> headings = new ArrayList<>();
    java.util.regex.Matcher h =
        java.util.regex.Pattern.compile("<(h[2-6])>([^<]*)</h[2-6]>")
            .matcher(page.substring(page.indexOf("<div id=\"method\">")));
    while (h.find()) {
      headings.add(h.group(1) + " " + h.group(2).replace("&amp;", "&"));
    }
    assertThat(expected).hasSizeGreaterThan(10).contains("h3 8. Findings");
    assertThat(headings).isEqualTo(expected);
    assertThat(page).contains("<strong>Verdicts.</strong>");
    // every report's link to it leads to this file
    assertThat(Files.readString(first.resolve("report.html"), StandardCharsets.UTF_8))
        .contains("<a href=\"method.html\">the terms and the method</a>");
    try (Stream<Path> days = Files.list(first.resolve("days"))) {
      for (Path day : days.toList()) {
        java.util.regex.Matcher link =
            java.util.regex.Pattern.compile("<a href=\"([^\"]+)\">the terms and the method</a>")
                .matcher(Files.readString(day, StandardCharsets.UTF_8));
        assertThat(link.find()).as(day.toString()).isTrue();
        assertThat(day.resolveSibling(link.group(1)).normalize()).isEqualTo(method.normalize());
      }
    }
  }

  @Test
  void theReportWritesCountsWithACommaBetweenThousands() throws Exception {
    JsonNode truce =
        new ObjectMapper().readTree(first.resolve("report.json").toFile()).at("/summary/truce");
    long detections = truce.get("detections").asLong();
    long incidents = truce.get("incidents").asLong();
    assertThat(detections).isGreaterThan(9_999);
    String html = Files.readString(first.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html)
        .contains(
            String.format(
                Locale.ROOT,
                "On the observed truce days, %,d thermal anomalies were recorded, %,d of them",
                detections,
                truce.get("war_related").asLong()))
        .contains(String.format(Locale.ROOT, "forming %,d incidents", incidents))
        // 25 August, the last truce day with data, is covered until 03:00 local time only
        .contains(
            "11 had satellite data in this report's inputs (1 of them for part of the day only);")
        .contains(String.format(Locale.ROOT, "<td class=\"n\">%,d</td>", 1_321)); // 13 August
  }

  @Test
  void aRerunGivesIdenticalFiles() throws Exception {
    Path second = dir.resolve("second");
    assertThat(CliTest.run("demo", "--data", DATA.toString(), "--out", second.toString()).code())
        .isZero();
    for (String f : ReportWriter.FILES) {
      assertThat(Files.readAllBytes(second.resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(first.resolve(f)));
    }
    try (Stream<Path> pages = Files.list(first.resolve("days"))) {
      for (Path p : pages.toList()) {
        Path again = second.resolve("days").resolve(p.getFileName());
        assertThat(Files.readAllBytes(again)).as(again.toString()).isEqualTo(Files.readAllBytes(p));
      }
    }
  }

  @Test
  void reportJsonHasTheDocumentedDailyFields() throws Exception {
    JsonNode r = new ObjectMapper().readTree(first.resolve("report.json").toFile());
    assertThat(r.get("method_version").asText())
        .isEqualTo(org.trucewatch.run.MethodVersion.CURRENT);
    assertThat(r.get("inputs").get("detections")).hasSize(28);
    assertThat(r.get("inputs").get("terms").get("sha256").asText()).hasSize(64);
    JsonNode days = r.get("days");
    assertThat(days).hasSize(35); // 11 August to 14 September
    for (JsonNode d : days) {
      for (String k :
          List.of(
              "date",
              "phase",
              "detections",
              "incidents",
              "findings",
              "by_oblast",
              "by_side",
              "in_buffer",
              "coverage")) {
        assertThat(d.has(k)).as(d.get("date") + " " + k).isTrue();
      }
      assertThat(d.get("findings").has("violation")).isTrue();
    }
    JsonNode unobserved = days.get(20); // 31 August
    assertThat(unobserved.get("date").asText()).isEqualTo("2025-08-31");
    assertThat(unobserved.get("coverage").get("status").asText()).isEqualTo("not-observed");
    assertThat(unobserved.get("detections").asInt()).isZero();
    long total = 0;
    for (JsonNode d : days) {
      total += d.get("detections").asLong();
    }
    assertThat(total).isEqualTo(15_334);
  }

  @Test
  void notableFindingsLeadWithViolationsAndTheRestAreCountedByVerdict() throws Exception {
    JsonNode notable =
        new ObjectMapper().readTree(first.resolve("report.json").toFile()).get("notable_findings");
    List<String> order = List.of("violation", "probable-violation", "possible");
    Map<String, Integer> count = new LinkedHashMap<>();
    String previous = null;
    for (JsonNode f : notable) {
      String key = order.indexOf(f.get("verdict").asText()) + " " + f.get("first").asText();
      if (previous != null) {
        assertThat(key).as("after " + previous).isGreaterThanOrEqualTo(previous);
      }
      previous = key;
      count.merge(f.get("verdict").asText(), 1, Integer::sum);
    }
    assertThat(count.keySet()).containsExactlyElementsOf(order);
    // each finding stands where its incident stands in incidents.geojson, to the same decimal
    Map<String, JsonNode> at = new LinkedHashMap<>();
    for (JsonNode i :
        new ObjectMapper().readTree(first.resolve("incidents.geojson").toFile()).get("features")) {
      at.put(i.get("properties").get("id").asText(), i.get("geometry").get("coordinates"));
    }
    for (JsonNode f : notable) {
      JsonNode c = at.get(f.get("id").asText().split("/")[0]);
      assertThat(f.get("longitude").asDouble())
          .as(f.get("id").asText())
          .isEqualTo(c.get(0).asDouble());
      assertThat(f.get("latitude").asDouble())
          .as(f.get("id").asText())
          .isEqualTo(c.get(1).asDouble());
    }
    String html = Files.readString(first.resolve("report.html"), StandardCharsets.UTF_8);
    int listed = html.split("<li class=\"finding\"", -1).length - 1;
    assertThat(listed).isEqualTo(60);
    // the demo has more violations than the report lists, so every listed one is a violation
    assertThat(count.get("violation")).isGreaterThan(listed);
    assertThat(html.split("<b class=\"v violation\">", -1).length - 1).isEqualTo(listed);
    assertThat(html)
        .contains(
            "<p id=\"notable-more\">"
                + (notable.size() - listed)
                + " more notable findings ("
                + (count.get("violation") - listed)
                + " violation, "
                + count.get("probable-violation")
                + " probable-violation, "
                + count.get("possible")
                + " possible) are listed in findings.csv.</p>");
  }

  @Test
  void eachReportDayHasADailyReportWithItsCountsAndItsNotableFindings() throws Exception {
    JsonNode r = new ObjectMapper().readTree(first.resolve("report.json").toFile());
    Path days = first.resolve("days");
    try (Stream<Path> pages = Files.list(days)) {
      assertThat(pages.map(p -> p.getFileName().toString()).sorted().toList())
          .hasSize(35)
          .startsWith("2025-08-11.html")
          .endsWith("2025-09-14.html");
    }
    Map<String, List<String>> notableByDay = new TreeMap<>();
    for (JsonNode f : r.get("notable_findings")) {
      notableByDay
          .computeIfAbsent(f.get("report_day").asText(), k -> new ArrayList<>())
          .add(f.get("id").asText());
    }
    int listed = 0;
    for (JsonNode d : r.get("days")) {
      String date = d.get("date").asText();
      String html = Files.readString(days.resolve(date + ".html"), StandardCharsets.UTF_8);
      // well-formed XHTML, as report.html is (the PDF renderer reads that)
      javax.xml.parsers.DocumentBuilderFactory.newInstance()
          .newDocumentBuilder()
          .parse(new org.xml.sax.InputSource(new java.io.StringReader(html)));
      assertThat(html).contains("<a rel=\"up\" href=\"../report.html#day-" + date + "\">");
      if (d.get("coverage").get("status").asText().equals("not-observed")) {
        assertThat(html).contains("it is not observed, and no statement is made about it");
        assertThat(html).doesNotContain(" recorded, ").doesNotContain("<li class=\"finding\"");
        continue;
      }
      assertThat(html)
          .as(date)
          .contains(
              String.format(
                  Locale.ROOT,
                  "%,d thermal anomal%s recorded, %,d of them assessed as war-related",
                  d.get("detections").asLong(),
                  d.get("detections").asLong() == 1 ? "y was" : "ies were",
                  d.get("war_related").asLong()));
      // every notable finding of the day is listed, in report.json's order, and no other
      List<String> ids = new ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("<li class=\"finding\" id=\"([^\"]+)\"").matcher(html);
      while (m.find()) {
        ids.add(m.group(1));
      }
      assertThat(ids).as(date).isEqualTo(notableByDay.getOrDefault(date, List.of()));
      listed += ids.size();
      // the by-side table adds up to the day's detections
      long bySide = 0;
      for (JsonNode side : d.get("by_side")) {
        bySide += side.get("detections").asLong();
      }
      assertThat(bySide).isEqualTo(d.get("detections").asLong());
      assertThat(html)
          .contains(
              String.format(
                  Locale.ROOT,
                  "<td class=\"n\">%,d</td>",
                  d.at("/by_side/occupied/detections").asLong()));
    }
    assertThat(listed).isEqualTo(r.get("notable_findings").size());
    assertThat(Files.readString(days.resolve("2025-08-12.html"), StandardCharsets.UTF_8))
        .contains("<a rel=\"prev\" href=\"2025-08-11.html\">")
        .contains("<a rel=\"next\" href=\"2025-08-13.html\">")
        // 11 August is covered only from 03:00 local time: 12 August is not compared with it
        .doesNotContain("Against the previous report day");
    assertThat(Files.readString(days.resolve("2025-08-13.html"), StandardCharsets.UTF_8))
        .contains("Against the previous report day: +343 detections");
    // the report day on which the truce took effect says when (15 August, 00:00 in Kyiv)
    assertThat(Files.readString(days.resolve("2025-08-15.html"), StandardCharsets.UTF_8))
        .contains(
            "From 14 Aug 2025 19:30 to 15 Aug 2025 19:30 (Europe/Kyiv), a day of the truce, which"
                + " took effect during it, at 15 Aug 2025 00:00.");
    assertThat(Files.readString(days.resolve("2025-08-16.html"), StandardCharsets.UTF_8))
        .contains("(Europe/Kyiv), a day of the truce. Method version");
  }

  @Test
  void eachObservedDaysMapShowsThatDaysIncidentsByTheirMostSeriousVerdict() throws Exception {
    Map<String, Map<String, String>> byDay = new TreeMap<>();
    for (JsonNode f :
        new ObjectMapper().readTree(first.resolve("incidents.geojson").toFile()).get("features")) {
      JsonNode p = f.get("properties");
      byDay
          .computeIfAbsent(p.get("report_day").asText(), k -> new TreeMap<>())
          .put(p.get("id").asText(), p.get("verdict").asText());
    }
    // drawn as circles, squares and diamonds (paths), each verdict in its own shape
    java.util.regex.Pattern circle =
        java.util.regex.Pattern.compile(
            "<(circle|path) class=\"incident ([a-z-]+)\"[^>]*><title>([^:<]+): \\2</title>");
    Map<String, String> shapes =
        Map.of(
            "violation", "circle",
            "probable-violation", "circle",
            "possible", "circle",
            "background", "circle",
            "out-of-scope", "M[-\\d.]+ [-\\d.]+h[-\\d.]+v[-\\d.]+h[-\\d.]+z",
            "inconclusive", "M[-\\d.]+ [-\\d.]+(l[-\\d.]+ [-\\d.]+){3}z");
    java.util.Set<String> seen = new java.util.TreeSet<>();
    int mapped = 0;
    for (JsonNode d :
        new ObjectMapper().readTree(first.resolve("report.json").toFile()).get("days")) {
      String date = d.get("date").asText();
      String html =
          Files.readString(first.resolve("days/" + date + ".html"), StandardCharsets.UTF_8);
      if (d.get("coverage").get("status").asText().equals("not-observed")) {
        assertThat(html).as(date).doesNotContain("<svg");
        continue;
      }
      assertThat(html).as(date).contains("aria-label=\"Map of the incidents of ");
      Map<String, String> drawn = new TreeMap<>();
      java.util.regex.Matcher m = circle.matcher(html);
      while (m.find()) {
        drawn.put(m.group(3), m.group(2));
        String shape = shapes.get(m.group(2));
        if (shape.equals("circle")) {
          assertThat(m.group(1)).as(m.group()).isEqualTo("circle");
        } else {
          assertThat(m.group())
              .containsPattern("^<path class=\"incident [a-z-]+\" d=\"" + shape + "\"");
        }
        seen.add(m.group(2));
      }
      assertThat(drawn).as(date).hasSize(d.get("incidents").asInt());
      assertThat(drawn).as(date).isEqualTo(byDay.getOrDefault(date, Map.of()));
      mapped += drawn.size();
      // the legend draws each verdict's marker; without their colours no two are alike
      String legend = html.substring(html.indexOf("<g id=\"legend\""));
      List<String> markers = new java.util.ArrayList<>();
      java.util.regex.Matcher l =
          java.util.regex.Pattern.compile("<(circle|path) [^>]*/>").matcher(legend);
      while (l.find() && markers.size() < org.trucewatch.assessment.Verdict.values().length) {
        markers.add(
            l.group()
                .replaceAll(" (fill|stroke|cx|cy)=\"[^\"]*\"", "")
                .replaceAll("M[-\\d.]+ [-\\d.]+", "M"));
      }
      assertThat(new java.util.HashSet<>(markers))
          .as(date)
          .hasSize(org.trucewatch.assessment.Verdict.values().length);
    }
    assertThat(mapped).isPositive();
    assertThat(seen)
        .contains("violation", "possible", "background", "out-of-scope", "inconclusive");
  }

  @Test
  void aShorterPeriodLeavesNoDailyReportOfTheLongerOne() throws Exception {
    Path out = dir.resolve("shorter");
    assertThat(CliTest.run("demo", "--data", DATA.toString(), "--out", out.toString()).code())
        .isZero();
    Path stale = out.resolve("days/2024-01-01.html");
    Files.writeString(stale, "a page of an earlier report", StandardCharsets.UTF_8);
    assertThat(CliTest.run("demo", "--data", DATA.toString(), "--out", out.toString()).code())
        .isZero();
    assertThat(stale).doesNotExist();
    assertThat(entries(out)).containsExactlyInAnyOrderElementsOf(entries());
    assertThat(out.resolve("days")).isDirectoryContaining("glob:**/2025-08-16.html");
  }

  @Test
  void theOblastTableListsEveryOblastOfTheTruceByName() throws Exception {
    JsonNode byCode =
        new ObjectMapper()
            .readTree(first.resolve("report.json").toFile())
            .at("/summary/truce/by_oblast");
    List<String> names = new java.util.ArrayList<>();
    byCode.forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).hasSizeGreaterThan(20).isNotEqualTo(names.stream().sorted().toList());
    String html = Files.readString(first.resolve("report.html"), StandardCharsets.UTF_8);
    String table = html.substring(html.indexOf("<table id=\"by-oblast\""));
    table = table.substring(0, table.indexOf("</table>"));
    List<String> rows =
        java.util.regex.Pattern.compile("<tr><td>([^<]*)</td>")
            .matcher(table)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertThat(rows).containsExactlyElementsOf(names.stream().sorted().toList());
  }

  @Test
  void everyFindingsEvidenceLeadsBackToItsInputRow() throws Exception {
    Map<String, List<String>> lines = new HashMap<>();
    int checked = 0;
    try (CsvReader<NamedCsvRecord> csv =
        CsvReader.builder().ofNamedCsvRecord(first.resolve("findings.csv"))) {
      for (NamedCsvRecord rec : csv) {
        String file = rec.getField("evidence_file");
        List<String> content = lines.computeIfAbsent(file, DemoReportTest::readLines);
        String row = content.get(Integer.parseInt(rec.getField("evidence_line")) - 1);
        assertThat(sha256(row)).isEqualTo(rec.getField("evidence_sha256"));
        String[] f = row.split(",");
        String time = rec.getField("evidence_time_utc");
        assertThat(time).startsWith(f[5] + "T" + f[6]);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }

  /**
   * Recounts detections per report day, side and buffer from the raw rows, without Truce Watch's
   * placement.
   */
  @Test
  void countsAgreeWithAnIndependentRecount() throws Exception {
    List<Region> regions = RegionReader.read(DATA.resolve("reference/ukraine-oblasts.geojson.gz"));
    ControlMap map =
        ControlMapReader.read(
            DATA.resolve("frontline/daily/deepstatemap_data_20250814.geojson.gz"));
    GeometryFactory gf = new GeometryFactory();
    Geometry outline =
        UnaryUnionOp.union(regions.stream().map(r -> r.geometry().buffer(0)).toList());
    Geometry boundaries =
        gf.createGeometryCollection(
            new Geometry[] {map.occupied().getBoundary(), outline.getBoundary()});
    var line =
        LineOfContact.derive(map.occupied(), outline, LineOfContact.DEFAULT_TOLERANCE_METRES)
            .lonLat();
    List<double[]> arcs = new ArrayList<>();
    for (int g = 0; g < line.getNumGeometries(); g++) {
      Coordinate[] cs = ((LineString) line.getGeometryN(g)).getCoordinates();
      for (int i = 1; i < cs.length; i++) {
        arcs.add(new double[] {cs[i - 1].x, cs[i - 1].y, cs[i].x, cs[i].y});
      }
    }
    ZoneId kyiv = ZoneId.of("Europe/Kyiv");
    LocalTime cutoff = LocalTime.of(19, 30);
    Map<String, int[]> counts =
        new TreeMap<>(); // day -> occupied, government, outside, buffer, uncertainSide,
    // uncertainBuffer
    List<Path> files;
    try (Stream<Path> s = Files.list(DATA.resolve("firms/viirs-nrt"))) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      List<String> rows = readLines(f);
      for (String row : rows.subList(1, rows.size())) {
        String[] x = row.split(",");
        double lat = Double.parseDouble(x[0]);
        double lon = Double.parseDouble(x[1]);
        var local =
            LocalDateTime.parse(x[5] + "T" + x[6]).atOffset(ZoneOffset.UTC).atZoneSameInstant(kyiv);
        LocalDate day =
            local.toLocalTime().isBefore(cutoff)
                ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        int[] c = counts.computeIfAbsent(day.toString(), k -> new int[6]);
        Point p = gf.createPoint(new Coordinate(lon, lat));
        c[map.occupied().covers(p) ? 0 : outline.covers(p) ? 1 : 2]++;
        Coordinate[] near = DistanceOp.nearestPoints(boundaries, p);
        if (Distances.haversineMetres(near[0].x, near[0].y, lon, lat) <= 100) {
          c[4]++;
        }
        double d = Double.POSITIVE_INFINITY;
        for (double[] a : arcs) {
          d =
              Math.min(
                  d, org.trucewatch.sources.geojson.SphericalReference.distanceToArc(lon, lat, a));
        }
        if (d <= 15_000) {
          c[3]++;
        }
        if (Math.abs(d - 15_000) <= 150) {
          c[5]++;
        }
      }
    }
    JsonNode days = new ObjectMapper().readTree(first.resolve("report.json").toFile()).get("days");
    int compared = 0;
    for (JsonNode d : days) {
      int[] c = counts.get(d.get("date").asText());
      if (c == null) {
        assertThat(d.get("detections").asInt()).isZero();
        continue;
      }
      JsonNode side = d.get("by_side");
      String date = d.get("date").asText();
      assertThat(d.get("detections").asInt()).as(date).isEqualTo(c[0] + c[1] + c[2]);
      assertThat(Math.abs(side.get("occupied").get("detections").asInt() - c[0]))
          .as(date)
          .isLessThanOrEqualTo(c[4]);
      assertThat(Math.abs(side.get("government_controlled").get("detections").asInt() - c[1]))
          .as(date)
          .isLessThanOrEqualTo(c[4]);
      assertThat(Math.abs(d.get("in_buffer").asInt() - c[3])).as(date).isLessThanOrEqualTo(c[5]);
      compared++;
    }
    assertThat(compared).isEqualTo(15);
  }

  static List<String> readLines(Path f) {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> readLines(String name) {
    return readLines(DATA.resolve("firms/viirs-nrt").resolve(name));
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
