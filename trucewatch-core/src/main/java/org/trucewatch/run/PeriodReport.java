package org.trucewatch.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.TruceTerms;

/**
 * The report of a period: one entry per report day, a summary, and the notable findings. Every
 * number is a count of detections, incidents or findings that the outputs list one by one.
 *
 * @param methodVersion the method version
 * @param terms the truce terms
 * @param termsFile the terms file (name and hash)
 * @param inputs the detection files
 * @param days one entry per report day, in order
 * @param summary the period as a whole
 * @param notable findings with verdict violation, probable violation or possible: violations first,
 *     then probable violations, then possible findings, each by time
 * @param reportInputs the files of surveillance reports and of watch logs (without dates: they do
 *     not count towards a day's coverage status, which is that of the satellite files)
 */
public record PeriodReport(
    String methodVersion,
    TruceTerms terms,
    InputFile termsFile,
    List<InputFile> inputs,
    List<Day> days,
    Summary summary,
    List<Finding> notable,
    List<InputFile> reportInputs) {

  /** A report without files of surveillance reports. */
  public PeriodReport(
      String methodVersion,
      TruceTerms terms,
      InputFile termsFile,
      List<InputFile> inputs,
      List<Day> days,
      Summary summary,
      List<Finding> notable) {
    this(methodVersion, terms, termsFile, inputs, days, summary, notable, List.of());
  }

  /** Where a day stands relative to the truce. */
  public enum Phase {
    BEFORE,
    TRUCE,
    AFTER;

    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One report day.
   *
   * @param date the report day (it ends at the cutoff on this date)
   * @param phase before, during or after the truce (by the day's end)
   * @param from first instant of the day
   * @param to first instant after the day
   * @param coverage what could be seen
   * @param counts the day's counts
   * @param change difference from the previous report day, or {@code null} for the first day or
   *     when the inputs do not cover both days wholly
   * @param reported the surveillance reports of the day, per event in the order of {@link
   *     org.trucewatch.observation.ReportedEvent}; empty without any
   * @param watched what the watch logs say of the day's surveillance sources, by source; empty
   *     without any logged period in the day
   */
  public record Day(
      LocalDate date,
      Phase phase,
      Instant from,
      Instant to,
      Coverage coverage,
      Counts counts,
      Change change,
      List<Reported> reported,
      List<SourceWatch.Watched> watched) {
    public Day {
      reported = List.copyOf(reported);
      watched = List.copyOf(watched);
    }

    /** A day without watch logs. */
    public Day(
        LocalDate date,
        Phase phase,
        Instant from,
        Instant to,
        Coverage coverage,
        Counts counts,
        Change change,
        List<Reported> reported) {
      this(date, phase, from, to, coverage, counts, change, reported, List.of());
    }
  }

  /**
   * The surveillance reports of one event in a day, as the OSCE mission's daily reports counted
   * ceasefire violations by kind.
   *
   * @param event the event's key, such as {@code explosion}
   * @param reports how many reports of it
   * @param counted how many of it those reports count together (their {@code count}s)
   * @param sources the sources that reported it ({@code kind:source_id})
   * @param inZones of {@code counted}, how many the reports place inside a zone of the terms
   */
  public record Reported(
      String event, int reports, long counted, List<String> sources, long inZones) {
    public Reported {
      sources = List.copyOf(sources);
    }
  }

  /**
   * Counts of one day or period.
   *
   * @param detections detections
   * @param warRelated detections classified war-related
   * @param inBuffer detections inside the truce's buffer zone
   * @param incidents incidents (by their first detection)
   * @param findings findings by verdict key (every verdict present, zeros included)
   * @param bySide counts per side key
   * @param byOblast counts per oblast code (only oblasts with detections)
   * @param bySector counts per monitoring sector id of the terms, in the terms' order, with {@code
   *     none} last for what lies in no sector (only sectors with activity; empty when the terms
   *     have no sectors)
   */
  public record Counts(
      int detections,
      int warRelated,
      int inBuffer,
      int incidents,
      Map<String, Integer> findings,
      Map<String, Part> bySide,
      Map<String, Part> byOblast,
      Map<String, Part> bySector) {

    /** Counts of terms without sectors. */
    public Counts(
        int detections,
        int warRelated,
        int inBuffer,
        int incidents,
        Map<String, Integer> findings,
        Map<String, Part> bySide,
        Map<String, Part> byOblast) {
      this(detections, warRelated, inBuffer, incidents, findings, bySide, byOblast, Map.of());
    }
  }

  /** Counts of one side or oblast. */
  public record Part(
      String name, int detections, int warRelated, int inBuffer, int incidents, int violations) {}

  /** Day-on-day change. */
  public record Change(int detections, int warRelated, int incidents, int violations) {}

  /**
   * What could be seen in a report day.
   *
   * @param status {@code observed} (input covers the whole day), {@code partial} or {@code
   *     not-observed}
   * @param sources the sources whose files cover part of the day
   * @param passes the passes seen (source and local time), from the detections
   * @param hoursWithoutPass local time ranges of the day's hours in which no pass was seen
   */
  public record Coverage(
      String status, List<String> sources, List<String> passes, List<String> hoursWithoutPass) {}

  /**
   * The period as a whole.
   *
   * @param firstDay first report day
   * @param lastDay last report day
   * @param truceDays report days that end during the truce
   * @param truceDaysObserved of those, days with input
   * @param beforeDaysObserved report days before the truce with input
   * @param comparedDays N: the first N truce days that the inputs cover wholly are compared with
   *     the last N such days before the truce
   * @param truce counts over the observed truce days
   * @param truceFirstN counts over the first N wholly observed truce days
   * @param beforeLastN counts over the last N wholly observed days before the truce
   * @param all counts over every report day (what the store and the API hold)
   * @param detectionsOutsidePeriod detections of the inputs more than the truce's length before or
   *     after it: context for the classification, not reported by day
   * @param detectionsOutsideArea detections of the inputs beyond the area of interest, counted
   *     where they were read and not assessed ({@link InputFile#outsideArea()})
   */
  public record Summary(
      LocalDate firstDay,
      LocalDate lastDay,
      int truceDays,
      int truceDaysObserved,
      int beforeDaysObserved,
      int comparedDays,
      Counts truce,
      Counts truceFirstN,
      Counts beforeLastN,
      Counts all,
      int detectionsOutsidePeriod,
      long detectionsOutsideArea) {}
}
