package org.trucewatch.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use, named by {@code TRUCEWATCH_TEST_PG} (default: the one {@code
 * .ci/postgres} creates). Each test takes a schema of its own. Under CI ({@code CI=true}) a missing
 * server fails the test; elsewhere the test is skipped (the tests' names say so).
 */
public final class TestDatabases {
  public static final String URL =
      System.getenv()
          .getOrDefault(
              "TRUCEWATCH_TEST_PG",
              "postgresql://trucewatch:trucewatch@127.0.0.1:5432/trucewatch_test");

  private TestDatabases() {}

  /**
   * Undoes, on a store's connection, the migrations after 3 (4 only rekeys rows), so that the next
   * open migrates a store of schema version 3, as one made before them.
   */
  public static void undoMigrationsAfter3(Statement s) throws SQLException {
    undoMigration10(s);
    s.executeUpdate("ALTER TABLE tokens DROP COLUMN revoked");
    s.executeUpdate("ALTER TABLE tokens DROP COLUMN scope");
    s.executeUpdate("ALTER TABLE ingests DROP COLUMN outside_area");
    s.executeUpdate("DROP TABLE assessment_days");
    s.executeUpdate("DROP TABLE day_revisions");
    s.executeUpdate(
        "DELETE FROM \"flyway_schema_history\" WHERE \"version\" IN ('4', '5', '6', '7', '8', '9')");
  }

  /**
   * Takes a store back to before migration 10 (surveillance reports), so that a test can take it
   * further back; the wider source key may stay, migration 10 widens it again.
   */
  public static void undoMigration10(Statement s) throws SQLException {
    undoMigration11(s);
    s.executeUpdate("DROP TABLE surveillance_reports");
    s.executeUpdate("ALTER TABLE incidents DROP COLUMN reports");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '10'");
  }

  /** Takes a store back to before migration 25 (superseded findings). */
  public static void undoMigration25(Statement s) throws SQLException {
    s.executeUpdate("DROP TABLE superseded_findings");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '25'");
  }

  /** Takes a store back to before migration 24 (a token's rotation). */
  public static void undoMigration24(Statement s) throws SQLException {
    undoMigration25(s);
    s.executeUpdate("ALTER TABLE tokens DROP COLUMN rotated");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '24'");
  }

  /** Takes a store back to before migration 23 (a token's expiry). */
  public static void undoMigration23(Statement s) throws SQLException {
    undoMigration24(s);
    s.executeUpdate("ALTER TABLE tokens DROP COLUMN expires");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '23'");
  }

  /** Takes a store back to before migration 22 (analysts' reviews of findings). */
  public static void undoMigration22(Statement s) throws SQLException {
    undoMigration23(s);
    s.executeUpdate("DROP TABLE finding_reviews");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '22'");
  }

  /** Takes a store back to before migration 21 (each version of a day keeps its counts by area). */
  public static void undoMigration21(Statement s) throws SQLException {
    undoMigration22(s);
    s.executeUpdate("ALTER TABLE day_revisions DROP COLUMN areas");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '21'");
  }

  /** Takes a store back to before migration 20 (which process holds each receiver's place). */
  public static void undoMigration20(Statement s) throws SQLException {
    undoMigration21(s);
    s.executeUpdate("ALTER TABLE alert_places DROP COLUMN holder");
    s.executeUpdate("ALTER TABLE alert_places DROP COLUMN held_until");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '20'");
  }

  /**
   * Takes a store back to before migration 19 (the log of statements; the places of webhooks and
   * e-mail receivers beside those of the hubs).
   */
  public static void undoMigration19(Statement s) throws SQLException {
    undoMigration20(s);
    s.executeUpdate("DROP TABLE statements");
    s.executeUpdate("DELETE FROM alert_places WHERE channel <> 'cap'");
    s.executeUpdate("ALTER TABLE alert_places DROP COLUMN channel");
    s.executeUpdate("ALTER TABLE alert_places RENAME TO alert_pushes");
    for (String[] c :
        new String[][] {
          {"receiver_key", "hub_key"}, {"receiver", "hub"}, {"placed_at", "pushed_at"}
        }) {
      s.executeUpdate("ALTER TABLE alert_pushes RENAME COLUMN " + c[0] + " TO " + c[1]);
    }
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '19'");
  }

  /** Takes a store back to before migration 18 (the order of the log and the hubs' places). */
  public static void undoMigration18(Statement s) throws SQLException {
    undoMigration19(s);
    s.executeUpdate("DROP TABLE alert_pushes");
    s.executeUpdate("DROP INDEX alert_messages_seq");
    s.executeUpdate("DROP INDEX findings_alert_identifier");
    s.executeUpdate("ALTER TABLE alert_messages DROP COLUMN seq");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '18'");
  }

  /** Takes a store back to before migration 17 (the log of alert messages). */
  public static void undoMigration17(Statement s) throws SQLException {
    undoMigration18(s);
    s.executeUpdate("DROP TABLE alert_messages");
    s.executeUpdate("ALTER TABLE findings DROP COLUMN alert_identifier");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '17'");
  }

  /** Takes a store back to before migration 16 (the monitoring sectors of placed rows). */
  public static void undoMigration16(Statement s) throws SQLException {
    undoMigration17(s);
    for (String table : new String[] {"placements", "incidents", "findings"}) {
      s.executeUpdate("ALTER TABLE " + table + " DROP COLUMN sector_id");
      s.executeUpdate("ALTER TABLE " + table + " DROP COLUMN sector");
    }
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '16'");
  }

  /** Takes a store back to before migration 15 (the sources' watch logs). */
  public static void undoMigration15(Statement s) throws SQLException {
    undoMigration16(s);
    s.executeUpdate("DROP TABLE source_watches");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '15'");
  }

  /** Takes a store back to before migration 14 (the sources' records). */
  public static void undoMigration14(Statement s) throws SQLException {
    undoMigration15(s);
    s.executeUpdate("DROP TABLE source_records");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '14'");
  }

  /** Takes a store back to before migration 13 (the changes of reports' releases). */
  public static void undoMigration13(Statement s) throws SQLException {
    undoMigration14(s);
    s.executeUpdate("DROP TABLE report_releases");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '13'");
  }

  /** Takes a store back to before migration 12 (the count of reports in each day's versions). */
  public static void undoMigration12(Statement s) throws SQLException {
    undoMigration13(s);
    s.executeUpdate("ALTER TABLE day_revisions DROP COLUMN reports");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '12'");
  }

  /** Takes a store back to before migration 11 (releasability and the member state of tokens). */
  public static void undoMigration11(Statement s) throws SQLException {
    undoMigration12(s);
    s.executeUpdate("ALTER TABLE surveillance_reports DROP COLUMN releasable_to");
    s.executeUpdate("ALTER TABLE tokens DROP COLUMN member_state");
    s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '11'");
  }

  /** Creates an empty schema on the test server and returns its name (or skips, see above). */
  public static String freshSchema() {
    Database db = Database.parse(URL);
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(
            "CI needs PostgreSQL at " + db.display() + ": " + e.getMessage(), e);
      }
      Assumptions.abort(
          "no PostgreSQL at " + db.display() + " (run .ci/postgres): " + e.getMessage());
    }
    return schema;
  }

  /** The {@code --db} URL whose tables go into the schema (PostGIS stays in public). */
  public static String urlFor(String schema) {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
  }

  /** Drops a schema made by {@link #freshSchema}. */
  public static void drop(String schema) {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /**
   * Runs one SQL statement on the test server, such as a rule of the database's own added to a
   * schema made by {@link #freshSchema} for a test.
   */
  public static void execute(String sql) {
    Database db = Database.parse(URL);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
