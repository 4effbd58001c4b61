package org.trucewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.Region;
import org.trucewatch.observation.Observation;
import org.trucewatch.sources.firms.FirmsReader;
import org.trucewatch.sources.geojson.ControlMapReader;
import org.trucewatch.sources.geojson.GeoJsonInputException;
import org.trucewatch.sources.geojson.RegionReader;

/** Loads the real inputs the benchmarks run on, from the repository's data folder. */
final class BenchData {
  static final Path DATA = Path.of(System.getProperty("trucewatch.data", "data"));

  private BenchData() {}

  static List<Region> regions() throws GeoJsonInputException {
    return RegionReader.read(DATA.resolve("reference/ukraine-oblasts.geojson.gz"));
  }

  static ControlMap deepState() throws GeoJsonInputException {
    return ControlMapReader.read(
        DATA.resolve("frontline/daily/deepstatemap_data_20250814.geojson.gz"));
  }

  /** The bundled VIIRS detections of 11-24 August 2025. */
  static List<Observation> viirs() throws IOException {
    List<Observation> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(DATA.resolve("firms/viirs-nrt"))) {
      for (Path f : s.sorted().toList()) {
        out.addAll(FirmsReader.read(f).observations());
      }
    }
    return out;
  }

  /**
   * A year of detections: the 2022 history file when a path to it is given, else the bundled
   * labelled file (24 February - 31 August 2022).
   */
  static List<Observation> year(String path) {
    Path p =
        path.isEmpty() ? DATA.resolve("labels/economist-war-fires-2022-dev.csv.gz") : Path.of(path);
    return FirmsReader.read(p).observations();
  }

  /** The classifier of the current method on the bundled background history. */
  static org.trucewatch.scoring.WarActivityClassifier classifier() throws IOException {
    return new org.trucewatch.scoring.WarActivityClassifier(
        new org.trucewatch.scoring.Baseline(
            org.trucewatch.sources.baseline.BaselineFile.read(
                DATA.resolve("reference/background-history.csv.gz")),
            org.trucewatch.scoring.BaselineParams.DEFAULTS),
        org.trucewatch.scoring.ClassifierParams.DEFAULTS);
  }

  /** Coordinates of {@code n} points: the detections repeated with offsets of up to ±0.01°. */
  static double[][] points(List<Observation> base, int n, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] lat = new double[n];
    double[] lon = new double[n];
    for (int i = 0; i < n; i++) {
      Observation o = base.get(i % base.size());
      lat[i] = o.latitude() + rnd.nextDouble(-0.01, 0.01);
      lon[i] = o.longitude() + rnd.nextDouble(-0.01, 0.01);
    }
    return new double[][] {lat, lon};
  }
}
