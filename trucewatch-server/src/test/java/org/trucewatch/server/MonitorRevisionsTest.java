package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.store.Database;
import org.trucewatch.store.Store;

/**
 * Each assessment that changes a report day's figures adds a version of them, which the day's
 * report and report.json list: a figure once published can be traced to when it was stated.
 */
class MonitorRevisionsTest {
  static final Instant T1 = Instant.parse("2025-08-15T06:00:00Z");
  static final Instant T2 = Instant.parse("2025-08-15T09:00:00Z");
  static final Instant T3 = Instant.parse("2025-08-15T12:00:00Z");

  /** A clock that reads what the test last set. */
  static final class SetClock extends Clock {
    Instant now = T1;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The dates of a JSON array, as a set. */
  private static java.util.Set<LocalDate> days(JsonNode array) {
    java.util.Set<LocalDate> out = new java.util.TreeSet<>();
    array.forEach(d -> out.add(LocalDate.parse(d.asText())));
    return out;
  }

  @Test
  void aDaysFiguresAreRevisedWhenLaterDataChangeThemAndOnlyThen(@TempDir Path tmp)
      throws Exception {
    SetClock clock = new SetClock();
    try (Store store = Store.open(Database.parse(tmp.resolve("db").toString()), clock)) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      // one satellite's file of 14 August (UTC), then the other's of the same day
      String first = Fixture.FILES.get(0);
      var one = m.ingest(Fixture.FIRMS.resolve(first), first, "test", Store.IngestListener.NONE);
      long termsId = store.assessment().orElseThrow().termsId();
      Map<LocalDate, List<DayRevision>> once = store.dayRevisions(termsId);
      assertThat(once).isNotEmpty();
      assertThat(once.values()).allSatisfy(v -> assertThat(v).singleElement());
      // the ingest report says which days' figures were stated, here for the first time
      assertThat(days(one.report().path("days_first_stated"))).isEqualTo(once.keySet());
      assertThat(one.report().path("days_revised")).isEmpty();

      clock.now = T2;
      String second = Fixture.FILES.get(1);
      var two = m.ingest(Fixture.FIRMS.resolve(second), second, "test", Store.IngestListener.NONE);
      Map<LocalDate, List<DayRevision>> twice = store.dayRevisions(termsId);
      java.util.Set<LocalDate> revisedDays = new java.util.TreeSet<>();
      java.util.Set<LocalDate> newDays = new java.util.TreeSet<>();
      twice.forEach(
          (day, v) -> {
            if (v.size() == 2) {
              revisedDays.add(day);
            } else if (!once.containsKey(day)) {
              newDays.add(day);
            }
          });
      assertThat(days(two.report().path("days_revised"))).isEqualTo(revisedDays).isNotEmpty();
      assertThat(days(two.report().path("days_first_stated"))).isEqualTo(newDays);
      // the same file again changes nothing, and its report names no day
      var again =
          m.ingest(Fixture.FIRMS.resolve(second), second, "test", Store.IngestListener.NONE);
      assertThat(again.report().path("status").asText()).isEqualTo("already-ingested");
      assertThat(again.report().has("days_revised")).isFalse();
      JsonNode report =
          new ObjectMapper().readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow());
      int revised = 0;
      for (JsonNode d : report.get("days")) {
        LocalDate day = LocalDate.parse(d.get("date").asText());
        List<DayRevision> versions = twice.getOrDefault(day, List.of());
        if (d.at("/coverage/status").asText().equals("not-observed")) {
          assertThat(versions).as("%s", day).isEmpty();
          assertThat(d.has("revisions")).as("%s", day).isFalse();
          continue;
        }
        // the newest version is what the report states now
        DayRevision now = versions.get(versions.size() - 1);
        assertThat(now.detections()).isEqualTo(d.get("detections").asInt());
        assertThat(now.warRelated()).isEqualTo(d.get("war_related").asInt());
        assertThat(now.methodVersion()).isEqualTo(MethodVersion.CURRENT);
        assertThat(d.get("revisions")).hasSize(versions.size());
        assertThat(d.at("/revisions/0/stated").asText()).isEqualTo(T1.toString());
        String page = store.dayPage(day).orElseThrow();
        assertThat(page).contains("<table id=\"revisions\">");
        if (versions.size() == 2) {
          revised++;
          // more detections with the second satellite's file, stated at the second assessment
          assertThat(versions.get(1).stated()).isEqualTo(T2);
          assertThat(versions.get(1).detections()).isGreaterThan(versions.get(0).detections());
          assertThat(versions.get(1).lastIngestId()).isGreaterThan(versions.get(0).lastIngestId());
          assertThat(page)
              .contains(
                  "Under these terms, the monitor has stated this day's figures 2 times, oldest first")
              .contains("<td>15 Aug 2025 06:00</td>")
              .contains("<td>15 Aug 2025 09:00</td>");
        } else {
          assertThat(versions).singleElement();
          assertThat(page)
              .contains(
                  "Under these terms, the monitor first stated this day's figures at 15 Aug 2025"
                      + " 06:00 UTC and has not revised them since.");
        }
      }
      assertThat(revised).isPositive();
      // the period's report names the revised days
      List<String> named = new java.util.ArrayList<>();
      for (Map.Entry<LocalDate, List<DayRevision>> e : twice.entrySet()) {
        if (e.getValue().size() > 1) {
          named.add(
              e.getKey()
                  .format(
                      java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ROOT)));
        }
      }
      assertThat(store.assessmentText(Store.Text.REPORT_HTML).orElseThrow())
          .contains(
              " The figures of "
                  + revised
                  + " report day"
                  + (revised == 1 ? "" : "s")
                  + " ("
                  + String.join(", ", named)
                  + ") have been revised since the monitor first stated them;");

