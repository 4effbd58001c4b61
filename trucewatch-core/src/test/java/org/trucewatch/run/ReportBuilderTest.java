package org.trucewatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trucewatch.Fixtures;
import org.trucewatch.assessment.Assessor;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.incident.IncidentClusterer;
import org.trucewatch.incident.IncidentParams;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.scoring.ClassifiedDetection;

class ReportBuilderTest {
  private static final TruceContext TRUCE = Fixtures.truce();

  private static Instant local(String t) {
    return LocalDateTime.parse(t).atZone(Fixtures.KYIV).toInstant();
  }

  @Test
  void reportDaysAreCutAtTheCutoffInTheTrucesTimeZone() {
    assertThat(TRUCE.terms().reportDay(local("2025-08-16T19:29")))
        .isEqualTo(LocalDate.of(2025, 8, 16));
    assertThat(TRUCE.terms().reportDay(local("2025-08-16T19:30")))
        .isEqualTo(LocalDate.of(2025, 8, 17));
    assertThat(TRUCE.terms().reportDayStart(LocalDate.of(2025, 8, 17)))
        .isEqualTo(local("2025-08-16T19:30"));
  }

  @Test
  void countsPerDaySideAndBufferCoverageAndComparison() {
    List<ClassifiedDetection> ds = new ArrayList<>();
    int line = 1;
    // before the truce: two detections in the buffer on occupied ground, report day 14 August
    ds.add(
        Fixtures.classified(
            Fixtures.obs(48.2, 33.05, local("2025-08-14T03:00"), "N20", line++),
            TRUCE.geo(),
            true,
            5));
    ds.add(
        Fixtures.classified(
            Fixtures.obs(48.4, 33.3, local("2025-08-14T03:00"), "N20", line++),
            TRUCE.geo(),
            false,
            0));
    // during: one on government ground far from the line (report day 16 August), one at 19:45 that
    // belongs to report day 17 August
    ds.add(
        Fixtures.classified(
            Fixtures.obs(48.2, 30.5, local("2025-08-16T12:00"), "N", line++),
            TRUCE.geo(),
            false,
            0));
    ds.add(
        Fixtures.classified(
            Fixtures.obs(48.2, 32.95, local("2025-08-16T19:45"), "N", line++),
            TRUCE.geo(),
            true,
            5));
    List<InputFile> inputs =
        List.of(
            input("a.csv", "VIIRS/N20", LocalDate.of(2025, 8, 13), LocalDate.of(2025, 8, 14)),
            input("b.csv", "VIIRS/N", LocalDate.of(2025, 8, 16), LocalDate.of(2025, 8, 16)));
    PeriodReport r = report(ds, inputs);
    assertThat(r.summary().firstDay()).isEqualTo(LocalDate.of(2025, 8, 13));
    assertThat(r.summary().lastDay()).isEqualTo(LocalDate.of(2025, 8, 25));
    PeriodReport.Day d14 = day(r, "2025-08-14");
    assertThat(d14.phase()).isEqualTo(PeriodReport.Phase.BEFORE);
    assertThat(d14.counts().detections()).isEqualTo(2);
    assertThat(d14.counts().inBuffer())
        .isEqualTo(1); // 48.4/33.05 is 3.7 km from the line too? see below
    assertThat(d14.counts().bySide().get("occupied").detections()).isEqualTo(2);
    assertThat(d14.coverage().status()).isEqualTo("observed");
    assertThat(d14.coverage().passes()).containsExactly("03:00 VIIRS/N20");
    PeriodReport.Day d16 = day(r, "2025-08-16");
    assertThat(d16.counts().detections()).isEqualTo(1);
    assertThat(d16.counts().bySide().get("government_controlled").detections()).isEqualTo(1);
    assertThat(d16.coverage().status()).isEqualTo("partial");
    PeriodReport.Day d17 = day(r, "2025-08-17");
    assertThat(d17.counts().detections()).isEqualTo(1);
    assertThat(d17.counts().findings().get("probable-violation")).isEqualTo(1);
    assertThat(day(r, "2025-08-18").coverage().status()).isEqualTo("not-observed");
    assertThat(day(r, "2025-08-18").change()).isNull();
    assertThat(r.summary().truceDays()).isEqualTo(11);
    // 13, 15, 16 and 17 August are covered in part, 14 wholly: no truce day is wholly covered, so
    // nothing is compared (tw-fire-6; it compared 15 and 16 with 13 and 14), and a partly covered
    // day is not compared with the day before
    assertThat(day(r, "2025-08-13").coverage().status()).isEqualTo("partial");
    assertThat(d14.change()).isNull();
    assertThat(d17.change()).isNull();
    assertThat(day(r, "2025-08-15").coverage().status()).isEqualTo("partial");
    assertThat(r.summary().truceDaysObserved()).isEqualTo(3);
    assertThat(r.summary().beforeDaysObserved()).isEqualTo(2);
    assertThat(r.summary().comparedDays()).isZero();
    assertThat(r.notable()).hasSize(1);
  }

