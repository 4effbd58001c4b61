package org.trucewatch.run;

import java.util.ArrayList;
import java.util.List;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.GeoTimeline;
import org.trucewatch.geo.Placement;
import org.trucewatch.geo.Region;
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

  /** The area of the last regions seen: a server or a benchmark classifies again and again. */
  private static final java.util.concurrent.atomic.AtomicReference<Area> LAST_AREA =
      new java.util.concurrent.atomic.AtomicReference<>();

  private record Area(List<Region> regions, BackgroundArea area) {}

  /** The background's area of the regions, built once per list of regions (some 50 ms). */
  private static BackgroundArea areaOf(List<Region> regions) {
    Area last = LAST_AREA.get();
    if (last != null && last.regions() == regions) {
      return last.area();
    }
    BackgroundArea area = BackgroundArea.of(regions);
    LAST_AREA.set(new Area(regions, area));
    return area;
  }

  /** Counters of one run. */
  public record Summary(int detections, int warRelated) {}

  /** The result: one classified detection per input, in input order, and the counters. */
  public record Result(List<ClassifiedDetection> detections, Summary summary) {}

  public static Result run(
      List<Observation> detections, GeoContext geo, WarActivityClassifier classifier) {
    return run(detections, geo, classifier, List.of());
  }

  /** As above, with areas whose fires are established as not war-related. */
  public static Result run(
      List<Observation> detections,
      GeoContext geo,
      WarActivityClassifier classifier,
      List<KnownFireArea> knownFireAreas) {
    return run(detections, GeoTimeline.of(geo), classifier, knownFireAreas);
  }

  /**
   * As above, each detection placed on the control map of its day ({@link GeoTimeline#placeAll}).
   */
  public static Result run(
      List<Observation> detections,
      GeoTimeline geo,
      WarActivityClassifier classifier,
      List<KnownFireArea> knownFireAreas) {
    int n = detections.size();
    Placement[] placements = geo.placeAll(detections);
    double[] distances = new double[n];
    for (int i = 0; i < n; i++) {
      distances[i] = placements[i].distanceToLineMetres();
    }
    List<Score> scores =
        classifier.classify(detections, distances, knownFireAreas, areaOf(geo.regions()));
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
