package org.trucewatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trucewatch.incident.SourceRecord;
import org.trucewatch.observation.Audience;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Releasability;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.observation.Watch;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.scoring.KnownFireArea;
import org.trucewatch.sources.firms.FirmsFiles;
import org.trucewatch.sources.firms.FirmsReader;

/** What every store must do, run on H2 and on PostgreSQL with PostGIS by the subclasses. */
abstract class StoreContract {
  static final Path FIRMS = Path.of("..", "data", "firms", "viirs-nrt");
  static final Path DAY_1 = FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025223.txt.csv.gz");
  static final Path DAY_2 = FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025224.txt.csv.gz");
  static final Path BIG = FIRMS.resolve("SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025229.txt.csv.gz");

  Store store;

  /** Opens an empty store. */
  abstract Store openEmpty() throws Exception;

  /** Opens the same store again, as after a restart. */
  abstract Store reopen() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openEmpty();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static Rows.IngestRequest request(Path file, FirmsReader.Result r, String token) {
    InputFile f = FirmsFiles.read(file, file.getFileName().toString(), null).file();
    return Rows.IngestRequest.of(f, r.report().format(), token, "{}");
  }

  Rows.IngestOutcome ingest(Path file) {
    FirmsReader.Result r = FirmsReader.read(file);
    return store.ingest(request(file, r, "test"), r.observations(), Store.IngestListener.NONE);
  }

