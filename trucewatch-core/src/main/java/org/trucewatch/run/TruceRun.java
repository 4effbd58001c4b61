package org.trucewatch.run;

import java.util.ArrayList;
import java.util.List;
import org.trucewatch.assessment.Assessor;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.geo.GeoTimeline;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.IncidentClusterer;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.WarActivityClassifier;

/** The whole path for a truce: place → score → cluster → assess. */
public final class TruceRun {
  private TruceRun() {}

  /** Everything a run produced: classified detections, incidents and findings. */
  public record Result(
      List<ClassifiedDetection> detections, List<Incident> incidents, List<Finding> findings) {}

  public static Result run(
      List<Observation> observations,
      TruceContext truce,
      WarActivityClassifier classifier,
      IncidentClusterer clusterer) {
    return run(observations, List.of(), truce, classifier, clusterer);
  }

  /**
   * The whole path with surveillance reports too: each report is placed on the terms' control map
   * and grouped with the detections into incidents.
   */
  public static Result run(
      List<Observation> observations,
      List<SurveillanceReport> reports,
      TruceContext truce,
      WarActivityClassifier classifier,
      IncidentClusterer clusterer) {
    List<ClassifiedDetection> classified =
        ClassificationRun.run(
                observations,
                GeoTimeline.of(truce.geo()),
                classifier,
                truce.terms().knownFireAreas(),
                truce.backgroundArea())
            .detections();
    List<PlacedReport> placed = new ArrayList<>(reports.size());
    for (SurveillanceReport r : reports) {
      placed.add(new PlacedReport(r, truce.geo().place(r.latitude(), r.longitude())));
    }
    List<Incident> incidents = clusterer.cluster(classified, placed, truce.geo());
    List<Finding> findings = Assessor.assess(incidents, truce);
    return new Result(classified, incidents, findings);
  }
}
