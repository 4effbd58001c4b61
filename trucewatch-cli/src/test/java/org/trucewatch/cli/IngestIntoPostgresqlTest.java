package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trucewatch.store.Store;
import org.trucewatch.store.TestDatabases;

/** {@code ingest} into a PostgreSQL store when the database refuses a row. */
class IngestIntoPostgresqlTest {
  private static final Path DAY =
      ServeCommandTest.FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz");

  private String schema;

  @AfterEach
  void drop() {
    if (schema != null) {
      TestDatabases.drop(schema);
    }
  }

  @Test
  void
      aRowTheDatabaseRefusesIsReportedWithTheDatabasesReasonAndNothingIsStored_skippedOutsideCiWhenNoServerAnswersAtTRUCEWATCH_TEST_PG()
          throws Exception {
    schema = TestDatabases.freshSchema();
    String db = TestDatabases.urlFor(schema);
    Store.open(db).close();
    // a rule of the database's own (here one added for the test) that a row of the file breaks
    TestDatabases.execute(
        "ALTER TABLE " + schema + ".observations ADD CONSTRAINT south_only CHECK (latitude < 47)");

    CliTest.Run refused = CliTest.run("ingest", "--db", db, DAY.toString());
    assertThat(refused.code()).isEqualTo(1);
    // the reason stands in the line, not the statement with the row's values before it
    assertThat(refused.err())
        .contains(
            "error: the database refused a row: ERROR: new row for relation \"observations\""
                + " violates check constraint \"south_only\"")
        .doesNotContain("INSERT INTO");
    try (Store s = Store.open(db)) {
      assertThat(s.counts()).containsEntry("observations", 0L).containsEntry("ingests", 0L);
    }

    // nothing half-written: once the rule is gone, the same file is taken whole
    TestDatabases.execute("ALTER TABLE " + schema + ".observations DROP CONSTRAINT south_only");
    CliTest.Run taken = CliTest.run("ingest", "--db", db, DAY.toString());
    assertThat(taken.code()).as(taken.err()).isZero();
    try (Store s = Store.open(db)) {
      assertThat(s.counts().get("observations")).isGreaterThan(100L);
      assertThat(s.counts()).containsEntry("ingests", 1L);
    }
  }
}
