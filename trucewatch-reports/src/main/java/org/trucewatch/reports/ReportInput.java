package org.trucewatch.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.incident.Incident;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.PeriodReport;

/**
 * Everything the renderers need: the report, the incidents and findings, the geography, and the
 * versions of each report day's figures stated before, this report's own included (empty for a
 * report made once, as {@code assess} makes it).
 */
public record ReportInput(
    PeriodReport report,
    List<Incident> incidents,
    List<Finding> findings,
    TruceContext truce,
    Map<LocalDate, List<DayRevision>> revisions) {

  public ReportInput {
    revisions = Map.copyOf(revisions);
  }

  /** A report without earlier versions. */
  public ReportInput(
      PeriodReport report, List<Incident> incidents, List<Finding> findings, TruceContext truce) {
    this(report, incidents, findings, truce, Map.of());
  }
}
