package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Database;
import org.trucewatch.store.Store;

/**
 * A store made before row keys ignored the time format may hold one detection twice (from a file
 * with {@code HH:MM:SS} times and one with {@code HHMM}); the assessment counts it once.
 */
class MonitorDuplicatesTest {
  @Test
  void aDetectionStoredTwiceIsAssessedOnce(@TempDir Path tmp) throws Exception {
    String db = tmp.resolve("db").toString();
    long[] before;
    try (Store store = Store.open(db)) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      String f = Fixture.FILES.get(0);
      m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
      before = placements(store.database());
      assertThat(before[0]).isEqualTo(store.counts().get("observations"));

      // every stored detection a second time, with HHMM times, as a store made before migration 4
      // could hold them; the migration then runs again on the next start
      try (Connection c = connect(store.database());
          Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO observations (row_key, ingest_id, file_name, line, content_sha256,"
                + " latitude, longitude, acquired, time_precision, instrument, satellite,"
                + " confidence, confidence_pct, brightness_k, frp_mw, scan_km, track_km, daynight,"
                + " fire_type) SELECT CONCAT('copy-', CAST(id AS VARCHAR(20))), ingest_id,"
                + " 'resent.csv', line, content_sha256, latitude, longitude, acquired, 'MINUTE',"
                + " instrument, satellite, confidence, confidence_pct, brightness_k, frp_mw,"
                + " scan_km, track_km, daynight, fire_type FROM observations");
        // a store of schema version 3, as before migration 4
        org.trucewatch.store.TestDatabases.undoMigrationsAfter3(s);
      }
    }
    try (Store store = Store.open(db)) {
      assertThat(store.counts().get("observations")).isEqualTo(2 * before[0]);
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      assertThat(m.useStoredTerms()).isTrue();
      m.refresh();

      // the same placements, counts and incidents: the copies are left out
      assertThat(placements(store.database())).containsExactly(before);
    }
  }

  private static Connection connect(Database db) throws Exception {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  /** Placements, the sum of their cell-day counts, war-related ones, distinct incidents. */
  private static long[] placements(Database db) throws Exception {
    try (Connection c = connect(db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), SUM(cell_day_count),"
                    + " SUM(CASE WHEN war_related THEN 1 ELSE 0 END), COUNT(DISTINCT incident_id)"
                    + " FROM placements")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
    }
  }
}
