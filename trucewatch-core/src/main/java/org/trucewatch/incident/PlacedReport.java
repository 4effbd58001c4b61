package org.trucewatch.incident;

import java.util.Objects;
import org.trucewatch.geo.Placement;
import org.trucewatch.observation.SurveillanceReport;

/**
 * A surveillance report with where its point is: whose ground, distance to the line, oblast.
 *
 * @param report the report
 * @param placement the placement of the report's point
 */
public record PlacedReport(SurveillanceReport report, Placement placement) {
  public PlacedReport {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(placement, "placement");
  }
}
