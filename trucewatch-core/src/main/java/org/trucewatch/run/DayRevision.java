package org.trucewatch.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * @param areas the day's counts by side, oblast and monitoring sector, as the daily report gives
 *     them; null in a version kept before the store kept them (migration 21), which is then not
 *     compared by them
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
    int reports,
    Areas areas) {

  public DayRevision {
    findings = Collections.unmodifiableMap(new LinkedHashMap<>(findings));
  }

  /**
   * A day's counts by side, oblast and monitoring sector, each by its key as the daily report gives
   * them ({@code none} for what lies in no sector).
   */
  public record Areas(
      Map<String, PeriodReport.Part> bySide,
      Map<String, PeriodReport.Part> byOblast,
      Map<String, PeriodReport.Part> bySector) {
    public Areas {
      bySide = Collections.unmodifiableMap(new LinkedHashMap<>(bySide));
      byOblast = Collections.unmodifiableMap(new LinkedHashMap<>(byOblast));
      bySector = Collections.unmodifiableMap(new LinkedHashMap<>(bySector));
    }

    /** The counts by area of {@code c}. */
    public static Areas of(PeriodReport.Counts c) {
      return new Areas(c.bySide(), c.byOblast(), c.bySector());
    }

    /**
     * The names of the sides, oblasts and sectors, in that order, whose counts here are not those
     * {@code before} (an area counted in only one of the two included).
     */
    public List<String> changedFrom(Areas before) {
      List<String> out = new ArrayList<>();
      changed(bySide, before.bySide, out);
      changed(byOblast, before.byOblast, out);
      changed(bySector, before.bySector, out);
      return out;
    }

    private static void changed(
        Map<String, PeriodReport.Part> now,
        Map<String, PeriodReport.Part> before,
        List<String> out) {
      for (String k : changedKeys(now, before)) {
        out.add((now.containsKey(k) ? now : before).get(k).name());
      }
    }

    /**
     * The keys whose counts in {@code now} are not those {@code before}, those of {@code before}
     * first, in their order (a key counted in only one of the two included).
     */
    public static Set<String> changedKeys(
        Map<String, PeriodReport.Part> now, Map<String, PeriodReport.Part> before) {
      Set<String> keys = new LinkedHashSet<>(before.keySet());
      keys.addAll(now.keySet());
      keys.removeIf(k -> Objects.equals(now.get(k), before.get(k)));
      return keys;
    }
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
        d.reported().stream().mapToInt(PeriodReport.Reported::reports).sum(),
        Areas.of(c));
  }

  /** This version with {@code areas} as its counts by area. */
  public DayRevision withAreas(Areas areas) {
    return new DayRevision(
        stated,
        methodVersion,
        lastIngestId,
        coverage,
        detections,
        warRelated,
        inBuffer,
        incidents,
        findings,
        reports,
        areas);
  }

  /**
   * The names of the sides, oblasts and sectors whose counts this version changed from {@code
   * before} ({@link Areas#changedFrom}); not known (empty) when there is no version before (null)
   * or either does not keep them.
   */
  public Optional<List<String>> areasChangedFrom(DayRevision before) {
    return before == null || areas == null || before.areas == null
        ? Optional.empty()
        : Optional.of(areas.changedFrom(before.areas));
  }

  /**
   * Whether {@code other} states the same figures, coverage and counts by area by the same method
   * version (counts by area only when both keep them).
   */
  public boolean sameAs(DayRevision other) {
    return methodVersion.equals(other.methodVersion)
        && coverage.equals(other.coverage)
        && detections == other.detections
        && warRelated == other.warRelated
        && inBuffer == other.inBuffer
        && incidents == other.incidents
        && findings.equals(other.findings)
        && reports == other.reports
        && (areas == null || other.areas == null || areas.equals(other.areas));
  }

  /**
   * The revisions that {@code report} adds to {@code history} (each day's versions, oldest first):
   * one for each day with data (observed wholly or in part, or with surveillance reports) that has
   * none yet or whose newest differs from it ({@link #sameAs}), as when later files add detections
   * or reports or cover more of it, or move an incident from one oblast or sector to another. A day
   * without data states no figures and gets none.
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
