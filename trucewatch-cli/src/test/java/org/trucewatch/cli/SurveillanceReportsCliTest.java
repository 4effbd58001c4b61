package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assess --reports} end to end on the bundled VIIRS files: a camera's report of explosions
 * at a fire that one satellite saw makes it corroborated, reports alone make incidents of their own
 * that the clause of reported activity judges, and every such finding names the report rows.
 */
class SurveillanceReportsCliTest {
  private static final Path DATA = Path.of("..", "data");
  private static final String VIIRS =
      DATA.resolve("firms/viirs-nrt/SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025229.txt.csv.gz")
          .toString();
  private static final String HEADER =
      "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,uncertainty_m,"
          + "event,count,description\n";

  @TempDir static Path dir;
  private static Path terms;
  private static JsonNode target;
  private static String reportsText;

  /** The demo terms with a clause of reported activity, and a fire that one satellite saw. */
  @BeforeAll
  static void findAFireSeenOnce() throws Exception {
    String demo =
        demoTermsAnywhere()
            .replace(
                "clauses:\n",
                "clauses:\n"
                    + "  - id: C2\n"
                    + "    type: reported-activity-in-zone\n"
                    + "    zones: [buffer-15km, znpp]\n"
                    + "    events: [explosion, gunfire, weapons]\n");
    terms = dir.resolve("terms.yaml");
    Files.writeString(terms, demo, StandardCharsets.UTF_8);
    CliTest.Run r = assess(dir.resolve("plain"));
    assertThat(r.code()).as(r.err()).isZero();
    for (JsonNode f : geojson(dir.resolve("plain")).get("features")) {
      if (f.at("/properties/findings").toString().contains("/C1=probable-violation")) {
        target = f;
        break;
      }
    }
    assertThat(target).as("a probable violation under C1 in the bundled file").isNotNull();
    Instant first = Instant.parse(target.at("/properties/first").asText());
    reportsText =
        HEADER
            + String.format(
                Locale.ROOT,
                "R-1,CAM-1,camera,FR,%s,%.5f,%.5f,800,explosion,2,two explosions%n",
                first.plus(Duration.ofMinutes(10)),
                target.at("/geometry/coordinates/1").asDouble(),
                target.at("/geometry/coordinates/0").asDouble())
            + "R-2,OBS-2,observer,DE,2025-08-17T14:05Z,47.9000,37.5000,2000,gunfire,5,\n"
            + "R-3,AC-1,acoustic,PL,2025-08-17T14:07Z,47.9100,37.5200,4000,gunfire,3,\n"
            + "R-4,CAM-1,camera,FR,2025-08-17T14:07+03,47.91,37.52,100,shelling,1,\n";
  }

  /**
   * The demo terms with the control map named by its absolute path, so that they can be written to
   * any folder.
   */
  static String demoTermsAnywhere() throws java.io.IOException {
    return Files.readString(DATA.resolve("terms/demo-truce.yaml"), StandardCharsets.UTF_8)
        .replace(
            "control_map: ../",
            "control_map: "
                + DATA.toAbsolutePath().normalize().toString().replace('\\', '/')
                + "/");
  }

  /** Runs assess on the 28 bundled VIIRS files (war-related fire needs days to recur). */
  private static CliTest.Run assess(Path out, String... reports) throws Exception {
    List<String> args = new ArrayList<>(List.of("assess", "--terms", terms.toString()));
    try (Stream<Path> s = Files.list(DATA.resolve("firms/viirs-nrt"))) {
      s.sorted().forEach(f -> args.addAll(List.of("--fires", f.toString())));
    }
    args.addAll(List.of("--out", "" + out));
    if (reports.length > 0) {
      args.add("--reports");
      args.addAll(List.of(reports));
    }
    return CliTest.run(args.toArray(String[]::new));
  }

