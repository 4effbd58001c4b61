package org.trucewatch.reports;

import java.util.List;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.incident.Incident;
import org.trucewatch.run.PeriodReport;

/** Everything the renderers need: the report, the incidents and findings, and the geography. */
public record ReportInput(
    PeriodReport report, List<Incident> incidents, List<Finding> findings, TruceContext truce) {}
