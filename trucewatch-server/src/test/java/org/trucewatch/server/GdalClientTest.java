package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/**
 * GDAL's OGC API - Features driver (Debian's gdal-bin) as a real client: the way QGIS and other GIS
 * tools connect. Under CI a missing ogrinfo fails; elsewhere these tests are skipped.
 */
@DisplayName("GDAL reads the OGC API (skipped outside CI without gdal-bin's ogrinfo)")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GdalClientTest {
  private static final Pattern COUNT = Pattern.compile("Feature Count: (\\d+)");

  Store store;
  Monitor monitor;
  Server server;
  String ogc;

  @BeforeAll
  void start() throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/ogrinfo"))) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("CI needs gdal-bin (ogrinfo); .ci/run installs it");
      }
      Assumptions.abort("ogrinfo is not installed (apt-get install gdal-bin)");
    }
    store = Store.open(Files.createTempDirectory("trucewatch-gdal-").toString());
    monitor = Fixture.loaded(store, 4);
    server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""));
    ogc = "OAPIF:http://127.0.0.1:" + server.port() + "/ogc";
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
      store.close();
    }
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  static long featureCount(String ogrinfo) {
    Matcher m = COUNT.matcher(ogrinfo);
    assertThat(m.find()).as(ogrinfo).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void itemsInWebMercatorAreWhereGdalPutsThem() throws Exception {
    String items =
        "http://127.0.0.1:" + server.port() + "/ogc/collections/incidents/items?limit=40";
    ObjectMapper json = new ObjectMapper();
    JsonNode lonLat = json.readTree(Fixture.get(items).body()).path("features");
    JsonNode metres =
        json.readTree(Fixture.get(items + "&crs=" + ApiContract.EPSG_3857).body()).path("features");
    StringBuilder in = new StringBuilder();
    for (JsonNode f : lonLat) {
      in.append(f.at("/geometry/coordinates/0").asText())
          .append(' ')
          .append(f.at("/geometry/coordinates/1").asText())
          .append('\n');
    }
    Process p =
        new ProcessBuilder("gdaltransform", "-s_srs", "OGC:CRS84", "-t_srs", "EPSG:3857")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().write(in.toString().getBytes(StandardCharsets.US_ASCII));
    p.getOutputStream().close();
    List<String> out =
        new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).hasSize(40);
    for (int i = 0; i < 40; i++) {
      String[] xy = out.get(i).trim().split("\\s+");
      JsonNode f = metres.get(i);
      assertThat(f.path("id")).isEqualTo(lonLat.get(i).path("id"));
      assertThat(f.at("/geometry/coordinates/0").asDouble())
          .isCloseTo(Double.parseDouble(xy[0]), org.assertj.core.api.Assertions.within(0.01));
      assertThat(f.at("/geometry/coordinates/1").asDouble())
          .isCloseTo(Double.parseDouble(xy[1]), org.assertj.core.api.Assertions.within(0.01));
    }
  }

  @Test
  void ogrinfoListsTheCollectionsAndCountsWhatTheReportCounts() throws Exception {
    String list = run("ogrinfo", "-ro", "-q", ogc);
    assertThat(list).contains(Fixture.COLLECTIONS);
    assertThat(run("ogrinfo", "-ro", "-so", ogc, "line-of-contact"))
        .contains("Geometry: Multi Line String")
        .contains("Feature Count: 1");
    assertThat(run("ogrinfo", "-ro", "-so", ogc, "background-areas"))
        .contains("Geometry: Polygon")
        .contains("Feature Count: 10");

    JsonNode report =
        new ObjectMapper()
            .readTree(
                Fixture.get("http://127.0.0.1:" + server.port() + "/api/v1/reports/latest").body());
    long reported = report.path("summary").path("all_days").path("incidents").asLong();
    String incidents = run("ogrinfo", "-ro", "-so", ogc, "incidents");
    assertThat(incidents).contains("Geometry: Point").contains("verdict: String");
    assertThat(featureCount(incidents)).isEqualTo(reported).isPositive();

    long detections = report.path("summary").path("all_days").path("detections").asLong();
    assertThat(featureCount(run("ogrinfo", "-ro", "-so", ogc, "observations")))
        .isEqualTo(detections)
        .isEqualTo(store.counts().get("observations"));
  }

  @Test
  void ogrinfoReadsAPrivateServerWithTheTokenAsPassword() throws Exception {
    String token = store.createToken("gdal-reader", org.trucewatch.store.TokenScope.READ);
    try (Server closed =
        Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withPrivateReads(true))) {
      String url = "OAPIF:http://127.0.0.1:" + closed.port() + "/ogc";
      Process refused =
          new ProcessBuilder("ogrinfo", "-ro", "-q", url).redirectErrorStream(true).start();
      String why = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(refused.exitValue()).isNotZero();
      assertThat(why).contains("401");
      ProcessBuilder signedIn = new ProcessBuilder("ogrinfo", "-ro", "-so", url, "incidents");
      signedIn.environment().put("GDAL_HTTP_USERPWD", "gdal:" + token);
      Process p = signedIn.redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(featureCount(out)).isEqualTo(store.counts().get("incidents"));
    }
  }

  @Test
  void ogr2ogrCopiesEveryFeatureThroughTheNextLinks(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("incidents.geojson");
    run("ogr2ogr", "-f", "GeoJSON", out.toString(), ogc, "incidents");
    JsonNode fc = new ObjectMapper().readTree(out.toFile());
    List<String> ids = new ArrayList<>();
    fc.path("features").forEach(f -> ids.add(f.path("properties").path("id").asText()));
    assertThat(ids).hasSize(store.counts().get("incidents").intValue()).doesNotHaveDuplicates();
    JsonNode f = fc.path("features").get(0);
    assertThat(f.path("geometry").path("type").asText()).isEqualTo("Point");
    assertThat(f.path("properties").path("side").asText()).isNotEmpty();
  }
}
