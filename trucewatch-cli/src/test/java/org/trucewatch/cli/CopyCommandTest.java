package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.observation.Audience;
import org.trucewatch.store.Database;
import org.trucewatch.store.Features;
import org.trucewatch.store.Layer;
import org.trucewatch.store.Store;
import org.trucewatch.store.StoreCopy;
import org.trucewatch.store.TestDatabases;

/**
 * {@code copy} of a store that holds real FIRMS files, surveillance reports of restricted release,
 * their assessment, a token and an analyst's review: from the embedded store into PostgreSQL and
 * back, each copy the store it was made from, and a store that goes on from where it was.
 */
class CopyCommandTest {
  private static final Path DAY =
      ServeCommandTest.FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz");
  private static final Path NEXT_DAY =
      ServeCommandTest.FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025227.txt.csv.gz");
  private static final String TERMS =
      DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString();

  private final java.util.List<String> schemas = new java.util.ArrayList<>();

  @AfterEach
  void dropSchemas() {
    schemas.forEach(TestDatabases::drop);
  }

  private String pg() {
    String schema = TestDatabases.freshSchema();
    schemas.add(schema);
    return TestDatabases.urlFor(schema);
  }

  /** An embedded store with two kinds of input assessed, a token and a review. */
  private static String filled(Path dir) throws Exception {
    String db = dir.resolve("store").toString();
    Path reports = dir.resolve("reports.csv");
    Files.writeString(
        reports,
        "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,"
            + "uncertainty_m,event,count,description,releasable_to\n"
            + "R-1,OBS-2,observer,DE,2025-08-17T14:05Z,47.9000,37.5000,2000,gunfire,5,,members\n"
            + "R-2,AC-1,acoustic,PL,2025-08-17T14:07Z,47.9100,37.5200,4000,gunfire,3,,PL\n",
        StandardCharsets.UTF_8);
    CliTest.Run in =
        CliTest.run("ingest", "--db", db, "--terms", TERMS, DAY.toString(), reports.toString());
    assertThat(in.code()).as(in.err()).isZero();
    assertThat(CliTest.run("token", "create", "liaison-nl", "--db", db).code()).isZero();
    try (Store s = Store.open(db)) {
      String finding = findings(s).get(0).id();
      assertThat(s.review(finding, "under-review", "Looking at the second pass.", "analyst-1"))
          .isPresent();
    }
    return db;
  }

  private static List<Features.Feature> findings(Store s) {
    return s.query(Layer.FINDINGS, Features.Filter.ALL, Audience.MISSION, 10_000, 0).features();
  }

  private static Map<String, Long> counts(String db) {
    try (Store s = Store.open(db)) {
      return s.counts();
    }
  }

