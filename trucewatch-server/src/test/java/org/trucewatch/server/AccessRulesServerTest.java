package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * Access rules: each reader is served the surveillance reports released to it, by the API, its
 * exports and OGC API - Features, on an open server and a private one; who provides a source is
 * told only with one of its reports.
 */
class AccessRulesServerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String REPORTS =
      "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,uncertainty_m,"
          + "event,count,description,releasable_to\n"
          + "R-1,UAV-1,drone,PL,2025-08-16T14:05Z,47.90,37.50,300,weapons,2,two guns,\n"
          + "R-2,UAV-1,drone,PL,2025-08-16T14:10Z,47.91,37.51,300,weapons,1,a gun,DE\n"
          + "R-3,OBS-1,observer,PL,2025-08-16T15:00Z,48.10,37.70,2000,gunfire,4,,members\n"
          + "R-4,CAM-1,camera,FR,2025-08-16T16:00Z,48.52,37.19,1000,explosion,2,,public\n"
          + "R-5,CAM-2,camera,,2025-08-16T17:00Z,48.60,37.30,500,flare,1,,de;fr\n";

  private static List<String> ids(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JsonNode n = JSON.readTree(r.body());
    for (JsonNode x : n.has("items") ? n.get("items") : n.get("features")) {
      ids.add((n.has("items") ? x : x.get("properties")).path("report_id").asText());
    }
    return ids;
  }

  /**
   * Posts {@code text} as the file {@code name} with {@code token}; the ingest report, once 200.
   */
  private static JsonNode ingest(String base, String token, String name, String text)
      throws Exception {
    HttpResponse<String> r =
        Fixture.post(
            base + "/api/v1/ingest?name=" + name, token, text.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    return PrivateServerTest.get(url, token == null ? null : "Bearer " + token);
  }

  @Test
  void eachReaderIsServedTheReportsReleasedToIt(@TempDir Path tmp) throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = new Monitor(store, Fixture.regions(), Fixture.classifier());
      String analyst = store.createToken("analyst");
      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put("DE", store.createToken("liaison-de", TokenScope.READ, "DE"));
      tokens.put("PL", store.createToken("liaison-pl", TokenScope.READ, "PL"));
      tokens.put("IT", store.createToken("liaison-it", TokenScope.READ, "IT"));
      String revoked = store.createToken("liaison-nl", TokenScope.READ, "NL");
      store.revokeToken("liaison-nl");
      try (Server server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + server.port();
        assertThat(ingest(base, analyst, "reports.csv", REPORTS).path("stored").asInt())
            .isEqualTo(5);
        // operators see how many reports the store holds, not what they say
        assertThat(
                JSON.readTree(get(base + "/health", null).body())
                    .at("/stored/surveillance_reports")
                    .asInt())
            .isEqualTo(5);
        assertThat(get(base + "/metrics", null).body())
            .contains("trucewatch_stored{table=\"surveillance_reports\"} 5.0");

        String list = base + "/api/v1/surveillance-reports";
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("DE", List.of("R-2", "R-3", "R-4", "R-5"));
        expected.put("PL", List.of("R-1", "R-2", "R-3", "R-4"));
        expected.put("IT", List.of("R-3", "R-4"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
          String token = tokens.get(e.getKey());
          assertThat(ids(get(list, token))).as(e.getKey()).isEqualTo(e.getValue());
          assertThat(ids(get(list + "?format=geojson", token)))
              .as(e.getKey())
              .isEqualTo(e.getValue());
          assertThat(ids(get(base + "/ogc/collections/surveillance-reports/items?limit=10", token)))
              .as(e.getKey())
              .isEqualTo(e.getValue());
        }
        assertThat(ids(get(list, analyst))).containsExactly("R-1", "R-2", "R-3", "R-4", "R-5");
        HttpResponse<String> anyone = get(list, null);
        assertThat(ids(anyone)).containsExactly("R-4");
        assertThat(anyone.headers().allValues("Vary")).contains("Authorization");
        // what a liaison is given no shared cache may keep; what the public is given any may
        assertThat(get(list, tokens.get("DE")).headers().firstValue("Cache-Control"))
            .hasValue("private");
        assertThat(anyone.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(JSON.readTree(anyone.body()).path("matched").asInt()).isEqualTo(1);

        // the report as its source gave it, and its release
        JsonNode r2 = JSON.readTree(get(list + "?limit=1&offset=1", analyst).body()).at("/items/0");
        assertThat(r2.path("report_id").asText()).isEqualTo("R-2");
        assertThat(r2.path("source_kind").asText()).isEqualTo("drone");
        assertThat(r2.path("member_state").asText()).isEqualTo("PL");
        assertThat(r2.path("description").asText()).isEqualTo("a gun");
        assertThat(r2.path("releasable_to").asText()).isEqualTo("DE");
        assertThat(r2.path("file_name").asText()).isEqualTo("reports.csv");
        assertThat(r2.path("line").asInt()).isEqualTo(3);
        String one = list + "/" + r2.path("id").asText();
        assertThat(get(one, tokens.get("DE")).statusCode()).isEqualTo(200);
        assertThat(get(one, tokens.get("IT")).statusCode()).isEqualTo(404);
        assertThat(get(one, null).statusCode()).isEqualTo(404);
        assertThat(
                get(
                        base
                            + "/ogc/collections/surveillance-reports/items/"
                            + r2.path("id").asText(),
                        tokens.get("IT"))
                    .statusCode())
            .isEqualTo(404);

        // the CSV export holds the same rows, and nothing of the others
        HttpResponse<String> csv = get(list + "?format=csv", tokens.get("IT"));
        assertThat(csv.body().lines()).hasSize(3);
        assertThat(csv.body()).contains("R-3").contains("R-4").doesNotContain("a gun");

        // a token that does not open the store is refused, not answered as the public
        for (String wrong : List.of(revoked, analyst + "x")) {
          HttpResponse<String> r = get(list, wrong);
          assertThat(r.statusCode()).isEqualTo(401);
          assertThat(r.body()).contains("not known, has been revoked or has expired");
          assertThat(r.headers().firstValue("WWW-Authenticate"))
              .hasValue("Bearer realm=\"Truce Watch\"");
        }
        // reports are filtered by time and place, not by what only assessed features have
        assertThat(ids(get(list + "?bbox=37.4,47.8,37.6,48.0", analyst)))
            .containsExactly("R-1", "R-2");
        assertThat(ids(get(list + "?from=2025-08-16T15:30:00Z", analyst)))
            .containsExactly("R-4", "R-5");
        HttpResponse<String> day = get(list + "?day=2025-08-16", analyst);
        assertThat(day.statusCode()).isEqualTo(400);
        assertThat(day.body()).contains("unknown query parameter day");

        // who provides a source is told only to a reader of one of its reports; the sources are
        // camera:CAM-1 (FR), camera:CAM-2 (the mission's own), drone:UAV-1 and observer:OBS-1 (PL)
        Map<String, String> providers = new LinkedHashMap<>();
        providers.put(null, "FR null null null");
        providers.put(tokens.get("IT"), "FR null null PL");
        providers.put(tokens.get("DE"), "FR  PL PL");
        providers.put(analyst, "FR  PL PL");
        for (Map.Entry<String, String> e : providers.entrySet()) {
          List<String> keys = new ArrayList<>();
          List<String> seen = new ArrayList<>();
          for (JsonNode x :
              JSON.readTree(get(base + "/api/v1/sources", e.getKey()).body()).path("items")) {
            keys.add(x.path("key").asText());
            seen.add(x.path("provider").isNull() ? "null" : x.path("provider").asText());
          }
          assertThat(keys)
              .containsExactly("camera:CAM-1", "camera:CAM-2", "drone:UAV-1", "observer:OBS-1");
          assertThat(String.join(" ", seen))
              .as(e.getKey() == null ? "the public" : e.getKey())
              .isEqualTo(e.getValue());
        }
        assertThat(get(base + "/ogc/collections", null).body())
            .contains("\"id\":\"surveillance-reports\"");
      }
      // a member state's liaison ingests its own member state's reports, not another's
      String ingestDe = store.createToken("uploads-de", TokenScope.INGEST, "DE");
      try (Server server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + server.port();
        String header =
            "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,"
                + "uncertainty_m,event,releasable_to\n";
        JsonNode fromDe =
            ingest(
                base,
                ingestDe,
                "de.csv",
                header
                    + "D-1,UAV-9,drone,DE,2025-08-16T18:00Z,48.0,37.6,300,weapons,\n"
                    + "D-2,UAV-9,drone,FR,2025-08-16T18:05Z,48.0,37.6,300,weapons,\n"
                    + "D-3,UAV-9,drone,,2025-08-16T18:10Z,48.0,37.6,300,weapons,\n");
        assertThat(fromDe.path("stored").asInt()).isEqualTo(1);
        assertThat(fromDe.path("rejected").asInt()).isEqualTo(2);
        assertThat(fromDe.at("/rejections/rows/0/message").asText())
            .isEqualTo(
                "de.csv:3: member_state: member_state must be DE, the member state of token"
                    + " uploads-de, was FR");
        assertThat(fromDe.at("/rejections/rows/1/message").asText()).endsWith("was empty");
        assertThat(ids(get(base + "/api/v1/surveillance-reports", tokens.get("DE"))))
            .contains("D-1")
            .doesNotContain("D-2", "D-3");
        assertThat(ids(get(base + "/api/v1/surveillance-reports", tokens.get("PL"))))
            .doesNotContain("D-1");
      }
      // a private server answers its token holders by the same rules, and no one else
      try (Server server =
          Server.start(
              monitor, new Server.Options("127.0.0.1", 0, "", "").withPrivateReads(true))) {
        String list = "http://127.0.0.1:" + server.port() + "/api/v1/surveillance-reports";
        assertThat(get(list, null).statusCode()).isEqualTo(401);
        assertThat(ids(get(list, tokens.get("IT")))).containsExactly("R-3", "R-4");
        assertThat(ids(get(list, analyst))).hasSize(6);
      }
      // Poland releases R-1 to every member: the same report again, with another release
      try (Server server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + server.port();
        String widened =
            REPORTS.lines().findFirst().orElseThrow()
                + "\nR-1,UAV-1,drone,PL,2025-08-16T14:05Z,47.90,37.50,300,weapons,2,two guns,members\n";
        assertThat(ingest(base, analyst, "widen.csv", widened).path("stored").asInt()).isEqualTo(1);
        assertThat(ids(get(base + "/api/v1/surveillance-reports", tokens.get("IT"))))
            .containsExactly("R-1", "R-3", "R-4");
        // who released it to whom, and when, is given with the report to those who may see it
        JsonNode r1 =
            JSON.readTree(
                get(base + "/api/v1/surveillance-reports?limit=1", tokens.get("IT")).body());
        String id = r1.at("/items/0/id").asText();
        JsonNode one =
            JSON.readTree(
                get(base + "/api/v1/surveillance-reports/" + id, tokens.get("IT")).body());
        assertThat(one.path("releasable_to").asText()).isEqualTo("members");
        JsonNode change = one.path("releases").get(0);
        assertThat(one.path("releases")).hasSize(1);
        assertThat(change.path("before").asText()).isEqualTo("mission");
        assertThat(change.path("after").asText()).isEqualTo("members");
        assertThat(change.path("token").asText()).isEqualTo("analyst");
        assertThat(change.path("file").asText()).isEqualTo("widen.csv");
        assertThat(change.path("line").asInt()).isEqualTo(2);
        assertThat(java.time.Instant.parse(change.path("changed").asText()))
            .isEqualTo(store.releases().get(0).received());
      }
    }
  }
}
