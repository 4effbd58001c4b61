package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Terms are kept in the store with every file they name (the control map and zone outlines), so
 * that a restarted server restores them from the store alone, even after the files have gone.
 */
class MonitorTermsTest {
  static final String PLANT =
      "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
          + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[35.0,47.0],[35.2,47.0],"
          + "[35.2,47.1],[35.0,47.1],[35.0,47.0]]]}}]}";

  /** The demo terms with the control map beside them and one zone drawn from a file. */
  static Path writeTerms(Path dir, String plant) throws Exception {
    Files.createDirectories(dir.resolve("zones"));
    Files.copy(
        Fixture.DATA.resolve("frontline/daily/deepstatemap_data_20250814.geojson.gz"),
        dir.resolve("deepstatemap_data_20250814.geojson.gz"));
    Files.writeString(dir.resolve("zones/plant.geojson"), plant, StandardCharsets.UTF_8);
    String yaml =
        Files.readString(Fixture.TERMS, StandardCharsets.UTF_8)
            .replace(
                "control_map: ../frontline/daily/deepstatemap_data_20250814.geojson.gz",
                "control_map: deepstatemap_data_20250814.geojson.gz")
            .replace(
                "zones:\n",
                "zones:\n  - id: plant\n    kind: exclusion\n    file: zones/plant.geojson\n");
    Path terms = dir.resolve("terms.yaml");
    Files.writeString(terms, yaml, StandardCharsets.UTF_8);
    return terms;
  }

  /** A monitor over {@code store} with the terms of {@link #writeTerms} and one file, assessed. */
  static Monitor assessedWithOneFile(Store store, Path tmp) throws Exception {
    Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
    m.useTerms(writeTerms(tmp.resolve("terms"), PLANT));
    String f = Fixture.FILES.get(0);
    m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
    return m;
  }

