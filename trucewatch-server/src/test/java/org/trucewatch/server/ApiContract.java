package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.scoring.Cells;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * The API through real HTTP over a real store, run on H2 and PostgreSQL by the subclasses. The
 * store starts with two files (14 August 2025, before the truce); tests that ingest use the files
 * of 15 August and tolerate each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContract {
  static final ObjectMapper JSON = new ObjectMapper();

  Store store;
  Monitor monitor;
  Server server;
  String base;
  String token;

  abstract Store openStore() throws Exception;

  void closeStore() {
    store.close();
  }

  @BeforeAll
  void start() throws Exception {
    store = openStore();
    monitor = Fixture.loaded(store, 2);
    server = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""));
    base = "http://127.0.0.1:" + server.port();
    token = store.createToken("test-ingest");
  }

  @AfterAll
  void stop() {
    // start() may have stopped early (a skipped database): close only what it opened
    if (server != null) {
      server.close();
    }
    if (store != null) {
      closeStore();
    }
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static byte[] plain(String file) throws Exception {
    try (var in = new GZIPInputStream(Files.newInputStream(Fixture.FIRMS.resolve(file)))) {
      return in.readAllBytes();
    }
  }

  /** No error body leaks a stack trace, a Java class or a package name. */
  static void clean(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode n = json(r);
    assertThat(n.path("code").asText()).isNotEmpty();
    assertThat(n.path("message").asText()).isNotEmpty();
    assertThat(r.body()).doesNotContain("Exception", "org.trucewatch", "java.", "\tat ");
  }

  @Test
  void healthAndMetrics() throws Exception {
    HttpResponse<String> h = Fixture.get(base + "/health");
    assertThat(h.statusCode()).isEqualTo(200);
    JsonNode n = json(h);
    assertThat(n.path("status").asText()).isEqualTo("ok");
    assertThat(n.path("stored").path("observations").asLong())
        .isEqualTo(store.counts().get("observations"));
    assertThat(n.path("assessment").path("method_version").asText())
        .isEqualTo(MethodVersion.CURRENT);

    HttpResponse<String> m = Fixture.get(base + "/metrics");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.body())
        .contains("trucewatch_stored{table=\"observations\"}")
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",path=\"/health\",status=\"200\"}");
    // each satellite's newest detection, as the stored observations give it
    java.util.Map<String, Long> newest = new java.util.TreeMap<>();
    for (Store.StoredObservation o : store.observations()) {
      newest.merge(
          o.observation().sensor().key(), o.observation().time().getEpochSecond(), Math::max);
    }
    assertThat(newest).hasSize(2);
    newest.forEach(
        (source, t) ->
            assertThat(m.body())
                .contains(
                    "trucewatch_newest_detection_timestamp_seconds{source=\""
                        + source
                        + "\"} "
                        + (double) t));
  }

  @Test
  void ingestWithoutAValidTokenIsRefusedAndStoresNothing() throws Exception {
    Map<String, Long> before = store.counts();
    byte[] body = plain(Fixture.FILES.get(2));

    HttpResponse<String> none = Fixture.post(base + "/api/v1/ingest?name=x.csv", null, body);
    HttpResponse<String> wrong =
        Fixture.post(base + "/api/v1/ingest?name=x.csv", token + "x", body);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(json(none).path("code").asText()).isEqualTo("unauthorized");
    clean(none);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(store.counts()).isEqualTo(before);
  }

  @Test
  void ingestTwiceChangesNoCountAndReassesses() throws Exception {
    String name = Fixture.FILES.get(3);
    byte[] body = Files.readAllBytes(Fixture.FIRMS.resolve(name));
    HttpResponse<String> first = Fixture.post(base + "/api/v1/ingest?name=" + name, token, body);
    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode r = json(first);
    assertThat(r.path("status").asText()).isIn("ingested", "already-ingested");
    assertThat(r.path("kept").asLong()).isPositive();
    Map<String, Long> after = store.counts();
    assertThat(store.assessment().orElseThrow().lastIngestId()).isEqualTo(store.lastIngestId());

    HttpResponse<String> again = Fixture.post(base + "/api/v1/ingest?name=" + name, token, body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("status").asText()).isEqualTo("already-ingested");
    assertThat(json(again).path("stored").asLong()).isZero();
    assertThat(store.counts()).isEqualTo(after);

    // the same rows, uncompressed, under another name: a new ingest that stores nothing new
    HttpResponse<String> same =
        Fixture.post(base + "/api/v1/ingest?name=resent.csv", token, plain(name));
    assertThat(json(same).path("stored").asLong()).isZero();
    assertThat(json(same).path("duplicates").asLong()).isEqualTo(r.path("kept").asLong());
    assertThat(store.counts().get("observations")).isEqualTo(after.get("observations"));
  }

  @Test
  void multipartUploadIsIngested() throws Exception {
    String name = Fixture.FILES.get(2);
    byte[] file = Files.readAllBytes(Fixture.FIRMS.resolve(name));
    String boundary = "----trucewatch-test";
    var body = new java.io.ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + name
                + "\"\r\nContent-Type: application/gzip\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(file);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        Fixture.HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("file").asText()).isEqualTo(name);
    assertThat(json(r).path("sha256").asText()).hasSize(64);
    assertThat(store.ingestBySha256(json(r).path("sha256").asText())).isPresent();
  }

  @Test
  void aFileWithoutAnyGoodRowIs400WithItsRejectionsAndStoresNothing() throws Exception {
    Map<String, Long> before = store.counts();
    String bad =
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,"
            + "confidence,version,bright_ti5,frp,daynight\n"
            + "95.0,37.1,330.1,0.4,0.4,2025-08-15,0110,N20,VIIRS,n,2.0NRT,290.1,3.2,N\n"
            + "48.1,37.1,330.1,0.4,0.4,2022-13-40,0110,N20,VIIRS,n,2.0NRT,290.1,3.2,N\n"
            + "48.1,37.1,330.1,0.4,0.4,2205-08-15,0110,N20,VIIRS,n,2.0NRT,290.1,3.2,N\n";
    HttpResponse<String> r =
        Fixture.post(
            base + "/api/v1/ingest?name=broken.csv", token, bad.getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode n = json(r);
    assertThat(n.path("code").asText()).isEqualTo("invalid_file");
    assertThat(n.path("rejected").asLong()).isEqualTo(3);
    JsonNode rows = n.path("rejections").path("rows");
    assertThat(rows.get(0).path("file").asText()).isEqualTo("broken.csv");
    assertThat(rows.get(0).path("line").asLong()).isEqualTo(2);
    assertThat(rows.get(0).path("field").asText()).isEqualTo("latitude");
    assertThat(rows.get(0).path("raw").asText()).startsWith("95.0,37.1");
    assertThat(rows.get(1).path("field").asText()).isEqualTo("acq_date");
    // a mistyped year: nothing can be dated after tomorrow by the store's clock
    assertThat(rows.get(2).path("field").asText()).isEqualTo("acq_date");
    assertThat(rows.get(2).path("message").asText())
        .startsWith("broken.csv:4: acq_date: acq_date 2205-08-15 is after ")
        .endsWith("a detection cannot be dated in the future");
    assertThat(store.counts()).isEqualTo(before);
  }

  @Test
  void aHeaderWithoutRowsIsADayWithoutDetectionsButAnEmptyFileIs400() throws Exception {
    Map<String, Long> before = store.counts();
    // what FIRMS's area download gives for an area and day without any detection
    String header =
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,"
            + "confidence,version,bright_ti5,frp,daynight\n";
    HttpResponse<String> r =
        Fixture.post(
            base + "/api/v1/ingest?name=quiet-day.csv",
            token,
            header.getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode n = json(r);
    assertThat(n.path("status").asText()).isEqualTo("ingested");
    assertThat(n.path("format").asText()).isEqualTo("viirs");
    assertThat(n.path("rows_read").asLong()).isZero();
    assertThat(n.path("stored").asLong()).isZero();
    assertThat(store.counts().get("observations")).isEqualTo(before.get("observations"));
    assertThat(store.ingestBySha256(n.path("sha256").asText())).isPresent();
    // the report lists it among its inputs
    assertThat(
            JSON.readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow())
                .path("inputs")
                .path("detections")
                .findValuesAsText("file"))
        .contains("quiet-day.csv");

    HttpResponse<String> empty =
        Fixture.post(base + "/api/v1/ingest?name=empty.csv", token, new byte[0]);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty).path("rejections").path("by_reason").has("empty-file")).isTrue();
  }

  @Test
  void readsFilterPageAndExportAsJsonGeoJsonAndCsv() throws Exception {
    long matched = store.counts().get("incidents");
    JsonNode page = json(Fixture.get(base + "/api/v1/incidents?limit=5"));
    assertThat(page.path("matched").asLong()).isEqualTo(matched);
    assertThat(page.path("items")).hasSize(5);
    String next = page.path("next").asText();
    assertThat(next).contains("offset=5").contains("limit=5");
    JsonNode page2 = json(Fixture.get(base + next));
    assertThat(page2.path("items").get(0).path("id").asText())
        .isNotEqualTo(page.path("items").get(0).path("id").asText());

    JsonNode geo =
        json(Fixture.get(base + "/api/v1/observations?format=geojson&side=occupied&limit=20"));
    assertThat(geo.path("type").asText()).isEqualTo("FeatureCollection");
    assertThat(geo.path("features")).isNotEmpty();
    for (JsonNode f : geo.path("features")) {
      JsonNode p = f.path("properties");
      assertThat(p.path("side").asText()).isEqualTo("occupied");
      assertThat(f.path("geometry").path("coordinates").get(0).asDouble())
          .isEqualTo(p.path("longitude").asDouble());
      // each quantity in the form classify writes it: the cell's label, not the store's key
      assertThat(p.path("cell").asText())
          .isEqualTo(
              Cells.label(
                  Cells.key(p.path("latitude").asDouble(), p.path("longitude").asDouble())));
      assertThat(p.path("distance_m").isIntegralNumber()).as(p.toString()).isTrue();
      assertThat(p.path("time_precision").asText()).isIn("second", "minute", "day");
      assertThat(p.path("confidence").asText()).isIn("low", "nominal", "high");
      assertThat(p.path("expected").decimalValue().stripTrailingZeros().scale())
          .isLessThanOrEqualTo(4);
      assertThat(p.path("fire_type").isNull() || p.path("fire_type").asInt() >= 0).isTrue();
    }

    JsonNode east = json(Fixture.get(base + "/api/v1/incidents?bbox=36,46,40,50&limit=10000"));
    assertThat(east.path("matched").asLong()).isPositive().isLessThan(matched);
    for (JsonNode i : east.path("items")) {
      assertThat(i.path("longitude").asDouble()).isBetween(36.0, 40.0);
    }
    // centroids are published to seven decimals, as in incidents.geojson, not to a double's last
    for (String layer : List.of("incidents", "findings")) {
      JsonNode all = json(Fixture.get(base + "/api/v1/" + layer + "?limit=10000"));
      assertThat(all.path("items")).isNotEmpty();
      for (JsonNode i : all.path("items")) {
        assertThat(i.path("latitude").decimalValue().stripTrailingZeros().scale())
            .as(layer + " " + i.path("id").asText() + " latitude " + i.path("latitude"))
            .isLessThanOrEqualTo(7);
        assertThat(i.path("longitude").decimalValue().stripTrailingZeros().scale())
            .as(layer + " " + i.path("id").asText() + " longitude " + i.path("longitude"))
            .isLessThanOrEqualTo(7);
      }
    }

    HttpResponse<String> csv = Fixture.get(base + "/api/v1/findings?format=csv&limit=3");
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("id,incident_id,clause_id,verdict");
    assertThat(lines).hasSizeGreaterThanOrEqualTo(4);

    JsonNode oblast = json(Fixture.get(base + "/api/v1/incidents?oblast=UA-14&limit=10000"));
    for (JsonNode i : oblast.path("items")) {
      assertThat(i.path("oblast_code").asText()).isEqualTo("UA-14");
    }
    // the demo's terms have no monitoring sectors: everything lies in none, and an id is refused
    assertThat(json(Fixture.get(base + "/api/v1/incidents?sector=none&limit=1")).path("matched"))
        .isEqualTo(page.path("matched"));
    assertThat(refused("/api/v1/incidents?sector=north", "invalid_parameter"))
        .isEqualTo("sector must be none (the terms have no monitoring sectors), was north");
    String fid = page.path("items").get(0).path("id").asText();
    assertThat(json(Fixture.get(base + "/api/v1/incidents/" + fid)).path("id").asText())
        .isEqualTo(fid);
    JsonNode findings = json(Fixture.get(base + "/api/v1/findings?incident=" + fid));
    assertThat(findings.path("items")).isNotEmpty();
    assertThat(findings.path("items").get(0).path("evidence").isArray()).isTrue();
    assertThat(findings.path("items").get(0).path("evidence").get(0).path("sha256").asText())
        .hasSize(64);
  }

  @Test
  void anAcceptHeaderChoosesTheFormatWhenNoParameterDoes() throws Exception {
    String url = base + "/api/v1/incidents?limit=2";
    HttpResponse<String> csv = getAccepting(url, "text/csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(csv.headers().firstValue("Vary")).hasValue("Accept");
    assertThat(csv.body().lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).startsWith("id,"));
    HttpResponse<String> geo = getAccepting(url, "application/json;q=0.5, application/geo+json");
    assertThat(json(geo).path("type").asText()).isEqualTo("FeatureCollection");
    // a browser's header takes the default, JSON, through its wildcard
    HttpResponse<String> browser =
        getAccepting(url, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    assertThat(json(browser).path("items")).hasSize(2);
    // a parameter wins over the header
    assertThat(json(getAccepting(url + "&format=json", "text/csv")).path("items")).hasSize(2);
    // a range refused with q=0 is not taken through a wildcard
    assertThat(
            json(getAccepting(url, "text/csv;q=0, application/json;q=0, */*"))
                .path("type")
                .asText())
        .isEqualTo("FeatureCollection");
    HttpResponse<String> none = getAccepting(url, "application/xml");
    assertThat(none.statusCode()).isEqualTo(406);
    assertThat(json(none).path("code").asText()).isEqualTo("not_acceptable");
    assertThat(json(none).path("message").asText())
        .contains("application/json", "application/geo+json", "text/csv", "application/xml");
    HttpResponse<String> reports = getAccepting(base + "/api/v1/reports", "text/csv");
    assertThat(reports.body().lines().findFirst())
        .hasValueSatisfying(h -> assertThat(h).startsWith("date,phase"));
    assertThat(getAccepting(base + "/api/v1/reports", "application/geo+json").statusCode())
        .isEqualTo(406);
  }

  private static HttpResponse<String> getAccepting(String url, String accept) throws Exception {
    return Fixture.HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void headAnswersWithTheStatusAndHeadersOfGet() throws Exception {
    for (String path :
        List.of(
            "/health",
            "/api/v1/incidents?limit=1",
            "/api/v1/incidents?bogus=1",
            "/api/v1/incidents/I-000000000000",
            "/api/v1/reports/latest",
            "/ogc/collections/findings/items?limit=2",
            "/ogc/collections/nowhere",
            "/reports/report.html",
            "/reports/method.html")) {
      HttpResponse<String> get = Fixture.get(base + path);
      HttpResponse<String> head =
          Fixture.HTTP.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
      assertThat(head.body()).as(path).isEmpty();
      for (String h : List.of("Content-Type", "X-Total-Count", "Link")) {
        assertThat(head.headers().firstValue(h))
            .as(path + " " + h)
            .isEqualTo(get.headers().firstValue(h));
      }
    }
  }

  @Test
  void errorsAreJsonWithAStableCode() throws Exception {
    List<HttpResponse<String>> bad = new ArrayList<>();
    bad.add(Fixture.get(base + "/api/v1/incidents?bbox=1,2,3"));
    bad.add(Fixture.get(base + "/api/v1/incidents?limit=-1"));
    bad.add(Fixture.get(base + "/api/v1/incidents?from=yesterday"));
    bad.add(Fixture.get(base + "/api/v1/incidents?verdict=guilty"));
    bad.add(Fixture.get(base + "/api/v1/incidents?format=xml"));
    bad.add(Fixture.get(base + "/api/v1/findings?war_related=true"));
    bad.add(Fixture.get(base + "/api/v1/observations?from=2025-08-20&to=2025-08-19"));
    bad.add(Fixture.get(base + "/api/v1/reports?from=2025-09-01&to=2025-08-01"));
    bad.add(Fixture.get(base + "/api/v1/reports?format=geojson"));
    bad.add(Fixture.get(base + "/api/v1/incidents/I-000000000000?format=csv"));
    for (HttpResponse<String> r : bad) {
      assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
      // an error is not a page: no count, no link to a next page
      assertThat(r.headers().firstValue("X-Total-Count")).as(r.uri().toString()).isEmpty();
      assertThat(r.headers().firstValue("Link")).as(r.uri().toString()).isEmpty();
      clean(r);
    }
    assertThat(json(bad.get(6)).path("message").asText())
        .isEqualTo("to must not be before from, was from=2025-08-20 to=2025-08-19");
    HttpResponse<String> missing = Fixture.get(base + "/api/v1/incidents/I-000000000000");
    assertThat(missing.statusCode()).isEqualTo(404);
    clean(missing);
    HttpResponse<String> nowhere = Fixture.get(base + "/api/v1/nothing-here");
    assertThat(nowhere.statusCode()).isEqualTo(404);
    clean(nowhere);
    // refused by the web server before the API reads it: JSON all the same, not an HTML page
    HttpResponse<String> control = Fixture.get(base + "/api/v1/findings/%00");
    assertThat(control.statusCode()).isEqualTo(400);
    clean(control);
    assertThat(json(control).path("code").asText()).isEqualTo("bad_request");
    assertThat(control.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    HttpResponse<String> large =
        Fixture.HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1"))
                .header("X-Large", "a".repeat(20_000))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(large.statusCode()).isEqualTo(431);
    clean(large);
    assertThat(json(large).path("message").asText())
        .isEqualTo("the request could not be read (HTTP 431 Request Header Fields Too Large)");
  }

  @Test
  void aMisspeltOrRepeatedParameterIsRefusedNotIgnored() throws Exception {
    // a misspelt filter (date for day, sides for side) must not answer with everything
    assertThat(refused("/api/v1/observations?date=2025-08-16", "unknown_parameter"))
        .isEqualTo(
            "unknown query parameter date; /api/v1/observations takes from, to, day, bbox,"
                + " oblast, sector, side, verdict, war_related, incident, limit, offset, format");
    assertThat(refused("/api/v1/findings?war_related=true", "unknown_parameter"))
        .startsWith("unknown query parameter war_related; /api/v1/findings takes from,")
        .doesNotContain("war_related,");
    assertThat(refused("/ogc/collections/zones/items?verdict=x", "unknown_parameter"))
        .isEqualTo(
            "unknown query parameter verdict; /ogc/collections/zones/items takes bbox, datetime,"
                + " limit, offset, f, crs, bbox-crs");
    for (String url :
        List.of(
            "/api/v1/incidents?sides=occupied",
            "/api/v1/findings?incident_id=I-1",
            "/api/v1/reports?day=2025-08-16",
            "/api/v1/reports/latest?day=2025-08-16",
            "/api/v1/zones?bbox=30,45,35,50",
            "/api/v1/map?day=2025-08-16",
            "/ogc/collections/observations/items?format=csv",
            "/ogc/collections/findings/items?war_related=true")) {
      refused(url, "unknown_parameter");
    }

    // only one of two values would count, so neither is taken
    assertThat(refused("/api/v1/observations?limit=1&limit=2", "invalid_parameter"))
        .isEqualTo("limit is given 2 times; give it once");
    refused("/api/v1/incidents?side=occupied&side=outside_ukraine", "invalid_parameter");
    refused("/ogc/collections/incidents/items?bbox=30,45,35,50&bbox=1,1,2,2", "invalid_parameter");

    // an offset's + typed into a query string arrives as a space
    assertThat(refused("/api/v1/observations?from=2025-08-16T00:00+03:00", "invalid_parameter"))
        .isEqualTo(
            "from must be an RFC 3339 time such as 2025-08-16T02:10:00Z or a date, was"
                + " 2025-08-16T00:00 03:00 (a + in a query string is read as a space: write it"
                + " as %2B)");
    assertThat(
            Fixture.get(base + "/api/v1/observations?from=2025-08-16T00:00%2B03:00&limit=1")
                .statusCode())
        .isEqualTo(200);

    // what each endpoint does take still works
    assertThat(Fixture.get(base + "/api/v1/reports?format=csv").statusCode()).isEqualTo(200);
    assertThat(
            Fixture.get(base + "/api/v1/incidents?side=occupied&limit=1&offset=1&format=geojson")
                .statusCode())
        .isEqualTo(200);
  }

  /**
   * The count of items that {@code path} matches: the API's {@code matched}, OGC's numberMatched.
   */
  private long matched(String path) throws Exception {
    JsonNode page = json(Fixture.get(base + path));
    return page.has("matched")
        ? page.path("matched").asLong()
        : page.path("numberMatched").asLong();
  }

  /** Asserts that {@code path} is refused with 400 and {@code code}; returns the message. */
  private HttpResponse<byte[]> getBytes(String path) throws Exception {
    return Fixture.HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private String refused(String path, String code) throws Exception {
    HttpResponse<String> r = Fixture.get(base + path);
    assertThat(r.statusCode()).as(path).isEqualTo(400);
    clean(r);
    assertThat(json(r).path("code").asText()).as(path).isEqualTo(code);
    return json(r).path("message").asText();
  }

  @Test
  void thePdfIsRenderedOncePerAssessment() throws Exception {
    // a row that no other test sends: a new ingest, so a new assessment
    String row = String.format(Locale.ROOT, "10.%05d,10.5,2025-08-16", System.nanoTime() % 100_000);
    ingestOneRow("far-away.csv", "latitude,longitude,acq_date", row);
    double before = pdfRenders();

    List<CompletableFuture<HttpResponse<byte[]>>> asked = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      asked.add(Fixture.HTTP.sendAsync(pdfRequest(), HttpResponse.BodyHandlers.ofByteArray()));
    }
    byte[] pdf = asked.get(0).get().body();
    assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    for (var a : asked) {
      assertThat(a.get().statusCode()).isEqualTo(200);
      assertThat(a.get().body()).isEqualTo(pdf);
    }
    assertThat(pdfRenders()).isEqualTo(before + 1);

    // a new assessment is rendered anew
    ingestOneRow("far-away-too.csv", "longitude,latitude,acq_date", row);
    assertThat(Fixture.get(base + "/reports/report.html").body()).contains("far-away-too.csv");
    assertThat(
            Fixture.HTTP.send(pdfRequest(), HttpResponse.BodyHandlers.ofByteArray()).statusCode())
        .isEqualTo(200);
    assertThat(pdfRenders()).isEqualTo(before + 2);
  }

  @Test
  void theTermsAndTheMethodArePublishedWhereEveryReportLinksToThem() throws Exception {
    HttpResponse<String> method = Fixture.get(base + "/reports/method.html");
    assertThat(method.statusCode()).isEqualTo(200);
    assertThat(method.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    Rows.Terms terms = store.currentTerms().orElseThrow();
    assertThat(method.body())
        .contains("<h1>The terms and the method</h1>")
        .contains("Method version " + MethodVersion.CURRENT + ".")
        // the terms of the assessment, by the name and SHA-256 that the store keeps of them
        .contains("read from " + terms.name() + " (SHA-256 <code>" + terms.sha256() + "</code>)")
        .contains(
            "<tr><td>C1</td><td>no war-related thermal activity in the buffer zone or the"
                + " exclusion zone</td><td><code>thermal-activity-in-zone</code></td>"
                + "<td>buffer-15km, znpp</td>")
        // and the method's own description, with the order of each clause type's checks
        .contains("<h2>Methodology: which thermal anomalies are war-related</h2>")
        .contains("<h3>8. Findings</h3>")
        .contains("<strong>Verdicts.</strong>");
    // the stored report names the code that rendered it, as the database finds it
    assertThat(
            store.assessmentTextContains(
                Store.Text.REPORT_HTML, org.trucewatch.reports.ReportHtml.GENERATOR_META))
        .isTrue();
    assertThat(store.assessmentTextContains(Store.Text.REPORT_HTML, "Truce Watch pages 0000"))
        .isFalse();
    // the link of each report, read as a browser resolves it, leads to the page
    JsonNode days = json(Fixture.get(base + "/api/v1/reports")).path("days");
    for (String page : List.of("/reports/report.html", days.get(0).path("html").asText())) {
      Matcher link =
          Pattern.compile("<a href=\"([^\"]+)\">the terms and the method</a>")
              .matcher(Fixture.get(base + page).body());
      assertThat(link.find()).as(page).isTrue();
      URI target = URI.create(base + page).resolve(link.group(1));
      assertThat(target.getPath()).as(page).isEqualTo("/reports/method.html");
      assertThat(Fixture.get(target.toString()).body()).isEqualTo(method.body());
    }
    // as do the API's index and the OGC API's landing page
    assertThat(json(Fixture.get(base + "/api/v1")).path("links").findValuesAsText("href"))
        .contains("/reports/method.html");
    JsonNode landing = json(Fixture.get(base + "/ogc"));
    assertThat(landing.path("links").findParents("rel"))
        .anySatisfy(
            l -> {
              assertThat(l.path("rel").asText()).isEqualTo("describedby");
              assertThat(l.path("href").asText()).isEqualTo(base + "/reports/method.html");
            });
    // and the map's page links to it
    assertThat(Fixture.get(base + "/").body())
        .contains("<a id=\"method\" href=\"/reports/method.html\">the terms and the method</a>");
  }

  @Test
  void theMapsSettingsAreNotSentAgainUntilANewAssessment() throws Exception {
    HttpResponse<String> first = Fixture.get(base + "/api/v1/map");
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).isEqualTo(Server.etag(first.body())).matches("\"[0-9a-f]{64}\"");
    HttpResponse<String> again = mapUnless(etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();

    // a new assessment: its settings, with another tag
    String row = String.format(Locale.ROOT, "11.%05d,10.5,2025-08-16", System.nanoTime() % 100_000);
    ingestOneRow("far-away-map.csv", "latitude,longitude,acq_date", row);
    HttpResponse<String> changed = mapUnless(etag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    assertThat(json(changed).path("as_of").path("assessed").asText())
        .isNotEqualTo(json(first).path("as_of").path("assessed").asText());
  }

  /** {@code /api/v1/map}, asked with {@code If-None-Match: etag}. */
  private HttpResponse<String> mapUnless(String etag) throws Exception {
    return Fixture.HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/map"))
            .header("If-None-Match", etag)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest pdfRequest() {
    return HttpRequest.newBuilder(URI.create(base + "/reports/report.pdf")).build();
  }

  private void ingestOneRow(String name, String header, String row) throws Exception {
    HttpResponse<String> r =
        Fixture.post(
            base + "/api/v1/ingest?name=" + name,
            token,
            (header + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8));
    assertThat(json(r).path("status").asText()).isEqualTo("ingested");
  }

  private double pdfRenders() throws Exception {
    return Fixture.get(base + "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith("trucewatch_report_pdf_renders_total "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void reportsLineOfContactAndMap() throws Exception {
    JsonNode reports = json(Fixture.get(base + "/api/v1/reports"));
    assertThat(reports.path("method_version").asText()).isEqualTo(MethodVersion.CURRENT);
    JsonNode day = reports.path("days").get(0);
    JsonNode one = json(Fixture.get(base + day.path("href").asText()));
    assertThat(one.path("date").asText()).isEqualTo(day.path("date").asText());
    assertThat(one.path("incidents").asInt()).isEqualTo(day.path("incidents").asInt());
    // the versions of the day's figures that the monitor stated, the newest those it states now
    JsonNode revisions = one.path("revisions");
    assertThat(revisions.isArray()).isTrue();
    JsonNode newest = revisions.get(revisions.size() - 1);
    assertThat(newest.path("detections").asInt()).isEqualTo(one.path("detections").asInt());
    assertThat(newest.path("method_version").asText()).isEqualTo(MethodVersion.CURRENT);
    // a day that is not a date is a bad request; a date without a report says which days have one
    assertThat(refused("/api/v1/reports/2025-8-16", "invalid_parameter"))
        .isEqualTo("day must be a date such as 2025-08-16, was 2025-8-16");
    HttpResponse<String> none = Fixture.get(base + "/api/v1/reports/2030-01-01");
    assertThat(none.statusCode()).isEqualTo(404);
    JsonNode days = reports.path("days");
    assertThat(json(none).path("message").asText())
        .isEqualTo(
            "no report day 2030-01-01; the report days run from "
                + days.get(0).path("date").asText()
                + " to "
                + days.get(days.size() - 1).path("date").asText());
    HttpResponse<byte[]> pdf =
        Fixture.HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/reports/report.pdf")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    HttpResponse<String> html = Fixture.get(base + "/reports/report.html");
    assertThat(html.body()).contains("id=\"day-" + day.path("date").asText() + "\"");
    // each report day's daily report, linked from the list and from the day
    for (JsonNode d : days) {
      String href = d.path("html").asText();
      assertThat(href).isEqualTo("/reports/days/" + d.path("date").asText() + ".html");
      assertThat(d.path("pdf").asText())
          .isEqualTo("/reports/days/" + d.path("date").asText() + ".pdf");
      HttpResponse<String> page = Fixture.get(base + href);
      assertThat(page.statusCode()).as(href).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(page.body())
          .contains("<h1>Truce Watch daily report, ")
          .contains("<a rel=\"up\" href=\"../report.html#day-" + d.path("date").asText());
    }
    assertThat(one.path("html").asText()).isEqualTo(day.path("html").asText());
    assertThat(refused("/reports/days/2025-8-16.html", "invalid_parameter"))
        .isEqualTo("day must be a date such as 2025-08-16, was 2025-8-16");
    HttpResponse<String> noPage = Fixture.get(base + "/reports/days/2030-01-01.html");
    assertThat(noPage.statusCode()).isEqualTo(404);
    assertThat(json(noPage).path("message").asText())
        .isEqualTo(json(none).path("message").asText());
    assertThat(Fixture.get(base + "/reports/days/2030-01-01.pdf").statusCode()).isEqualTo(404);
    String pdfDay = day.path("date").asText();
    assertThat(Fixture.get(base + "/reports/days/" + pdfDay + ".txt").statusCode()).isEqualTo(404);
    // and printed: a PDF of the day's page, rendered once per assessment
    HttpResponse<byte[]> dayPdf = getBytes("/reports/days/" + pdfDay + ".pdf");
    assertThat(dayPdf.statusCode()).isEqualTo(200);
    assertThat(dayPdf.headers().firstValue("Content-Type")).contains("application/pdf");
    try (var doc = org.apache.pdfbox.Loader.loadPDF(dayPdf.body())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
          .contains("Truce Watch daily report")
          .contains(MethodVersion.CURRENT);
    }
    double renders = pdfRenders();
    assertThat(getBytes("/reports/days/" + pdfDay + ".pdf").body()).isEqualTo(dayPdf.body());
    assertThat(pdfRenders()).isEqualTo(renders);

    String first = day.path("date").asText();
    JsonNode limited = json(Fixture.get(base + "/api/v1/reports?from=" + first + "&to=" + first));
    assertThat(limited.path("days")).hasSize(1);
    List<String> csv = Fixture.get(base + "/api/v1/reports?format=csv").body().lines().toList();
    assertThat(csv.get(0))
        .startsWith("date,phase,coverage,detections,war_related,in_buffer,incidents,");
    assertThat(csv).hasSize(reports.path("days").size() + 1);
    assertThat(csv.get(1)).startsWith(first + "," + day.path("phase").asText() + ",");
    assertThat(csv.get(1)).endsWith("," + MethodVersion.CURRENT);
    assertThat(csv.get(0)).endsWith(",versions,last_stated,method_version");
    // each day gives how often its figures were stated and when last, as its report lists them
    for (JsonNode d : reports.path("days")) {
      JsonNode versions = json(Fixture.get(base + d.path("href").asText())).path("revisions");
      assertThat(d.path("versions").asInt()).isEqualTo(versions.size());
      assertThat(d.path("last_stated").asText(null))
          .isEqualTo(
              versions.isEmpty()
                  ? null
                  : versions.get(versions.size() - 1).path("stated").asText());
    }
    assertThat(reports.path("days"))
        .anySatisfy(d -> assertThat(d.path("versions").asInt()).isPositive());
    JsonNode sources = json(Fixture.get(base + "/api/v1/sources"));
    assertThat(sources.path("items"))
        .extracting(x -> x.path("key").asText())
        .contains("VIIRS/N", "VIIRS/N20");

    JsonNode line = json(Fixture.get(base + "/api/v1/line-of-contact"));
    assertThat(line.path("features").get(0).path("geometry").path("type").asText())
        .isEqualTo("MultiLineString");
    assertThat(line.path("features").get(0).path("properties").path("length_km").asLong())
        .isBetween(1000L, 3000L);
    JsonNode map = json(Fixture.get(base + "/api/v1/map"));
    assertThat(map.path("days")).hasSameSizeAs(reports.path("days"));
    assertThat(map.path("verdict_colours").path("violation").asText()).startsWith("#");
    // what the web map loads: Ukraine (22.1-40.2 E, 44.4-52.4 N) and a margin of one degree
    assertThat(map.path("extent").get(0).asDouble()).isBetween(21.0, 21.3);
    assertThat(map.path("extent").get(1).asDouble()).isBetween(43.2, 43.5);
    assertThat(map.path("extent").get(2).asDouble()).isBetween(41.1, 41.4);
    assertThat(map.path("extent").get(3).asDouble()).isBetween(53.2, 53.5);
    // how current the map is: when assessed, the last file taken in, each satellite's newest
    // detection (newest first), as the stored observations give them
    JsonNode asOf = map.path("as_of");
    org.trucewatch.store.Rows.AssessmentInfo a = store.assessment().orElseThrow();
    assertThat(asOf.path("assessed").asText()).isEqualTo(a.made().toString());
    assertThat(asOf.path("terms_id").asLong()).isEqualTo(a.termsId()).isPositive();
    assertThat(asOf.path("last_ingest_received").asText())
        .isEqualTo(store.ingests().get(store.ingests().size() - 1).received().toString());
    java.util.Map<String, java.time.Instant> bySource = new java.util.TreeMap<>();
    for (Store.StoredObservation o : store.observations()) {
      bySource.merge(
          o.observation().sensor().key(), o.observation().time(), (x, y) -> x.isAfter(y) ? x : y);
    }
    List<String> expected =
        bySource.entrySet().stream()
            .sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
            .map(e -> e.getKey() + " " + e.getValue())
            .toList();
    List<String> given = new ArrayList<>();
    asOf.path("newest_detections")
        .forEach(d -> given.add(d.path("source").asText() + " " + d.path("acquired").asText()));
    assertThat(given).hasSize(2).isEqualTo(expected);
  }

  /** Web Mercator (EPSG:3857) as its definition gives it, written here apart from the server. */
  static double[] mercator(double lon, double lat) {
    double r = 6_378_137;
    return new double[] {
      r * Math.toRadians(lon), r * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2))
    };
  }

  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final String EPSG_4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
  static final String EPSG_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";

  @Test
  void ogcApiFeaturesInEpsg4326AndWebMercatorSelectAndWriteTheSameFeatures() throws Exception {
    assertThat(json(Fixture.get(base + "/ogc/conformance")).path("conformsTo").toString())
        .contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
    JsonNode findings = json(Fixture.get(base + "/ogc/collections/findings"));
    assertThat(findings.path("crs"))
        .extracting(JsonNode::asText)
        .containsExactly(CRS84, EPSG_4326, EPSG_3857);
    assertThat(findings.path("storageCrs").asText()).isEqualTo(CRS84);

    // a box along the front in CRS84, and the same box in each CRS's axis order and units
    double[] box = {37.0, 47.5, 38.5, 48.6};
    double[] lower = mercator(box[0], box[1]);
    double[] upper = mercator(box[2], box[3]);
    String items = base + "/ogc/collections/findings/items?limit=20&bbox=";
    HttpResponse<String> crs84 =
        Fixture.get(items + box[0] + "," + box[1] + "," + box[2] + "," + box[3]);
    HttpResponse<String> latLon =
        Fixture.get(
            items
                + box[1]
                + ","
                + box[0]
                + ","
                + box[3]
                + ","
                + box[2]
                + "&bbox-crs="
                + EPSG_4326
                + "&crs="
                + EPSG_4326);
    HttpResponse<String> metres =
        Fixture.get(
            items
                + lower[0]
                + ","
                + lower[1]
                + ","
                + upper[0]
                + ","
                + upper[1]
                + "&bbox-crs="
                + EPSG_3857
                + "&crs="
                + EPSG_3857);
    assertThat(crs84.headers().firstValue("Content-Crs")).hasValue("<" + CRS84 + ">");
    assertThat(latLon.headers().firstValue("Content-Crs")).hasValue("<" + EPSG_4326 + ">");
    assertThat(metres.headers().firstValue("Content-Crs")).hasValue("<" + EPSG_3857 + ">");
    JsonNode a = json(crs84);
    JsonNode b = json(latLon);
    JsonNode c = json(metres);
    assertThat(a.path("numberMatched").asInt()).isGreaterThan(20);
    assertThat(b.path("numberMatched")).isEqualTo(a.path("numberMatched"));
    assertThat(c.path("numberMatched")).isEqualTo(a.path("numberMatched"));
    for (int i = 0; i < 20; i++) {
      JsonNode f = a.path("features").get(i);
      assertThat(b.path("features").get(i).path("id")).isEqualTo(f.path("id"));
      assertThat(c.path("features").get(i).path("id")).isEqualTo(f.path("id"));
      double lon = f.at("/geometry/coordinates/0").asDouble();
      double lat = f.at("/geometry/coordinates/1").asDouble();
      assertThat(b.path("features").get(i).at("/geometry/coordinates/0").asDouble()).isEqualTo(lat);
      assertThat(b.path("features").get(i).at("/geometry/coordinates/1").asDouble()).isEqualTo(lon);
      double[] xy = mercator(lon, lat);
      assertThat(c.path("features").get(i).at("/geometry/coordinates/0").asDouble())
          .isCloseTo(xy[0], within(0.01));
      assertThat(c.path("features").get(i).at("/geometry/coordinates/1").asDouble())
          .isCloseTo(xy[1], within(0.01));
    }
    // one feature, and an area collection, in Web Mercator
    String id = a.path("features").get(0).path("id").asText();
    HttpResponse<String> one =
        Fixture.get(base + "/ogc/collections/findings/items/" + id + "?crs=" + EPSG_3857);
    assertThat(one.headers().firstValue("Content-Crs")).hasValue("<" + EPSG_3857 + ">");
    assertThat(json(one).path("geometry")).isEqualTo(c.path("features").get(0).path("geometry"));
    HttpResponse<String> zones =
        Fixture.get(base + "/ogc/collections/zones/items/znpp?crs=" + EPSG_3857);
    assertThat(zones.headers().firstValue("Content-Crs")).hasValue("<" + EPSG_3857 + ">");
    JsonNode znpp = json(Fixture.get(base + "/ogc/collections/zones/items/znpp"));
    double[] corner =
        mercator(
            znpp.at("/geometry/coordinates/0/0/0").asDouble(),
            znpp.at("/geometry/coordinates/0/0/1").asDouble());
    assertThat(json(zones).at("/geometry/coordinates/0/0/0").asDouble())
        .isCloseTo(corner[0], within(0.01));
    assertThat(json(zones).at("/geometry/coordinates/0/0/1").asDouble())
        .isCloseTo(corner[1], within(0.01));

    // a CRS not served, and a box whose corners are the wrong way round, are refused
    assertThat(refused("/ogc/collections/findings/items?crs=EPSG:4326", "invalid_parameter"))
        .isEqualTo(
            "crs must be one of "
                + CRS84
                + ", "
                + EPSG_4326
                + ", "
                + EPSG_3857
                + "; was EPSG:4326");
    assertThat(
            refused(
                "/ogc/collections/zones/items?bbox-crs=http://www.opengis.net/def/crs/EPSG/0/32636",
                "invalid_parameter"))
        .startsWith("bbox-crs must be one of ");
    assertThat(
            refused(
                "/ogc/collections/findings/items?bbox=48.6,38.5,47.5,37.0&bbox-crs=" + EPSG_4326,
                "invalid_parameter"))
        .isEqualTo(
            "bbox in "
                + EPSG_4326
                + " must give its lower corner first and lie within the world; was"
                + " 48.6,38.5,47.5,37.0");
    assertThat(refused("/ogc/collections/findings/items/" + id + "?limit=1", "unknown_parameter"))
        .startsWith("unknown query parameter limit");
  }

  @Test
  void ogcApiFeaturesCore() throws Exception {
    JsonNode landing = json(Fixture.get(base + "/ogc"));
    List<String> rels = new ArrayList<>();
    landing.path("links").forEach(l -> rels.add(l.path("rel").asText()));
    assertThat(rels).contains("self", "service-desc", "conformance", "data");
    assertThat(json(Fixture.get(base + "/ogc/conformance")).path("conformsTo").toString())
        .contains(Ogc.CORE, Ogc.GEOJSON_CONF, Ogc.OAS30);
    assertThat(json(Fixture.get(base + "/ogc/api")).path("openapi").asText()).startsWith("3.0");
    JsonNode cols = json(Fixture.get(base + "/ogc/collections"));
    assertThat(cols.path("collections"))
        .extracting(c -> c.path("id").asText())
        .containsExactlyElementsOf(Fixture.COLLECTIONS);
    // the demo's terms have no monitoring sectors
    assertThat(
            json(Fixture.get(base + "/ogc/collections/sectors/items"))
                .path("numberMatched")
                .asInt())
        .isZero();
    JsonNode line = json(Fixture.get(base + "/ogc/collections/line-of-contact/items"));
    assertThat(line.path("numberMatched").asInt()).isEqualTo(1);
    assertThat(line.path("features").get(0).path("geometry").path("type").asText())
        .isEqualTo("MultiLineString");
    JsonNode zones = json(Fixture.get(base + "/ogc/collections/zones/items"));
    assertThat(zones.path("features"))
        .extracting(z -> z.path("id").asText())
        .containsExactlyInAnyOrder("buffer-15km", "znpp");
    assertThat(
            json(Fixture.get(base + "/ogc/collections/zones/items?bbox=34.4,47.4,34.8,47.7"))
                .path("numberMatched")
                .asInt())
        .isEqualTo(2);
    assertThat(
            json(Fixture.get(base + "/ogc/collections/zones/items?bbox=23,48,24,49"))
                .path("numberMatched")
                .asInt())
        .isZero();
    assertThat(
            json(Fixture.get(base + "/ogc/collections/zones/items/znpp"))
                .path("properties")
                .path("kind")
                .asText())
        .isEqualTo("exclusion");
    assertThat(Fixture.get(base + "/ogc/collections/zones/items?side=occupied").statusCode())
        .isEqualTo(400);
    // the demo terms list ten static sources and no known fire area
    JsonNode background = json(Fixture.get(base + "/ogc/collections/background-areas/items"));
    assertThat(background.path("numberMatched").asInt()).isEqualTo(10);
    assertThat(background.path("features"))
        .extracting(b -> b.path("properties").path("kind").asText())
        .containsOnly("static_source");
    assertThat(
            json(Fixture.get(
                    base + "/ogc/collections/background-areas/items?bbox=34.5,48.4,34.7,48.6"))
                .path("features"))
        .extracting(b -> b.path("id").asText())
        .containsExactly("kamianske");

    HttpResponse<String> items = Fixture.get(base + "/ogc/collections/incidents/items?limit=3");
    assertThat(items.headers().firstValue("Content-Type")).contains("application/geo+json");
    JsonNode fc = json(items);
    assertThat(fc.path("numberMatched").asLong()).isEqualTo(store.counts().get("incidents"));
    assertThat(fc.path("numberReturned").asInt()).isEqualTo(3);
    String next = null;
    for (JsonNode l : fc.path("links")) {
      if (l.path("rel").asText().equals("next")) {
        next = l.path("href").asText();
      }
    }
    assertThat(next).startsWith("http://").contains("offset=3");
    assertThat(json(Fixture.get(next)).path("features").get(0).path("id").asText())
        .isNotEqualTo(fc.path("features").get(0).path("id").asText());

    String id = fc.path("features").get(0).path("id").asText();
    String first = fc.path("features").get(0).path("properties").path("first_time").asText();
    JsonNode at = json(Fixture.get(base + "/ogc/collections/incidents/items?datetime=" + first));
    assertThat(at.path("features"))
        .extracting(f -> f.path("properties").path("first_time").asText())
        .containsOnly(first);
    JsonNode open =
        json(Fixture.get(base + "/ogc/collections/incidents/items?datetime=../" + first));
    assertThat(open.path("numberMatched").asLong()).isPositive();
    // f asks for JSON by name or media type; anything else is refused, not answered with JSON
    for (String f : List.of("json", "geojson", "application/geo%2Bjson", "application/json")) {
      assertThat(Fixture.get(base + "/ogc/collections/incidents/items?limit=1&f=" + f).statusCode())
          .as(f)
          .isEqualTo(200);
    }
    for (String path :
        List.of(
            "/ogc?f=html",
            "/ogc/collections?f=html",
            "/ogc/collections/incidents/items?f=html",
            "/ogc/collections/zones/items?f=html")) {
      HttpResponse<String> r = Fixture.get(base + path);
      assertThat(r.statusCode()).as(path).isEqualTo(406);
      assertThat(json(r).path("message").asText())
          .isEqualTo("the OGC API is served as JSON only (f=json), not html");
    }
    // a date alone is its whole UTC day, as an instant and as the end of an interval
    LocalDate day = LocalDate.parse(first.substring(0, 10));
    long ofDay = matched("/api/v1/incidents?from=" + day + "&to=" + day.plusDays(1));
    long ofTwoDays = matched("/api/v1/incidents?from=" + day + "&to=" + day.plusDays(2));
    assertThat(ofDay).isPositive().isLessThan(ofTwoDays);
    String dated = "/ogc/collections/incidents/items?datetime=";
    assertThat(matched(dated + day)).isEqualTo(ofDay);
    assertThat(matched(dated + day + "/" + day.plusDays(1))).isEqualTo(ofTwoDays);
    assertThat(matched(dated + "../" + day)).isEqualTo(matched(dated + "../" + day + "T23:59:59Z"));
    JsonNode boxed =
        json(Fixture.get(base + "/ogc/collections/observations/items?bbox=30,45,35,50&limit=50"));
    for (JsonNode f : boxed.path("features")) {
      assertThat(f.path("geometry").path("coordinates").get(0).asDouble()).isBetween(30.0, 35.0);
      assertThat(f.path("geometry").path("coordinates").get(1).asDouble()).isBetween(45.0, 50.0);
    }
    JsonNode single = json(Fixture.get(base + "/ogc/collections/incidents/items/" + id));
    assertThat(single.path("id").asText()).isEqualTo(id);
    JsonNode finding =
        json(Fixture.get(base + "/ogc/collections/findings/items?limit=1")).path("features").get(0);
    assertThat(finding.path("id").asText()).contains(":").doesNotContain("/");
    assertThat(
            json(Fixture.get(
                    base + "/ogc/collections/findings/items/" + finding.path("id").asText()))
                .path("properties")
                .path("reasoning")
                .asText())
        .isNotEmpty();

    HttpResponse<String> unknown =
        Fixture.get(base + "/ogc/collections/incidents/items?colour=red");
    assertThat(unknown.statusCode()).isEqualTo(400);
    clean(unknown);
    assertThat(Fixture.get(base + "/ogc/collections/tanks").statusCode()).isEqualTo(404);
  }
}
