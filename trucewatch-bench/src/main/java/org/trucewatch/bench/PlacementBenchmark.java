package org.trucewatch.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Placement;

/**
 * Placement throughput on one thread: side, signed distance to the line and oblast for real VIIRS
 * detection positions (jittered by up to 0.01°) against the DeepState map of 14 August 2025. The
 * score is operations per second where one operation is one detection.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PlacementBenchmark {
  static final int N = 100_000;
  GeoContext geo;
  double[] lat;
  double[] lon;

  @Setup
  public void setUp() throws Exception {
    geo = GeoContext.build(BenchData.regions(), BenchData.deepState());
    double[][] p = BenchData.points(BenchData.viirs(), N, 7);
    lat = p[0];
    lon = p[1];
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void place(Blackhole bh) {
    for (int i = 0; i < N; i++) {
      Placement pl = geo.place(lat[i], lon[i]);
      bh.consume(pl);
    }
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public void distanceOnly(Blackhole bh) {
    for (int i = 0; i < N; i++) {
      bh.consume(geo.distanceToLine(lat[i], lon[i]));
    }
  }
}
