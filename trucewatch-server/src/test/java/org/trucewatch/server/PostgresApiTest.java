package org.trucewatch.server;

import org.junit.jupiter.api.DisplayName;
import org.trucewatch.store.Store;
import org.trucewatch.store.TestDatabases;

/** The API over PostgreSQL with PostGIS. */
@DisplayName(
    "API on PostgreSQL+PostGIS (skipped outside CI when no server answers at TRUCEWATCH_TEST_PG)")
class PostgresApiTest extends ApiContract {
  private String schema;

  @Override
  Store openStore() {
    schema = TestDatabases.freshSchema();
    return Store.open(TestDatabases.urlFor(schema));
  }

  @Override
  void closeStore() {
    super.closeStore();
    TestDatabases.drop(schema);
  }
}
