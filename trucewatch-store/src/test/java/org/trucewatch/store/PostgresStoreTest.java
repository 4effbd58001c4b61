package org.trucewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
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
}
