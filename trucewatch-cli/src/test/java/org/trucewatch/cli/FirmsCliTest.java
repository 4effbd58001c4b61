package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --firms-source}: the server asks FIRMS's area API while it serves; {@code ingest
 * --firms-source} asks once. A local HTTP server answers as FIRMS does (FIRMS cannot be reached
 * from the test machine), with a bundled real file of detections.
 */
class FirmsCliTest {
  static final String KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  static final String FILE = "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz";

  @Test
  void serveAsksFirmsAtOnceAndTheHealthAndTheApiShowWhatItTookIn(@TempDir Path dir)
      throws Exception {
    Path key = keyFile(dir);
    String terms = DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString();
    try (Firms firms = new Firms();
        ServeCommandTest.Serving s =
            new ServeCommandTest.Serving(
                "serve",
                "--port",
                "0",
                "--db",
                dir.resolve("db").toString(),
                "--terms",
                terms,
                "--firms-source",
                "VIIRS_NOAA20_NRT",
                "--firms-map-key-file",
                key.toString(),
                "--firms-every",
                "90m",
                "--firms-days",
                "3",
                "--firms-api",
                firms.api())) {
      assertThat(s.out.toString())
          .contains(
              "  FIRMS:           VIIRS_NOAA20_NRT from "
                  + firms.api()
                  + "/ (at start, then every 90m; the last 3 days each time)")
          .doesNotContain(KEY);
      long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      JsonNode source;
      do {
        assertThat(System.nanoTime() - until).as("FIRMS's answer not taken in").isNegative();
        Thread.sleep(100);
        source = ServeCommandTest.get(s.base + "/health").path("firms").path("sources").get(0);
      } while (source.path("last_success").isNull());
      assertThat(source.path("source").asText()).isEqualTo("VIIRS_NOAA20_NRT");
      assertThat(source.path("last_status").asText()).isEqualTo("ingested");
      assertThat(source.path("last_stored").asLong()).isEqualTo(firms.rows);
      assertThat(firms.asked).hasSize(1);
      // the area of interest around the bundled oblasts, as docs/server.md gives it
      assertThat(firms.asked.get(0))
          .isEqualTo("/firms/api/area/csv/" + KEY + "/VIIRS_NOAA20_NRT/21.13,43.38,41.16,53.37/3");
      assertThat(
              ServeCommandTest.get(s.base + "/api/v1/observations?limit=1")
                  .path("matched")
                  .asLong())
          .isEqualTo(firms.rows);
      // the assessment includes the answer: its day has a daily report
      until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (ServeCommandTest.get(s.base + "/health")
              .path("assessment")
              .path("last_ingest_id")
              .asLong()
          != 1) {
        assertThat(System.nanoTime() - until).as("not assessed").isNegative();
        Thread.sleep(100);
      }
      assertThat(ServeCommandTest.get(s.base + "/api/v1/reports/2025-08-14").path("date").asText())
          .isEqualTo("2025-08-14");
    }
  }

  /**
   * A server that answers as FIRMS's area API, under /firms, with the bundled file {@link #FILE},
   * and refuses a key other than {@link #KEY}.
   */
  static final class Firms implements AutoCloseable {
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    final long rows;
    final Javalin app;

    Firms() throws Exception {
      byte[] answer;
      try (InputStream in =
          new GZIPInputStream(Files.newInputStream(ServeCommandTest.FIRMS.resolve(FILE)))) {
        answer = in.readAllBytes();
      }
      rows = new String(answer, StandardCharsets.UTF_8).lines().count() - 1;
      app =
          Javalin.create(
                  c ->
                      c.routes.get(
                          "/firms/api/area/csv/{key}/{source}/{area}/{days}",
                          ctx -> {
                            asked.add(ctx.path());
                            if (ctx.pathParam("key").equals(KEY)) {
                              ctx.contentType("text/csv").result(answer);
                            } else {
                              ctx.status(400).result("Invalid MAP_KEY.");
                            }
                          }))
              .start("127.0.0.1", 0);
    }

    String api() {
      return "http://127.0.0.1:" + app.port() + "/firms";
    }

    @Override
    public void close() {
      app.stop();
    }
  }

  /** A file in {@code dir} that holds {@link #KEY}. */
  private static Path keyFile(Path dir) throws Exception {
    Path key = dir.resolve("firms.key");
    Files.writeString(key, KEY + "\n");
    return key;
  }

