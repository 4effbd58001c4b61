package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * {@code serve --firms-source}: the server asks FIRMS's area API for the detections of its area and
 * ingests each answer. FIRMS itself cannot be reached from the test machine (and wants a MAP_KEY),
 * so a local HTTP server answers as FIRMS does, with the bundled real detections laid out as the
 * area API gives them (its column order, {@code acq_time} as {@code HHMM} without leading zeros,
 * NOAA-20 as {@code 1}).
 */
class FirmsFetchTest {
  static final String KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  static final String N20_226 = "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz";
  static final String N20_227 = "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025227.txt.csv.gz";
  static final String SNPP_226 = "SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025226.txt.csv.gz";

  static final List<String> API_COLUMNS =
      List.of(
          "latitude",
          "longitude",
          "bright_ti4",
          "scan",
          "track",
          "acq_date",
          "acq_time",
          "satellite",
          "instrument",
          "confidence",
          "version",
          "bright_ti5",
          "frp",
          "daynight");

  /** A server that answers as FIRMS's area API: each source's answer, or a refusal of the key. */
  static final class Firms implements AutoCloseable {
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    final Map<String, byte[]> answers = new ConcurrentHashMap<>();
    final Javalin app;

    Firms() {
      app =
          Javalin.create(
                  c ->
                      c.routes.get(
                          "/api/area/csv/{key}/{source}/{area}/{days}",
                          ctx -> {
                            asked.add(ctx.path());
                            if (!ctx.pathParam("key").equals(KEY)) {
                              ctx.status(400).result("Invalid MAP_KEY.");
                              return;
                            }
                            byte[] a = answers.get(ctx.pathParam("source"));
                            ctx.contentType("text/csv")
                                .result(
                                    a != null
                                        ? a
                                        : (String.join(",", API_COLUMNS) + "\n")
                                            .getBytes(StandardCharsets.UTF_8));
                          }))
              .start("127.0.0.1", 0);
    }

    URI api() {
      return URI.create("http://127.0.0.1:" + app.port() + "/");
    }

    @Override
    public void close() {
      app.stop();
    }
  }

