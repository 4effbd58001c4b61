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

  @org.junit.jupiter.api.Test
  void anIngestWhoseRowTheDatabaseRefusesIsLoggedWithTheDatabasesReason() throws Exception {
    // a file that no other test of the class ingests: its rows are new to the store, which the
    // tests share
    String name = "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025228.txt.csv.gz";
    org.assertj.core.api.Assertions.assertThat(Fixture.FILES).doesNotContain(name);
    byte[] body = java.nio.file.Files.readAllBytes(Fixture.FIRMS.resolve(name));
    // a rule of the database's own (here one added for the test) that a row of the file breaks;
    // NOT VALID, as the rows the store holds already are not checked
    TestDatabases.execute(
        "ALTER TABLE "
            + schema
            + ".observations ADD CONSTRAINT south_only CHECK (latitude < 47) NOT VALID");
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    java.util.Map<String, Long> before = store.counts();
    java.net.http.HttpResponse<String> refused;
    try {
      System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
      refused = Fixture.post(base + "/api/v1/ingest?name=" + name, token, body);
    } finally {
      System.setErr(stderr);
      TestDatabases.execute("ALTER TABLE " + schema + ".observations DROP CONSTRAINT south_only");
    }
    org.assertj.core.api.Assertions.assertThat(refused.statusCode()).isEqualTo(500);
    org.assertj.core.api.Assertions.assertThat(
            log.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains(
            "request POST /api/v1/ingest failed: the database refused a row: ERROR: new row for"
                + " relation \"observations\" violates check constraint \"south_only\"");
    org.assertj.core.api.Assertions.assertThat(store.counts()).isEqualTo(before);
  }

  @Override
  void closeStore() {
    super.closeStore();
    TestDatabases.drop(schema);
  }
}
