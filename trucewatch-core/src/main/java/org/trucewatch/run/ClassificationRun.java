package org.trucewatch.run;

import java.util.ArrayList;
import java.util.List;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.GeoTimeline;
import org.trucewatch.geo.Placement;
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.BackgroundArea;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.KnownFireArea;
import org.trucewatch.scoring.Score;
import org.trucewatch.scoring.WarActivityClassifier;

/**
 * The satellite path: place every detection, then score all of them together. Placement runs in
 * parallel over shared, read-only {@link GeoContext}s (one per control-map date); scoring needs
 * every detection at once (persistence and follow-up look across days).
 */
public final class ClassificationRun {
  private ClassificationRun() {}

  /** Counters of one run. */
  public record Summary(int detections, int warRelated) {}

  /** The result: one classified detection per input, in input order, and the counters. */
  public record Result(List<ClassifiedDetection> detections, Summary summary) {}

  /**
   * Places each detection on the control map of its day ({@link GeoTimeline#placeAll}) and scores
   * them all, leaving out those in the known fire areas; the background's area is built from the
   * timeline's regions (some 50 ms).
   */
  public static Result run(
      List<Observation> detections,
      GeoTimeline geo,
      WarActivityClassifier classifier,
      List<KnownFireArea> knownFireAreas) {
    return run(detections, geo, classifier, knownFireAreas, BackgroundArea.of(geo.regions()));
  }

  /**
   * As above, with the background's area of the timeline's regions built beforehand: whoever runs
   * again and again with the same regions (a server re-assessing) builds it once.
   */
  public static Result run(
      List<Observation> detections,
      GeoTimeline geo,
      WarActivityClassifier classifier,
      List<KnownFireArea> knownFireAreas,
      BackgroundArea area) {
    int n = detections.size();
    Placement[] placements = geo.placeAll(detections);
    double[] distances = new double[n];
    for (int i = 0; i < n; i++) {
      distances[i] = placements[i].distanceToLineMetres();
    }
    List<Score> scores = classifier.classify(detections, distances, knownFireAreas, area);
    List<ClassifiedDetection> out = new ArrayList<>(n);
    int war = 0;
    for (int i = 0; i < n; i++) {
      Score s = scores.get(i);
      if (s.warRelated()) {
        war++;
      }
      out.add(new ClassifiedDetection(detections.get(i), placements[i], s));
    }
    return new Result(out, new Summary(n, war));
  }
}
