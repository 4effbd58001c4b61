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
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.Score;
import org.trucewatch.scoring.WarActivityClassifier;

/**
 * Scoring alone: the classifier over a year of detections (set {@code -p year=PATH} to the 2022
 * history file; the default is the bundled labelled file), with a warm baseline.
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
  WarActivityClassifier classifier;

  @Setup
  public void setUp() throws Exception {
    detections = BenchData.year(year);
    classifier = BenchData.classifier();
  }

  @Benchmark
  public List<Score> score() {
    return classifier.classify(detections);
  }
}
