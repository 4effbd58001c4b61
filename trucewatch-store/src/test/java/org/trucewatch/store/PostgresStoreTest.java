package org.trucewatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.run.DayRevision;
import org.trucewatch.sources.firms.FirmsReader;

/**
 * The store contract on PostgreSQL with PostGIS, each test in a schema of its own. The server is
 * named by {@code TRUCEWATCH_TEST_PG} (default: the one {@code .ci/postgres} creates). Under CI
 * ({@code CI=true}) a missing server fails the tests; elsewhere they are skipped, as the name says.
 */
@DisplayName(
    "store on PostgreSQL+PostGIS (skipped outside CI when no server answers at TRUCEWATCH_TEST_PG)")
class PostgresStoreTest extends StoreContract {
  private String schema;

  @Override
  Store openEmpty() {
    schema = TestDatabases.freshSchema();
    return Store.open(TestDatabases.urlFor(schema));
  }

  @Override
  Store reopen() {
    return Store.open(TestDatabases.urlFor(schema));
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      store.close();
      store = null;
      TestDatabases.drop(schema);
    }
  }

  @Test
  void migratingADatabaseThatHasPostgisLogsNoWarning() {
    // .ci/postgres creates the extension, as an operator without superuser rights must have it
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    String fresh = TestDatabases.freshSchema();
    try {
      System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
      try (Store s = Store.open(TestDatabases.urlFor(fresh))) {
        assertThat(s.counts()).containsEntry("observations", 0L);
      }
    } finally {
      System.setErr(stderr);
      TestDatabases.drop(fresh);
    }
    assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("Successfully applied")
        .doesNotContain("WARN")
        .doesNotContain("already exists");
  }

  @Test
  void aUrlWithoutThePasswordTakesItFromThePasswordFile(@TempDir java.nio.file.Path tmp)
      throws Exception {
    Database full = Database.parse(TestDatabases.URL);
    assertThat(full.password()).as("the test server's URL names a password").isNotEmpty();
    // the password kept off the command line (where ps shows it), as libpq's tools keep it
    String bare =
        TestDatabases.urlFor(schema).replaceFirst("^(postgres(?:ql)?://[^:@/]+):[^@]*@", "$1@");
    assertThat(bare).doesNotContain(":" + full.password() + "@");
    assertThat(Database.parse(bare).password()).isNull();
    java.nio.file.Path file = tmp.resolve("pgpass");
    java.nio.file.Files.writeString(
        file,
        "*:*:*:"
            + full.user()
            + ":"
            + full.password().replace("\\", "\\\\").replace(":", "\\:")
            + "\n",
        java.nio.charset.StandardCharsets.UTF_8);
    String property = "org.postgresql.pgpassfile";
    try {
      System.setProperty(property, file.toString());
      try (Store s = Store.open(bare)) {
        assertThat(s.counts()).containsEntry("observations", 0L);
      }
      // without a matching line the server refuses, and the message says so
      java.nio.file.Files.writeString(file, "", java.nio.charset.StandardCharsets.UTF_8);
      assertThatThrownBy(() -> Store.open(bare).close())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("password");
    } finally {
      System.clearProperty(property);
    }
  }

  @Test
  void aPostgresqlStoreIsBackedUpWithPostgresqlsOwnTools(@TempDir java.nio.file.Path tmp) {
    assertThatThrownBy(() -> store.backupTo(tmp.resolve("backup.zip")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("pg_dump");
    assertThat(tmp.resolve("backup.zip")).doesNotExist();
  }

  @Test
  void pointsAreIndexedPostgisGeometries() throws SQLException {
    ingest(DAY_1);
    Database db = Database.parse(TestDatabases.urlFor(schema));
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT COUNT(*), MIN(ST_SRID(geom)), MIN(GeometryType(geom)),"
                    + " BOOL_AND(ST_X(geom) = longitude AND ST_Y(geom) = latitude)"
                    + " FROM observations")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(store.counts().get("observations")).isPositive();
      assertThat(rs.getInt(2)).isEqualTo(4326);
      assertThat(rs.getString(3).toUpperCase(Locale.ROOT)).isEqualTo("POINT");
      assertThat(rs.getBoolean(4)).isTrue();
    }
    assertThat(store.database().dialect()).isEqualTo(Database.Dialect.POSTGRESQL);
  }

  /**
   * Two stores on one database, as two server processes: the second ingest of the same rows starts
   * while the first holds its transaction open, waits in the database, and after the first commits
   * stores nothing twice.
   */
  private Rows.IngestOutcome[] race(java.nio.file.Path secondFile) throws Exception {
    FirmsReader.Result r = FirmsReader.read(BIG);
    FirmsReader.Result r2 = FirmsReader.read(secondFile);
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Store other = Store.open(TestDatabases.urlFor(schema))) {
      Future<Rows.IngestOutcome> first =
          pool.submit(
              () ->
                  store.ingest(
                      request(BIG, r, "a"),
                      r.observations(),
                      rows -> {
                        written.countDown();
                        try {
                          release.await();
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                      }));
      assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
      Future<Rows.IngestOutcome> second =
          pool.submit(
              () ->
                  other.ingest(
                      request(secondFile, r2, "b"), r2.observations(), Store.IngestListener.NONE));
      awaitLockWait();
      release.countDown();
      return new Rows.IngestOutcome[] {
        first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS)
      };
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until a session of the test database waits for a lock (the second ingest). */
  private void awaitLockWait() throws Exception {
    Database db = Database.parse(TestDatabases.urlFor(schema));
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      for (int i = 0; i < 300; i++) {
        try (var rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError("the second ingest never waited for the first");
  }

  @Test
  void anAssessmentWaitsForAnotherProcessesAndAddsItsDaysVersionsAfterThose() throws Exception {
    long termsId = store.putTerms("t.yaml", "truce: x\n", java.util.List.of());
    java.time.LocalDate same = java.time.LocalDate.of(2025, 8, 11);
    java.time.LocalDate other = java.time.LocalDate.of(2025, 8, 12);
    String insert =
        "INSERT INTO day_revisions (terms_id, report_day, revision, stated, method_version,"
            + " last_ingest_id, coverage, detections, war_related, in_buffer, incidents, violation,"
            + " probable_violation, possible, background, out_of_scope, inconclusive) VALUES ("
            + termsId
            + ", DATE '%s', 1, TIMESTAMPTZ '2026-01-01 00:00:00+00', 'tw-fire-1', 1, 'observed', %d, 2, 1,"
            + " 4, 0, 0, 0, 0, 0, 0)";
    Database db = Database.parse(TestDatabases.urlFor(schema));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      // another server process writing its assessment: it holds the lock and has added the first
      // version of two days
      c.setAutoCommit(false);
      s.executeQuery("SELECT pg_advisory_xact_lock(" + Store.ASSESSMENT_LOCK + ")").close();
      s.executeUpdate(String.format(Locale.ROOT, insert, same, 5));
      s.executeUpdate(String.format(Locale.ROOT, insert, other, 3));
      String at = "2026-01-02T00:00:00Z";
      Future<?> mine =
          pool.submit(
              () ->
                  store.replaceAssessment(
                      versionsOnly(
                          termsId,
                          at,
                          java.util.Map.of(
                              same,
                              revision(at, 5, java.util.Map.of()),
                              other,
                              revision(at, 6, java.util.Map.of())))));
      awaitLockWait();
      c.commit();
      mine.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    var versions = store.dayRevisions(termsId);
    // the same figures are not stated twice; other figures are the second version
    assertThat(versions.get(same)).extracting(DayRevision::detections).containsExactly(5);
    assertThat(versions.get(other)).extracting(DayRevision::detections).containsExactly(3, 6);
  }

  @Test
  void anAssessmentTellsItsNewViolationsByTheOneThatAnotherProcessWroteJustBefore()
      throws Exception {
    long termsId = store.putTerms("t.yaml", "truce: x\n", java.util.List.of());
    Rows.Incident incident = incident(1, 2, "VIIRS/N20", "possible");
    store.replaceAssessment(
        assessed(
            termsId,
            java.util.List.of(incident),
            java.util.List.of(finding("possible", "", "[]")),
            java.util.List.of()));
    Database db = Database.parse(TestDatabases.urlFor(schema));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      // another server process writing its assessment, in which the finding is a violation
      c.setAutoCommit(false);
      s.executeQuery("SELECT pg_advisory_xact_lock(" + Store.ASSESSMENT_LOCK + ")").close();
      s.executeUpdate(
          "UPDATE findings SET verdict = 'violation', evidence = '[{\"sha256\":\"x1\"}]'");
      Future<java.util.Set<String>> mine =
          pool.submit(
              () ->
                  store
                      .replaceAssessment(
                          assessed(
                              termsId,
                              java.util.List.of(incident),
                              java.util.List.of(finding("violation", "", "[{\"sha256\":\"x1\"}]")),
                              java.util.List.of()))
                      .seriousBefore());
      awaitLockWait();
      c.commit();
      // this one's violation was stated by the other process's assessment: not new
      assertThat(mine.get(60, TimeUnit.SECONDS)).containsExactly("x1");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameFileFromTwoProcessesAtOnceIsStoredOnce() throws Exception {
    Rows.IngestOutcome[] out = race(BIG);

    assertThat(out[0].alreadyIngested()).isFalse();
    assertThat(out[1].alreadyIngested()).isTrue();
    assertThat(out[1].ingest().id()).isEqualTo(out[0].ingest().id());
    assertThat(store.counts())
        .containsEntry("ingests", 1L)
        .containsEntry("observations", out[0].ingest().stored());
  }

  @Test
  void theSameRowsFromTwoProcessesAtOnceAreStoredOnce(@TempDir java.nio.file.Path tmp)
      throws Exception {
    java.nio.file.Path copy = tmp.resolve("resent.csv");
    try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(BIG))) {
      java.nio.file.Files.write(copy, in.readAllBytes());
    }
    Rows.IngestOutcome[] out = race(copy);

    assertThat(out[1].alreadyIngested()).isFalse();
    assertThat(out[1].ingest().stored()).isZero();
    assertThat(out[1].ingest().duplicates()).isEqualTo(out[0].ingest().stored());
    assertThat(store.counts())
        .containsEntry("ingests", 2L)
        .containsEntry("observations", out[0].ingest().stored());
  }
}