  @Test
  void ingestStoresEveryKeptRowAndReadsItBackUnchanged() {
    FirmsReader.Result r = FirmsReader.read(DAY_1);
    Rows.IngestOutcome out =
        store.ingest(request(DAY_1, r, "test"), r.observations(), Store.IngestListener.NONE);

    assertThat(out.alreadyIngested()).isFalse();
    assertThat(out.ingest().stored()).isEqualTo(r.observations().size()).isGreaterThan(100);
    List<Observation> back =
        store.observations().stream().map(Store.StoredObservation::observation).toList();
    assertThat(back).containsExactlyInAnyOrderElementsOf(r.observations());
    assertThat(store.ingests())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.request().fileName()).isEqualTo(DAY_1.getFileName().toString());
              assertThat(i.request().firstDay()).isEqualTo(LocalDate.of(2025, 8, 11));
              assertThat(i.request().sources()).containsExactly("VIIRS/N20");
            });
  }

  @Test
  void theRowsOfAFileBeyondTheAreaOfInterestAreCountedWithItsIngest() {
    FirmsReader.Result r = FirmsReader.read(DAY_1);
    InputFile f = FirmsFiles.read(DAY_1, DAY_1.getFileName().toString(), null).file();
    // the caller keeps the rows beyond the area out and says how many they were
    List<Observation> inside = r.observations().subList(3, r.observations().size());
    store.ingest(
        Rows.IngestRequest.of(f.withOutsideArea(3), r.report().format(), "test", "{}"),
        inside,
        Store.IngestListener.NONE);

    assertThat(store.counts().get("observations")).isEqualTo(inside.size());
    assertThat(store.ingests())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.request().outsideArea()).isEqualTo(3);
              assertThat(i.request().kept()).isEqualTo(r.observations().size());
              assertThat(i.stored() + i.duplicates() + i.request().outsideArea())
                  .isEqualTo(i.request().kept());
              assertThat(i.request().inputFile().outsideArea()).isEqualTo(3);
            });
  }

  @Test
  void anIngestIsReadBackByItsIdAndByItsHash() {
    Rows.IngestOutcome first = ingest(DAY_1);
    Rows.IngestOutcome second = ingest(DAY_2);

    assertThat(store.ingest(first.ingest().id())).contains(first.ingest());
    assertThat(store.ingest(second.ingest().id())).contains(second.ingest());
    assertThat(store.ingestBySha256(second.ingest().request().sha256())).contains(second.ingest());
    assertThat(store.ingest(second.ingest().id() + 1)).isEmpty();
  }

  @Test
  void theSameFileTwiceChangesNothing() {
    Rows.IngestOutcome first = ingest(DAY_1);
    Map<String, Long> before = store.counts();

    Rows.IngestOutcome again = ingest(DAY_1);

    assertThat(again.alreadyIngested()).isTrue();
    assertThat(again.ingest().id()).isEqualTo(first.ingest().id());
    assertThat(store.counts()).isEqualTo(before);
  }

  @Test
  void theSameRowsInAnotherFileAreStoredOnce(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    ingest(DAY_1);
    long stored = store.counts().get("observations");
    // the same rows in another file: other name, other bytes (no gzip, times as FIRMS writes
    // them, HHMM, not HH:MM:SS), plus one day-2 file
    Path copy = tmp.resolve("resent.csv");
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(DAY_1))) {
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      String hhmm = text.replaceAll(",(\\d\\d):(\\d\\d):00,", ",$1$2,");
      assertThat(hhmm).isNotEqualTo(text);
      Files.writeString(copy, hhmm, java.nio.charset.StandardCharsets.UTF_8);
    }
    Rows.IngestOutcome out = ingest(copy);

    assertThat(out.alreadyIngested()).isFalse();
    assertThat(out.ingest().stored()).isZero();
    assertThat(out.ingest().duplicates()).isEqualTo(stored);
    assertThat(store.counts().get("observations")).isEqualTo(stored);
    assertThat(store.counts().get("ingests")).isEqualTo(2);

    Rows.IngestOutcome day2 = ingest(DAY_2);
    assertThat(day2.ingest().stored()).isPositive();
    assertThat(store.sources(Audience.MISSION))
        .extracting(Store.Source::key)
        .containsExactly("VIIRS/N20");
    assertThat(store.counts().get("observations")).isEqualTo(stored + day2.ingest().stored());
  }

  @Test
  void migrationFourRekeysOldRowsAndMarksADetectionStoredTwice(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    ingest(DAY_1);
    long n = store.counts().get("observations");
    // a store as before migration 4: row keys of another kind, and the first detection stored a
    // second time from a file that wrote its time as HHMM
    Database db = store.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var s = c.createStatement()) {
      s.executeUpdate("UPDATE observations SET row_key = CONCAT('old-', CAST(id AS VARCHAR(20)))");
      s.executeUpdate(
          "INSERT INTO observations (row_key, ingest_id, file_name, line, content_sha256,"
              + " latitude, longitude, acquired, time_precision, instrument, satellite,"
              + " confidence, confidence_pct, brightness_k, frp_mw, scan_km, track_km, daynight,"
              + " fire_type) SELECT 'copy', ingest_id, 'resent.csv', line, content_sha256,"
              + " latitude, longitude, acquired, 'MINUTE', instrument, satellite, confidence,"
              + " confidence_pct, brightness_k, frp_mw, scan_km, track_km, daynight, fire_type"
              + " FROM observations WHERE id = (SELECT MIN(id) FROM observations)");
      TestDatabases.undoMigrationsAfter3(s);
    }
    store.close();
    store = reopen();
    // migration 6 on a store whose ingests stored every kept row
    assertThat(store.ingests())
        .singleElement()
        .satisfies(i -> assertThat(i.request().outsideArea()).isZero());

    List<Store.StoredObservation> rows = store.observations();
    assertThat(rows).hasSize((int) n + 1);
    Map<Long, String> keys = new java.util.HashMap<>();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT id, row_key FROM observations")) {
      while (rs.next()) {
        keys.put(rs.getLong(1), rs.getString(2).trim());
      }
    }
    for (Store.StoredObservation o : rows.subList(0, (int) n)) {
      assertThat(keys.get(o.id())).isEqualTo(Store.rowKey(o.observation()));
    }
    Store.StoredObservation copy = rows.get((int) n);
    assertThat(copy.observation().provenance().file()).isEqualTo("resent.csv");
    assertThat(keys.get(copy.id())).isEqualTo(V4__RowKeys.duplicateKey(copy.id()));
    // the migrated keys are the ones a new ingest compares with
    Path plain = tmp.resolve("plain.csv");
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(DAY_1))) {
      Files.write(plain, in.readAllBytes());
    }
    Rows.IngestOutcome again = ingest(plain);
    assertThat(again.ingest().stored()).isZero();
    assertThat(again.ingest().duplicates()).isEqualTo(n);
  }

  @Test
  void aFileWithManySatellitesAndABadOneIsStoredWithoutTheBadRow(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    StringBuilder csv =
        new StringBuilder(
            "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence,"
                + "version,bright_ti5,frp,daynight\n");
    for (int i = 0; i < 40; i++) {
      csv.append(48 + i * 0.01)
          .append(",37.2,297.5,0.5,0.6,2025-08-11,0045,SAT-")
          .append(String.format(java.util.Locale.ROOT, "%04d", i))
          .append(",n,2.0NRT,281.8,0.36,N\n");
    }
    csv.append("48.9,37.2,297.5,0.5,0.6,2025-08-11,0045,NOAA 20 (JPSS-1),n,2.0NRT,281.8,0.36,N\n");
    Path file = tmp.resolve("many.csv");
    Files.writeString(file, csv, java.nio.charset.StandardCharsets.UTF_8);
    FirmsReader.Result r = FirmsReader.read(file);
    assertThat(r.report().rejectedByReason()).containsOnlyKeys("invalid-satellite");

    Rows.IngestOutcome out =
        store.ingest(request(file, r, "test"), r.observations(), Store.IngestListener.NONE);

    assertThat(out.ingest().stored()).isEqualTo(40);
    assertThat(out.ingest().request().sources()).hasSize(40).contains("VIIRS/SAT-0039");
    assertThat(store.sources(Audience.MISSION)).hasSize(40);
  }

  @Test
  void anIngestThatFailsMidwayLeavesNothing() throws Exception {
    FirmsReader.Result r = FirmsReader.read(BIG);
    assertThat(r.observations().size()).isGreaterThan(Store.BATCH);
    Store.IngestListener dies =
        rows -> {
          throw new IllegalStateException("stopped after " + rows + " rows");
        };

    assertThatThrownBy(() -> store.ingest(request(BIG, r, "test"), r.observations(), dies))
        .hasMessageContaining("stopped after " + Store.BATCH);

    assertThat(store.counts()).containsEntry("observations", 0L).containsEntry("ingests", 0L);
    store.close();
    store = reopen();
    assertThat(store.counts()).containsEntry("observations", 0L).containsEntry("ingests", 0L);
    assertThat(ingest(BIG).ingest().stored()).isEqualTo(r.observations().size());
  }

  static SurveillanceReport report(String id, String source, int count, String file, int line) {
    return report(id, source, "PL", Releasability.MISSION, count, file, line);
  }

  static SurveillanceReport report(
      String id,
      String source,
      String provider,
      Releasability releasableTo,
      int count,
      String file,
      int line) {
    return new SurveillanceReport(
        id,
        source,
        SourceKind.ACOUSTIC,
        provider,
        Instant.parse("2025-08-16T21:40:00Z"),
        TimePrecision.SECOND,
        48.5,
        37.25,
        4_000,
        ReportedEvent.EXPLOSION,
        count,
        "heard, \"undetermined\"",
        releasableTo,
        new Provenance(file, line, "h" + line));
  }

  static Rows.IngestRequest reportRequest(String file, String sha, int rows) {
    return new Rows.IngestRequest(
        file,
        sha,
        "analyst",
        "surveillance-reports",
        rows,
        rows,
        0,
        0,
        List.of("acoustic:AC-1"),
        null,
        null,
        "{}");
  }

  @Test
  void reportsAreStoredOnceReadBackUnchangedAndTheirSourcesListed() {
    List<SurveillanceReport> first =
        List.of(report("R-1", "AC-1", 3, "a.csv", 2), report("R-2", "AC-1", 1, "a.csv", 3));
    Rows.IngestOutcome a = store.ingestReports(reportRequest("a.csv", "sha-a", 2), first);
    assertThat(a.alreadyIngested()).isFalse();
    assertThat(a.ingest().stored()).isEqualTo(2);
    assertThat(store.reports()).containsExactlyElementsOf(first);
    // the same file again changes nothing; another file with one of its reports stores the other
    assertThat(store.ingestReports(reportRequest("a.csv", "sha-a", 2), first).alreadyIngested())
        .isTrue();
    Rows.IngestOutcome b =
        store.ingestReports(
            reportRequest("b.csv", "sha-b", 2),
            List.of(report("R-2", "AC-1", 1, "b.csv", 2), report("R-3", "AC-2", 2, "b.csv", 3)));
    assertThat(b.ingest().stored()).isEqualTo(1);
    assertThat(b.ingest().duplicates()).isEqualTo(1);
    assertThat(store.reports())
        .extracting(SurveillanceReport::identity)
        .containsExactly("AC-1|R-1", "AC-1|R-2", "AC-2|R-3");
    assertThat(store.reports())
        .filteredOn(x -> x.identity().equals("AC-1|R-2"))
        .containsExactly(first.get(1));
    assertThat(store.sources(Audience.MISSION))
        .filteredOn(x -> x.key().startsWith("acoustic:"))
        .extracting(Store.Source::key, Store.Source::kind, Store.Source::provider)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("acoustic:AC-1", "acoustic", "PL"),
            org.assertj.core.groups.Tuple.tuple("acoustic:AC-2", "acoustic", "PL"));
    assertThat(store.ingests())
        .extracting(i -> i.request().format())
        .containsExactly("surveillance-reports", "surveillance-reports");
    // a report that gives other content under stored ids fails the whole ingest: nothing stored
    SurveillanceReport changed = report("R-1", "AC-1", 9, "c.csv", 2);
    assertThatThrownBy(
            () ->
                store.ingestReports(
                    reportRequest("c.csv", "sha-c", 2),
                    List.of(report("R-4", "AC-2", 1, "c.csv", 3), changed)))
        .isInstanceOfSatisfying(
            Store.ConflictingRows.class,
            e ->
                assertThat(e.conflicts(SurveillanceReport.class))
                    .containsExactly(new Store.Conflict<>(changed, first.get(0))));
    assertThat(store.reports()).hasSize(3);
    assertThat(store.ingests()).hasSize(2);
  }

  private static Watch watch(
      String source, String from, Watch.Status status, String note, String file, long line) {
    Instant start = Instant.parse(from);
    return new Watch(
        source,
        SourceKind.DRONE,
        "FR",
        start,
        start.plusSeconds(5_400),
        status,
        note,
        new Provenance(file, line, "w" + line));
  }

  @Test
  void watchLogsAreStoredOnceReadBackUnchangedAndAConflictingPeriodStoresNothing() {
    List<Watch> first =
        List.of(
            watch("UAV-1", "2025-08-16T05:00:00Z", Watch.Status.WATCHING, "", "w.csv", 2),
            watch("UAV-1", "2025-08-16T05:30:00Z", Watch.Status.OFFLINE, "jamming", "w.csv", 3));
    Rows.IngestRequest a =
        new Rows.IngestRequest(
            "w.csv",
            "sha-w",
            "analyst",
            "watch-log",
            2,
            2,
            0,
            0,
            List.of("drone:UAV-1"),
            null,
            null,
            "{}");
    assertThat(store.ingestWatches(a, first).ingest().stored()).isEqualTo(2);
    assertThat(store.watches()).containsExactlyElementsOf(first);
    assertThat(store.ingestWatches(a, first).alreadyIngested()).isTrue();
    // another file with one of its periods and a new source stores only what is new
    Watch other = watch("UAV-2", "2025-08-16T05:00:00Z", Watch.Status.WATCHING, "", "v.csv", 3);
    Rows.IngestOutcome b =
        store.ingestWatches(
            new Rows.IngestRequest(
                "v.csv", "sha-v", "analyst", "watch-log", 2, 2, 0, 0, List.of(), null, null, "{}"),
            List.of(
                watch("UAV-1", "2025-08-16T05:00:00Z", Watch.Status.WATCHING, "", "v.csv", 2),
                other));
    assertThat(b.ingest().stored()).isEqualTo(1);
    assertThat(b.ingest().duplicates()).isEqualTo(1);
    assertThat(store.watches()).containsExactly(first.get(0), first.get(1), other);
    assertThat(store.sources(Audience.MISSION))
        .filteredOn(x -> x.kind().equals("drone"))
        .extracting(Store.Source::key, Store.Source::provider)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("drone:UAV-1", "FR"),
            org.assertj.core.groups.Tuple.tuple("drone:UAV-2", "FR"));
    assertThat(store.counts()).containsEntry("source_watches", 3L);
    // the same period with another note fails the whole ingest: nothing of it is stored
    Watch changed =
        watch("UAV-1", "2025-08-16T05:30:00Z", Watch.Status.OFFLINE, "battery", "c.csv", 3);
    assertThatThrownBy(
            () ->
                store.ingestWatches(
                    new Rows.IngestRequest(
                        "c.csv",
                        "sha-c",
                        "analyst",
                        "watch-log",
                        2,
                        2,
                        0,
                        0,
                        List.of(),
                        null,
                        null,
                        "{}"),
                    List.of(
                        watch(
                            "UAV-3", "2025-08-16T05:00:00Z", Watch.Status.WATCHING, "", "c.csv", 2),
                        changed)))
        .isInstanceOfSatisfying(
            Store.ConflictingRows.class,
            e ->
                assertThat(e.conflicts(Watch.class))
                    .containsExactly(new Store.Conflict<>(changed, first.get(1))));
    assertThat(store.watches()).hasSize(3);
    assertThat(store.ingests()).hasSize(2);
  }

  @Test
  void tokensAreStoredAsHashesOnly() {
    String token = store.createToken("liaison-fr");

    assertThat(token).startsWith("tw_").hasSizeGreaterThan(40);
    assertThat(store.tokenName(token)).contains("liaison-fr");
    assertThat(store.tokenName(token + "x")).isEmpty();
    assertThat(store.tokenName("")).isEmpty();
    assertThatThrownBy(() -> store.createToken("liaison-fr")).hasMessageContaining("exists");
    assertThatThrownBy(() -> store.createToken("no spaces")).hasMessageContaining("token name");
  }

  @Test
  void aTokenCannotTakeTheNameOfTheIngestsTheSoftwareMakesItself() {
    for (String own : List.of("local", "demo", "firms-api", "FIRMS-API")) {
      assertThatThrownBy(() -> store.createToken(own))
          .as(own)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "token name " + own + " is the name under which the store records")
          .hasMessageEndingWith("; choose another");
    }
    assertThat(store.tokens()).isEmpty();
    assertThat(store.createToken("firms-api-proxy")).startsWith("tw_");
  }

  @Test
  void aReadTokenReadsAndDoesNotIngest() {
    String read = store.createToken("liaison-it", TokenScope.READ);
    String ingest = store.createToken("firms-fetch");

    assertThat(store.token(read)).get().extracting(Store.Token::scope).isEqualTo(TokenScope.READ);
    assertThat(store.token(ingest))
        .get()
        .extracting(Store.Token::scope)
        .isEqualTo(TokenScope.INGEST);
    // the name that opens ingest is an ingest token's only
    assertThat(store.tokenName(read)).isEmpty();
    assertThat(store.tokenName(ingest)).contains("firms-fetch");
    assertThat(store.tokens())
        .extracting(Store.Token::name, Store.Token::scope)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("liaison-it", TokenScope.READ),
            org.assertj.core.groups.Tuple.tuple("firms-fetch", TokenScope.INGEST));
    store.revokeToken("liaison-it");
    assertThat(store.token(read)).isEmpty();
  }

  @Test
  void aTokenStopsWorkingWhenItExpiresAndIsListedWithItsEnd() throws Exception {
    Instant soon =
        store.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).plusMillis(1500);
    String passing = store.createToken("liaison-pl", TokenScope.READ, "PL", soon);
    String lasting = store.createToken("liaison-cz", TokenScope.READ, "CZ");
    assertThat(store.token(passing)).get().extracting(Store.Token::expires).isEqualTo(soon);
    assertThatThrownBy(
            () ->
                store.createToken(
                    "liaison-sk", TokenScope.READ, "SK", store.clock().instant().minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a token must expire after now (");
    while (!store.clock().instant().isAfter(soon)) {
      Thread.sleep(50);
    }
    // from its end on, as when revoked: it opens nothing, and its row stays with its end
    assertThat(store.token(passing)).isEmpty();
    assertThat(store.token(lasting)).get().extracting(Store.Token::expires).isNull();
    assertThat(store.tokens())
        .extracting(Store.Token::name, Store.Token::expires, Store.Token::revoked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("liaison-pl", soon, null),
            org.assertj.core.groups.Tuple.tuple("liaison-cz", null, null));
  }

  @Test
  void aRotatedTokenKeepsItsNameAndHolderAndTheOldSecretStopsWorking() throws Exception {
    Instant end = store.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    end = end.plus(java.time.Duration.ofDays(30));
    String old = store.createToken("liaison-de", TokenScope.READ, "DE", end);
    String other = store.createToken("liaison-fr", TokenScope.READ, "FR");
    Instant before = store.clock().instant();
    String rotated = store.rotateToken("liaison-de");
    assertThat(rotated).startsWith("tw_").isNotEqualTo(old).hasSameSizeAs(old);
    // the old secret opens nothing; the new one opens the same name, scope, member and end
    assertThat(store.token(old)).isEmpty();
    Store.Token t = store.token(rotated).orElseThrow();
    assertThat(t)
        .extracting(
            Store.Token::name, Store.Token::scope, Store.Token::member, Store.Token::expires)
        .containsExactly("liaison-de", TokenScope.READ, "DE", end);
    assertThat(t.rotated()).isNotNull().isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
    assertThat(t.status(store.clock().instant())).isEqualTo("active");
    // the other token is untouched, and rotating again replaces the new secret in turn
    assertThat(store.token(other)).get().extracting(Store.Token::rotated).isNull();
    String again = store.rotateToken("liaison-de");
    assertThat(store.token(rotated)).isEmpty();
    assertThat(store.token(again)).get().extracting(Store.Token::name).isEqualTo("liaison-de");
    assertThat(store.tokens())
        .extracting(Store.Token::name)
        .containsExactly("liaison-de", "liaison-fr");
    // a revoked token, an expired one or no token at all is not rotated, and nothing changes
    store.revokeToken("liaison-fr");
    assertThatThrownBy(() -> store.rotateToken("liaison-fr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the token liaison-fr is revoked (")
        .hasMessageEndingWith("); a new one needs a name of its own");
    Instant soon = store.clock().instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(200);
    String passing = store.createToken("liaison-pl", TokenScope.READ, "PL", soon);
    while (!store.clock().instant().isAfter(soon)) {
      Thread.sleep(20);
    }
    assertThatThrownBy(() -> store.rotateToken("liaison-pl"))
        .hasMessageStartingWith("the token liaison-pl is expired (" + soon + ")");
    assertThatThrownBy(() -> store.rotateToken("liaison-xx"))
        .hasMessage("no token named liaison-xx");
    assertThat(store.tokens())
        .filteredOn(k -> !k.name().equals("liaison-de"))
        .extracting(Store.Token::rotated)
        .containsOnlyNulls();
    assertThat(passing).isNotEmpty();
  }

  /** Reports of three providers, each released otherwise; AC-4 is the mission's own. */
  static final List<SurveillanceReport> RELEASED =
      List.of(
          report("R-1", "AC-1", "PL", Releasability.MISSION, 1, "rel.csv", 2),
          report("R-2", "AC-1", "PL", Releasability.parse("DE"), 1, "rel.csv", 3),
          report("R-3", "AC-2", "PL", Releasability.MEMBERS, 1, "rel.csv", 4),
          report("R-4", "AC-3", "FR", Releasability.PUBLIC, 1, "rel.csv", 5),
          report("R-5", "AC-4", "", Releasability.parse("DE FR"), 1, "rel.csv", 6),
          report("R-6", "AC-4", "", Releasability.MISSION, 1, "rel.csv", 7));

  @Test
  void eachReaderIsServedTheReportsReleasedToItAndNoOthers() {
    store.ingestReports(reportRequest("rel.csv", "sha-rel", 6), RELEASED);
    Map<Audience, List<String>> expected = new LinkedHashMap<>();
    expected.put(Audience.MISSION, List.of("R-1", "R-2", "R-3", "R-4", "R-5", "R-6"));
    expected.put(Audience.PUBLIC, List.of("R-4"));
    expected.put(Audience.member("PL"), List.of("R-1", "R-2", "R-3", "R-4"));
    expected.put(Audience.member("DE"), List.of("R-2", "R-3", "R-4", "R-5"));
    expected.put(Audience.member("FR"), List.of("R-3", "R-4", "R-5"));
    expected.put(Audience.member("IT"), List.of("R-3", "R-4"));
    expected.forEach(
        (reader, ids) -> {
          Features.Page page =
              store.query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, reader, 10, 0);
          assertThat(page.features())
              .as(reader.toString())
              .extracting(x -> x.properties().get("report_id"))
              .containsExactlyElementsOf(ids);
          assertThat(page.matched()).as(reader.toString()).isEqualTo(ids.size());
          // the store's rule is the one written down in Releasability
          assertThat(
                  RELEASED.stream()
                      .filter(x -> x.releasableTo().releasesTo(reader, x.memberState()))
                      .map(SurveillanceReport::reportId))
              .as(reader.toString())
              .containsExactlyElementsOf(ids);
        });
    Features.Feature r2 =
        store
            .query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, Audience.MISSION, 10, 0)
            .features()
            .get(1);
    assertThat(r2.properties())
        .containsEntry("source_kind", "acoustic")
        .containsEntry("source_id", "AC-1")
        .containsEntry("member_state", "PL")
        .containsEntry("releasable_to", "DE")
        .containsEntry("description", "heard, \"undetermined\"")
        .containsEntry("uncertainty_m", 4_000.0)
        .containsEntry("file_name", "rel.csv")
        .containsEntry("line", 3L);
    assertThat(store.feature(Layer.SURVEILLANCE_REPORTS, r2.id(), Audience.member("DE")))
        .get()
        .extracting(Features.Feature::id)
        .isEqualTo(r2.id());
    assertThat(store.feature(Layer.SURVEILLANCE_REPORTS, r2.id(), Audience.member("IT")))
        .as("a report not released to the reader is not there for it")
        .isEmpty();
    assertThat(store.feature(Layer.SURVEILLANCE_REPORTS, r2.id(), Audience.PUBLIC)).isEmpty();
    // time and place filter reports as they do detections; placement filters do not apply
    Features.Filter outside =
        new Features.Filter(
            null,
            null,
            null,
            new double[] {30, 40, 31, 41},
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(store.query(Layer.SURVEILLANCE_REPORTS, outside, Audience.MISSION, 10, 0).matched())
        .isZero();
    Features.Filter around =
        new Features.Filter(
            Instant.parse("2025-08-16T21:00:00Z"),
            Instant.parse("2025-08-16T22:00:00Z"),
            null,
            new double[] {37, 48, 38, 49},
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(
            store.query(Layer.SURVEILLANCE_REPORTS, around, Audience.member("FR"), 10, 0).matched())
        .isEqualTo(3);
    Features.Filter day =
        new Features.Filter(
            null, null, LocalDate.of(2025, 8, 17), null, null, null, null, null, null, null, null);
    assertThatThrownBy(() -> store.query(Layer.SURVEILLANCE_REPORTS, day, Audience.MISSION, 10, 0))
        .hasMessage("day does not apply to surveillance-reports");
  }

  @Test
  void aFindingsReportEvidenceShowsItsPointAndProvenanceOnlyToReadersItIsReleasedTo() {
    store.ingestReports(reportRequest("rel.csv", "sha-rel", 6), RELEASED);
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Rows.Incident incident = incident(1, 2, "VIIRS/N20,acoustic:AC-1,acoustic:AC-3", "violation");
    // R-2 (row hash h3) is Poland's, released to Germany; R-4 (h5) France's, released to all
    String evidence =
        "[{\"file\":\"f.csv\",\"line\":2,\"sha256\":\"d1\",\"time\":\"2025-08-16T21:40:00Z\","
            + "\"latitude\":48.5,\"longitude\":37.25,\"sensor\":\"VIIRS/N20\",\"war_related\":true,"
            + "\"rule\":\"excess\",\"kind\":\"detection\"},"
            + "{\"file\":\"rel.csv\",\"line\":3,\"sha256\":\"h3\",\"time\":\"2025-08-16T21:40:00Z\","
            + "\"latitude\":48.5,\"longitude\":37.25,\"sensor\":\"acoustic:AC-1\","
            + "\"war_related\":false,\"rule\":\"explosion\",\"kind\":\"report\"},"
            + "{\"file\":\"rel.csv\",\"line\":5,\"sha256\":\"h5\",\"time\":\"2025-08-16T21:40:00Z\","
            + "\"latitude\":48.5,\"longitude\":37.25,\"sensor\":\"acoustic:AC-3\","
            + "\"war_related\":false,\"rule\":\"explosion\",\"kind\":\"report\"}]";
    Rows.Finding finding = finding("violation", "Independent sources corroborate it.", evidence);
    store.replaceAssessment(assessed(termsId, List.of(incident), List.of(finding), List.of()));
    // which rows each reader is given withheld: detection, R-2, R-4
    Map<Audience, List<Boolean>> expected = new LinkedHashMap<>();
    expected.put(Audience.MISSION, List.of(false, false, false));
    expected.put(Audience.member("DE"), List.of(false, false, false));
    expected.put(Audience.member("PL"), List.of(false, false, false));
    expected.put(Audience.member("IT"), List.of(false, true, false));
    expected.put(Audience.PUBLIC, List.of(false, true, false));
    expected.forEach(
        (reader, withheld) -> {
          Features.Feature listed =
              store.query(Layer.FINDINGS, Features.Filter.ALL, reader, 10, 0).features().get(0);
          Features.Feature one = store.feature(Layer.FINDINGS, "inc-1/C2", reader).orElseThrow();
          for (Features.Feature x : List.of(listed, one)) {
            String rows = x.properties().get("evidence").toString();
            assertThat(rows.split("\"withheld\":", -1))
                .as(reader + ": " + rows)
                .hasSize(4)
                .extracting(part -> part.startsWith("true"))
                .containsExactly(false, withheld.get(0), withheld.get(1), withheld.get(2));
            assertThat(x.properties())
                .containsEntry("reasoning", "Independent sources corroborate it.");
          }
        });
    String toThePublic = evidenceTo(Audience.PUBLIC);
    assertThat(toThePublic)
        .contains(
            "{\"file\":null,\"line\":null,\"sha256\":null,\"time\":\"2025-08-16T21:40:00Z\","
                + "\"latitude\":null,\"longitude\":null,\"sensor\":\"acoustic:AC-1\","
                + "\"war_related\":false,\"rule\":\"explosion\",\"kind\":\"report\",\"withheld\":true}")
        .contains("\"file\":\"rel.csv\",\"line\":5,\"sha256\":\"h5\"")
        .doesNotContain("\"h3\"");
    // what the next assessment tells its new violations by: the evidence of this one's, which
    // replacing it under the same terms returns, and under other terms does not
    assertThat(store.seriousEvidence()).containsExactlyInAnyOrder("d1", "h3", "h5");
    Rows.Assessment next =
        assessed(termsId, List.of(incident), List.of(finding("possible", "", "[]")), List.of());
    assertThat(store.replaceAssessment(next).seriousBefore())
        .containsExactlyInAnyOrder("d1", "h3", "h5");
    assertThat(store.replaceAssessment(next).seriousBefore()).isEmpty();
    store.replaceAssessment(assessed(termsId, List.of(incident), List.of(finding), List.of()));
    long otherTerms = store.putTerms("u.yaml", "truce: y\n", List.of());
    assertThat(
            store
                .replaceAssessment(
                    assessed(otherTerms, List.of(incident), List.of(finding), List.of()))
                .seriousBefore())
        .isEmpty();
  }

  @Test
  void eachSeriousFindingKeepsItsAlertMessageUntilItChangesAndAWithdrawnOneIsCancelled() {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Rows.Incident incident = incident(1, 0, "VIIRS/N20", "violation");
    String evidence = "[{\"sha256\":\"d1\"},{\"sha256\":\"d2\"}]";
    Rows.Finding stated = finding("violation", "Seen by two satellites.", evidence);
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    store.replaceAssessment(madeAt(t1, termsId, incident, stated));

    Rows.AlertMessage alert = store.alertMessageOf("inc-1/C2").orElseThrow();
    assertThat(alert.identifier()).isEqualTo("trucewatch-inc-1-C2-20260101T100000Z");
    assertThat(alert.type()).isEqualTo("Alert");
    assertThat(alert.sent()).isEqualTo(t1);
    assertThat(alert.evidence()).containsExactlyInAnyOrder("d1", "d2");
    assertThat(alert.verdict()).isEqualTo("violation");
    assertThat(alert.oblast()).isEqualTo("Donetsk Oblast");
    assertThat(alert.references()).isEmpty();

    // the same finding again: the message stays, and nothing is added to the log
    assertThat(
            store
                .replaceAssessment(madeAt(t1.plusSeconds(3600), termsId, incident, stated))
                .issued())
        .isEmpty();
    assertThat(store.alertMessageOf("inc-1/C2")).contains(alert);
    assertThat(store.counts()).containsEntry("alert_messages", 1L);

    // what it states changes: an Update that names the Alert
    Instant t3 = t1.plusSeconds(7200);
    List<Rows.AlertMessage> issued =
        store
            .replaceAssessment(
                madeAt(
                    t3,
                    termsId,
                    incident,
                    finding("violation", "Seen by two satellites and an observer.", evidence)))
            .issued();
    Rows.AlertMessage update = store.alertMessageOf("inc-1/C2").orElseThrow();
    assertThat(update.type()).isEqualTo("Update");
    // what the replacing says it issued is what the log then holds
    assertThat(issued).containsExactly(update);
    assertThat(update.sent()).isEqualTo(t3);
    assertThat(update.references())
        .containsExactly(new Rows.AlertMessage.Reference(alert.identifier(), t1));
    assertThat(store.alertMessagesReferencing(alert.identifier()))
        .containsExactly(update.identifier());
    assertThat(store.alertMessages(Instant.EPOCH, 10))
        .extracting(Rows.AlertMessage::identifier)
        .containsExactly(update.identifier());

    // no finding of violation rests on its evidence any more: a Cancel of the Update
    Instant t4 = t1.plusSeconds(10800);
    store.replaceAssessment(
        madeAt(t4, termsId, incident, finding("possible", "Seen by one satellite.", evidence)));
    assertThat(store.alertMessageOf("inc-1/C2")).isEmpty();
    List<Rows.AlertMessage> listed = store.alertMessages(t4, 10);
    assertThat(listed).hasSize(1);
    Rows.AlertMessage cancel = listed.get(0);
    assertThat(cancel.type()).isEqualTo("Cancel");
    assertThat(cancel.identifier()).isEqualTo("trucewatch-inc-1-C2-20260101T130000Z-cancel");
    // what it withdraws, as the Update stated it
    assertThat(cancel.verdict()).isEqualTo("violation");
    assertThat(cancel.references())
        .containsExactly(new Rows.AlertMessage.Reference(update.identifier(), t3));
    assertThat(store.alertMessage(update.identifier())).contains(update);
    assertThat(store.alertMessagesReferencing(update.identifier()))
        .containsExactly(cancel.identifier());
    // a feed lists Cancels sent since when it asks
    assertThat(store.alertMessages(t4.plusSeconds(1), 10)).isEmpty();
    assertThat(store.counts()).containsEntry("alert_messages", 3L);
    // the whole log, oldest first, paged and from a time on
    Rows.AlertLog log = store.alertLog(null, 0, 10, 0);
    assertThat(log.messages()).containsExactly(alert, update, cancel);
    assertThat(log.matched()).isEqualTo(3);
    assertThat(store.alertLog(t3, 0, 10, 0).messages()).containsExactly(update, cancel);
    assertThat(store.alertLog(t3, 0, 10, 0).matched()).isEqualTo(2);
    Rows.AlertLog second = store.alertLog(null, 0, 1, 1);
    assertThat(second.messages()).containsExactly(update);
    assertThat(second.matched()).isEqualTo(3);
    // after a number: what came after it, however many came in the same second
    Rows.AlertLog afterTheAlert = store.alertLog(null, 1, 10, 0);
    assertThat(afterTheAlert.entries()).extracting(Rows.Logged::seq).containsExactly(2L, 3L);
    assertThat(afterTheAlert.messages()).containsExactly(update, cancel);
    assertThat(afterTheAlert.matched()).isEqualTo(2);
    assertThat(store.alertLog(t3, 2, 10, 0).messages()).containsExactly(cancel);
  }

  @Test
  void theLogNumbersItsMessagesInTheOrderIssuedAndKeepsEachHubsPlaceInIt() throws Exception {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    assertThat(store.alertLogEnd()).isZero();
    assertThat(store.alertMessagesAfter(0, 10)).isEmpty();
    Rows.Incident incident = incident(1, 0, "VIIRS/N20", "violation");
    String evidence = "[{\"sha256\":\"d1\"}]";
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    store.replaceAssessment(madeAt(t1, termsId, incident, finding("violation", "a", evidence)));
    store.replaceAssessment(
        madeAt(t1.plusSeconds(60), termsId, incident, finding("violation", "b", evidence)));
    store.replaceAssessment(
        madeAt(t1.plusSeconds(120), termsId, incident, finding("possible", "c", evidence)));

    List<Rows.Logged> all = store.alertMessagesAfter(0, 10);
    assertThat(all).extracting(Rows.Logged::seq).containsExactly(1L, 2L, 3L);
    assertThat(all)
        .extracting(l -> l.message().type())
        .containsExactly("Alert", "Update", "Cancel");
    // the Alert was replaced by the Update, the Update withdrawn by the Cancel: none states a
    // finding now
    assertThat(all).extracting(Rows.Logged::stating).containsExactly(false, false, false);
    assertThat(store.alertLogEnd()).isEqualTo(3);
    assertThat(store.alertMessagesAfter(1, 1))
        .extracting(l -> l.message().type())
        .containsExactly("Update");
    assertThat(store.alertMessagesAfter(3, 10)).isEmpty();
    // a finding of violation again on the same evidence: an Alert that states it
    store.replaceAssessment(
        madeAt(t1.plusSeconds(180), termsId, incident, finding("violation", "d", evidence)));
    List<Rows.Logged> fourth = store.alertMessagesAfter(3, 10);
    assertThat(fourth).extracting(Rows.Logged::seq).containsExactly(4L);
    assertThat(fourth.get(0).stating()).isTrue();
    assertThat(fourth.get(0).message()).isEqualTo(store.alertMessageOf("inc-1/C2").orElseThrow());

    // each receiver's place: none before it is first recorded, then the last recorded
    assertThat(store.alertPlace("k1")).isEmpty();
    store.alertPlaced("k1", "cap", "https://hub.example/cap", 2);
    store.alertPlaced("k2", "cap", "https://other.example/cap", 4);
    store.alertPlaced("k1", "cap", "https://hub.example/cap", 3);
    store.alertPlaced("k3", "email", "liaison@example.org", 7);
    assertThat(store.alertPlace("k1")).contains(3L);
    assertThat(store.alertPlace("k2")).contains(4L);
    assertThat(store.alertPlaces())
        .extracting(Rows.AlertPlace::channel, Rows.AlertPlace::receiver, Rows.AlertPlace::seq)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cap", "https://hub.example/cap", 3L),
            org.assertj.core.groups.Tuple.tuple("cap", "https://other.example/cap", 4L),
            org.assertj.core.groups.Tuple.tuple("email", "liaison@example.org", 7L));
    // one process at a time holds a place and moves it; a hold is renewed, let go, or lapses
    assertThat(store.holdAlertPlace("k2", "host:1:a", java.time.Duration.ofMinutes(5)))
        .contains(4L);
    assertThat(store.holdAlertPlace("k2", "host:2:b", java.time.Duration.ofMinutes(5))).isEmpty();
    assertThat(store.moveAlertPlace("k2", "host:2:b", 5)).isFalse();
    assertThat(store.moveAlertPlace("k2", "host:1:a", 5)).isTrue();
    assertThat(store.holdAlertPlace("k2", "host:1:a", java.time.Duration.ofMinutes(5)))
        .contains(5L);
    assertThat(store.alertPlaces())
        .filteredOn(p -> p.receiver().equals("https://other.example/cap"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.seq()).isEqualTo(5);
              assertThat(p.holder()).isEqualTo("host:1:a");
              assertThat(p.heldUntil()).isAfter(store.clock().instant().plusSeconds(240));
            });
    store.releaseAlertPlace("k2", "host:2:b"); // not its to let go
    assertThat(store.holdAlertPlace("k2", "host:2:b", java.time.Duration.ofMinutes(5))).isEmpty();
    store.releaseAlertPlace("k2", "host:1:a");
    assertThat(store.holdAlertPlace("k2", "host:2:b", java.time.Duration.ofMillis(1))).contains(5L);
    Thread.sleep(20); // b stops without letting go: its hold lapses, and a takes the place over
    assertThat(store.holdAlertPlace("k2", "host:1:a", java.time.Duration.ofMinutes(5)))
        .contains(5L);
    assertThat(store.moveAlertPlace("k2", "host:2:b", 6)).isFalse();
    assertThat(store.alertPlace("k2")).contains(5L);
    // a receiver forgotten has no place: alerts to it start again at the end of the log
    assertThat(store.forgetAlertPlace("k1")).isTrue();
    assertThat(store.forgetAlertPlace("k1")).isFalse();
    assertThat(store.alertPlace("k1")).isEmpty();
    assertThat(store.alertPlaces())
        .extracting(Rows.AlertPlace::receiver)
        .containsExactly("https://other.example/cap", "liaison@example.org");
  }

  @Test
  void anAssessmentKeepsItsStatementInItsTransactionNumberedInTheOrderMade() {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    assertThat(store.statementLogEnd()).isZero();
    Rows.Incident incident = incident(1, 0, "VIIRS/N20", "violation");
    String evidence = "[{\"sha256\":\"d1\"}]";
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    // the statement is made of what replacing told: here, the messages issued
    store.replaceAssessment(
        madeAt(t1, termsId, incident, finding("violation", "a", evidence)),
        r -> java.util.Optional.of("{\"issued\":" + r.issued().size() + "}"));
    // an assessment that states nothing adds nothing
    store.replaceAssessment(
        madeAt(t1.plusSeconds(60), termsId, incident, finding("violation", "a", evidence)),
        r -> java.util.Optional.empty());
    store.replaceAssessment(
        madeAt(t1.plusSeconds(120), termsId, incident, finding("possible", "b", evidence)),
        r -> java.util.Optional.of("{\"cancels\":" + r.issued().size() + "}"));
    assertThat(store.statementLogEnd()).isEqualTo(2);
    assertThat(store.statementsAfter(0, 10))
        .extracting(st -> st.seq() + " " + st.stated() + " " + st.body())
        .containsExactly(
            "1 2026-01-01T10:00:00Z {\"issued\":1}", "2 2026-01-01T10:02:00Z {\"cancels\":1}");
    assertThat(store.statementsAfter(1, 10)).extracting(Rows.Statement::seq).containsExactly(2L);
    assertThat(store.statementsAfter(0, 1)).extracting(Rows.Statement::seq).containsExactly(1L);
    // a page of the log: from a time on, after a number, with how many match in all
    Rows.StatementLog later = store.statementLog(t1.plusSeconds(60), 0, 10, 0);
    assertThat(later.entries()).extracting(Rows.Statement::seq).containsExactly(2L);
    assertThat(later.matched()).isEqualTo(1);
    Rows.StatementLog second = store.statementLog(null, 0, 1, 1);
    assertThat(second.entries()).extracting(Rows.Statement::seq).containsExactly(2L);
    assertThat(second.matched()).isEqualTo(2);
    assertThat(store.statementLog(null, 2, 10, 0).entries()).isEmpty();
    // a statement that cannot be made undoes its assessment: neither is kept without the other
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                store.replaceAssessment(
                    madeAt(
                        t1.plusSeconds(180),
                        termsId,
                        incident,
                        finding("violation", "c", evidence)),
                    r -> {
                      throw new IllegalStateException("the statement could not be written");
                    }))
        .hasMessageContaining("could not be written");
    assertThat(store.assessment().orElseThrow().made()).isEqualTo(t1.plusSeconds(120));
    assertThat(store.statementLogEnd()).isEqualTo(2);
    assertThat(store.alertLogEnd()).isEqualTo(2);
    assertThat(store.counts()).containsEntry("statements", 2L);
  }

  @Test
  void aHubsPlaceRecordedBeforeMigrationNineteenIsKeptAsThePlaceOfACapHub() throws Exception {
    store.alertPlaced("k1", "cap", "https://hub.example/cap", 5);
    Database db = store.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var s = c.createStatement()) {
      TestDatabases.undoMigration19(s);
    }
    store.close();
    store = reopen();
    assertThat(store.alertPlace("k1")).contains(5L);
    assertThat(store.alertPlaces())
        .extracting(Rows.AlertPlace::channel, Rows.AlertPlace::receiver)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("cap", "https://hub.example/cap"));
    assertThat(store.statementLogEnd()).isZero();
  }

  @Test
  void messagesLoggedBeforeMigrationEighteenAreNumberedByWhenTheyWereSent() throws Exception {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Rows.Incident incident = incident(1, 0, "VIIRS/N20", "violation");
    String evidence = "[{\"sha256\":\"d1\"}]";
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    for (int k = 0; k < 3; k++) {
      store.replaceAssessment(
          madeAt(
              t1.plusSeconds(60L * k), termsId, incident, finding("violation", "r" + k, evidence)));
    }
    List<String> issued =
        store.alertMessagesAfter(0, 10).stream().map(l -> l.message().identifier()).toList();
    Database db = store.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var s = c.createStatement()) {
      TestDatabases.undoMigration18(s);
    }
    store.close();
    store = reopen();
    assertThat(store.alertMessagesAfter(0, 10))
        .extracting(l -> l.seq() + " " + l.message().identifier() + " " + l.stating())
        .containsExactly(
            "1 " + issued.get(0) + " false",
            "2 " + issued.get(1) + " false",
            "3 " + issued.get(2) + " true");
    // the next is numbered after them
    store.replaceAssessment(
        madeAt(t1.plusSeconds(600), termsId, incident, finding("violation", "r3", evidence)));
    assertThat(store.alertLogEnd()).isEqualTo(4);
  }

  @Test
  void twoAssessmentsInOneSecondGiveTheirMessagesIdentifiersOfTheirOwn() {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Rows.Incident incident = incident(1, 0, "VIIRS/N20", "violation");
    Instant t = Instant.parse("2026-01-01T10:00:00Z");
    store.replaceAssessment(
        madeAt(t, termsId, incident, finding("violation", "a", "[{\"sha256\":\"d1\"}]")));
    store.replaceAssessment(
        madeAt(
            t.plusMillis(250),
            termsId,
            incident,
            finding("violation", "b", "[{\"sha256\":\"d1\"}]")));

    Rows.AlertMessage update = store.alertMessageOf("inc-1/C2").orElseThrow();
    assertThat(update.identifier()).isEqualTo("trucewatch-inc-1-C2-20260101T100000Z-2");
    assertThat(update.references())
        .extracting(Rows.AlertMessage.Reference::identifier)
        .containsExactly("trucewatch-inc-1-C2-20260101T100000Z");
  }

  private static Rows.Assessment madeAt(
      Instant made, long termsId, Rows.Incident incident, Rows.Finding finding) {
    Rows.Assessment a = assessed(termsId, List.of(incident), List.of(finding), List.of());
    return new Rows.Assessment(
        a.termsId(),
        a.lastIngestId(),
        a.methodVersion(),
        made,
        a.reportJson(),
        a.reportHtml(),
        a.mapLayers(),
        a.dayPages(),
        a.revisions(),
        a.placements(),
        a.incidents(),
        a.findings(),
        a.sourceRecords());
  }

  @Test
  void anAnalystsReviewFollowsItsFindingWhileItsEvidenceHoldsAndChangesNoFinding() {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Rows.Incident incident = incident(2, 0, "VIIRS/N20", "violation");
    Rows.Finding stated =
        finding(
            "violation", "Seen by two satellites.", "[{\"sha256\":\"d1\"},{\"sha256\":\"d2\"}]");
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    store.replaceAssessment(madeAt(t1, termsId, incident, stated));
    assertThat(reviewOf("inc-1/C2")).isNull();
    assertThat(reviewed(Features.NO_REVIEW)).containsExactly("inc-1/C2");

    Rows.Review upheld =
        store
            .review(
                "inc-1/C2",
                "upheld",
                "  Drone imagery of 17 August shows the burnt depot. ",
                "analyst-1")
            .orElseThrow()
            .review();
    assertThat(upheld.findingId()).isEqualTo("inc-1/C2");
    assertThat(upheld.clauseId()).isEqualTo("C2");
    assertThat(upheld.verdict()).isEqualTo("violation");
    assertThat(upheld.methodVersion()).isEqualTo("tw-fire-7");
    assertThat(upheld.evidence()).containsExactly("d1", "d2");
    assertThat(upheld.note()).isEqualTo("Drone imagery of 17 August shows the burnt depot.");
    assertThat(upheld.reviewer()).isEqualTo("analyst-1");
    // the finding is the method's still: only the review is added
    Features.Feature shown =
        store.feature(Layer.FINDINGS, "inc-1/C2", Audience.PUBLIC).orElseThrow();
    assertThat(shown.properties())
        .containsEntry("verdict", "violation")
        .containsEntry("reasoning", "Seen by two satellites.");
    JsonNode review = reviewOf("inc-1/C2");
    assertThat(review.path("id").asLong()).isEqualTo(upheld.id());
    assertThat(review.path("status").asText()).isEqualTo("upheld");
    assertThat(review.path("by").asText()).isEqualTo("analyst-1");
    assertThat(review.path("made").asText()).isEqualTo(upheld.made().toString());
    assertThat(review.path("evidence_rows").asInt()).isEqualTo(2);
    assertThat(review.path("same_evidence").asBoolean()).isTrue();
    assertThat(review.has("evidence")).isFalse();

    // what cannot be a review is refused, naming the field and the value, and nothing is kept
    assertThat(store.review("inc-9/C2", "upheld", "x", "analyst-1")).isEmpty();
    assertThatThrownBy(() -> store.review("inc-1/C2", "confirmed", "x", "analyst-1"))
        .hasMessage("status must be one of under-review, upheld, not-upheld, was confirmed");
    assertThatThrownBy(() -> store.review("inc-1/C2", "upheld", " \n ", "analyst-1"))
        .hasMessage("note must say why in 1-2000 characters, was empty");
    assertThatThrownBy(() -> store.review("inc-1/C2", "upheld", "x".repeat(2001), "analyst-1"))
        .hasMessage("note must say why in 1-2000 characters, was 2001 characters");
    assertThat(store.reviews(10, 0).matched()).isEqualTo(1);
    // findings by the status of their newest review, as an analyst's list of work
    assertThat(reviewed("upheld")).containsExactly("inc-1/C2");
    assertThat(reviewed(Features.NO_REVIEW)).isEmpty();
    assertThat(reviewed("not-upheld")).isEmpty();
    assertThatThrownBy(() -> reviewed("maybe"))
        .hasMessage("review must be none or one of under-review, upheld, not-upheld, was maybe");
    assertThatThrownBy(
            () ->
                store.query(
                    Layer.INCIDENTS,
                    new Features.Filter(
                        null, null, null, null, null, null, null, null, null, null, "upheld"),
                    Audience.MISSION,
                    10,
                    0))
        .hasMessage("review applies to findings only");

    // a detection joins: the review stands, made of the finding as it stood
    String grown = "[{\"sha256\":\"d1\"},{\"sha256\":\"d2\"},{\"sha256\":\"d3\"}]";
    store.replaceAssessment(
        madeAt(t1.plusSeconds(60), termsId, incident, finding("violation", "Three.", grown)));
    assertThat(reviewOf("inc-1/C2").path("same_evidence").asBoolean()).isFalse();
    assertThat(reviewOf("inc-1/C2").path("evidence_rows").asInt()).isEqualTo(2);
    // a later review is the one shown; both are listed, newest first
    Rows.Review doubted =
        store
            .review("inc-1/C2", "under-review", "The third detection is a flare.", "analyst-2")
            .orElseThrow()
            .review();
    assertThat(doubted.evidence()).containsExactly("d1", "d2", "d3");
    assertThat(reviewOf("inc-1/C2").path("status").asText()).isEqualTo("under-review");
    assertThat(reviewOf("inc-1/C2").path("same_evidence").asBoolean()).isTrue();
    assertThat(store.reviewsOf("inc-1/C2").orElseThrow())
        .extracting(r -> r.path("id").asLong())
        .containsExactly(doubted.id(), upheld.id());
    assertThat(store.reviewsOf("inc-9/C2")).isEmpty();

    // a row reviewed leaves the finding: neither review concerns it any more
    String other = "[{\"sha256\":\"d1\"},{\"sha256\":\"d4\"}]";
    store.replaceAssessment(
        madeAt(t1.plusSeconds(120), termsId, incident, finding("violation", "Other.", other)));
    assertThat(reviewOf("inc-1/C2")).isNull();
    assertThat(store.reviewsOf("inc-1/C2").orElseThrow()).isEmpty();
    // nor under other terms, where clause C2 may mean something else
    store.replaceAssessment(madeAt(t1.plusSeconds(180), termsId, incident, stated));
    assertThat(reviewOf("inc-1/C2").path("id").asLong()).isEqualTo(upheld.id());
    long otherTerms = store.putTerms("u.yaml", "truce: y\n", List.of());
    store.replaceAssessment(madeAt(t1.plusSeconds(240), otherTerms, incident, stated));
    assertThat(reviewOf("inc-1/C2")).isNull();
    // the log keeps every review, newest first, in pages
    Rows.ReviewLog log = store.reviews(1, 1);
    assertThat(log.matched()).isEqualTo(2);
    assertThat(log.reviews()).containsExactly(upheld);
    assertThat(store.counts()).containsEntry("finding_reviews", 2L);
  }

  /**
   * A re-assessment renames a finding whose incident a detection joins (its id names its rows). A
   * review posted of the finding shown before is kept as the review of what the analyst saw and
   * concerns the finding that rests on all its rows now; a read of the old id names that finding.
   * Once a row reviewed has left, or under other terms, the old id is refused as before.
   */
  @Test
  void aReviewOfAFindingThatAReassessmentRenamedIsKeptAsTheAnalystSawIt() {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Instant t1 = Instant.parse("2026-01-01T10:00:00Z");
    store.replaceAssessment(stating(termsId, t1, "inc-1", "probable-violation", "d1", "d2"));
    assertThat(store.superseded("inc-1/C2")).isEmpty();
    // a third detection joins: the incident, and so the finding, is named anew
    Instant t2 = t1.plusSeconds(3600);
    store.replaceAssessment(stating(termsId, t2, "inc-2", "violation", "d1", "d2", "d3"));
    assertThat(store.superseded("inc-1/C2"))
        .contains(new Rows.Superseded("inc-1/C2", t2, "inc-2/C2"));
    assertThat(store.superseded("inc-2/C2")).isEmpty();
    assertThat(store.superseded("inc-9/C2")).isEmpty();

    Rows.ReviewKept kept =
        store
            .review("inc-1/C2", "not-upheld", "The two detections are a stubble burn.", "analyst-1")
            .orElseThrow();
    assertThat(kept.findingId()).isEqualTo("inc-2/C2");
    // the review is of the finding as the analyst saw it: its id, verdict, method and rows
    assertThat(kept.review().findingId()).isEqualTo("inc-1/C2");
    assertThat(kept.review().verdict()).isEqualTo("probable-violation");
    assertThat(kept.review().methodVersion()).isEqualTo("tw-fire-7");
    assertThat(kept.review().evidence()).containsExactly("d1", "d2");
    JsonNode shown = reviewOf("inc-2/C2");
    assertThat(shown.path("id").asLong()).isEqualTo(kept.review().id());
    assertThat(shown.path("same_evidence").asBoolean()).isFalse();
    assertThat(shown.path("verdict").asText()).isEqualTo("probable-violation");
    assertThat(store.reviewsOf("inc-1/C2")).isEmpty();

    // a fourth joins: the first name still leads to the finding that stands now
    Instant t3 = t2.plusSeconds(3600);
    store.replaceAssessment(stating(termsId, t3, "inc-3", "violation", "d1", "d2", "d3", "d4"));
    assertThat(store.superseded("inc-1/C2"))
        .contains(new Rows.Superseded("inc-1/C2", t2, "inc-3/C2"));
    assertThat(store.superseded("inc-2/C2"))
        .contains(new Rows.Superseded("inc-2/C2", t3, "inc-3/C2"));
    assertThat(
            store
                .review("inc-2/C2", "upheld", "Three detections at the depot.", "analyst-2")
                .orElseThrow()
                .findingId())
        .isEqualTo("inc-3/C2");
    assertThat(reviewOf("inc-3/C2").path("by").asText()).isEqualTo("analyst-2");

    // a row reviewed leaves: no finding stands for the first two names, and a review is refused
    Instant t4 = t3.plusSeconds(3600);
    store.replaceAssessment(stating(termsId, t4, "inc-4", "violation", "d3", "d4"));
    assertThat(store.superseded("inc-1/C2")).contains(new Rows.Superseded("inc-1/C2", t2, null));
    assertThatThrownBy(() -> store.review("inc-1/C2", "upheld", "x", "analyst-1"))
        .isInstanceOf(Store.SupersededFinding.class)
        .hasMessage(
            "finding inc-1/C2 no longer stands: the re-assessment of 2026-01-01T11:00:00Z left no"
                + " finding of its clause resting on all its evidence rows");
    assertThat(store.reviews(10, 0).matched()).isEqualTo(2);

    // under other terms, where clause C2 may mean something else, no old name is known
    long otherTerms = store.putTerms("u.yaml", "truce: y\n", List.of());
    store.replaceAssessment(stating(otherTerms, t4.plusSeconds(60), "inc-5", "violation", "d3"));
    assertThat(store.superseded("inc-4/C2")).isEmpty();
    assertThat(store.review("inc-4/C2", "upheld", "x", "analyst-1")).isEmpty();
  }

  /**
   * An assessment under {@code termsId} made at {@code made} of one incident, {@code incident},
   * whose finding of clause C2 has {@code verdict} and rests on {@code rows}.
   */
  private static Rows.Assessment stating(
      long termsId, Instant made, String incident, String verdict, String... rows) {
    String evidence =
        java.util.Arrays.stream(rows)
            .map(r -> "{\"sha256\":\"" + r + "\"}")
            .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    return madeAt(
        made,
        termsId,
        incident(incident, rows.length, 0, "VIIRS/N20", verdict),
        finding(incident, verdict, "On " + String.join(", ", rows) + ".", evidence));
  }

  /**
   * A review's statement for the webhooks and e-mail is kept in the review's transaction: numbered
   * after the assessments' statements, with the review's time; none when the review is not kept;
   * and a statement that cannot be written keeps no review either.
   */
  @Test
  void aReviewsStatementIsKeptExactlyWhenItsReviewIs() {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Rows.Finding stated = finding("violation", "Seen by two satellites.", "[{\"sha256\":\"d1\"}]");
    store.replaceAssessment(
        madeAt(
            Instant.parse("2026-01-01T10:00:00Z"),
            termsId,
            incident(1, 0, "VIIRS/N20", "violation"),
            stated),
        r -> Optional.of("{\"event\":\"day-figures-stated\"}"));
    assertThat(store.statementLogEnd()).isEqualTo(1);

    Rows.Review kept =
        store
            .review(
                "inc-1/C2",
                "upheld",
                "Seen on the frames.",
                "analyst-1",
                (r, f) ->
                    Optional.of(
                        "{\"review\":"
                            + r.id()
                            + ",\"finding\":\""
                            + f.id()
                            + "\",\"verdict\":\""
                            + f.properties().get("verdict")
                            + "\"}"))
            .orElseThrow()
            .review();
    List<Rows.Statement> log = store.statementsAfter(1, 10);
    assertThat(log).hasSize(1);
    assertThat(log.get(0).seq()).isEqualTo(2);
    assertThat(log.get(0).stated()).isEqualTo(kept.made());
    // the statement is made of the finding as the review's transaction read it
    assertThat(log.get(0).body())
        .isEqualTo(
            "{\"review\":" + kept.id() + ",\"finding\":\"inc-1/C2\",\"verdict\":\"violation\"}");

    // a review of no finding: neither kept
    assertThat(store.review("inc-9/C2", "upheld", "x", "analyst-1", (r, f) -> Optional.of("{}")))
        .isEmpty();
    // a statement the review states none of
    store.review(
        "inc-1/C2", "under-review", "Asked again.", "analyst-1", (r, f) -> Optional.empty());
    assertThat(store.statementLogEnd()).isEqualTo(2);
    assertThat(store.reviews(10, 0).matched()).isEqualTo(2);
    // a statement that fails to be written: the review is not kept
    assertThatThrownBy(
            () ->
                store.review(
                    "inc-1/C2",
                    "not-upheld",
                    "x",
                    "analyst-1",
                    (r, f) -> {
                      throw new IllegalStateException("no statement");
                    }))
        .hasMessage("no statement");
    assertThat(store.reviews(10, 0).matched()).isEqualTo(2);
    assertThat(store.statementLogEnd()).isEqualTo(2);
  }

  /** The ids of the findings whose newest review has the status {@code review}. */
  private List<String> reviewed(String review) {
    Features.Page page =
        store.query(
            Layer.FINDINGS,
            new Features.Filter(null, null, null, null, null, null, null, null, null, null, review),
            Audience.PUBLIC,
            10,
            0);
    assertThat(page.matched()).isEqualTo(page.features().size());
    return page.features().stream().map(Features.Feature::id).toList();
  }

  /** The review shown with finding {@code id} to the public, or null when it has none. */
  private JsonNode reviewOf(String id) {
    Object r =
        store.feature(Layer.FINDINGS, id, Audience.PUBLIC).orElseThrow().properties().get("review");
    return (JsonNode) r;
  }

  @Test
  void aReviewTokenIsTheMissionsAnalysts() {
    String token = store.createToken("analyst-1", TokenScope.REVIEW);
    assertThat(store.token(token))
        .get()
        .extracting(Store.Token::scope)
        .isEqualTo(TokenScope.REVIEW);
    assertThat(store.token(token).orElseThrow().audience()).isEqualTo(Audience.MISSION);
    // it does not ingest
    assertThat(store.tokenName(token)).isEmpty();
    assertThatThrownBy(() -> store.createToken("analyst-de", TokenScope.REVIEW, "DE"))
        .hasMessage("a review token is the mission's analysts', not a member state's (DE)");
    assertThat(store.tokens()).extracting(Store.Token::name).containsExactly("analyst-1");
  }

  @Test
  void aFindingWithMoreReportsThanOneBatchHasEachWithheldOrShownByItsOwnRelease() {
    int n = Store.BATCH + 7;
    List<SurveillanceReport> many = new java.util.ArrayList<>();
    StringBuilder evidence = new StringBuilder("[");
    for (int line = 2; line < n + 2; line++) {
      // every third report is released to the public
      Releasability release = line % 3 == 0 ? Releasability.PUBLIC : Releasability.MISSION;
      many.add(report("R-" + line, "AC-1", "PL", release, 1, "many.csv", line));
      evidence
          .append(line == 2 ? "" : ",")
          .append("{\"file\":\"many.csv\",\"line\":")
          .append(line)
          .append(",\"sha256\":\"h")
          .append(line)
          .append("\",\"kind\":\"report\"}");
    }
    store.ingestReports(reportRequest("many.csv", "sha-many", n), many);
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Rows.Incident incident = incident(0, n, "acoustic:AC-1", "probable-violation");
    Rows.Finding finding =
        finding("probable-violation", "One source.", evidence.append("]").toString());
    store.replaceAssessment(assessed(termsId, List.of(incident), List.of(finding), List.of()));
    String rows = evidenceTo(Audience.PUBLIC);
    int shown = rows.split("\"withheld\":false", -1).length - 1;
    int withheld = rows.split("\"withheld\":true", -1).length - 1;
    assertThat(shown)
        .isEqualTo((int) many.stream().filter(r -> r.provenance().line() % 3 == 0).count());
    assertThat(shown + withheld).isEqualTo(n);
    assertThat(rows).contains("\"line\":" + (n + 1 - (n + 1) % 3) + ",");
  }

  @Test
  void eachSourceHasItsRecordInTheCurrentAssessmentAndNoneOutsideIt() {
    store.ingestReports(reportRequest("rel.csv", "sha-rel", 6), RELEASED);
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    Instant first = Instant.parse("2025-08-16T21:40:00Z");
    Instant last = Instant.parse("2025-08-17T03:05:00Z");
    store.replaceAssessment(
        assessed(
            termsId,
            List.of(),
            List.of(),
            List.of(new SourceRecord("acoustic:AC-1", 2, 1, first, last))));
    Map<String, SourceRecord> records = new LinkedHashMap<>();
    store.sources(Audience.PUBLIC).forEach(s -> records.put(s.key(), s.record()));
    assertThat(records.keySet())
        .containsExactly("acoustic:AC-1", "acoustic:AC-2", "acoustic:AC-3", "acoustic:AC-4");
    assertThat(records.get("acoustic:AC-1"))
        .isEqualTo(new SourceRecord("acoustic:AC-1", 2, 1, first, last));
    assertThat(records.get("acoustic:AC-2")).as("not in the assessment").isNull();
    // the next assessment's records replace these
    store.replaceAssessment(versionsOnly(termsId, "2026-01-02T00:00:00Z", Map.of()));
    assertThat(store.sources(Audience.MISSION))
        .extracting(Store.Source::record)
        .containsOnlyNulls();
  }

  @Test
  void aStoredReportGivenAgainWithAnotherReleaseIsReleasedAnewAndTheChangeKept() {
    store.ingestReports(
        reportRequest("a.csv", "sha-a", 1),
        List.of(report("R-1", "AC-1", "PL", Releasability.MISSION, 1, "a.csv", 2)));
    Audience italy = Audience.member("IT");
    assertThat(store.query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, italy, 5, 0).matched())
        .isZero();
    Rows.IngestOutcome wider =
        store.ingestReports(
            reportRequest("b.csv", "sha-b", 1),
            List.of(report("R-1", "AC-1", "PL", Releasability.MEMBERS, 1, "b.csv", 4)));
    assertThat(wider.ingest().stored()).isEqualTo(1);
    assertThat(wider.ingest().duplicates()).isZero();
    assertThat(store.reports())
        .extracting(SurveillanceReport::releasableTo)
        .containsExactly(Releasability.MEMBERS);
    assertThat(store.query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, italy, 5, 0).matched())
        .isEqualTo(1);
    assertThat(store.releases())
        .containsExactly(
            new Store.Release(
                "AC-1",
                "R-1",
                Releasability.MISSION,
                Releasability.MEMBERS,
                wider.ingest().id(),
                wider.ingest().received(),
                "analyst",
                "b.csv",
                4));
    assertThat(store.releases("AC-1", "R-1")).isEqualTo(store.releases());
    assertThat(store.releases("AC-1", "R-2")).isEmpty();
    // the same release again changes nothing
    Rows.IngestOutcome same =
        store.ingestReports(
            reportRequest("c.csv", "sha-c", 1),
            List.of(report("R-1", "AC-1", "PL", Releasability.MEMBERS, 1, "c.csv", 2)));
    assertThat(same.ingest().stored()).isZero();
    assertThat(same.ingest().duplicates()).isEqualTo(1);
    assertThat(store.releases()).hasSize(1);
    // other content is another report under the same ids, whatever its release: refused whole
    assertThatThrownBy(
            () ->
                store.ingestReports(
                    reportRequest("d.csv", "sha-d", 1),
                    List.of(report("R-1", "AC-1", "PL", Releasability.PUBLIC, 9, "d.csv", 2))))
        .isInstanceOf(Store.ConflictingRows.class);
    assertThat(store.reports())
        .extracting(SurveillanceReport::releasableTo)
        .containsExactly(Releasability.MEMBERS);
    assertThat(store.releases()).hasSize(1);
  }

  @Test
  void whoProvidesASurveillanceSourceIsShownOnlyWithOneOfItsReports() {
    store.ingestReports(reportRequest("rel.csv", "sha-rel", 6), RELEASED);
    Map<Audience, List<String>> expected = new LinkedHashMap<>();
    // AC-1, AC-2, AC-3 and AC-4 in key order; AC-4 is the mission's own source, of no member
    expected.put(Audience.MISSION, java.util.Arrays.asList("PL", "PL", "FR", ""));
    expected.put(Audience.PUBLIC, java.util.Arrays.asList(null, null, "FR", null));
    expected.put(Audience.member("DE"), java.util.Arrays.asList("PL", "PL", "FR", ""));
    expected.put(Audience.member("IT"), java.util.Arrays.asList(null, "PL", "FR", null));
    expected.forEach(
        (reader, providers) ->
            assertThat(store.sources(reader))
                .as(reader.toString())
                .filteredOn(x -> x.kind().equals("acoustic"))
                .extracting(Store.Source::provider)
                .containsExactlyElementsOf(providers));
  }

  @Test
  void aTokenBelongsToAMemberStateOrToTheMission() {
    String fr = store.createToken("liaison-fr", TokenScope.READ, "fr");
    String staff = store.createToken("analyst", TokenScope.INGEST);

    assertThat(store.token(fr)).get().extracting(Store.Token::member).isEqualTo("FR");
    assertThat(store.token(fr).orElseThrow().audience()).isEqualTo(Audience.member("FR"));
    assertThat(store.token(staff).orElseThrow().audience()).isEqualTo(Audience.MISSION);
    assertThat(store.tokens())
        .extracting(Store.Token::name, Store.Token::member)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("liaison-fr", "FR"),
            org.assertj.core.groups.Tuple.tuple("analyst", null));
    assertThatThrownBy(() -> store.createToken("liaison-xx", TokenScope.READ, "France"))
        .hasMessageContaining("two-letter code");
    assertThat(store.tokens()).hasSize(2);
  }

  @Test
  void reportsAndTokensMadeBeforeMigrationElevenStayWithTheMission() throws Exception {
    String token = store.createToken("analyst");
    store.ingestReports(
        reportRequest("a.csv", "sha-a", 1),
        List.of(report("R-1", "AC-1", "PL", Releasability.MISSION, 1, "a.csv", 2)));
    Database db = store.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var s = c.createStatement()) {
      TestDatabases.undoMigration11(s);
    }
    store.close();
    store = reopen();
    assertThat(store.reports())
        .extracting(SurveillanceReport::releasableTo)
        .containsExactly(Releasability.MISSION);
    assertThat(store.token(token).orElseThrow().audience()).isEqualTo(Audience.MISSION);
    assertThat(
            store
                .query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, Audience.member("DE"), 5, 0)
                .matched())
        .isZero();
  }

  @Test
  void aTokenMadeBeforeMigrationNineIsAnIngestToken() throws Exception {
    Database db = store.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var s = c.createStatement()) {
      TestDatabases.undoMigration10(s);
      s.executeUpdate("ALTER TABLE tokens DROP COLUMN scope");
      s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '9'");
      s.executeUpdate(
          "INSERT INTO tokens (name, sha256, created) VALUES ('liaison-pl', '"
              + Store.sha256("tw_made-before")
              + "', CURRENT_TIMESTAMP)");
    }
    store.close();
    store = reopen();
    assertThat(store.token("tw_made-before"))
        .get()
        .extracting(Store.Token::scope)
        .isEqualTo(TokenScope.INGEST);
    assertThat(store.tokenName("tw_made-before")).contains("liaison-pl");
  }

  @Test
  void aRevokedTokenOpensNothingAndKeepsItsName() {
    String token = store.createToken("liaison-nl");
    store.createToken("liaison-be");

    java.time.Instant at = store.revokeToken("liaison-nl");

    assertThat(store.tokenName(token)).isEmpty();
    assertThat(store.revokeToken("liaison-nl")).isEqualTo(at); // the first revocation stands
    assertThat(store.tokens())
        .extracting(Store.Token::name, t -> t.revoked() != null)
        .contains(
            org.assertj.core.groups.Tuple.tuple("liaison-nl", true),
            org.assertj.core.groups.Tuple.tuple("liaison-be", false));
    assertThatThrownBy(() -> store.createToken("liaison-nl")).hasMessageContaining("not reused");
    assertThatThrownBy(() -> store.revokeToken("nobody")).hasMessage("no token named nobody");
  }

  /** The zones of an incident in 40 overlapping zones with ids of 48 characters. */
  static final String MANY_ZONES =
      String.join(",", java.util.Collections.nCopies(40, "z".repeat(48)));

  static final String LONGEST_RULE =
      new KnownFireArea(
              "a".repeat(KnownFireArea.MAX_ID_LENGTH),
              "test",
              30,
              50,
              31,
              51,
              LocalDate.of(2025, 1, 1),
              null)
          .rule();

  @Test
  void assessmentIsReplacedAsAWholeAndQueriedByFilters() {
    ingest(DAY_1);
    List<Store.StoredObservation> obs = store.observations();
    List<Rows.TermsFile> map =
        List.of(new Rows.TermsFile("maps/map.geojson", "control_map", new byte[] {1, 2, 3}));
    long termsId = store.putTerms("t.yaml", "truce: x\n", map);
    assertThat(store.putTerms("t.yaml", "truce: x\n", map)).isEqualTo(termsId);
    // the same text with another control map is other terms
    long otherMap =
        store.putTerms(
            "t.yaml",
            "truce: x\n",
            List.of(new Rows.TermsFile("maps/map.geojson", "control_map", new byte[] {4})));
    assertThat(otherMap).isNotEqualTo(termsId);
    long other = store.putTerms("u.yaml", "truce: y\n", map);
    assertThat(other).isNotEqualTo(termsId);
    assertThat(store.currentTerms()).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(other));

    // two incidents: one on occupied ground in the east, one elsewhere
    Rows.Incident east =
        new Rows.Incident(
            "inc-east",
            LocalDate.of(2025, 8, 11),
            Instant.parse("2025-08-11T00:10:00Z"),
            Instant.parse("2025-08-11T00:12:00Z"),
            48.0,
            37.9,
            2,
            0,
            "VIIRS/N20",
            false,
            true,
            "occupied",
            1200.0,
            "UA-14",
            "Donetsk Oblast",
            "donbas",
            "Donbas sector",
            "probable-violation");
    Rows.Incident west =
        new Rows.Incident(
            "inc-west",
            LocalDate.of(2025, 8, 11),
            Instant.parse("2025-08-11T11:00:00Z"),
            Instant.parse("2025-08-11T11:00:00Z"),
            49.8,
            24.0,
            1,
            0,
            "VIIRS/N20",
            false,
            false,
            "government_controlled",
            -700000.0,
            "UA-46",
            "Lviv Oblast",
            "",
            "",
            "background");
    List<Rows.Placement> placements = new ArrayList<>();
    for (Store.StoredObservation o : obs) {
      boolean isEast = o.observation().longitude() > 35;
      placements.add(
          new Rows.Placement(
              o.id(),
              LocalDate.of(2025, 8, 11),
              isEast ? "occupied" : "government_controlled",
              isEast ? 1000.0 : null,
              isEast ? "UA-14" : "UA-46",
              isEast ? "Donetsk Oblast" : "Lviv Oblast",
              isEast ? "donbas" : "",
              isEast ? "Donbas sector" : "",
              1,
              1,
              0.5,
              0.3,
              isEast,
              isEast ? "excess" : LONGEST_RULE,
              isEast ? "inc-east" : "inc-west"));
    }
    Rows.Finding f =
        new Rows.Finding(
            "inc-east/C1",
            "inc-east",
            "C1",
            "probable-violation",
            LocalDate.of(2025, 8, 11),
            east.first(),
            48.0,
            37.9,
            "occupied",
            "UA-14",
            "Donetsk Oblast",
            "donbas",
            "Donbas sector",
            MANY_ZONES,
            "Seen by one source.",
            "[]");
    store.replaceAssessment(
        new Rows.Assessment(
            termsId,
            1,
            "tw-fire-1",
            Instant.parse("2026-01-01T00:00:00Z"),
            "{\"a\":1}",
            "<html/>",
            "{}",
            Map.of(
                LocalDate.of(2025, 8, 11), "<p>day 11, first</p>",
                LocalDate.of(2025, 8, 12), "<p>day 12</p>"),
            Map.of(
                LocalDate.of(2025, 8, 11),
                revision("2026-01-01T00:00:00Z", 5, Map.of("probable-violation", 1)),
                LocalDate.of(2025, 8, 12),
                revision("2026-01-01T00:00:00Z", 3, Map.of())),
            placements,
            List.of(east, west),
            List.of(f),
            List.of()));
    store.replaceAssessment(
        new Rows.Assessment(
            termsId,
            1,
            "tw-fire-1",
            Instant.parse("2026-01-02T00:00:00Z"),
            "{\"a\":2}",
            "<html/>",
            "{}",
            Map.of(LocalDate.of(2025, 8, 11), "<p>day 11, " + "x".repeat(200_000) + "</p>"),
            Map.of(
                LocalDate.of(2025, 8, 11),
                revision("2026-01-02T00:00:00Z", 6, Map.of("violation", 1), 2)),
            placements,
            List.of(east, west),
            List.of(f),
            List.of()));

    assertThat(store.assessment())
        .hasValueSatisfying(
            a -> {
              assertThat(a.made()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
              assertThat(a.methodVersion()).isEqualTo("tw-fire-1");
            });
    assertThat(store.assessmentText(Store.Text.REPORT_JSON)).contains("{\"a\":2}");
    // the daily reports are the latest assessment's: a day it has not is gone with the one before
    assertThat(store.dayPage(LocalDate.of(2025, 8, 11)))
        .hasValueSatisfying(
            p -> {
              assertThat(p.substring(0, 14)).isEqualTo("<p>day 11, xxx");
              assertThat(p.length()).isEqualTo(200_015);
            });
    assertThat(store.dayPage(LocalDate.of(2025, 8, 12))).isEmpty();
    // the days' revisions are kept from one assessment to the next, each day's oldest first
    Map<LocalDate, List<DayRevision>> revisions = store.dayRevisions(termsId);
    assertThat(revisions).containsOnlyKeys(LocalDate.of(2025, 8, 11), LocalDate.of(2025, 8, 12));
    assertThat(revisions.get(LocalDate.of(2025, 8, 11)))
        .extracting(DayRevision::stated, DayRevision::detections)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-01-01T00:00:00Z"), 5),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-01-02T00:00:00Z"), 6));
    DayRevision revised = revisions.get(LocalDate.of(2025, 8, 11)).get(1);
    assertThat(revised).isEqualTo(revision("2026-01-02T00:00:00Z", 6, Map.of("violation", 1), 2));
    assertThat(revised.findings())
        .containsEntry("violation", 1)
        .containsEntry("probable-violation", 0)
        .hasSize(6);
    assertThat(revisions.get(LocalDate.of(2025, 8, 12))).hasSize(1);
    assertThat(store.dayRevisions(other)).isEmpty();
    // the terms in use are the assessment's, not the newest row
    assertThat(store.currentTerms())
        .hasValueSatisfying(
            t -> {
              assertThat(t.id()).isEqualTo(termsId);
              assertThat(t.yaml()).isEqualTo("truce: x\n");
              assertThat(t.files())
                  .singleElement()
                  .satisfies(
                      file -> {
                        assertThat(file.name()).isEqualTo("maps/map.geojson");
                        assertThat(file.kind()).isEqualTo("control_map");
                        assertThat(file.content()).containsExactly(1, 2, 3);
                      });
            });
    assertThat(store.counts()).containsEntry("incidents", 2L).containsEntry("findings", 1L);

    Features.Page all = store.query(Layer.INCIDENTS, Features.Filter.ALL, Audience.MISSION, 10, 0);
    assertThat(all.matched()).isEqualTo(2);
    assertThat(all.features())
        .extracting(Features.Feature::id)
        .containsExactly("inc-east", "inc-west");
    Features.Feature e = all.features().get(0);
    assertThat(e.properties())
        .containsEntry("verdict", "probable-violation")
        .containsEntry("first_time", Instant.parse("2025-08-11T00:10:00Z"))
        .containsEntry("report_day", LocalDate.of(2025, 8, 11))
        .containsEntry("war_related", true);

    Features.Filter bbox =
        new Features.Filter(
            null,
            null,
            null,
            new double[] {36, 47, 39, 49},
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    assertThat(store.query(Layer.INCIDENTS, bbox, Audience.MISSION, 10, 0).features())
        .extracting(Features.Feature::id)
        .containsExactly("inc-east");
    Features.Filter late = Features.Filter.ALL.during(Instant.parse("2025-08-11T06:00:00Z"), null);
    assertThat(store.query(Layer.INCIDENTS, late, Audience.MISSION, 10, 0).features())
        .extracting(Features.Feature::id)
        .containsExactly("inc-west");

    long eastObs = obs.stream().filter(o -> o.observation().longitude() > 35).count();
    Features.Filter occupied =
        new Features.Filter(null, null, null, null, null, null, "occupied", null, null, null, null);
    Features.Page page = store.query(Layer.OBSERVATIONS, occupied, Audience.MISSION, 5, 0);
    assertThat(page.matched()).isEqualTo(eastObs).isPositive();
    assertThat(page.features()).hasSize((int) Math.min(5, eastObs));
    assertThat(page.features().get(0).properties())
        .containsEntry("verdict", "probable-violation")
        .containsEntry("incident_id", "inc-east");
    Features.Filter verdict =
        new Features.Filter(
            null, null, null, null, "UA-14", null, null, "probable-violation", true, null, null);
    assertThat(store.query(Layer.OBSERVATIONS, verdict, Audience.MISSION, 1, 0).matched())
        .isEqualTo(eastObs);
    Features.Page second =
        store.query(Layer.OBSERVATIONS, Features.Filter.ALL, Audience.MISSION, 10, 10);
    assertThat(second.features().get(0).id())
        .isEqualTo(
            store
                .query(Layer.OBSERVATIONS, Features.Filter.ALL, Audience.MISSION, 11, 0)
                .features()
                .get(10)
                .id());

    // the longest rule (a known fire area with the longest id) is stored whole
    Features.Filter government =
        new Features.Filter(
            null, null, null, null, null, null, "government_controlled", null, null, null, null);
    assertThat(store.query(Layer.OBSERVATIONS, government, Audience.MISSION, 1, 0).features())
        .singleElement()
        .satisfies(x -> assertThat(x.properties()).containsEntry("rule", LONGEST_RULE));

    Features.Filter ofIncident =
        new Features.Filter(null, null, null, null, null, null, null, null, null, "inc-east", null);
    assertThat(store.query(Layer.FINDINGS, ofIncident, Audience.MISSION, 10, 0).features())
        .extracting(Features.Feature::id)
        .containsExactly("inc-east/C1");
    assertThat(store.query(Layer.OBSERVATIONS, ofIncident, Audience.MISSION, 1, 0).matched())
        .isEqualTo(eastObs);
    assertThat(store.feature(Layer.FINDINGS, "inc-east/C1", Audience.MISSION))
        .hasValueSatisfying(
            x ->
                assertThat(x.properties())
                    .containsEntry("reasoning", "Seen by one source.")
                    .containsEntry("zones", MANY_ZONES));
    // by monitoring sector: its id, or none for what lies in no sector
    Features.Filter donbas =
        new Features.Filter(null, null, null, null, null, "donbas", null, null, null, null, null);
    assertThat(store.query(Layer.INCIDENTS, donbas, Audience.MISSION, 10, 0).features())
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.properties())
                    .containsEntry("sector_id", "donbas")
                    .containsEntry("sector", "Donbas sector"));
    assertThat(store.query(Layer.OBSERVATIONS, donbas, Audience.MISSION, 1, 0).matched())
        .isEqualTo(eastObs);
    assertThat(store.query(Layer.FINDINGS, donbas, Audience.MISSION, 10, 0).features())
        .extracting(Features.Feature::id)
        .containsExactly("inc-east/C1");
    Features.Filter noSector =
        new Features.Filter(
            null, null, null, null, null, Features.NO_SECTOR, null, null, null, null, null);
    assertThat(store.query(Layer.INCIDENTS, noSector, Audience.MISSION, 10, 0).features())
        .extracting(Features.Feature::id)
        .containsExactly("inc-west");
    assertThat(store.query(Layer.OBSERVATIONS, noSector, Audience.MISSION, 1, 0).matched())
        .isEqualTo(obs.size() - eastObs);
    assertThat(store.query(Layer.FINDINGS, noSector, Audience.MISSION, 10, 0).matched()).isZero();
    assertThat(store.feature(Layer.INCIDENTS, "nope", Audience.MISSION)).isEmpty();
    assertThat(store.feature(Layer.OBSERVATIONS, "x1", Audience.MISSION)).isEmpty();
  }

  /** An incident at 48.5° N 37.25° E on 16 August 2025 at 21:40 UTC (report day 17 August). */
  static Rows.Incident incident(int detections, int reports, String sources, String verdict) {
    return incident("inc-1", detections, reports, sources, verdict);
  }

  /** {@link #incident(int, int, String, String)} as incident {@code id}. */
  static Rows.Incident incident(
      String id, int detections, int reports, String sources, String verdict) {
    Instant at = Instant.parse("2025-08-16T21:40:00Z");
    return new Rows.Incident(
        id,
        LocalDate.of(2025, 8, 17),
        at,
        at,
        48.5,
        37.25,
        detections,
        reports,
        sources,
        sources.contains(","),
        detections > 0,
        "occupied",
        900.0,
        "UA-14",
        "Donetsk Oblast",
        "",
        "",
        verdict);
  }

  /** The finding of clause C2 on {@link #incident}, with its evidence rows as JSON. */
  static Rows.Finding finding(String verdict, String reasoning, String evidence) {
    return finding("inc-1", verdict, reasoning, evidence);
  }

  /** {@link #finding(String, String, String)} of incident {@code incidentId}. */
  static Rows.Finding finding(
      String incidentId, String verdict, String reasoning, String evidence) {
    Rows.Incident i = incident(0, 1, "", verdict);
    return new Rows.Finding(
        incidentId + "/C2",
        incidentId,
        "C2",
        verdict,
        i.reportDay(),
        i.first(),
        i.latitude(),
        i.longitude(),
        i.side(),
        i.oblastCode(),
        i.oblast(),
        i.sectorId(),
        i.sector(),
        "buffer",
        reasoning,
        evidence);
  }

  /** The evidence rows of finding {@code inc-1/C2} as {@code reader} is served them, as JSON. */
  private String evidenceTo(Audience reader) {
    return store
        .feature(Layer.FINDINGS, "inc-1/C2", reader)
        .orElseThrow()
        .properties()
        .get("evidence")
        .toString();
  }

  /** An assessment of these incidents, findings and sources' records alone, made in 2026. */
  static Rows.Assessment assessed(
      long termsId,
      List<Rows.Incident> incidents,
      List<Rows.Finding> findings,
      List<SourceRecord> sources) {
    return new Rows.Assessment(
        termsId,
        1,
        "tw-fire-7",
        Instant.parse("2026-01-01T00:00:00Z"),
        "{}",
        "<html/>",
        "{}",
        Map.of(),
        Map.of(),
        List.of(),
        incidents,
        findings,
        sources);
  }

  /** An assessment that holds nothing but {@code revisions}, made at {@code made}. */
  static Rows.Assessment versionsOnly(
      long termsId, String made, Map<LocalDate, DayRevision> revisions) {
    return new Rows.Assessment(
        termsId,
        1,
        "tw-fire-1",
        Instant.parse(made),
        "{}",
        "<html/>",
        "{}",
        Map.of(),
        revisions,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void aDaysVersionIsAddedOnlyWhenItDiffersFromTheNewestKept() {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    LocalDate day = LocalDate.of(2025, 8, 11);
    String t1 = "2026-01-01T00:00:00Z";
    String t2 = "2026-01-02T00:00:00Z";
    String t3 = "2026-01-03T00:00:00Z";
    store.replaceAssessment(versionsOnly(termsId, t1, Map.of(day, revision(t1, 5, Map.of()))));
    // the same figures again, as from a process that read the versions before this one was added
    store.replaceAssessment(versionsOnly(termsId, t2, Map.of(day, revision(t2, 5, Map.of()))));
    assertThat(store.dayRevisions(termsId).get(day))
        .extracting(DayRevision::stated)
        .containsExactly(Instant.parse(t1));
    store.replaceAssessment(versionsOnly(termsId, t3, Map.of(day, revision(t3, 7, Map.of()))));
    assertThat(store.dayRevisions(termsId).get(day))
        .extracting(DayRevision::detections)
        .containsExactly(5, 7);
  }

  @Test
  void aDaysVersionKeepsItsCountsByAreaAndIsAddedWhenOnlyTheyChange() throws Exception {
    long termsId = store.putTerms("t.yaml", "truce: x\n", List.of());
    LocalDate day = LocalDate.of(2025, 8, 11);
    String t0 = "2026-01-01T00:00:00Z";
    String t1 = "2026-01-02T00:00:00Z";
    String t2 = "2026-01-03T00:00:00Z";
    String t3 = "2026-01-04T00:00:00Z";
    PeriodReport.Part donetsk = new PeriodReport.Part("Donetsk Oblast", 5, 2, 1, 1, 0);
    PeriodReport.Part one = new PeriodReport.Part("Sector North", 5, 2, 1, 1, 0);
    PeriodReport.Part noIncident = new PeriodReport.Part("Sector North", 5, 2, 1, 0, 0);
    PeriodReport.Part moved = new PeriodReport.Part("Sector South", 0, 0, 0, 1, 0);
    DayRevision.Areas before =
        new DayRevision.Areas(
            Map.of(), Map.of("UA-14", donetsk), new LinkedHashMap<>(Map.of("north", one)));
    LinkedHashMap<String, PeriodReport.Part> after = new LinkedHashMap<>();
    after.put("north", noIncident);
    after.put("south", moved);
    // a version kept before the versions kept their counts by area (migration 21)
    store.replaceAssessment(
        versionsOnly(termsId, t0, Map.of(day, revision(t0, 5, Map.of()).withAreas(before))));
    Database db = store.database();
    try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        var s = c.createStatement()) {
      TestDatabases.undoMigration21(s);
    }
    store.close();
    store = reopen();
    assertThat(store.dayRevisions(termsId).get(day).get(0).areas()).isNull();
    store.replaceAssessment(
        versionsOnly(termsId, t1, Map.of(day, revision(t1, 5, Map.of()).withAreas(before))));
    // not a new version: the one kept has no counts by area to compare
    assertThat(store.dayRevisions(termsId).get(day)).hasSize(1);
    store.replaceAssessment(
        versionsOnly(termsId, t2, Map.of(day, revision(t2, 7, Map.of()).withAreas(before))));
    DayRevision.Areas now = new DayRevision.Areas(Map.of(), Map.of("UA-14", donetsk), after);
    store.replaceAssessment(
        versionsOnly(termsId, t3, Map.of(day, revision(t3, 7, Map.of()).withAreas(now))));
    List<DayRevision> kept = store.dayRevisions(termsId).get(day);
    assertThat(kept)
        .extracting(DayRevision::stated)
        .containsExactly(Instant.parse(t0), Instant.parse(t2), Instant.parse(t3));
    assertThat(kept.get(0).areas()).isNull();
    assertThat(kept.get(1).areas()).isEqualTo(before);
    assertThat(kept.get(2).areas()).isEqualTo(now);
    // read back in their order, the sectors in the terms' order
    assertThat(kept.get(2).areas().bySector())
        .containsExactly(Map.entry("north", noIncident), Map.entry("south", moved));
    assertThat(kept.get(2).areasChangedFrom(kept.get(1)).orElseThrow())
        .containsExactly("Sector North", "Sector South");
  }

  /** A report day's figures, stated at {@code at} by tw-fire-1 after ingest 1. */
  static DayRevision revision(String at, int detections, Map<String, Integer> findings) {
    return revision(at, detections, findings, 0);
  }

  /** The same with {@code reports} surveillance reports of the day. */
  static DayRevision revision(
      String at, int detections, Map<String, Integer> findings, int reports) {
    Map<String, Integer> all = new java.util.LinkedHashMap<>();
    for (org.trucewatch.assessment.Verdict v : org.trucewatch.assessment.Verdict.values()) {
      all.put(v.key(), findings.getOrDefault(v.key(), 0));
    }
    return new DayRevision(
        Instant.parse(at), "tw-fire-1", 1, "observed", detections, 2, 1, 4, all, reports, null);
  }
}