  /** Runs {@code sql} on the store's database over a connection of its own. */
  static void execute(Store store, String sql) throws Exception {
    var d = store.database();
    try (var c = java.sql.DriverManager.getConnection(d.jdbcUrl(), d.user(), d.password());
        var st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  static void deleteTree(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void termsAndTheFilesTheyNameAreRestoredFromTheStoreAlone(@TempDir Path tmp) throws Exception {
    Path db = tmp.resolve("db");
    Path terms = writeTerms(tmp.resolve("terms"), PLANT);
    Instant made;
    long termsId;
    try (Store store = Store.open(db.toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(terms);
      String f = Fixture.FILES.get(0);
      m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
      made = store.assessment().orElseThrow().made();
      termsId = store.assessment().orElseThrow().termsId();
      assertThat(store.terms(termsId).orElseThrow().files())
          .extracting(Rows.TermsFile::name, Rows.TermsFile::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "deepstatemap_data_20250814.geojson.gz", "control_map"),
              org.assertj.core.groups.Tuple.tuple("zones/plant.geojson", "zone"));
    }
    deleteTree(tmp.resolve("terms"));

    try (Store store = Store.open(db.toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      assertThat(m.useStoredTerms()).isTrue();
      assertThat(m.truce().zone("plant").area().getEnvelopeInternal().getMinX()).isEqualTo(35.0);
      assertThat(m.truce().terms().controlMap().date()).hasToString("2025-08-14");
      // nothing changed, so nothing was re-assessed
      assertThat(store.assessment().orElseThrow().made()).isEqualTo(made);

      // the same text with another zone file is other terms, and is assessed anew
      Path changed = writeTerms(tmp.resolve("terms2"), PLANT.replace("35.2", "35.3"));
      m.useTerms(changed);
      assertThat(store.assessment().orElseThrow().termsId()).isNotEqualTo(termsId);
      assertThat(m.truce().zone("plant").area().getEnvelopeInternal().getMaxX()).isEqualTo(35.3);
    }
  }

  @Test
  void anAssessmentWithoutDailyReportsIsMadeAgainAtStart(@TempDir Path tmp) throws Exception {
    Path db = tmp.resolve("db");
    Instant made;
    java.time.LocalDate first;
    try (Store store = Store.open(db.toString())) {
      assessedWithOneFile(store, tmp);
      made = store.assessment().orElseThrow().made();
      first =
          java.time.LocalDate.parse(
              new com.fasterxml.jackson.databind.ObjectMapper()
                  .readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow())
                  .at("/days/0/date")
                  .asText());
      assertThat(store.dayPage(first)).isPresent();
      // as a store assessed before migration 7 holds it: no daily report
      execute(store, "DELETE FROM assessment_days");
      assertThat(store.dayPage(first)).isEmpty();
    }
    try (Store store = Store.open(db.toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      assertThat(m.useStoredTerms()).isTrue();
      assertThat(store.assessment().orElseThrow().made()).isAfter(made);
      assertThat(store.dayPage(first))
          .hasValueSatisfying(p -> assertThat(p).contains("<h1>Truce Watch daily report, "));
    }
  }

  @Test
  void anAssessmentWhoseDaysHaveNoVersionIsMadeAgainAtStart(@TempDir Path tmp) throws Exception {
    Path db = tmp.resolve("db");
    Instant made;
    long termsId;
    try (Store store = Store.open(db.toString())) {
      assessedWithOneFile(store, tmp);
      made = store.assessment().orElseThrow().made();
      termsId = store.assessment().orElseThrow().termsId();
      assertThat(store.hasDayRevisions(termsId)).isTrue();
      // as a store assessed before migration 8 holds it: no version of any day's figures
      execute(store, "DELETE FROM day_revisions");
    }
    try (Store store = Store.open(db.toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      assertThat(m.useStoredTerms()).isTrue();
      assertThat(store.assessment().orElseThrow().made()).isAfter(made);
      assertThat(store.dayRevisions(termsId)).isNotEmpty();
      // and once they are kept, the next start leaves the assessment as it is
      made = store.assessment().orElseThrow().made();
    }
    try (Store store = Store.open(db.toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      assertThat(m.useStoredTerms()).isTrue();
      assertThat(store.assessment().orElseThrow().made()).isEqualTo(made);
    }
  }

  @Test
  void anAssessmentWhoseViolationsHaveNoAlertMessageIsMadeAgainAtStart(@TempDir Path tmp)
      throws Exception {
    Path db = tmp.resolve("db");
    Instant made;
    List<String> messages;
    Path reports = tmp.resolve("reports.csv");
    // gunfire that two sources report in the buffer: a violation of the clause on reports
    Files.writeString(reports, Fixture.REPORTS + Fixture.GUNFIRE, StandardCharsets.UTF_8);
    try (Store store = Store.open(db.toString())) {
      Monitor first = new Monitor(store, Fixture.regions(), Fixture.classifier());
      first.useTerms(SurveillanceReportsServerTest.termsWithReportClause(tmp));
      first.ingest(reports, "reports.csv", "test", Store.IngestListener.NONE);
      made = store.assessment().orElseThrow().made();
      messages =
          store.alertMessages(Instant.EPOCH, 1000).stream()
              .map(org.trucewatch.store.Rows.AlertMessage::identifier)
              .toList();
      assertThat(messages).isNotEmpty();
      assertThat(store.hasFindingsWithoutAlertMessage()).isFalse();
      // as a store assessed before migration 17 holds it: no finding names its message
      execute(store, "UPDATE findings SET alert_identifier = ''");
      assertThat(store.hasFindingsWithoutAlertMessage()).isTrue();
    }
    try (Store store = Store.open(db.toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      List<Monitor.DaysStated> told = new java.util.concurrent.CopyOnWriteArrayList<>();
      m.listen(told::add);
      assertThat(m.useStoredTerms()).isTrue();
      assertThat(store.assessment().orElseThrow().made()).isAfter(made);
      assertThat(store.hasFindingsWithoutAlertMessage()).isFalse();
      assertThat(store.alertMessages(Instant.EPOCH, 1000)).hasSameSizeAs(messages);
      // no day's figures changed, but the listeners are told of the messages it issued
      assertThat(told)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.days()).isEmpty();
                assertThat(s.issued())
                    .hasSameSizeAs(messages)
                    .allSatisfy(x -> assertThat(x.type()).isEqualTo("Alert"));
              });
    }
  }

  @Test
  void termsWhoseWorkedExampleFailsAreRefusedAndTheTermsInUseStay(@TempDir Path tmp)
      throws Exception {
    Path good = writeTerms(tmp.resolve("good"), PLANT);
    Path bad = writeTerms(tmp.resolve("bad"), PLANT);
    String yaml = Files.readString(bad, StandardCharsets.UTF_8);
    // the first example (two satellites, 350 m from the line) expects a violation
    Files.writeString(
        bad, yaml.replaceFirst("expect: violation", "expect: background"), StandardCharsets.UTF_8);
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(good);
      long inUse = store.currentTerms().orElseThrow().id();
      assertThatThrownBy(() -> m.useTerms(bad))
          .isInstanceOf(TermsException.class)
          .hasMessageStartingWith(
              "terms.yaml: 1 of 8 worked examples does not get the expected verdict (line ")
          .hasMessageContaining(": expected background, got violation)");
      assertThat(store.currentTerms().orElseThrow().id()).isEqualTo(inUse);
      assertThat(m.truce().terms().examples().get(0).expect().key()).isEqualTo("violation");

      // such terms already in the store (kept before a change of method) are still served
      Rows.Terms kept = store.currentTerms().orElseThrow();
      store.putTerms(
          kept.name(),
          kept.yaml().replaceFirst("expect: violation", "expect: background"),
          kept.files());
      Monitor restarted = new Monitor(store, Fixture.regions(), Fixture.classifier());
      assertThat(restarted.useStoredTerms()).isTrue();
      assertThat(restarted.truce().terms().examples().get(0).expect().key())
          .isEqualTo("background");
    }
  }
}