  @Test
  void notableFindingsListViolationsFirstThenProbableThenPossibleEachByTime() {
    List<ClassifiedDetection> ds = new ArrayList<>();
    // all in the buffer on occupied ground, one report day apart: on 15 August activity above the
    // background that is not war-related (possible), on 16 August war-related activity seen by one
    // source (probable violation), on 17 and 18 August war-related activity seen by two sources
    // within minutes (violation)
    ds.add(
        Fixtures.classified(
            Fixtures.obs(48.2, 33.05, local("2025-08-15T03:00"), "N", 1), TRUCE.geo(), false, 5));
    ds.add(
        Fixtures.classified(
            Fixtures.obs(48.2, 33.05, local("2025-08-16T03:00"), "N", 2), TRUCE.geo(), true, 5));
    for (String day : List.of("2025-08-18", "2025-08-17")) {
      ds.add(
          Fixtures.classified(
              Fixtures.obs(48.2, 33.05, local(day + "T03:00"), "N", 3), TRUCE.geo(), true, 5));
      ds.add(
          Fixtures.classified(
              Fixtures.obs(48.2, 33.05, local(day + "T03:40"), "N20", 4), TRUCE.geo(), true, 5));
    }
    PeriodReport r =
        report(
            ds,
            List.of(
                input("a.csv", "VIIRS/N", LocalDate.of(2025, 8, 15), LocalDate.of(2025, 8, 18))));
    assertThat(r.notable())
        .extracting(f -> f.verdict().key() + " " + TRUCE.terms().reportDay(f.first()))
        .containsExactly(
            "violation 2025-08-17",
            "violation 2025-08-18",
            "probable-violation 2025-08-16",
            "possible 2025-08-15");
  }

  @Test
  void theReportCoversAtMostTheTrucesLengthBeforeAndAfterIt() {
    // the fixture's truce has 11 report days (15-25 August): the report may start on 4 August
    // and end on 5 September; detections of June and of December inform the classification only
    List<ClassifiedDetection> ds = new ArrayList<>();
    int line = 1;
    for (String t :
        List.of(
            "2025-06-15T03:00",
            "2025-08-04T03:00",
            "2025-08-16T12:00",
            "2025-09-05T12:00",
            "2025-12-01T12:00")) {
      ds.add(
          Fixtures.classified(
              Fixtures.obs(48.2, 30.5, local(t), "N20", line++), TRUCE.geo(), false, 0));
    }
    List<InputFile> inputs =
        List.of(
            input("year.csv", "VIIRS/N20", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1)));
    PeriodReport r = report(ds, inputs);
    assertThat(r.summary().firstDay()).isEqualTo(LocalDate.of(2025, 8, 4));
    assertThat(r.summary().lastDay()).isEqualTo(LocalDate.of(2025, 9, 5));
    assertThat(r.days()).hasSize(33);
    assertThat(r.summary().all().detections()).isEqualTo(3);
    assertThat(r.summary().detectionsOutsidePeriod()).isEqualTo(2);
  }

  /** Clusters, assesses and reports the detections under the fixture's truce. */
  @Test
  void eachDaysReportsAreCountedPerEventOnTheDayOfTheirOwnTime() {
    List<ClassifiedDetection> ds =
        List.of(
            Fixtures.classified(
                Fixtures.obs(48.2, 33.05, local("2025-08-16T19:10"), "N20", 1),
                TRUCE.geo(),
                true,
                5));
    List<PlacedReport> rs =
        List.of(
            // joins the fire's incident (first on 16 August) but was heard on the 17th
            report(48.2, 33.05, local("2025-08-16T19:40"), "CAM-1", ReportedEvent.EXPLOSION, 3, 1),
            report(48.2, 30.5, local("2025-08-17T08:00"), "OBS-2", ReportedEvent.EXPLOSION, 2, 2),
            report(48.2, 30.5, local("2025-08-17T08:00"), "OBS-2", ReportedEvent.GUNFIRE, 4, 3),
            report(47.0, 30.5, local("2025-08-18T09:00"), "AC-1", ReportedEvent.FLARE, 1, 4));
    var incidents = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, rs, TRUCE.geo());
    var run = new TruceRun.Result(ds, incidents, Assessor.assess(incidents, TRUCE));
    InputFile reports = new InputFile("r.csv", "y", 4, 4, 0, 0, List.of(), null, null);
    PeriodReport r =
        ReportBuilder.build(
            run,
            TRUCE,
            List.of(
                input("a.csv", "VIIRS/N20", LocalDate.of(2025, 8, 16), LocalDate.of(2025, 8, 16))),
            List.of(reports),
            InputFile.terms("t.yaml", "z"),
            "test");
    assertThat(r.reportInputs()).containsExactly(reports);
    assertThat(day(r, "2025-08-16").reported()).isEmpty();
    assertThat(day(r, "2025-08-17").reported())
        .containsExactly(
            // the camera's 3 in the buffer, the observer's 2 far from any zone
            new PeriodReport.Reported(
                "explosion", 2, 5, List.of("camera:CAM-1", "observer:OBS-2"), 3),
            new PeriodReport.Reported("gunfire", 1, 4, List.of("observer:OBS-2"), 0));
    assertThat(day(r, "2025-08-18").reported())
        .containsExactly(new PeriodReport.Reported("flare", 1, 1, List.of("observer:AC-1"), 0));
  }

  private static PlacedReport report(
      double lat, double lon, Instant t, String source, ReportedEvent e, int count, int line) {
    return Fixtures.report(
        lat,
        lon,
        t,
        source,
        source.startsWith("CAM") ? SourceKind.CAMERA : SourceKind.OBSERVER,
        e,
        count,
        0,
        line);
  }

  private static PeriodReport report(List<ClassifiedDetection> ds, List<InputFile> inputs) {
    var incidents = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, TRUCE.geo());
    var run = new TruceRun.Result(ds, incidents, Assessor.assess(incidents, TRUCE));
    return ReportBuilder.build(run, TRUCE, inputs, InputFile.terms("t.yaml", "z"), "test");
  }

  private static InputFile input(String name, String source, LocalDate first, LocalDate last) {
    return new InputFile(name, "x", 2, 2, 0, 0, List.of(source), first, last);
  }

  private static PeriodReport.Day day(PeriodReport r, String date) {
    return r.days().stream()
        .filter(d -> d.date().toString().equals(date))
        .findFirst()
        .orElseThrow();
  }
}
