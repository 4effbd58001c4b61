package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.trucewatch.store.Store;

/**
 * The terms' background areas (static sources and known fire areas) on the web map's layer and as
 * an OGC collection, where a known fire area holds only on its dates.
 */
class BackgroundAreasTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String AREA =
      "\nknown_fire_areas:\n"
          + "  - id: danube-reeds\n"
          + "    reason: reed burning in the Danube delta, established by the analysts\n"
          + "    bbox: [29.0, 45.2, 29.8, 45.5]\n"
          + "    from: 2025-08-01\n"
          + "    to: 2025-08-20\n";

  static JsonNode get(String url) throws Exception {
    var r = Fixture.get(url);
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static List<String> ids(JsonNode collection) {
    List<String> ids = new ArrayList<>();
    collection.path("features").forEach(f -> ids.add(f.path("properties").path("id").asText()));
    return ids;
  }

  static Envelope envelope(JsonNode feature) throws Exception {
    Geometry g = new GeoJsonReader().read(feature.path("geometry").toString());
    return g.getEnvelopeInternal();
  }

  @Test
  void staticSourcesAndKnownFireAreasAreServedWithTheirDates(@TempDir Path tmp) throws Exception {
    Path terms = MonitorTermsTest.writeTerms(tmp.resolve("terms"), MonitorTermsTest.PLANT);
    Files.writeString(
        terms, Files.readString(terms, StandardCharsets.UTF_8) + AREA, StandardCharsets.UTF_8);
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(terms);
      String f = Fixture.FILES.get(0);
      m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
      m.refreshIfStale();
      try (Server server = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + server.port();

        JsonNode layer = get(base + "/api/v1/background-areas");
        assertThat(ids(layer))
            .hasSize(11)
            .contains("kamianske", "kryvyi-rih", "danube-reeds")
            .doesNotHaveDuplicates();
        JsonNode reeds = null;
        JsonNode kamianske = null;
        for (JsonNode x : layer.path("features")) {
          String id = x.path("properties").path("id").asText();
          if (id.equals("danube-reeds")) {
            reeds = x;
          } else if (id.equals("kamianske")) {
            kamianske = x;
          }
        }
        assertThat(reeds.path("properties").path("kind").asText()).isEqualTo("known_fire_area");
        assertThat(reeds.path("properties").path("reason").asText()).startsWith("reed burning");
        assertThat(reeds.path("properties").path("from").asText()).isEqualTo("2025-08-01");
        assertThat(reeds.path("properties").path("to").asText()).isEqualTo("2025-08-20");
        assertThat(envelope(reeds)).isEqualTo(new Envelope(29.0, 29.8, 45.2, 45.5));
        // a static source is drawn as a circle of its radius (2.5 km) around its centre
        assertThat(kamianske.path("properties").path("kind").asText()).isEqualTo("static_source");
        assertThat(kamianske.path("properties").path("name").asText())
            .isEqualTo("Kamianske steel works");
        Envelope k = envelope(kamianske);
        assertThat(k.getHeight() * 111_320).isCloseTo(5000, within(50.0));
        assertThat(k.getWidth() * 111_320 * Math.cos(Math.toRadians(48.5165)))
            .isCloseTo(5000, within(50.0));
        assertThat(k.centre().x).isCloseTo(34.6328, within(1e-4));
        assertThat(k.centre().y).isCloseTo(48.5165, within(1e-4));

        // the OGC collection: the known fire area only on its dates, static sources always
        String items = base + "/ogc/collections/background-areas/items";
        assertThat(get(items).path("numberMatched").asInt()).isEqualTo(11);
        assertThat(ids(get(items + "?datetime=2025-08-20T23:59:59Z"))).contains("danube-reeds");
        assertThat(ids(get(items + "?datetime=2025-08-21T00:00:00Z")))
            .hasSize(10)
            .doesNotContain("danube-reeds");
        assertThat(ids(get(items + "?datetime=../2025-07-31T23:59:59Z")))
            .doesNotContain("danube-reeds");
        assertThat(ids(get(items + "?datetime=2025-07-01T00:00:00Z/.."))).contains("danube-reeds");
        assertThat(ids(get(items + "?bbox=29,45,30,46"))).containsExactly("danube-reeds");
        assertThat(get(items + "/danube-reeds").path("properties").path("reason").asText())
            .startsWith("reed burning");
        assertThat(Fixture.get(items + "/nowhere").statusCode()).isEqualTo(404);

        // the detections in the area (stored with its rule) are never war-related
        JsonNode inside =
            get(base + "/ogc/collections/observations/items?bbox=29.0,45.2,29.8,45.5&limit=1000");
        assertThat(inside.path("numberMatched").asInt()).isPositive();
        inside
            .path("features")
            .forEach(
                o -> {
                  assertThat(o.path("properties").path("rule").asText())
                      .isEqualTo("known-fire-area:danube-reeds");
                  assertThat(o.path("properties").path("war_related").asBoolean()).isFalse();
                });
      }
    }
  }
}