  private static JsonNode geojson(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("incidents.geojson").toFile());
  }

  private static List<NamedCsvRecord> findings(Path out) throws Exception {
    try (CsvReader<NamedCsvRecord> r =
        CsvReader.builder().ofNamedCsvRecord(out.resolve("findings.csv"))) {
      return r.stream().toList();
    }
  }

  private static Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void aReportedExplosionCorroboratesAFireAndReportsAloneAreJudgedByTheirClause() throws Exception {
    Path reports = write("reports.csv", reportsText);
    Path out = dir.resolve("with");
    CliTest.Run r = assess(out, reports.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains(
            "ingest reports.csv: format surveillance-reports, 4 rows read, 3 kept, 1 rejected")
        .contains(
            "reports.csv:5: event: event must be one of explosion, projectile, gunfire, flare,"
                + " fire, weapons, other, was shelling");

    JsonNode fire = null;
    JsonNode gunfire = null;
    for (JsonNode f : geojson(out).get("features")) {
      if (f.at("/properties/reports").asInt() > 0 && f.at("/properties/detections").asInt() > 0) {
        fire = f;
      } else if (f.at("/properties/reports").asInt() > 0) {
        gunfire = f;
      }
    }
    assertThat(fire).isNotNull();
    assertThat(gunfire).isNotNull();
    String gunfireId = gunfire.get("id").asText();
    // the report joins the fire's incident: the same detections, one more source
    assertThat(fire.at("/properties/detections")).isEqualTo(target.at("/properties/detections"));
    assertThat(fire.at("/properties/sources").asText())
        .isEqualTo(target.at("/properties/sources").asText() + ",camera:CAM-1");
    assertThat(fire.at("/properties/corroborated").asBoolean()).isTrue();
    assertThat(fire.at("/properties/verdict").asText()).isEqualTo("violation");
    assertThat(fire.at("/properties/method_version").asText()).isEqualTo("tw-fire-7");
    assertThat(gunfire.at("/properties/detections").asInt()).isZero();
    assertThat(gunfire.at("/properties/reports").asInt()).isEqualTo(2);
    assertThat(gunfire.at("/properties/sources").asText())
        .isEqualTo("acoustic:AC-1,observer:OBS-2");
    assertThat(gunfire.at("/properties/side").asText()).isEqualTo("occupied");

    String fireId = fire.get("id").asText();
    List<NamedCsvRecord> rows = findings(out);
    List<NamedCsvRecord> c1 =
        rows.stream().filter(x -> x.getField("finding_id").equals(fireId + "/C1")).toList();
    assertThat(c1).extracting(x -> x.getField("verdict")).containsOnly("violation");
    NamedCsvRecord reportRow =
        c1.stream()
            .filter(x -> x.getField("evidence_kind").equals("report"))
            .findFirst()
            .orElseThrow();
    assertThat(reportRow.getField("evidence_file")).isEqualTo("reports.csv");
    assertThat(reportRow.getField("evidence_line")).isEqualTo("2");
    assertThat(reportRow.getField("evidence_sensor")).isEqualTo("camera:CAM-1");
    assertThat(reportRow.getField("evidence_rule")).isEqualTo("explosion");
    assertThat(reportRow.getField("evidence_war_related")).isEmpty();
    assertThat(reportRow.getField("evidence_sha256")).hasSize(64);
    assertThat(reportRow.getField("reasoning"))
        .contains("Source camera:CAM-1 reported 2 explosions.");
    List<NamedCsvRecord> c2 =
        rows.stream().filter(x -> x.getField("finding_id").equals(gunfireId + "/C2")).toList();
    assertThat(c2).extracting(x -> x.getField("verdict")).containsOnly("violation");
    assertThat(c2).extracting(x -> x.getField("evidence_line")).containsExactly("3", "4");

    // each source's record: every member of an incident once, those of corroborated incidents
    // as corroborated, as incidents.geojson counts them
    long members = 0;
    long shared = 0;
    for (JsonNode f : geojson(out).get("features")) {
      long n = f.at("/properties/detections").asLong() + f.at("/properties/reports").asLong();
      members += n;
      shared += f.at("/properties/corroborated").asBoolean() ? n : 0;
    }
    Map<String, String> records = new java.util.TreeMap<>();
    long observations = 0;
    long corroborated = 0;
    try (CsvReader<NamedCsvRecord> csv =
        CsvReader.builder().ofNamedCsvRecord(out.resolve("sources.csv"))) {
      for (NamedCsvRecord x : csv) {
        records.put(
            x.getField("source"), x.getField("observations") + "/" + x.getField("corroborated"));
        observations += Long.parseLong(x.getField("observations"));
        corroborated += Long.parseLong(x.getField("corroborated"));
        assertThat(x.getField("method_version")).isEqualTo("tw-fire-7");
      }
    }
    assertThat(observations).isEqualTo(members).isGreaterThan(3);
    assertThat(corroborated).isEqualTo(shared).isPositive();
    assertThat(records)
        .containsEntry("camera:CAM-1", "1/1")
        .containsEntry("observer:OBS-2", "1/1")
        .containsEntry("acoustic:AC-1", "1/1")
        .containsKeys("VIIRS/N", "VIIRS/N20");

    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.at("/method_version").asText()).isEqualTo("tw-fire-7");
    assertThat(report.at("/inputs/reports/0/file").asText()).isEqualTo("reports.csv");
    assertThat(report.at("/inputs/reports/0/kept").asInt()).isEqualTo(3);
    assertThat(report.at("/inputs/reports/0/rejected").asInt()).isEqualTo(1);
    assertThat(report.at("/inputs/reports/0/sources").toString())
        .isEqualTo("[\"acoustic:AC-1\",\"camera:CAM-1\",\"observer:OBS-2\"]");
    // the daily report counts the day's reports per event, as the OSCE mission's did
    JsonNode gunfireDay = null;
    for (JsonNode d : report.get("days")) {
      if (d.get("date").asText().equals("2025-08-17")) {
        gunfireDay = d;
      }
    }
    JsonNode gunfireCount = null;
    for (JsonNode x : gunfireDay.get("reported")) {
      if (x.get("event").asText().equals("gunfire")) {
        gunfireCount = x;
      }
    }
    assertThat(gunfireCount.get("reports").asInt()).isEqualTo(2);
    assertThat(gunfireCount.get("counted").asInt()).isEqualTo(8);
    assertThat(gunfireCount.get("in_zones").asInt()).isEqualTo(8);
    assertThat(
            Files.readString(out.resolve("days/2025-08-17.html"), StandardCharsets.UTF_8)
                .replaceAll("<[^>]+>", " "))
        .contains("Observers and sensors reported")
        .contains("8 bursts of gunfire")
        // the page is read by everyone: reports released to the mission alone are not cited by
        // file and line there, as findings.csv (the mission's own) cites them above
        .contains("report of observer:OBS-2, withheld")
        .contains("report of acoustic:AC-1, withheld")
        .doesNotContain("reports.csv:");
    assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8))
        .contains("Surveillance file reports.csv: 3 of 4 rows kept")
        .contains("Source observer:OBS-2 reported 5 bursts of gunfire");

    // without the reports, the same detections give the same findings under C1 but the fire's
    List<NamedCsvRecord> plain = findings(dir.resolve("plain"));
    assertThat(
            plain.stream()
                .filter(x -> x.getField("clause_id").equals("C1"))
                .map(x -> x.getField("finding_id") + "=" + x.getField("verdict"))
                .filter(x -> !x.startsWith(target.get("id").asText()))
                .distinct()
                .toList())
        .isEqualTo(
            rows.stream()
                .filter(x -> x.getField("clause_id").equals("C1"))
                .filter(x -> !x.getField("evidence_kind").equals("report"))
                .map(x -> x.getField("finding_id") + "=" + x.getField("verdict"))
                .filter(x -> !x.startsWith(fireId))
                .filter(x -> !x.startsWith(gunfireId))
                .distinct()
                .toList());
  }

  /**
   * A truce day without satellite data: its daily report withholds a statement about thermal
   * activity, not about the surveillance reports it lists.
   */
  @Test
  void aDayNoSatelliteCoveredStillListsItsReports() throws Exception {
    Path late =
        write(
            "late.csv",
            "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event,"
                + "count\n"
                + "R-9,OBS-2,observer,2025-08-30T08:00Z,47.9000,37.5000,2000,gunfire,4\n");
    Path out = dir.resolve("late");
    CliTest.Run r =
        CliTest.run(
            "assess",
            "--terms",
            terms.toString(),
            "--fires",
            DATA.resolve("firms/viirs-nrt/J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz")
                .toString(),
            "--reports",
            late.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String withReports =
        Files.readString(out.resolve("days/2025-08-30.html"), StandardCharsets.UTF_8)
            .replaceAll("<[^>]+>", " ");
    assertThat(withReports)
        .contains(
            "it is not observed from space, and no statement is made about thermal activity on"
                + " it. The surveillance reports of the day are listed below.")
        .contains("4 bursts of gunfire")
        .doesNotContain("no statement is made about it.");
    assertThat(Files.readString(out.resolve("days/2025-08-31.html"), StandardCharsets.UTF_8))
        .contains("it is not observed, and no statement is made about it.");
  }

  /** Runs assess on one FIRMS file of 14 August with files of reports and watch logs. */
  private static CliTest.Run assessOneDay(Path out, Path... surveillance) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "assess",
                "--terms",
                terms.toString(),
                "--fires",
                DATA.resolve(
                        "firms/viirs-nrt/J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz")
                    .toString(),
                "--out",
                out.toString(),
                "--reports"));
    for (Path p : surveillance) {
      args.add(p.toString());
    }
    return CliTest.run(args.toArray(String[]::new));
  }

  @Test
  void aWatchLogSaysWhenEachSourceWatchedWasOfflineAndReportedNothing() throws Exception {
    Path reports =
        write(
            "heard.csv",
            HEADER
                + "R-2,OBS-2,observer,DE,2025-08-17T14:05Z,47.9000,37.5000,2000,gunfire,5,\n"
                + "R-3,AC-1,acoustic,PL,2025-08-17T14:07Z,47.9100,37.5200,4000,gunfire,3,\n");
    String log =
        "source_id,source_kind,member_state,from,to,status,note\n"
            + "OBS-2,observer,DE,2025-08-17T06:00Z,2025-08-17T15:00Z,watching,\n"
            + "AC-1,acoustic,PL,2025-08-16T16:30Z,2025-08-17T16:30Z,watching,\n"
            + "AC-1,acoustic,PL,2025-08-16T23:00Z,2025-08-17T01:00Z,offline,power failure\n"
            + "UAV-5,drone,FR,2025-08-18T05:00Z,2025-08-18T06:00Z,watching,\n"
            + "UAV-5,drone,FR,2025-08-18T05:00Z,2025-08-18T06:00Z,watching,\n"
            + "UAV-5,drone,FR,2025-08-18T09:00Z,2025-08-18T08:00Z,watching,\n";
    Path watch = write("watch.csv", log);
    Path out = dir.resolve("watched");
    CliTest.Run r = assessOneDay(out, reports, watch);
    assertThat(r.code()).as(r.err()).isZero();
    // the summary: 22 + 9 + 1 hours over the truce days
    assertThat(r.out())
        .contains(
            "watch logs of the truce days: 3 surveillance sources, 32.0 hours of watch, 1 offline"
                + " period");
    assertThat(r.err())
        .contains("ingest watch.csv: format watch-log, 6 rows read, 5 kept, 1 rejected")
        .contains(
            "watch.csv:7: to: to must be after from (2025-08-18T09:00Z), was 2025-08-18T08:00Z")
        .contains(
            "1 row repeats an earlier logged period (same source, times, status and note) and is"
                + " counted once");

    // report day 17 August runs from 19:30 on the 16th to 19:30 on the 17th, Kyiv time (UTC+3)
    String day17 = text(out.resolve("days/2025-08-17.html"));
    assertThat(day17)
        .contains("Watch logs of this day (local time) from 2 sources.")
        .contains(
            "acoustic:AC-1 19:30-02:00, 04:00-19:30 22.0 02:00-04:00 power failure 1 watch.csv:3,"
                + " watch.csv:4")
        .contains("observer:OBS-2 09:00-18:00 9.0 none 1");
    String day18 = text(out.resolve("days/2025-08-18.html"));
    assertThat(day18)
        .contains(
            "No surveillance report of this day, though 1 source logged a watch for part or all"
                + " of it (below).")
        .contains("drone:UAV-5 08:00-09:00 1.0 none 0")
        .doesNotContain("AC-1");
    assertThat(Files.readString(out.resolve("days/2025-08-19.html"), StandardCharsets.UTF_8))
        .contains("No surveillance report of this day.")
        .doesNotContain("id=\"watched\"");

    // over the truce: each source logged one report day (the acoustic sensor's ends where the
    // 17th does, at 19:30 local time), the acoustic sensor with one offline period
    assertThat(text(out.resolve("report.html")))
        .contains("Watch logs of the truce's report days from 3 surveillance sources")
        .contains("acoustic:AC-1 1 22.0 1 1")
        .contains("drone:UAV-5 1 1.0 0 0")
        .contains("observer:OBS-2 1 9.0 0 1")
        .contains(
            "Surveillance file watch.csv: 5 of 6 rows kept, from acoustic:AC-1, drone:UAV-5,"
                + " observer:OBS-2");
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(json.at("/summary/truce_watch/0/minutes_watching").asLong()).isEqualTo(22 * 60);
    JsonNode watched = null;
    for (JsonNode d : json.get("days")) {
      if (d.get("date").asText().equals("2025-08-17")) {
        watched = d.at("/coverage/watched");
      }
    }
    assertThat(watched).isNotNull();
    assertThat(watched.get(0).get("source").asText()).isEqualTo("acoustic:AC-1");
    assertThat(watched.get(0).get("minutes_watching").asLong()).isEqualTo(22 * 60);
    assertThat(watched.get(0).get("offline").get(0).asText())
        .isEqualTo("02:00-04:00 power failure");
    assertThat(watched.get(0).get("reports").asInt()).isEqualTo(1);
    // the logged periods the day rests on
    assertThat(watched.get(0).get("rows").toString())
        .isEqualTo("[\"watch.csv:3\",\"watch.csv:4\"]");
    JsonNode listed = json.at("/inputs/reports/1");
    assertThat(listed.get("file").asText()).isEqualTo("watch.csv");
    assertThat(listed.get("sources").toString())
        .isEqualTo("[\"acoustic:AC-1\",\"drone:UAV-5\",\"observer:OBS-2\"]");

    // the same log again, in a file of its own, changes no day
    Path again = write("watch-again.csv", log);
    CliTest.Run twice = assessOneDay(dir.resolve("watchedTwice"), reports, watch, again);
    assertThat(twice.code()).as(twice.err()).isZero();
    assertThat(twice.err())
        .contains(
            "5 rows repeat an earlier logged period (same source, times, status and note) and"
                + " are counted once");
    assertThat(
            new ObjectMapper()
                .readTree(dir.resolve("watchedTwice/report.json").toFile())
                .get("days"))
        .isEqualTo(json.get("days"));
  }

  @Test
  void aFileWithTheColumnsOfBothKindsIsReadAsReportsAsTheServerReadsIt() throws Exception {
    Path both =
        write(
            "both.csv",
            HEADER.replace("description\n", "description,from,to,status\n")
                + "R-2,OBS-2,observer,DE,2025-08-17T14:05Z,47.9000,37.5000,2000,gunfire,5,,"
                + "2025-08-17T06:00Z,2025-08-17T15:00Z,watching\n");
    CliTest.Run r = assessOneDay(dir.resolve("both"), both);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains("ingest both.csv: format surveillance-reports, 1 row read, 1 kept");
  }

  private static String text(Path html) throws Exception {
    return Files.readString(html, StandardCharsets.UTF_8)
        .replaceAll("<[^>]+>", " ")
        .replaceAll("\\s+", " ");
  }

  @Test
  void theSameReportsTwiceChangeNothingAndAConflictingOneIsRejected() throws Exception {
    Path reports = write("a.csv", reportsText);
    Path again = write("b.csv", reportsText);
    CliTest.Run once = assess(dir.resolve("once"), reports.toString());
    CliTest.Run twice = assess(dir.resolve("twice"), reports.toString(), again.toString());
    assertThat(twice.code()).as(twice.err()).isZero();
    assertThat(twice.err())
        .contains(
            "3 rows repeat an earlier report (same source, id and content) and are counted once");
    assertThat(Files.readString(dir.resolve("twice/findings.csv"), StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(dir.resolve("once/findings.csv"), StandardCharsets.UTF_8));
    assertThat(once.code()).isZero();
    // the second file is listed with its own rows and the sources it names, though none is new
    JsonNode inputs =
        new ObjectMapper()
            .readTree(dir.resolve("twice/report.json").toFile())
            .at("/inputs/reports");
    assertThat(inputs.get(1).get("file").asText()).isEqualTo("b.csv");
    assertThat(inputs.get(1).get("kept").asInt()).isEqualTo(3);
    assertThat(inputs.get(1).get("sources")).isEqualTo(inputs.get(0).get("sources"));

    Path conflicting =
        write(
            "c.csv",
            HEADER + "R-2,OBS-2,observer,DE,2025-08-17T14:05Z,47.9000,37.5000,2000,gunfire,6,\n");
    CliTest.Run r = assess(dir.resolve("conflict"), reports.toString(), conflicting.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "c.csv:2: report_id: report R-2 of source OBS-2 was given with other content by"
                + " a.csv:3")
        .contains("error: c.csv: the one row read was rejected, none is left to use");
  }

  @Test
  void aFileThatIsNotReportsFailsAndWritesNothing() throws Exception {
    Path out = dir.resolve("notReports");
    CliTest.Run r = assess(out, VIIRS);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("the header is not that of surveillance reports: it lacks report_id")
        .contains(
            "error: SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025229.txt.csv.gz is neither a file"
                + " of surveillance reports nor a watch log (see above)");
    assertThat(out).doesNotExist();
  }

  @Test
  void ingestStoresAFileOfReportsOnceBesideTheFirmsFiles() throws Exception {
    Path reports = write("ingested.csv", reportsText);
    String db = dir.resolve("db").toString();
    CliTest.Run in =
        CliTest.run("ingest", "--db", db, "--terms", terms.toString(), VIIRS, reports.toString());
    assertThat(in.code()).as(in.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : in.out().lines().toList()) {
      lines.add(new ObjectMapper().readTree(l));
    }
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("format").asText()).startsWith("viirs");
    assertThat(lines.get(1).path("format").asText()).isEqualTo("surveillance-reports");
    assertThat(lines.get(1).path("stored").asInt()).isEqualTo(3);
    assertThat(lines.get(1).path("rejected").asInt()).isEqualTo(1);
    CliTest.Run again = CliTest.run("ingest", "--db", db, reports.toString());
    assertThat(new ObjectMapper().readTree(again.out()).path("status").asText())
        .isEqualTo("already-ingested");
  }
}