  @Test
  void
      aStoreCopiedIntoPostgresqlAndBackIsTheStoreItWasAndGoesOn_skippedOutsideCiWhenNoServerAnswersAtTRUCEWATCH_TEST_PG(
          @TempDir Path dir) throws Exception {
    String h2 = filled(dir);
    String pg = pg();

    CliTest.Run copy = CliTest.run("copy", "--from", h2, "--to", pg);
    assertThat(copy.code()).as(copy.err()).isZero();
    assertThat(copy.out())
        .containsPattern("copied .*store to postgresql://[^ ]+: \\d+ rows in \\d+ tables, each")
        .contains("  observations ")
        .contains("  finding_reviews 1")
        .contains("  tokens 1")
        .contains("  surveillance_reports 2");
    Map<String, Long> original = counts(h2);
    assertThat(original.get("findings")).isPositive();
    assertThat(counts(pg)).isEqualTo(original);
    String back = dir.resolve("back").toString();
    StoreCopy.Result there;
    StoreCopy.Result home;
    // the API gives each table's digest: the same tables, rows and values each way, also from
    // one schema of a PostgreSQL database to another
    String again = pg();
    there = StoreCopy.copy(Database.parse(pg), Database.parse(again), Clock.systemUTC());
    home = StoreCopy.copy(Database.parse(again), Database.parse(back), Clock.systemUTC());
    assertThat(home.tables()).isEqualTo(there.tables());
    assertThat(there.tables())
        .extracting(StoreCopy.Table::name)
        .contains("observations", "findings", "finding_reviews", "statements", "day_revisions")
        .doesNotContain("flyway_schema_history", "spatial_ref_sys");
    try (Store a = Store.open(h2);
        Store b = Store.open(pg);
        Store c = Store.open(back)) {
      assertThat(b.assessment()).isEqualTo(a.assessment());
      assertThat(c.assessment()).isEqualTo(a.assessment());
      assertThat(findings(b)).isEqualTo(findings(a));
      assertThat(findings(c)).isEqualTo(findings(a));
      for (Audience reader : List.of(Audience.PUBLIC, Audience.member("PL"), Audience.MISSION)) {
        assertThat(
                b.query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, reader, 10, 0).features())
            .isEqualTo(
                a.query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, reader, 10, 0).features());
      }
      assertThat(b.query(Layer.SURVEILLANCE_REPORTS, Features.Filter.ALL, Audience.PUBLIC, 10, 0))
          .extracting(Features.Page::matched)
          .isEqualTo(0L);
    }

    // the copy goes on: the next file's rows and a new token take ids after the copied ones
    CliTest.Run next = CliTest.run("ingest", "--db", pg, "--terms", TERMS, NEXT_DAY.toString());
    assertThat(next.code()).as(next.err()).isZero();
    CliTest.Run token = CliTest.run("token", "create", "liaison-pl", "--db", pg);
    assertThat(token.code()).as(token.err()).isZero();
    Map<String, Long> grown = counts(pg);
    assertThat(grown.get("observations")).isGreaterThan(original.get("observations"));
    assertThat(grown.get("ingests")).isEqualTo(original.get("ingests") + 1);
    assertThat(grown.get("tokens")).isEqualTo(2L);
    CliTest.Run nextHere =
        CliTest.run("ingest", "--db", back, "--terms", TERMS, NEXT_DAY.toString());
    assertThat(nextHere.code()).as(nextHere.err()).isZero();
    assertThat(counts(back).get("observations")).isEqualTo(grown.get("observations"));
  }

  @Test
  void
      aCopyThatCannotBeMadeSaysWhyAndWritesNothing_skippedOutsideCiWhenNoServerAnswersAtTRUCEWATCH_TEST_PG(
          @TempDir Path dir) throws Exception {
    String h2 = filled(dir);
    Map<String, Long> original = counts(h2);
    String pg = pg();
    assertThat(CliTest.run("copy", "--from", h2, "--to", pg).code()).isZero();

    // not into a store that holds rows, in PostgreSQL or in a folder
    CliTest.Run full = CliTest.run("copy", "--from", h2, "--to", pg);
    assertThat(full.code()).isEqualTo(1);
    assertThat(full.err())
        .containsPattern("holds \\d+ rows in \\w+; a copy goes into an empty store");
    assertThat(counts(pg)).isEqualTo(original);
    CliTest.Run folder = CliTest.run("copy", "--from", pg, "--to", h2);
    assertThat(folder.code()).isEqualTo(1);
    assertThat(folder.err()).contains("is not empty; a copy makes a new store");
    // not from where there is no store, which it does not make
    Path none = dir.resolve("none");
    CliTest.Run nothing =
        CliTest.run("copy", "--from", none.toString(), "--to", dir.resolve("y").toString());
    assertThat(nothing.code()).isEqualTo(1);
    assertThat(nothing.err()).contains(none + ": holds no store to copy");
    assertThat(none).doesNotExist();
    assertThat(dir.resolve("y")).doesNotExist();
    String empty = pg();
    CliTest.Run nothingThere =
        CliTest.run("copy", "--from", empty, "--to", dir.resolve("z").toString());
    assertThat(nothingThere.code()).isEqualTo(1);
    assertThat(nothingThere.err()).contains("holds no store to copy");
    assertThat(CliTest.run("copy", "--from", h2, "--to", h2).err()).contains("name the same store");

    // a row the database refuses midway (here by a rule added for the test) fails the copy,
    // names the table, and leaves every table as empty as it was
    String refusing = pg();
    try (Store s = Store.open(refusing)) {
      assertThat(s.counts().values()).containsOnly(0L);
    }
    TestDatabases.execute(
        "ALTER TABLE "
            + schemas.get(schemas.size() - 1)
            + ".findings ADD CONSTRAINT no_findings CHECK (verdict = 'none')");
    CliTest.Run refused = CliTest.run("copy", "--from", h2, "--to", refusing);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .containsPattern(
            "the copy was refused; nothing was copied: table findings, row id I-[0-9a-f]+/C\\d+:"
                + " ERROR: new row for relation \"findings\" violates check constraint"
                + " \"no_findings\"");
    try (Store s = Store.open(refusing)) {
      assertThat(s.counts().values()).containsOnly(0L);
    }
    assertThat(counts(h2)).isEqualTo(original);
  }
}
