package org.trucewatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayRevisionTest {
  private static final LocalDate D1 = LocalDate.of(2025, 8, 16);
  private static final LocalDate D2 = LocalDate.of(2025, 8, 17);
  private static final LocalDate D3 = LocalDate.of(2025, 8, 18);
  private static final Instant T1 = Instant.parse("2025-08-17T06:00:00Z");
  private static final Instant T2 = Instant.parse("2025-08-18T06:00:00Z");

  private static PeriodReport.Day day(LocalDate date, String status, int detections, int war) {
    PeriodReport.Counts c =
        new PeriodReport.Counts(
            detections, war, 0, detections, Map.of("violation", war), Map.of(), Map.of());
    return new PeriodReport.Day(
        date,
        PeriodReport.Phase.TRUCE,
        date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
        date.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
        new PeriodReport.Coverage(status, List.of(), List.of(), List.of()),
        c,
        null,
        List.of());
  }

  /** {@code d} with the counts {@code c} and the reports {@code reported}. */
  private static PeriodReport.Day with(
      PeriodReport.Day d, PeriodReport.Counts c, List<PeriodReport.Reported> reported) {
    return new PeriodReport.Day(
        d.date(), d.phase(), d.from(), d.to(), d.coverage(), c, d.change(), reported);
  }

  /** A day as {@link #day} with {@code reports} surveillance reports of gunfire. */
  private static PeriodReport.Day withReports(PeriodReport.Day d, int reports) {
    return with(
        d,
        d.counts(),
        List.of(
            new PeriodReport.Reported("gunfire", reports, 2L * reports, List.of("camera:C"), 0)));
  }

  private static PeriodReport report(String method, PeriodReport.Day... days) {
    return new PeriodReport(method, null, null, List.of(), List.of(days), null, List.of());
  }

  @Test
  void everyDayWithDataGetsItsFirstRevisionAndADayWithoutDataNone() {
    Map<LocalDate, DayRevision> added =
        DayRevision.added(
            report(
                "tw-x",
                day(D1, "observed", 5, 2),
                day(D2, "partial", 3, 0),
                day(D3, "not-observed", 0, 0)),
            Map.of(),
            T1,
            4);
    assertThat(added).containsOnlyKeys(D1, D2);
    DayRevision r = added.get(D1);
    assertThat(r.stated()).isEqualTo(T1);
    assertThat(r.methodVersion()).isEqualTo("tw-x");
    assertThat(r.lastIngestId()).isEqualTo(4);
    assertThat(r.detections()).isEqualTo(5);
    assertThat(r.warRelated()).isEqualTo(2);
    assertThat(r.findings()).containsExactlyEntriesOf(Map.of("violation", 2));
  }

  @Test
  void aDayIsRevisedOnlyWhenItsFiguresOrTheMethodChange() {
    Map<LocalDate, List<DayRevision>> history =
        Map.of(
            D1, List.of(DayRevision.of(day(D1, "observed", 5, 2), T1, "tw-x", 4)),
            D2, List.of(DayRevision.of(day(D2, "partial", 3, 0), T1, "tw-x", 4)),
            D3, List.of(DayRevision.of(day(D3, "observed", 7, 1), T1, "tw-x", 4)));
    // D1 unchanged; D2 now covered wholly with more detections; D3 more war-related
    Map<LocalDate, DayRevision> added =
        DayRevision.added(
            report(
                "tw-x",
                day(D1, "observed", 5, 2),
                day(D2, "observed", 9, 0),
                day(D3, "observed", 7, 3)),
            history,
            T2,
            5);
    assertThat(added).containsOnlyKeys(D2, D3);
    assertThat(added.get(D2).detections()).isEqualTo(9);
    assertThat(added.get(D3).warRelated()).isEqualTo(3);
    assertThat(added.get(D3).stated()).isEqualTo(T2);

    // the same figures, now of the whole day, are a revision too
    assertThat(DayRevision.added(report("tw-x", day(D2, "observed", 3, 0)), history, T2, 5))
        .containsOnlyKeys(D2);
    // and so are the same figures by another method version
    assertThat(DayRevision.added(report("tw-y", day(D1, "observed", 5, 2)), history, T2, 5))
        .containsOnlyKeys(D1);
    // it is the newest revision that counts
    Map<LocalDate, List<DayRevision>> twice =
        Map.of(
            D1,
            List.of(
                DayRevision.of(day(D1, "observed", 5, 2), T1, "tw-x", 4),
                DayRevision.of(day(D1, "observed", 6, 2), T2, "tw-x", 5)));
    assertThat(DayRevision.added(report("tw-x", day(D1, "observed", 6, 2)), twice, T2, 6))
        .isEmpty();
    assertThat(DayRevision.added(report("tw-x", day(D1, "observed", 5, 2)), twice, T2, 6))
        .containsOnlyKeys(D1);
  }

  @Test
  void reportsThatArriveLaterStateTheDayAnewAlsoADayNoSatelliteCovered() {
    Map<LocalDate, List<DayRevision>> history =
        Map.of(D1, List.of(DayRevision.of(day(D1, "observed", 5, 2), T1, "tw-x", 4)));
    // the same detections and findings, and a report of gunfire: a new version that counts it
    Map<LocalDate, DayRevision> added =
        DayRevision.added(
            report("tw-x", withReports(day(D1, "observed", 5, 2), 1)), history, T2, 5);
    assertThat(added).containsOnlyKeys(D1);
    assertThat(added.get(D1).reports()).isEqualTo(1);
    assertThat(added.get(D1).detections()).isEqualTo(5);
    // a day without satellite data states its reports, and only when it has some
    Map<LocalDate, DayRevision> unobserved =
        DayRevision.added(
            report(
                "tw-x",
                withReports(day(D2, "not-observed", 0, 0), 2),
                day(D3, "not-observed", 0, 0)),
            Map.of(),
            T2,
            5);
    assertThat(unobserved).containsOnlyKeys(D2);
    assertThat(unobserved.get(D2).coverage()).isEqualTo("not-observed");
    assertThat(unobserved.get(D2).reports()).isEqualTo(2);
  }

  /** A day as {@link #day} whose one incident lies in {@code sector} of the terms' sectors. */
  private static PeriodReport.Day inSector(PeriodReport.Day d, String sector) {
    PeriodReport.Counts c = d.counts();
    Map<String, PeriodReport.Part> bySector = new java.util.LinkedHashMap<>();
    for (String s : List.of("north", "south")) {
      bySector.put(
          s,
          new PeriodReport.Part(
              "Sector " + s, c.detections(), c.warRelated(), 0, s.equals(sector) ? 1 : 0, 0));
    }
    return with(
        d,
        new PeriodReport.Counts(
            c.detections(),
            c.warRelated(),
            c.inBuffer(),
            c.incidents(),
            c.findings(),
            c.bySide(),
            c.byOblast(),
            bySector),
        d.reported());
  }

  @Test
  void anIncidentMovedToAnotherSectorWithTheTotalsTheSameIsANewVersionThatNamesBothSectors() {
    DayRevision north = DayRevision.of(inSector(day(D1, "observed", 5, 2), "north"), T1, "tw-x", 4);
    Map<LocalDate, List<DayRevision>> history = Map.of(D1, List.of(north));
    Map<LocalDate, DayRevision> added =
        DayRevision.added(
            report("tw-x", inSector(day(D1, "observed", 5, 2), "south")), history, T2, 5);
    assertThat(added).containsOnlyKeys(D1);
    DayRevision south = added.get(D1);
    assertThat(south.incidents()).isEqualTo(north.incidents());
    assertThat(south.areas().bySector().get("south").incidents()).isEqualTo(1);
    assertThat(south.areasChangedFrom(north).orElseThrow())
        .containsExactly("Sector north", "Sector south");
    assertThat(south.areasChangedFrom(south).orElseThrow()).isEmpty();
    // the same sector again: no new version
    assertThat(
            DayRevision.added(
                report("tw-x", inSector(day(D1, "observed", 5, 2), "north")), history, T2, 5))
        .isEmpty();
    // a version kept without its counts by area is compared by its totals alone, and names none
    DayRevision unknown = north.withAreas(null);
    assertThat(
            DayRevision.added(
                report("tw-x", inSector(day(D1, "observed", 5, 2), "south")),
                Map.of(D1, List.of(unknown)),
                T2,
                5))
        .isEmpty();
    assertThat(south.areasChangedFrom(unknown)).isEmpty();
    assertThat(south.areasChangedFrom(null)).isEmpty();
  }
}
