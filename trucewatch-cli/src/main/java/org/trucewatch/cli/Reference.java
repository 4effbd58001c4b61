package org.trucewatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.Region;
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.BackgroundHistory;
import org.trucewatch.scoring.KnownFireArea;
import org.trucewatch.scoring.WarActivityClassifier;
import org.trucewatch.sources.baseline.BaselineFile;
import org.trucewatch.sources.firms.FirmsReader;
import org.trucewatch.sources.geojson.ControlMapReader;
import org.trucewatch.sources.geojson.GeoJsonInputException;
import org.trucewatch.sources.geojson.RegionReader;
import org.trucewatch.sources.terms.KnownFireAreas;
import org.trucewatch.sources.terms.TermsException;

/**
 * The reference data a run needs: regions and the background history, bundled in the jar unless
 * files are named; and control maps, which are named, except that {@code evaluate} falls back to
 * the bundled map of early 2023.
 */
final class Reference {
  static final String BUNDLED_REGIONS = "ukraine-oblasts.geojson.gz";
  static final String BUNDLED_BASELINE = "background-history.csv.gz";

  /**
   * The ISW/CTP control map of early 2023: the only one in the repository from the period of The
   * Economist's labels (2022-23), so {@code evaluate} uses it unless told otherwise.
   */
  static final String BUNDLED_CONTROL_2023 = "russian-controlled-2023.geojson.gz";

  /**
   * The Economist's labelled detections of 24 February - 31 August 2022 (the development labels):
   * {@code evaluate} classifies their detections, never their labels, with a labelled file of a
   * later period, as the context that its rules look back on.
   */
  static final String BUNDLED_DEVELOPMENT_LABELS = "economist-war-fires-2022-dev.csv.gz";

  private Reference() {}

  static List<Region> regions(Path file) {
    try {
      if (file != null) {
        PathChecks.inputFile(file);
        return RegionReader.read(file);
      }
      Path tmp = extract(BUNDLED_REGIONS);
      try {
        return RegionReader.read(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (GeoJsonInputException e) {
      throw new InputFailure(e.getMessage(), e);
    } catch (IOException e) {
      throw new InputFailure("cannot read the regions: " + e.getMessage(), e);
    }
  }

  static BackgroundHistory history(Path file) {
    try {
      if (file != null) {
        PathChecks.inputFile(file);
        return BaselineFile.read(file);
      }
      try (InputStream in = bundled(BUNDLED_BASELINE)) {
        return BaselineFile.read(BUNDLED_BASELINE, new GZIPInputStream(in));
      }
    } catch (IOException e) {
      throw new InputFailure("cannot read the baseline: " + e.getMessage(), e);
    }
  }

  /** The classifier of the current method on the given (or bundled) background history. */
  static WarActivityClassifier classifier(Path baseline) {
    return classifier(history(baseline));
  }

  /** The classifier of the current method on a background history. */
  static WarActivityClassifier classifier(BackgroundHistory history) {
    return WarActivityClassifier.current(history);
  }

  /** The control maps of the files, in the order given. */
  static List<ControlMap> controlMaps(List<Path> files) {
    List<ControlMap> maps = new java.util.ArrayList<>(files.size());
    for (Path f : files) {
      maps.add(controlMap(f));
    }
    return maps;
  }

  static ControlMap controlMap(Path file) {
    if (file == null) {
      return null;
    }
    PathChecks.inputFile(file);
    try {
      return ControlMapReader.read(file);
    } catch (GeoJsonInputException e) {
      throw new InputFailure(e.getMessage(), e);
    }
  }

  /**
   * The known fire areas of a file, each meeting the regions' area of interest; none without one.
   */
  static List<KnownFireArea> knownFireAreas(Path file, List<Region> regions) {
    if (file == null) {
      return List.of();
    }
    PathChecks.inputFile(file);
    try {
      return KnownFireAreas.read(file, AreaOfInterest.of(regions));
    } catch (TermsException e) {
      throw new InputFailure(e.getMessage(), e);
    }
  }

  /** The bundled control map of early 2023 ({@link #BUNDLED_CONTROL_2023}). */
  static ControlMap bundledControlMap2023() {
    try (InputStream in = bundled(BUNDLED_CONTROL_2023)) {
      return ControlMapReader.read(BUNDLED_CONTROL_2023, in, null);
    } catch (GeoJsonInputException e) {
      throw new InputFailure(e.getMessage(), e);
    } catch (IOException e) {
      throw new InputFailure("cannot read the bundled control map: " + e.getMessage(), e);
    }
  }

  /** The detections of {@link #BUNDLED_DEVELOPMENT_LABELS}, in file order. */
  static List<Observation> bundledDevelopmentDetections() {
    try (InputStream in = bundled(BUNDLED_DEVELOPMENT_LABELS)) {
      return FirmsReader.read(BUNDLED_DEVELOPMENT_LABELS, in).observations();
    } catch (IOException e) {
      throw new InputFailure(
          "cannot read the bundled " + BUNDLED_DEVELOPMENT_LABELS + ": " + e.getMessage(), e);
    }
  }

  private static InputStream bundled(String name) throws IOException {
    InputStream in = Reference.class.getResourceAsStream("reference/" + name);
    if (in == null) {
      throw new IOException("bundled " + name + " is missing from the build");
    }
    return in;
  }

  private static Path extract(String name) throws IOException {
    Path tmp = Files.createTempFile("trucewatch-", "-" + name);
    try (InputStream in = bundled(name)) {
      Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return tmp;
  }
}
