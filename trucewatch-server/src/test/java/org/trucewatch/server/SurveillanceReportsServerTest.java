package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * Files of surveillance reports posted to a running server: they are told from FIRMS files by their
 * header, stored once, and the assessment that follows has them in its incidents and findings.
 */
class SurveillanceReportsServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HEADER =
      "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,uncertainty_m,"
          + "event,count,description\n";

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> post(String base, String token, String name, String text)
      throws Exception {
    return Fixture.post(
        base + "/api/v1/ingest?name=" + name, token, text.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    return PrivateServerTest.get(url, "Bearer " + token);
  }

  /** A finding's evidence rows of reports by their source. */
  private static JsonNode evidenceBySource(JsonNode finding) {
    com.fasterxml.jackson.databind.node.ObjectNode rows = JSON.createObjectNode();
    for (JsonNode row : finding.path("evidence")) {
      if (row.path("kind").asText().equals("report")) {
        rows.set(row.path("sensor").asText(), row);
      }
    }
    return rows;
  }

  /**
   * The demo's terms, written into {@code dir}, with a second clause C2 that forbids explosions and
   * gunfire reported in the buffer zone.
   */
  static Path termsWithReportClause(Path dir) throws Exception {
    Path terms = dir.resolve("terms.yaml");
    Files.writeString(
        terms,
        Files.readString(Fixture.TERMS, StandardCharsets.UTF_8)
            .replace(
                "control_map: ../",
                "control_map: " + Fixture.DATA.toString().replace('\\', '/') + "/")
            .replace(
                "clauses:\n",
                "clauses:\n  - id: C2\n    type: reported-activity-in-zone\n"
                    + "    zones: [buffer-15km]\n    events: [explosion, gunfire]\n"),
        StandardCharsets.UTF_8);
    return terms;
  }

  @Test
  void reportsPostedAfterTheFilesJoinTheIncidentsAndFindings(@TempDir Path tmp) throws Exception {
    Path terms = termsWithReportClause(tmp);
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = new Monitor(store, Fixture.regions(), Fixture.classifier());
      monitor.useTerms(terms);
      // the 28 bundled files (war-related fire needs days to recur), assessed once
      List<Path> files;
      try (Stream<Path> s = Files.list(Fixture.FIRMS)) {
        files = s.sorted().toList();
      }
      for (Path f : files) {
        monitor.ingest(f, f.getFileName().toString(), "fixture", Store.IngestListener.NONE, false);
      }
      List<Monitor.DaysStated> told = new java.util.concurrent.CopyOnWriteArrayList<>();
      monitor.listen(told::add);
      monitor.refreshIfStale();
      try (Server server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + server.port();
        String token = store.createToken("observers");
        // a fire in the buffer that one satellite saw during the truce
        JsonNode target = null;
        for (JsonNode i : json(Fixture.get(base + "/api/v1/incidents?limit=10000")).path("items")) {
          if (i.path("verdict").asText().equals("probable-violation")
              && !i.path("sources").asText().contains(",")) {
            target = i;
            break;
          }
        }
        assertThat(target).isNotNull();
        Instant first = Instant.parse(target.path("first_time").asText());
        String reports =
            HEADER
                + String.format(
                    Locale.ROOT,
                    "R-1,CAM-1,camera,FR,%s,%.5f,%.5f,800,explosion,2,%n",
                    first.plus(Duration.ofMinutes(10)),
                    target.path("latitude").asDouble(),
                    target.path("longitude").asDouble())
                + "R-2,OBS-2,observer,DE,2025-08-16T14:05Z,47.9000,37.5000,2000,gunfire,5,\n"
                + "R-3,AC-1,acoustic,PL,2025-08-16T14:07Z,47.9100,37.5200,4000,gunfire,3,\n"
                + "R-4,AC-1,acoustic,PL,2025-08-16T14:07,47.9100,37.5200,4000,gunfire,3,\n";
        int violations =
            json(Fixture.get(base + "/api/v1/findings?limit=1&verdict=violation"))
                .path("matched")
                .asInt();
        int probableViolations =
            json(Fixture.get(base + "/api/v1/findings?limit=1&verdict=probable-violation"))
                .path("matched")
                .asInt();
        assertThat(violations).isEqualTo(142);
        HttpResponse<String> posted = post(base, token, "reports.csv", reports);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonNode ingest = json(posted);
        assertThat(ingest.path("format").asText()).isEqualTo("surveillance-reports");
        assertThat(ingest.path("stored").asInt()).isEqualTo(3);
        assertThat(ingest.path("rejected").asInt()).isEqualTo(1);
        assertThat(ingest.at("/rejections/rows/0/message").asText())
            .startsWith("reports.csv:5: observed_at: observed_at has no UTC offset");
        assertThat(ingest.path("days_revised").toString()).contains("2025-08-16");
        // the first assessment stated every violation and probable violation for the first time
        assertThat(told).hasSize(2);
        assertThat(told.get(0).firstStated(org.trucewatch.assessment.Verdict.VIOLATION))
            .isEqualTo(violations);
        assertThat(told.get(0).firstStated(org.trucewatch.assessment.Verdict.PROBABLE_VIOLATION))
            .isEqualTo(probableViolations);
        // the reports' assessment states one finding for the first time: the gunfire's violation
        // under C2. The fire that the camera corroborates rises from probable violation to
        // violation on the detections stated before, so it is not new.
        Monitor.DaysStated last = told.get(1);
        assertThat(last.firstStated().values().stream().flatMap(List::stream))
            .singleElement()
            .satisfies(
                f -> {
                  assertThat(f.clauseId()).isEqualTo("C2");
                  assertThat(f.verdict().key()).isEqualTo("violation");
                  assertThat(f.evidence())
                      .extracting(e -> e.sensor())
                      .containsExactlyInAnyOrder("observer:OBS-2", "acoustic:AC-1");
                });
        assertThat(Statement.text(last))
            .startsWith("Truce Watch: figures revised for ")
            .endsWith("2025-08-16; findings first stated: 1 violation.");
        JsonNode statement = JSON.readTree(Statement.json(last));
        { // what the webhooks post of it, and the e-mail written from that
          List<JsonNode> withNew = new java.util.ArrayList<>();
          for (JsonNode d : statement.path("days")) {
            assertThat(d.has("first_stated_findings")).isTrue();
            if (!d.path("first_stated_findings").isEmpty()) {
              withNew.add(d);
            }
          }
          assertThat(withNew).hasSize(1);
          JsonNode day = withNew.get(0);
          assertThat(day.path("date").asText()).isEqualTo("2025-08-16");
          JsonNode gunfireAlert = day.path("first_stated_findings").get(0);
          assertThat(day.path("first_stated_findings")).hasSize(1);
          assertThat(gunfireAlert.path("verdict").asText()).isEqualTo("violation");
          assertThat(gunfireAlert.path("clause_id").asText()).isEqualTo("C2");
          assertThat(gunfireAlert.path("reports").asInt()).isEqualTo(2);
          assertThat(gunfireAlert.path("reasoning").asText()).contains("Independent sources");
          assertThat(Fixture.get(base + gunfireAlert.path("href").asText()).statusCode())
              .isEqualTo(200);
          // the e-mail lists it under its day, with a link under the public URL
          assertThat(
                  MailAlerts.body(
                      statement,
                      java.util.Optional.of(java.net.URI.create("https://truce.example/"))))
              .contains("  findings first stated    1\n")
              .contains("    violation, clause C2, 2025-08-16 14:0")
              .contains(
                  " UTC, 47.9050° N 37.5100° E, Donetsk Oblast, ground held by the Russian"
                      + " Federation's armed forces, zone buffer-15km: https://truce.example"
                      + gunfireAlert.path("href").asText()
                      + "\n");
        }
        // the day's new version counts its reports, as its daily report lists them
        JsonNode day16 = json(Fixture.get(base + "/api/v1/reports/2025-08-16"));
        int listed = 0;
        for (JsonNode x : day16.path("reported")) {
          listed += x.path("reports").asInt();
        }
        assertThat(listed).isGreaterThanOrEqualTo(2);
        JsonNode versions = day16.path("revisions");
        assertThat(versions.get(versions.size() - 1).path("reports").asInt()).isEqualTo(listed);
        assertThat(versions.get(versions.size() - 2).path("reports").asInt()).isZero();

        // the fire's incident has the camera as a second source: a violation
        JsonNode fire = null;
        JsonNode gunfire = null;
        for (JsonNode i : json(Fixture.get(base + "/api/v1/incidents?limit=10000")).path("items")) {
          if (i.path("sources").asText().contains("camera:CAM-1")) {
            fire = i;
          }
          if (i.path("sources").asText().equals("acoustic:AC-1,observer:OBS-2")) {
            gunfire = i;
          }
        }
        assertThat(fire).isNotNull();
        assertThat(fire.path("detections").asInt()).isEqualTo(target.path("detections").asInt());
        assertThat(fire.path("reports").asInt()).isEqualTo(1);
        assertThat(fire.path("verdict").asText()).isEqualTo("violation");
        assertThat(gunfire).isNotNull();
        assertThat(gunfire.path("detections").asInt()).isZero();
        assertThat(gunfire.path("reports").asInt()).isEqualTo(2);
        JsonNode c2 =
            json(Fixture.get(base + "/api/v1/findings?incident=" + gunfire.path("id").asText()));
        JsonNode finding = null;
        for (JsonNode f : c2.path("items")) {
          if (f.path("clause_id").asText().equals("C2")) {
            finding = f;
          }
        }
        assertThat(finding.path("verdict").asText()).isEqualTo("violation");
        String findingId = finding.path("id").asText().replace('/', ':');
        String findingUrl = "/api/v1/findings/" + findingId;
        // the finding reads the same to everyone, but its reports' points and provenance follow
        // the access rules: these reports say nothing of their release, so they are the mission's
        // and their provider's
        JsonNode anyone = evidenceBySource(json(Fixture.get(base + findingUrl)));
        assertThat(anyone.fieldNames())
            .toIterable()
            .containsOnly("observer:OBS-2", "acoustic:AC-1");
        for (JsonNode row : anyone) {
          assertThat(row.path("withheld").asBoolean()).as(row.toString()).isTrue();
          assertThat(row.path("kind").asText()).isEqualTo("report");
          assertThat(row.path("rule").asText()).isEqualTo("gunfire");
          assertThat(row.path("time").asText()).startsWith("2025-08-16T14:0");
          for (String hidden : List.of("file", "line", "sha256", "latitude", "longitude")) {
            assertThat(row.path(hidden).isNull()).as(hidden + " of " + row).isTrue();
          }
        }
        JsonNode analyst = evidenceBySource(json(get(base + findingUrl, token)));
        assertThat(analyst.path("observer:OBS-2").path("withheld").asBoolean()).isFalse();
        assertThat(analyst.path("observer:OBS-2").path("file").asText()).isEqualTo("reports.csv");
        assertThat(analyst.path("observer:OBS-2").path("line").asInt()).isEqualTo(3);
        assertThat(analyst.path("observer:OBS-2").path("latitude").asDouble()).isEqualTo(47.9);
        assertThat(analyst.path("acoustic:AC-1").path("line").asInt()).isEqualTo(4);
        // Germany provided OBS-2's report and sees it; Poland's acoustic report stays withheld
        String de = store.createToken("liaison-de", TokenScope.READ, "DE");
        JsonNode germany = evidenceBySource(json(get(base + findingUrl, de)));
        assertThat(germany.path("observer:OBS-2").path("file").asText()).isEqualTo("reports.csv");
        assertThat(germany.path("acoustic:AC-1").path("withheld").asBoolean()).isTrue();
        assertThat(germany.path("acoustic:AC-1").path("file").isNull()).isTrue();
        // the same rule in the list, its GeoJSON and CSV, OGC API - Features and the day's report
        JsonNode gunfireFindings =
            json(
                Fixture.get(
                    base
                        + "/api/v1/findings?format=geojson&incident="
                        + gunfire.path("id").asText()));
        for (JsonNode f : gunfireFindings.path("features")) {
          for (JsonNode row : f.at("/properties/evidence")) {
            assertThat(row.path("withheld").asBoolean())
                .isEqualTo(row.path("kind").asText().equals("report"));
          }
        }
        HttpResponse<String> ogc =
            Fixture.get(base + "/ogc/collections/findings/items/" + findingId);
        assertThat(ogc.statusCode()).isEqualTo(200);
        assertThat(json(ogc).at("/properties/evidence/0/withheld").asBoolean()).isTrue();
        assertThat(ogc.headers().allValues("Vary")).contains("Authorization");
        assertThat(Fixture.get(base + "/api/v1/findings?format=csv&limit=10000").body())
            .contains("\"\"withheld\"\":true")
            .doesNotContain("reports.csv");
        String dayHtml = Fixture.get(base + "/reports/days/2025-08-16.html").body();
        assertThat(dayHtml)
            .contains("report of observer:OBS-2, withheld")
            .doesNotContain("reports.csv:");

        // the sources and the report's inputs name them
        assertThat(Fixture.get(base + "/api/v1/sources").body())
            .contains("camera:CAM-1")
            .contains("acoustic:AC-1");
        // each source's record adds up to the incidents: every member of an incident once, and
        // the members of corroborated incidents as corroborated
        long members = 0;
        long shared = 0;
        for (JsonNode i : json(Fixture.get(base + "/api/v1/incidents?limit=10000")).path("items")) {
          long n = i.path("detections").asLong() + i.path("reports").asLong();
          members += n;
          shared += i.path("corroborated").asBoolean() ? n : 0;
        }
        long observations = 0;
        long corroborated = 0;
        java.util.Map<String, String> records = new java.util.TreeMap<>();
        for (JsonNode x : json(Fixture.get(base + "/api/v1/sources")).path("items")) {
          JsonNode r = x.path("record");
          observations += r.path("observations").asLong();
          corroborated += r.path("corroborated").asLong();
          records.put(
              x.path("key").asText(),
              r.path("observations").asInt() + "/" + r.path("corroborated").asInt());
        }
        assertThat(members).isGreaterThan(15_000);
        assertThat(observations).isEqualTo(members);
        assertThat(corroborated).isEqualTo(shared).isPositive().isLessThan(members);
        assertThat(records)
            .containsEntry("camera:CAM-1", "1/1")
            .containsEntry("observer:OBS-2", "1/1")
            .containsEntry("acoustic:AC-1", "1/1");
        JsonNode report = json(Fixture.get(base + "/api/v1/reports/latest"));
        assertThat(report.at("/inputs/reports/0/file").asText()).isEqualTo("reports.csv");
        assertThat(report.at("/inputs/detections").size()).isEqualTo(files.size());

        // the same file again changes nothing; a report with other content under stored ids is
        // refused, and a file of nothing else stores nothing
        JsonNode again = json(post(base, token, "reports.csv", reports));
        assertThat(again.path("status").asText()).isEqualTo("already-ingested");
        HttpResponse<String> conflict =
            post(
                base,
                token,
                "correction.csv",
                HEADER
                    + "R-2,OBS-2,observer,DE,2025-08-16T14:05Z,47.9000,37.5000,2000,gunfire,9,\n");
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(json(conflict).at("/rejections/rows/0/reason").asText())
            .isEqualTo("conflicting-report");
        assertThat(json(conflict).at("/rejections/rows/0/message").asText())
            .contains("report R-2 of source OBS-2 is stored with other content by reports.csv:3");
        assertThat(store.reports()).hasSize(3);

        // Germany releases its report to the public: from the assessment after that ingest on,
        // every reader sees its point and provenance, in the finding and in the day's report
        String deIngest = store.createToken("uploads-de", TokenScope.INGEST, "DE");
        HttpResponse<String> widened =
            post(
                base,
                deIngest,
                "public.csv",
                HEADER.replace("description\n", "description,releasable_to\n")
                    + "R-2,OBS-2,observer,DE,2025-08-16T14:05Z,47.9000,37.5000,2000,gunfire,5,,"
                    + "public\n");
        assertThat(widened.statusCode()).as(widened.body()).isEqualTo(200);
        JsonNode now = evidenceBySource(json(Fixture.get(base + findingUrl)));
        assertThat(now.path("observer:OBS-2").path("withheld").asBoolean()).isFalse();
        assertThat(now.path("observer:OBS-2").path("file").asText()).isEqualTo("reports.csv");
        assertThat(now.path("acoustic:AC-1").path("withheld").asBoolean()).isTrue();
        assertThat(Fixture.get(base + "/reports/days/2025-08-16.html").body())
            .contains("reports.csv:3")
            .contains("report of acoustic:AC-1, withheld");
      }
    }
  }
}
