package org.trucewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL with PostGIS, each test in a schema of its own. The server is
 * named by {@code TRUCEWATCH_TEST_PG} (default: the one {@code .ci/postgres} creates). Under CI
 * ({@code CI=true}) a missing server fails the tests; elsewhere they are skipped, as the name says.
 */
@DisplayName(
    "store on PostgreSQL+PostGIS (skipped outside CI when no server answers at TRUCEWATCH_TEST_PG)")
class PostgresStoreTest extends StoreContract {
  static final String URL =
      System.getenv()
          .getOrDefault(
              "TRUCEWATCH_TEST_PG",
              "postgresql://trucewatch:trucewatch@127.0.0.1:5432/trucewatch_test");

  private String schema;

  /** A schema of its own on the test server, or a skip (outside CI) when there is no server. */
  static String freshSchema() {
    Database db = Database.parse(URL);
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
      if (ci) {
        throw new AssertionError(
            "CI needs PostgreSQL at " + db.display() + ": " + e.getMessage(), e);
      }
      Assumptions.abort(
          "no PostgreSQL at " + db.display() + " (run .ci/postgres): " + e.getMessage());
    }
    return schema;
  }

  static String urlFor(String schema) {
    return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
  }

  static void drop(String schema) {
    Database db = Database.parse(URL);
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  Store openEmpty() {
    schema = freshSchema();
    return Store.open(urlFor(schema));
  }

  @Override
  Store reopen() {
    return Store.open(urlFor(schema));
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      store.close();
      store = null;
      drop(schema);
    }
  }

  @Test
  void pointsAreIndexedPostgisGeometries() throws SQLException {
    ingest(DAY_1);
    Database db = Database.parse(urlFor(schema));
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
}