  @Test
  void ingestAsksFirmsOnceForEachSourceAndARequestThatFailsIsExitOne(@TempDir Path dir)
      throws Exception {
    Path key = keyFile(dir);
    Path wrong = dir.resolve("wrong.key");
    String wrongKey = "ffffeeeeddddccccbbbbaaaa99998888";
    Files.writeString(wrong, wrongKey);
    String db = dir.resolve("db").toString();
    String terms = DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString();
    try (Firms firms = new Firms()) {
      CliTest.Run first =
          firmsCommand("ingest", db, key, "--terms", terms, "--firms-api", firms.api());
      assertThat(first.code()).as(first.err()).isZero();
      JsonNode report = ServeCommandTest.JSON.readTree(first.out().strip());
      assertThat(report.path("status").asText()).isEqualTo("ingested");
      assertThat(report.path("stored").asLong()).isEqualTo(firms.rows);
      assertThat(report.path("file").asText()).matches("firms-api-MODIS_NRT-\\d{8}T\\d{6}Z\\.csv");
      assertThat(firms.asked).hasSize(1);
      try (org.trucewatch.store.Store store = org.trucewatch.store.Store.open(db)) {
        assertThat(store.ingests())
            .singleElement()
            .satisfies(i -> assertThat(i.request().tokenName()).isEqualTo("firms-api"));
        assertThat(store.assessment().orElseThrow().lastIngestId()).isEqualTo(1);
      }
      // the same answer again: already ingested, nothing stored
      CliTest.Run again = firmsCommand("ingest", db, key, "--firms-api", firms.api());
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(ServeCommandTest.JSON.readTree(again.out().strip()).path("status").asText())
          .isEqualTo("already-ingested");
      // a key that FIRMS refuses: exit 1, the reason on standard error, never the key
      CliTest.Run refused = firmsCommand("ingest", db, wrong, "--firms-api", firms.api());
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.out()).isEmpty();
      assertThat(refused.err())
          .contains("FIRMS MODIS_NRT: HTTP 400: Invalid MAP_KEY.")
          .contains("1 of 1 requests to FIRMS failed; the answers taken in are stored")
          .doesNotContain(wrongKey);
    }
    CliTest.Run nothing = CliTest.run("ingest", "--db", db);
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.err()).contains("give a FILE to ingest, or --firms-source");
    // how often is serve's to say: ingest asks once
    CliTest.Run every = firmsCommand("ingest", db, key, "--firms-every", "1h");
    assertThat(every.code()).isEqualTo(2);
    assertThat(every.err()).contains("Unknown option: '--firms-every'");
  }

  @Test
  void aServerThatCannotOpenItsPortAsksFirmsForNothing(@TempDir Path dir) throws Exception {
    Path key = keyFile(dir);
    String db = dir.resolve("db").toString();
    try (Firms firms = new Firms();
        java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      CliTest.Run busy =
          firmsCommand(
              "serve",
              db,
              key,
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--firms-api",
              firms.api());
      assertThat(busy.code()).isEqualTo(1);
      assertThat(busy.err()).contains("cannot serve on 127.0.0.1:" + taken.getLocalPort());
      assertThat(firms.asked).isEmpty();
    }
    try (org.trucewatch.store.Store store = org.trucewatch.store.Store.open(db)) {
      assertThat(store.ingests()).isEmpty();
    }
  }

  @Test
  void firmsOptionsThatDoNotGoTogetherAreUsageAndABadKeyFileIsNamed(@TempDir Path dir)
      throws Exception {
    Path key = keyFile(dir);
    String db = dir.resolve("db").toString();
    CliTest.Run unknown =
        CliTest.run(
            "serve", "--db", db, "--firms-source", "LANDSAT_NRT", "--firms-map-key-file", "k");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("--firms-source: a FIRMS source must be one of VIIRS_NOAA20_NRT,")
        .contains("was LANDSAT_NRT");
    CliTest.Run noKey = CliTest.run("serve", "--db", db, "--firms-source", "MODIS_NRT");
    assertThat(noKey.code()).isEqualTo(2);
    assertThat(noKey.err()).contains("--firms-source needs --firms-map-key-file");
    CliTest.Run noSource = CliTest.run("serve", "--db", db, "--firms-map-key-file", key.toString());
    assertThat(noSource.code()).isEqualTo(2);
    assertThat(noSource.err()).contains("--firms-map-key-file goes with --firms-source");
    CliTest.Run often = firmsCommand("serve", db, key, "--firms-every", "5m");
    assertThat(often.code()).isEqualTo(2);
    assertThat(often.err())
        .contains("--firms-every must be minutes or hours such as 30m or 3h, at least 10m; was 5m");
    CliTest.Run days = firmsCommand("serve", db, key, "--firms-days", "6");
    assertThat(days.code()).isEqualTo(2);
    assertThat(days.err()).contains("--firms-days must be 1 to 5, was 6");
    CliTest.Run api = firmsCommand("serve", db, key, "--firms-api", "ftp://firms.example/");
    assertThat(api.code()).isEqualTo(2);
    assertThat(api.err()).contains("--firms-api").contains("must be an http or https URL");
    Path bad = dir.resolve("bad.key");
    Files.writeString(bad, "not a key\n");
    CliTest.Run badKey = firmsCommand("serve", db, bad);
    assertThat(badKey.code()).isEqualTo(1);
    assertThat(badKey.err()).contains(bad + ": a FIRMS MAP_KEY is letters and digits");
    assertThat(badKey.err()).doesNotContain("not a key");
    // nothing was opened: the store's folder is not made
    assertThat(dir.resolve("db")).doesNotExist();
  }

  /** {@code command} of MODIS from FIRMS with the key in {@code key}, and {@code more}. */
  private static CliTest.Run firmsCommand(String command, String db, Path key, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                command,
                "--db",
                db,
                "--firms-source",
                "MODIS_NRT",
                "--firms-map-key-file",
                key.toString()));
    args.addAll(List.of(more));
    return CliTest.run(args.toArray(String[]::new));
  }
}