  /**
   * The rows of the bundled daily files, as the area API gives them: its column order, {@code
   * acq_time} as {@code HHMM} without leading zeros, NOAA-20 as {@code 1}. Adds the number of rows
   * to {@code rows[0]}.
   */
  static byte[] asTheApiGivesThem(int[] rows, String... files) throws IOException {
    StringBuilder out = new StringBuilder(String.join(",", API_COLUMNS)).append('\n');
    for (String f : files) {
      List<String> lines;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixture.FIRMS.resolve(f)))) {
        lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      }
      List<String> header = List.of(lines.get(0).split(","));
      for (String line : lines.subList(1, lines.size())) {
        String[] v = line.split(",", -1);
        List<String> row = new ArrayList<>();
        for (String c : API_COLUMNS) {
          String x = v[header.indexOf(c)];
          row.add(
              switch (c) {
                // HHMM without leading zeros, and NOAA-20 by its number before launch, as the
                // area API writes them (00:45:00 is 45)
                case "acq_time" ->
                    Integer.toString(Integer.parseInt(x.substring(0, 2) + x.substring(3, 5)));
                case "satellite" -> x.equals("N20") ? "1" : x;
                default -> x;
              });
        }
        out.append(String.join(",", row)).append('\n');
        rows[0]++;
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A clock that stands still until moved on, so that each round has its own time. */
  static final class Hours extends java.time.Clock {
    final java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(
            java.time.Instant.parse("2025-08-16T06:00:00Z"));

    void next() {
      now.updateAndGet(t -> t.plus(Duration.ofHours(1)));
    }

    @Override
    public java.time.Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private static FirmsFetch.Settings settings(URI api, String key, String... sources) {
    return new FirmsFetch.Settings(api, key, List.of(sources), 2, Duration.ofHours(1));
  }

  @Test
  void eachRoundIngestsFirmsAnswersOnceAndAnOverlappingAnswerStoresOnlyWhatIsNew(@TempDir Path tmp)
      throws Exception {
    Hours clock = new Hours();
    try (Store store =
            Store.open(org.trucewatch.store.Database.parse(tmp.resolve("db").toString()), clock);
        Firms firms = new Firms()) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      AtomicInteger assessed = new AtomicInteger();
      m.listen(s -> assessed.incrementAndGet());
      // NOAA-20's daily file of 14 August was ingested by hand before
      m.ingest(Fixture.FIRMS.resolve(N20_226), N20_226, "local", Store.IngestListener.NONE, true);
      long before = store.counts().get("observations");
      int[] n20 = {0};
      int[] n20Of227 = {0};
      int[] snpp = {0};
      firms.answers.put("VIIRS_NOAA20_NRT", asTheApiGivesThem(n20, N20_226, N20_227));
      asTheApiGivesThem(n20Of227, N20_227);
      firms.answers.put("VIIRS_SNPP_NRT", asTheApiGivesThem(snpp, SNPP_226));
      FirmsFetch f =
          new FirmsFetch(m, settings(firms.api(), KEY, "VIIRS_NOAA20_NRT", "VIIRS_SNPP_NRT"));
      int assessedBefore = assessed.get();

      List<FirmsFetch.Answer> answers = f.round();

      // each answer's ingest report, as a posted file's
      assertThat(answers)
          .extracting(FirmsFetch.Answer::source)
          .containsExactly("VIIRS_NOAA20_NRT", "VIIRS_SNPP_NRT");
      assertThat(answers)
          .allSatisfy(
              a -> {
                assertThat(a.error()).isNull();
                assertThat(a.report().path("status").asText()).isEqualTo("ingested");
              });
      assertThat(answers.get(0).report().path("stored").asLong()).isEqualTo(n20Of227[0]);

      // asked for each source, the area of interest as west, south, east, north, two days back
      Envelope box = m.area().box();
      assertThat(firms.asked).hasSize(2);
      for (int i = 0; i < 2; i++) {
        String[] p = firms.asked.get(i).split("/");
        assertThat(p[4]).isEqualTo(KEY);
        assertThat(p[5]).isEqualTo(List.of("VIIRS_NOAA20_NRT", "VIIRS_SNPP_NRT").get(i));
        assertThat(p[7]).isEqualTo("2");
        double[] area =
            java.util.Arrays.stream(p[6].split(",")).mapToDouble(Double::parseDouble).toArray();
        assertThat(area[0]).isLessThanOrEqualTo(box.getMinX()).isGreaterThan(box.getMinX() - 0.01);
        assertThat(area[1]).isLessThanOrEqualTo(box.getMinY()).isGreaterThan(box.getMinY() - 0.01);
        assertThat(area[2]).isGreaterThanOrEqualTo(box.getMaxX()).isLessThan(box.getMaxX() + 0.01);
        assertThat(area[3]).isGreaterThanOrEqualTo(box.getMaxY()).isLessThan(box.getMaxY() + 0.01);
      }
      // NOAA-20's answer repeats the file of the 14th: those detections are duplicates
      FirmsFetch.Status s20 = f.status("VIIRS_NOAA20_NRT");
      assertThat(s20.lastStatus()).isEqualTo("ingested");
      assertThat(s20.lastStored()).isEqualTo(n20Of227[0]);
      assertThat(s20.lastDuplicates()).isEqualTo(n20[0] - n20Of227[0]);
      assertThat(s20.lastFile()).isEqualTo("firms-api-VIIRS_NOAA20_NRT-20250816T060000Z.csv");
      assertThat(s20.failing()).isFalse();
      FirmsFetch.Status snppStatus = f.status("VIIRS_SNPP_NRT");
      assertThat(snppStatus.lastStored()).isEqualTo(snpp[0]);
      assertThat(store.counts().get("observations")).isEqualTo(before + n20Of227[0] + snpp[0]);
      List<Rows.Ingest> ingests = store.ingests();
      assertThat(ingests).hasSize(3);
      for (Rows.Ingest i : ingests.subList(1, 3)) {
        assertThat(i.request().tokenName()).isEqualTo(Store.BY_FIRMS_API);
        assertThat(i.request().fileName()).startsWith("firms-api-");
        assertThat(i.request().sources()).hasSize(1);
      }
      // one assessment for the round, which includes both answers
      assertThat(assessed.get()).isEqualTo(assessedBefore + 1);
      assertThat(store.assessment().orElseThrow().lastIngestId()).isEqualTo(store.lastIngestId());

      // the same answers an hour later change nothing and assess nothing
      clock.next();
      f.round();
      assertThat(f.status("VIIRS_NOAA20_NRT").lastStatus()).isEqualTo("already-ingested");
      // named as it is stored, by the earlier answer's name
      assertThat(f.status("VIIRS_NOAA20_NRT").lastFile()).isEqualTo(s20.lastFile());
      assertThat(f.status("VIIRS_NOAA20_NRT").lastStored()).isZero();
      assertThat(f.status("VIIRS_NOAA20_NRT").stored()).isEqualTo(n20Of227[0]);
      assertThat(store.ingests()).hasSize(3);
      assertThat(store.counts().get("observations")).isEqualTo(before + n20Of227[0] + snpp[0]);
      assertThat(assessed.get()).isEqualTo(assessedBefore + 1);
      assertThat(firms.asked).hasSize(4);
    }
  }

  @Test
  void aRefusedKeyAnAnswerThatIsNoFirmsFileAndFirmsOutOfReachAreToldWithoutTheKey(@TempDir Path tmp)
      throws Exception {
    String wrong = "ffffeeeeddddccccbbbbaaaa99998888";
    try (Store store = Store.open(tmp.resolve("db").toString());
        Firms firms = new Firms()) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      FirmsFetch f = new FirmsFetch(m, settings(firms.api(), wrong, "VIIRS_NOAA20_NRT"));
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", "").withFirms(f))) {
        String base = "http://127.0.0.1:" + s.port();

        assertThat(f.round())
            .containsExactly(
                new FirmsFetch.Answer("VIIRS_NOAA20_NRT", null, "HTTP 400: Invalid MAP_KEY."));

        FirmsFetch.Status st = f.status("VIIRS_NOAA20_NRT");
        assertThat(st.failing()).isTrue();
        assertThat(st.lastError()).isEqualTo("HTTP 400: Invalid MAP_KEY.");
        assertThat(st.failures()).isEqualTo(1);
        assertThat(st.lastSuccess()).isNull();
        assertThat(store.ingests()).isEmpty();
        String health = Fixture.get(base + "/health").body();
        assertThat(health).doesNotContain(wrong);
        JsonNode h = ApiContract.json(Fixture.get(base + "/health"));
        assertThat(h.path("firms").path("every").asText()).isEqualTo("PT1H");
        assertThat(h.path("firms").path("sources").get(0).path("last_error").asText())
            .isEqualTo("HTTP 400: Invalid MAP_KEY.");
        assertThat(h.path("warnings").toString())
            .contains("FIRMS VIIRS_NOAA20_NRT failed at")
            .contains("none taken in yet")
            .contains("Invalid MAP_KEY.");
        assertThat(Fixture.get(base + "/metrics").body())
            .contains("trucewatch_firms_failures{source=\"VIIRS_NOAA20_NRT\"} 1.0")
            .contains(
                "trucewatch_firms_last_success_timestamp_seconds{source=\"VIIRS_NOAA20_NRT\"} 0.0");
      }

      // an answer of 200 that is not a FIRMS file stores nothing and is named by its first line
      FirmsFetch right = new FirmsFetch(m, settings(firms.api(), KEY, "VIIRS_NOAA20_NRT"));
      firms.answers.put(
          "VIIRS_NOAA20_NRT",
          "Exceeding allowed transaction limit.\nTry later.".getBytes(StandardCharsets.UTF_8));
      right.round();
      assertThat(right.status("VIIRS_NOAA20_NRT").lastError())
          .isEqualTo("the answer is not a FIRMS file: Exceeding allowed transaction limit.");
      assertThat(store.ingests()).isEmpty();

      // an answer without detections (FIRMS's header alone) is an ingest that stores nothing
      firms.answers.remove("VIIRS_NOAA20_NRT");
      right.round();
      assertThat(right.status("VIIRS_NOAA20_NRT").failing()).isFalse();
      assertThat(right.status("VIIRS_NOAA20_NRT").lastStatus()).isEqualTo("ingested");
      assertThat(store.ingests()).hasSize(1);

      // FIRMS out of reach: the key is not in the message
      URI gone = firms.api();
      firms.close();
      FirmsFetch away = new FirmsFetch(m, settings(gone, KEY, "VIIRS_NOAA20_NRT"));
      away.round();
      assertThat(away.status("VIIRS_NOAA20_NRT").lastError())
          .startsWith("cannot reach 127.0.0.1: ")
          .doesNotContain(KEY);
      assertThat(away.status("VIIRS_NOAA20_NRT").failures()).isEqualTo(1);
    }
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "two servers sharing a PostgreSQL store that ask FIRMS at the same moment store each answer"
          + " once between them (skipped outside CI when no server answers at TRUCEWATCH_TEST_PG)")
  void twoServersSharingAPostgresqlStoreStoreEachAnswerOnce() throws Exception {
    String schema = org.trucewatch.store.TestDatabases.freshSchema();
    String url = org.trucewatch.store.TestDatabases.urlFor(schema);
    try (Store one = Store.open(url);
        Store two = Store.open(url);
        Firms firms = new Firms()) {
      int[] n20 = {0};
      int[] snpp = {0};
      firms.answers.put("VIIRS_NOAA20_NRT", asTheApiGivesThem(n20, N20_226, N20_227));
      firms.answers.put("VIIRS_SNPP_NRT", asTheApiGivesThem(snpp, SNPP_226));
      List<FirmsFetch> fetches = new ArrayList<>();
      for (Store s : List.of(one, two)) {
        Monitor m = new Monitor(s, Fixture.regions(), Fixture.classifier());
        m.useTerms(Fixture.TERMS);
        fetches.add(
            new FirmsFetch(m, settings(firms.api(), KEY, "VIIRS_NOAA20_NRT", "VIIRS_SNPP_NRT")));
      }
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Thread> rounds = new ArrayList<>();
      for (FirmsFetch f : fetches) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  f.round();
                });
        t.start();
        rounds.add(t);
      }
      go.countDown();
      for (Thread t : rounds) {
        t.join(120_000);
        assertThat(t.isAlive()).isFalse();
      }
      assertThat(firms.asked).hasSize(4);
      assertThat(one.ingests()).hasSize(2);
      assertThat(one.counts().get("observations")).isEqualTo((long) n20[0] + snpp[0]);
      for (String source : List.of("VIIRS_NOAA20_NRT", "VIIRS_SNPP_NRT")) {
        assertThat(fetches)
            .extracting(f -> f.status(source).lastStatus())
            .containsExactlyInAnyOrder("ingested", "already-ingested");
        assertThat(fetches).allSatisfy(f -> assertThat(f.status(source).failing()).isFalse());
        assertThat(fetches.stream().mapToLong(f -> f.status(source).stored()).sum())
            .isEqualTo(source.equals("VIIRS_SNPP_NRT") ? snpp[0] : n20[0]);
      }
      // the store's assessment includes both answers
      assertThat(one.assessment().orElseThrow().lastIngestId()).isEqualTo(one.lastIngestId());
    } finally {
      org.trucewatch.store.TestDatabases.drop(schema);
    }
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "an answer whose row the database refuses is told by the database's reason and stores"
          + " nothing (skipped outside CI when no server answers at TRUCEWATCH_TEST_PG)")
  void anAnswerWhoseRowTheDatabaseRefusesIsToldByTheReason() throws Exception {
    String schema = org.trucewatch.store.TestDatabases.freshSchema();
    try (Store store = Store.open(org.trucewatch.store.TestDatabases.urlFor(schema));
        Firms firms = new Firms()) {
      firms.answers.put("VIIRS_NOAA20_NRT", asTheApiGivesThem(new int[1], N20_226));
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      FirmsFetch fetch = new FirmsFetch(m, settings(firms.api(), KEY, "VIIRS_NOAA20_NRT"));
      // a rule of the database's own (here one added for the test) that a row of the answer breaks
      org.trucewatch.store.TestDatabases.execute(
          "ALTER TABLE "
              + schema
              + ".observations ADD CONSTRAINT south_only CHECK (latitude < 47)");
      fetch.round();
      FirmsFetch.Status refused = fetch.status("VIIRS_NOAA20_NRT");
      assertThat(refused.failing()).isTrue();
      assertThat(refused.lastError())
          .startsWith(
              "the database refused a row: ERROR: new row for relation \"observations\" violates"
                  + " check constraint \"south_only\"")
          .doesNotContain("INSERT INTO");
      assertThat(store.ingests()).isEmpty();
      // nothing half-written: without the rule the same answer is taken whole
      org.trucewatch.store.TestDatabases.execute(
          "ALTER TABLE " + schema + ".observations DROP CONSTRAINT south_only");
      fetch.round();
      assertThat(fetch.status("VIIRS_NOAA20_NRT").lastStatus()).isEqualTo("ingested");
      assertThat(store.ingests()).hasSize(1);
    } finally {
      org.trucewatch.store.TestDatabases.drop(schema);
    }
  }

  @Test
  void settingsRefuseAnUnknownSourceTooManyDaysAndAKeyThatIsNoKey() {
    URI api = FirmsFetch.NASA;
    assertThatThrownBy(() -> settings(api, KEY, "LANDSAT_NRT"))
        .hasMessage(
            "a FIRMS source must be one of VIIRS_NOAA20_NRT, VIIRS_NOAA21_NRT, VIIRS_SNPP_NRT,"
                + " MODIS_NRT, VIIRS_NOAA20_SP, VIIRS_SNPP_SP, MODIS_SP; was LANDSAT_NRT");
    assertThatThrownBy(
            () -> new FirmsFetch.Settings(api, KEY, List.of("MODIS_NRT"), 6, Duration.ofHours(1)))
        .hasMessage("the days of a FIRMS answer must be 1 to 5, was 6");
    assertThatThrownBy(() -> settings(api, "abc/../x", "MODIS_NRT"))
        .hasMessageStartingWith("a FIRMS MAP_KEY is letters and digits");
    assertThat(settings(api, KEY, "MODIS_NRT", "VIIRS_NOAA21_NRT").sources())
        .containsExactly("MODIS_NRT", "VIIRS_NOAA21_NRT");
  }
}
