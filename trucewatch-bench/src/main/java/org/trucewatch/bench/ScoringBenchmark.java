package org.trucewatch.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.Score;
import org.trucewatch.scoring.WarActivityClassifier;

/**
 * Scoring alone: the classifier over a year of detections (set {@code -p year=PATH} to the 2022
 * history file; the default is the bundled labelled file), with a warm baseline. The detections'
 * distances to the line of contact of the bundled DeepState map are computed once in the setup, so
 * the timed part is the scoring that {@code classify} runs after placement (the method reads the
 * distances since tw-fire-2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class ScoringBenchmark {
  @Param({""})
  public String year;

  List<Observation> detections;
  double[] distances;
  WarActivityClassifier classifier;

  @Setup
  public void setUp() throws Exception {
    detections = BenchData.year(year);
    classifier = BenchData.classifier();
    GeoContext geo = GeoContext.build(BenchData.regions(), BenchData.deepState());
    distances = new double[detections.size()];
    for (int i = 0; i < distances.length; i++) {
      Observation o = detections.get(i);
      distances[i] = geo.place(o.latitude(), o.longitude()).distanceToLineMetres();
    }
  }

  @Benchmark
  public List<Score> score() {
    return classifier.classify(detections, distances);
  }
}
