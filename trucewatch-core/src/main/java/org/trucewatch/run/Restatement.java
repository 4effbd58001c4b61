package org.trucewatch.run;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.incident.IncidentClusterer;
import org.trucewatch.incident.IncidentParams;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.Watch;
import org.trucewatch.scoring.WarActivityClassifier;

/**
 * The whole path over everything taken in so far, and the days whose figures it states anew: what
 * the server runs after each ingest and the streaming job after each file, so that the two cannot
 * disagree.
 *
 * @param result the classified detections, incidents and findings
 * @param report the period report of the terms
 * @param revised the days with data whose figures differ from the newest of their {@code history}
 *     (or that have none), each with its new version ({@link DayRevision#added})
 */
public record Restatement(
    TruceRun.Result result, PeriodReport report, Map<LocalDate, DayRevision> revised) {

  /**
   * What the run was given: the observations, reports and watch logs, and the files they came from
   * ({@code reportFiles} holds the files of reports and of watch logs).
   */
  public record Inputs(
      List<Observation> observations,
      List<SurveillanceReport> reports,
      List<Watch> watches,
      List<InputFile> firmsFiles,
      List<InputFile> reportFiles,
      InputFile terms) {

    /** Inputs without watch logs. */
    public Inputs(
        List<Observation> observations,
        List<SurveillanceReport> reports,
        List<InputFile> firmsFiles,
        List<InputFile> reportFiles,
        InputFile terms) {
      this(observations, reports, List.of(), firmsFiles, reportFiles, terms);
    }
  }

  /**
   * Runs the current method over {@code in} and compares each day's figures with {@code history}
   * (each day's versions, oldest first).
   *
   * @param stated when these figures are stated
   * @param lastInput the newest input included (an ingest id, or a count of files taken in)
   */
  public static Restatement of(
      Inputs in,
      TruceContext truce,
      WarActivityClassifier classifier,
      Map<LocalDate, List<DayRevision>> history,
      Instant stated,
      long lastInput) {
    TruceRun.Result result =
        TruceRun.run(
            in.observations(),
            in.reports(),
            truce,
            classifier,
            new IncidentClusterer(IncidentParams.DEFAULTS));
    PeriodReport report =
        ReportBuilder.build(
            result,
            truce,
            in.firmsFiles(),
            in.reportFiles(),
            in.watches(),
            in.terms(),
            MethodVersion.CURRENT);
    return new Restatement(result, report, DayRevision.added(report, history, stated, lastInput));
  }
}
