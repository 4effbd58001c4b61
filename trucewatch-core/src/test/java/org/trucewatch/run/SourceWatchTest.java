package org.trucewatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.Watch;

class SourceWatchTest {
  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  // a report day of the terms' cutoff 19:30 Kyiv summer time: 16:30 UTC to 16:30 UTC
  private static final Instant FROM = Instant.parse("2025-08-15T16:30:00Z");
  private static final Instant TO = Instant.parse("2025-08-16T16:30:00Z");

  private long line = 1;

  private Watch watch(
      String source, SourceKind kind, String from, String to, Watch.Status s, String note) {
    return new Watch(
        source,
        kind,
        "FR",
        Instant.parse(from),
        Instant.parse(to),
        s,
        note,
        new Provenance("w.csv", ++line, "h"));
  }

  @Test
  void watchingLessOfflineClippedToTheDayInLocalTimeWithReportsPerSource() {
    List<Watch> log =
        List.of(
            // the whole day and more, less a power failure; a second watching row overlaps
            watch(
                "CAM-07",
                SourceKind.CAMERA,
                "2025-08-15T00:00:00Z",
                "2025-08-16T12:00:00Z",
                Watch.Status.WATCHING,
                ""),
            watch(
                "CAM-07",
                SourceKind.CAMERA,
                "2025-08-16T10:00:00Z",
                "2025-08-17T00:00:00Z",
                Watch.Status.WATCHING,
                ""),
            watch(
                "CAM-07",
                SourceKind.CAMERA,
                "2025-08-15T23:10:00Z",
                "2025-08-16T02:00:00Z",
                Watch.Status.OFFLINE,
                "power failure"),
            // offline only, with no watching period
            watch(
                "AC-3",
                SourceKind.ACOUSTIC,
                "2025-08-16T08:00:00Z",
                "2025-08-16T09:30:00Z",
                Watch.Status.OFFLINE,
                ""),
            // a flight of an hour and a half
            watch(
                "UAV-1",
                SourceKind.DRONE,
                "2025-08-16T05:00:00Z",
                "2025-08-16T06:30:00Z",
                Watch.Status.WATCHING,
                ""),
            // another day only
            watch(
                "OBS-2",
                SourceKind.OBSERVER,
                "2025-08-17T05:00:00Z",
                "2025-08-17T06:00:00Z",
                Watch.Status.WATCHING,
                ""));
    List<SourceWatch.Watched> day =
        SourceWatch.of(log, FROM, TO, Map.of("drone:UAV-1", 2, "observer:OBS-2", 1), KYIV);
    assertThat(day)
        .containsExactly(
            new SourceWatch.Watched(
                "acoustic:AC-3", List.of(), 0, List.of("11:00-12:30"), 0, List.of("w.csv:5")),
            new SourceWatch.Watched(
                "camera:CAM-07",
                List.of("19:30-02:10", "05:00-19:30"),
                24 * 60 - 170,
                List.of("02:10-05:00 power failure"),
                0,
                List.of("w.csv:2", "w.csv:3", "w.csv:4")),
            new SourceWatch.Watched(
                "drone:UAV-1", List.of("08:00-09:30"), 90, List.of(), 2, List.of("w.csv:6")));
  }

  @Test
  void periodsMergeWhereTheyTouchAndOfflineCutsThemApart() {
    Instant t0 = Instant.parse("2025-08-16T00:00:00Z");
    List<Instant[]> merged =
        SourceWatch.union(
            List.of(
                new Instant[] {t0.plusSeconds(3600), t0.plusSeconds(7200)},
                new Instant[] {t0, t0.plusSeconds(3600)},
                new Instant[] {t0.plusSeconds(9000), t0.plusSeconds(9600)}));
    assertThat(merged).hasSize(2);
    assertThat(merged.get(0)).containsExactly(t0, t0.plusSeconds(7200));
    List<Instant[]> cut =
        SourceWatch.minus(
            merged,
            List.of(
                new Instant[] {t0.minusSeconds(60), t0.plusSeconds(600)},
                new Instant[] {t0.plusSeconds(1800), t0.plusSeconds(2400)},
                new Instant[] {t0.plusSeconds(9000), t0.plusSeconds(9600)}));
    assertThat(cut).hasSize(2);
    assertThat(cut.get(0)).containsExactly(t0.plusSeconds(600), t0.plusSeconds(1800));
    assertThat(cut.get(1)).containsExactly(t0.plusSeconds(2400), t0.plusSeconds(7200));
  }

  @Test
  void overTheTruceEachSourceSumsItsTruceDaysOnly() {
    PeriodReport.Day before =
        day(
            PeriodReport.Phase.BEFORE,
            new SourceWatch.Watched("camera:C", List.of(), 600, List.of(), 3));
    PeriodReport.Day first =
        day(
            PeriodReport.Phase.TRUCE,
            new SourceWatch.Watched("camera:C", List.of(), 1_380, List.of("a", "b"), 1),
            new SourceWatch.Watched("drone:D", List.of(), 90, List.of(), 0));
    PeriodReport.Day second =
        day(
            PeriodReport.Phase.TRUCE,
            new SourceWatch.Watched("camera:C", List.of(), 1_440, List.of(), 2));
    PeriodReport.Day after =
        day(
            PeriodReport.Phase.AFTER,
            new SourceWatch.Watched("drone:D", List.of(), 60, List.of(), 5));
    assertThat(SourceWatch.overTruce(List.of(before, first, second, after)))
        .containsExactly(
            new SourceWatch.Total("camera:C", 2, 2_820, 2, 3),
            new SourceWatch.Total("drone:D", 1, 90, 0, 0));
  }

  private static PeriodReport.Day day(PeriodReport.Phase phase, SourceWatch.Watched... watched) {
    return new PeriodReport.Day(
        java.time.LocalDate.of(2025, 8, 16),
        phase,
        FROM,
        TO,
        new PeriodReport.Coverage("observed", List.of(), List.of(), List.of()),
        null,
        null,
        List.of(),
        List.of(watched));
  }

  @Test
  void aDayWhoseClocksGoBackHasTwentyFiveHoursOfWatch() {
    // 26 October 2025: Kyiv leaves summer time, so the report day runs from 16:30 to 17:30 UTC
    Instant from = Instant.parse("2025-10-25T16:30:00Z");
    Instant to = Instant.parse("2025-10-26T17:30:00Z");
    List<SourceWatch.Watched> day =
        SourceWatch.of(
            List.of(
                watch(
                    "CAM-07",
                    SourceKind.CAMERA,
                    "2025-10-25T00:00:00Z",
                    "2025-10-27T00:00:00Z",
                    Watch.Status.WATCHING,
                    "")),
            from,
            to,
            Map.of(),
            KYIV);
    assertThat(day)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.minutesWatching()).isEqualTo(25 * 60);
              assertThat(w.watching()).containsExactly("19:30-19:30");
            });
  }
}