      // assessed again on the same data: the same figures, no new version
      clock.now = T3;
      m.refresh();
      assertThat(store.dayRevisions(termsId)).isEqualTo(twice);
      assertThat(store.assessment().orElseThrow().made()).isEqualTo(T3);
    }
  }

  @Test
  void aFileIngestedBeforeTheStoreHasTermsNamesNoDay(@TempDir Path tmp) throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      String f = Fixture.FILES.get(0);
      var r = m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
      assertThat(r.report().path("status").asText()).isEqualTo("ingested");
      assertThat(r.report().has("days_first_stated")).isFalse();
      assertThat(r.report().has("days_revised")).isFalse();
      assertThat(store.assessment()).isEmpty();
    }
  }

  @Test
  void pagesThatAnotherVersionRenderedAreRenderedAgainWithNothingStatedAnew(@TempDir Path tmp)
      throws Exception {
    SetClock clock = new SetClock();
    try (Store store = Store.open(Database.parse(tmp.resolve("db").toString()), clock)) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      for (String f : Fixture.FILES.subList(0, 2)) {
        m.ingest(Fixture.FIRMS.resolve(f), f, "test", Store.IngestListener.NONE);
      }
      Instant made = store.assessment().orElseThrow().made();
      long statements = store.statementLogEnd();
      long alerts = store.alertLogEnd();
      String report = store.assessmentText(Store.Text.REPORT_HTML).orElseThrow();
      LocalDate day =
          store.dayRevisions(store.assessment().orElseThrow().termsId()).keySet().iterator().next();
      String page = store.dayPage(day).orElseThrow();
      assertThat(report).contains(org.trucewatch.reports.ReportHtml.GENERATOR_META);
      // the same code: nothing to do
      clock.now = T2;
      m.refreshIfStale();
      assertThat(store.assessment().orElseThrow().made()).isEqualTo(made);

      // pages as an earlier version wrote them (here: named by other code, without their link)
      var d = store.database();
      try (var c = java.sql.DriverManager.getConnection(d.jdbcUrl(), d.user(), d.password());
          var st = c.prepareStatement("UPDATE assessment SET report_html = ?")) {
        st.setString(1, report.replace(org.trucewatch.reports.ReportHtml.GENERATOR_META, ""));
        assertThat(st.executeUpdate()).isOne();
      }
      clock.now = T3;
      m.refreshIfStale();
      assertThat(store.assessment().orElseThrow().made()).isEqualTo(T3);
      assertThat(store.assessmentText(Store.Text.REPORT_HTML).orElseThrow()).isEqualTo(report);
      assertThat(store.dayPage(day).orElseThrow()).isEqualTo(page);
      // the figures are those stated before: no new version of a day, no new alert message
      assertThat(store.statementLogEnd()).isEqualTo(statements);
      assertThat(store.alertLogEnd()).isEqualTo(alerts);
    }
  }
}
