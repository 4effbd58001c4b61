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

  @Test
  void reportsPostedAfterTheFilesJoinTheIncidentsAndFindings(@TempDir Path tmp) throws Exception {
    Path terms = tmp.resolve("terms.yaml");
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
        HttpResponse<String> posted = post(base, token, "reports.csv", reports);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        JsonNode ingest = json(posted);
        assertThat(ingest.path("format").asText()).isEqualTo("surveillance-reports");
        assertThat(ingest.path("stored").asInt()).isEqualTo(3);
        assertThat(ingest.path("rejected").asInt()).isEqualTo(1);
        assertThat(ingest.at("/rejections/rows/0/message").asText())
            .startsWith("reports.csv:5: observed_at: observed_at has no UTC offset");
        assertThat(ingest.path("days_revised").toString()).contains("2025-08-16");
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
        assertThat(finding.path("evidence").get(0).path("kind").asText()).isEqualTo("report");
        assertThat(finding.path("evidence").get(0).path("file").asText()).isEqualTo("reports.csv");

        // the sources and the report's inputs name them
        assertThat(Fixture.get(base + "/api/v1/sources").body())
            .contains("camera:CAM-1")
            .contains("acoustic:AC-1");
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
      }
    }
  }
}
