package org.trucewatch.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a report day's figures. A monitor that assesses again as data arrive keeps each
 * version of a day whose figures or method changed, so that a figure once published can be traced
 * to when it was stated and why it changed.
 *
 * @param stated when the assessment that stated these figures was made
 * @param methodVersion the method version of that assessment
 * @param lastIngestId the newest ingest that assessment included
 * @param coverage the day's coverage status: {@code observed} or {@code partial}
 * @param detections the day's detections
 * @param warRelated of them, war-related
 * @param inBuffer of them, inside the buffer zone
 * @param incidents incidents whose first detection falls in the day
 * @param findings the day's findings by verdict key
 * @param reports the day's surveillance reports (each counted on the report day of its own time)
 */
public record DayRevision(
    Instant stated,
    String methodVersion,
    long lastIngestId,
    String coverage,
    int detections,
    int warRelated,
    int inBuffer,
    int incidents,
    Map<String, Integer> findings,
    int reports) {

  public DayRevision {
    findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
  }

  /** The figures that {@code d} states, as assessed at {@code stated}. */
  public static DayRevision of(
      PeriodReport.Day d, Instant stated, String methodVersion, long lastIngestId) {
    PeriodReport.Counts c = d.counts();
    return new DayRevision(
        stated,
        methodVersion,
        lastIngestId,
        d.coverage().status(),
        c.detections(),
        c.warRelated(),
        c.inBuffer(),
        c.incidents(),
        c.findings(),
        d.reported().stream().mapToInt(PeriodReport.Reported::reports).sum());
  }

  /** Whether {@code other} states the same figures and coverage by the same method version. */
  public boolean sameAs(DayRevision other) {
    return methodVersion.equals(other.methodVersion)
        && coverage.equals(other.coverage)
        && detections == other.detections
        && warRelated == other.warRelated
        && inBuffer == other.inBuffer
        && incidents == other.incidents
        && findings.equals(other.findings)
        && reports == other.reports;
  }

  /**
   * The revisions that {@code report} adds to {@code history} (each day's versions, oldest first):
   * one for each day with data (observed wholly or in part, or with surveillance reports) that has
   * none yet or whose newest differs from it ({@link #sameAs}), as when later files add detections
   * or reports or cover more of it. A day without data states no figures and gets none.
   */
  public static Map<LocalDate, DayRevision> added(
      PeriodReport report,
      Map<LocalDate, List<DayRevision>> history,
      Instant stated,
      long lastIngestId) {
    Map<LocalDate, DayRevision> out = new TreeMap<>();
    for (PeriodReport.Day d : report.days()) {
      DayRevision now = of(d, stated, report.methodVersion(), lastIngestId);
      if (d.coverage().status().equals("not-observed") && now.reports() == 0) {
        continue;
      }
      List<DayRevision> before = history.getOrDefault(d.date(), List.of());
      if (before.isEmpty() || !before.get(before.size() - 1).sameAs(now)) {
        out.put(d.date(), now);
      }
    }
    return out;
  }
}
