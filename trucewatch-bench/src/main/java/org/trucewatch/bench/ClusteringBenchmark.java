package org.trucewatch.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.IncidentClusterer;
import org.trucewatch.incident.IncidentParams;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.Score;

/** Clustering alone: the 15,334 bundled VIIRS detections of 11-24 August 2025 into incidents. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClusteringBenchmark {
  List<ClassifiedDetection> detections;
  GeoContext geo;
  IncidentClusterer clusterer;

  @Setup
  public void setUp() throws Exception {
    geo = GeoContext.build(BenchData.regions(), BenchData.deepState());
    Score none = new Score(0, 1, 0, 1, 0, false, false, "");
    detections =
        BenchData.viirs().stream()
            .map(o -> new ClassifiedDetection(o, geo.place(o.latitude(), o.longitude()), none))
            .toList();
    clusterer = new IncidentClusterer(IncidentParams.DEFAULTS);
  }

  @Benchmark
  public List<Incident> cluster() {
    return clusterer.cluster(detections, geo);
  }
}
