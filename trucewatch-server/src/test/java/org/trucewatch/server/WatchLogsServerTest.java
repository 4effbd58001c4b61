package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * Watch logs posted to a running server: told from FIRMS files and reports by their header, stored
 * once, a member state's liaison logging its own sources only, and each report day saying when each
 * source watched, was offline and reported.
 */
class WatchLogsServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOG = "source_id,source_kind,member_state,from,to,status,note\n";

  private static JsonNode post(String base, String token, String name, String text)
      throws Exception {
    HttpResponse<String> r =
        Fixture.post(
            base + "/api/v1/ingest?name=" + name, token, text.getBytes(StandardCharsets.UTF_8));
    JsonNode body = JSON.readTree(r.body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("http_status", r.statusCode());
    return body;
  }

  /** The day's text without its markup. */
  private static String dayText(String base, String day) throws Exception {
    return Fixture.get(base + "/reports/days/" + day + ".html")
        .body()
        .replaceAll("<[^>]+>", " ")
        .replaceAll("\\s+", " ");
  }

  @Test
  void aMemberStatesLogOfItsSourcesTellsEachDayWhenTheyWatched(@TempDir Path tmp) throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString());
        Server server =
            Server.start(Fixture.loaded(store, 1), new Server.Options("127.0.0.1", 0, "", ""))) {
      String base = "http://127.0.0.1:" + server.port();
      String staff = store.createToken("staff");
      String germany = store.createToken("uploads-de", TokenScope.INGEST, "DE");
      JsonNode reports =
          post(
              base,
              staff,
              "reports.csv",
              SurveillanceReportsServerTest.HEADER
                  + "R-2,OBS-2,observer,DE,2025-08-17T14:05Z,47.9000,37.5000,2000,gunfire,5,\n");
      assertThat(reports.path("stored").asInt()).as(reports.toString()).isEqualTo(1);

      String log =
          LOG
              + "OBS-2,observer,DE,2025-08-17T06:00Z,2025-08-17T15:00Z,watching,\n"
              + "OBS-2,observer,DE,2025-08-17T08:00Z,2025-08-17T09:00Z,offline,\"shelter, shelling"
              + " nearby\"\n"
              + "UAV-5,drone,FR,2025-08-18T05:00Z,2025-08-18T06:00Z,watching,\n";
      JsonNode ingest = post(base, germany, "watch-de.csv", log);
      assertThat(ingest.path("http_status").asInt()).as(ingest.toString()).isEqualTo(200);
      assertThat(ingest.path("format").asText()).isEqualTo("watch-log");
      assertThat(ingest.path("stored").asInt()).isEqualTo(2);
      assertThat(ingest.at("/rejections/rows/0/message").asText())
          .isEqualTo(
              "watch-de.csv:4: member_state: member_state must be DE, the member state of token"
                  + " uploads-de, was FR");
      // a log changes what a day's page says of its sources, not the day's figures: no version
      assertThat(ingest.path("days_revised").toString()).isEqualTo("[]");
      // 17 August runs from 19:30 on the 16th to 19:30 on the 17th, Kyiv time (UTC+3)
      assertThat(dayText(base, "2025-08-17"))
          .contains("Watch logs of this day (local time) from 1 source.")
          .contains(
              "observer:OBS-2 09:00-11:00, 12:00-18:00 8.0 11:00-12:00 shelter, shelling nearby 1");
      assertThat(dayText(base, "2025-08-18")).doesNotContain("UAV-5");

      // the mission's staff logs any source; a source that only logged a watch is a source too
      JsonNode drone =
          post(
              base,
              staff,
              "watch-fr.csv",
              LOG + "UAV-5,drone,FR,2025-08-18T05:00Z,2025-08-18T06:00Z,watching,\n");
      assertThat(drone.path("stored").asInt()).as(drone.toString()).isEqualTo(1);
      assertThat(dayText(base, "2025-08-18"))
          .contains(
              "No surveillance report of this day, though 1 source logged a watch for part or"
                  + " all of it (below).")
          .contains("drone:UAV-5 08:00-09:00 1.0 none 0");
      JsonNode sources = JSON.readTree(Fixture.get(base + "/api/v1/sources").body());
      java.util.Map<String, JsonNode> byKey = new java.util.HashMap<>();
      sources.path("items").forEach(x -> byKey.put(x.path("key").asText(), x));
      assertThat(byKey).containsKey("drone:UAV-5");
      // each source's watch over the truce: the observer's day and the drone's flight
      assertThat(byKey.get("observer:OBS-2").path("truce_watch").toString())
          .isEqualTo("{\"days\":1,\"minutes_watching\":480,\"offline_periods\":1,\"reports\":1}");
      assertThat(byKey.get("drone:UAV-5").at("/truce_watch/minutes_watching").asInt())
          .isEqualTo(60);
      assertThat(byKey.get("VIIRS/N20").path("truce_watch").isNull()).isTrue();
      JsonNode latest = JSON.readTree(Fixture.get(base + "/api/v1/reports/latest").body());
      assertThat(latest.at("/inputs/reports").findValuesAsText("file"))
          .containsExactly("reports.csv", "watch-de.csv", "watch-fr.csv");
      JsonNode watched = null;
      for (JsonNode d : latest.path("days")) {
        if (d.path("date").asText().equals("2025-08-17")) {
          watched = d.at("/coverage/watched/0");
        }
      }
      assertThat(watched.path("minutes_watching").asInt()).isEqualTo(8 * 60);
      assertThat(watched.path("reports").asInt()).isEqualTo(1);

      // the same log again stores nothing; the same period with another note is refused
      assertThat(post(base, germany, "watch-de.csv", log).path("status").asText())
          .isEqualTo("already-ingested");
      JsonNode conflict =
          post(
              base,
              germany,
              "watch-de-2.csv",
              LOG + "OBS-2,observer,DE,2025-08-17T08:00Z,2025-08-17T09:00Z,offline,rain\n");
      assertThat(conflict.path("http_status").asInt()).isEqualTo(400);
      assertThat(conflict.at("/rejections/rows/0/reason").asText()).isEqualTo("conflicting-watch");
      assertThat(conflict.at("/rejections/rows/0/message").asText())
          .contains("is stored with other content by watch-de.csv:3");
      assertThat(store.watches()).hasSize(3);
      assertThat(Fixture.get(base + "/metrics").body())
          .contains("trucewatch_stored{table=\"source_watches\"} 3.0");
      assertThat(
              JSON.readTree(Fixture.get(base + "/health").body())
                  .at("/stored/source_watches")
                  .asInt())
          .isEqualTo(3);
    }
  }
}
