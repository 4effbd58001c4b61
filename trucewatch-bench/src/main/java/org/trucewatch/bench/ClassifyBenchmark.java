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
import org.trucewatch.geo.GeoTimeline;
import org.trucewatch.observation.Observation;
import org.trucewatch.run.ClassificationRun;
import org.trucewatch.scoring.BackgroundArea;
import org.trucewatch.scoring.WarActivityClassifier;

/**
 * A whole {@code classify} of a year of detections, as the CLI runs it: placement against the
 * DeepState map (in parallel), then scoring against the bundled baseline. Reading the files is
 * outside the measurement, and so is building the background's area of the regions (some 50 ms,
 * once per set of regions, as a server re-assessing holds it). Set {@code -p year=PATH} to the 2022
 * history file (all sensors) for a full year; the default is the bundled labelled file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class ClassifyBenchmark {
  @Param({""})
  public String year;

  List<Observation> detections;
  GeoTimeline geo;
  WarActivityClassifier classifier;
  BackgroundArea area;

  @Setup
  public void setUp() throws Exception {
    detections = BenchData.year(year);
    geo = GeoTimeline.of(GeoContext.build(BenchData.regions(), BenchData.deepState()));
    classifier = BenchData.classifier();
    area = BackgroundArea.of(geo.regions());
  }

  @Benchmark
  public ClassificationRun.Result classify() {
    return ClassificationRun.run(detections, geo, classifier, List.of(), area);
  }
}
