package org.trucewatch.stream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.trucewatch.assessment.ExampleCheck;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.geo.Region;
import org.trucewatch.run.InputFile;
import org.trucewatch.scoring.WarActivityClassifier;
import org.trucewatch.sources.Inputs;
import org.trucewatch.sources.baseline.BaselineFile;
import org.trucewatch.sources.firms.FirmsFiles;
import org.trucewatch.sources.geojson.GeoJsonInputException;
import org.trucewatch.sources.geojson.RegionReader;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.sources.terms.TermsFiles;
import org.trucewatch.sources.terms.TermsReader;

/**
 * What the job assesses against, read once where the job is defined and sent with it: the terms
 * with the files they name (control map, zone outlines), the regions and the background history,
 * each as the bytes that were read. So no task reads a file of its own, and every task assesses
 * against the same inputs.
 */
public final class TruceSetup implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The regions and the background history that the job carries when none is given. */
  static final String BUNDLED_REGIONS = "ukraine-oblasts.geojson.gz";

  static final String BUNDLED_BASELINE = "background-history.csv.gz";

  private final String termsName;
  private final byte[] terms;
  private final HashMap<String, byte[]> termsFiles;
  private final String regionsName;
  private final byte[] regions;
  private final String baselineName;
  private final byte[] baseline;

  private transient Prepared prepared;

  /** The setup made ready to assess: the truce, the classifier, the area and the terms file. */
  public record Prepared(
      TruceContext truce,
      WarActivityClassifier classifier,
      AreaOfInterest area,
      InputFile termsFile) {}

  private TruceSetup(
      String termsName,
      byte[] terms,
      Map<String, byte[]> termsFiles,
      String regionsName,
      byte[] regions,
      String baselineName,
      byte[] baseline) {
    this.termsName = termsName;
    this.terms = terms;
    this.termsFiles = new HashMap<>(termsFiles);
    this.regionsName = regionsName;
    this.regions = regions;
    this.baselineName = baselineName;
    this.baseline = baseline;
  }

  /**
   * Reads the terms (and the files they name, from the terms' folder), the regions and the
   * background history, and checks the terms' examples, as {@code assess} and {@code serve} do.
   *
   * @param regions a regions GeoJSON, or null for the bundled oblasts of Ukraine
   * @param baseline a background history, or null for the bundled one
   * @throws TermsException when the terms cannot be read or fail one of their examples
   * @throws IOException when a file cannot be read
   */
  public static TruceSetup read(Path terms, Path regions, Path baseline)
      throws TermsException, IOException {
    String name = terms.getFileName().toString();
    byte[] yaml = Files.readAllBytes(terms);
    byte[] regionBytes = regions == null ? bundled(BUNDLED_REGIONS) : Files.readAllBytes(regions);
    String regionsName = regions == null ? BUNDLED_REGIONS : regions.getFileName().toString();
    List<Region> places = regions(regionsName, regionBytes);
    TermsFiles.Keeping keeping =
        TermsFiles.keeping(TermsFiles.folder(terms.toAbsolutePath().getParent()));
    TruceContext truce =
        TermsReader.read(name, new String(yaml, StandardCharsets.UTF_8), places, keeping);
    Optional<String> failing = ExampleCheck.failures(truce);
    if (failing.isPresent()) {
      throw new TermsException(name + ": " + failing.get());
    }
    Map<String, byte[]> named = new HashMap<>();
    keeping.kept().forEach((n, f) -> named.put(n, f.content()));
    TruceSetup s =
        new TruceSetup(
            name,
            yaml,
            named,
            regionsName,
            regionBytes,
            baseline == null ? BUNDLED_BASELINE : baseline.getFileName().toString(),
            baseline == null ? bundled(BUNDLED_BASELINE) : Files.readAllBytes(baseline));
    // what was read here serves the check here (a background history that cannot be read stops
    // the job before it starts); a task, which is sent the bytes, prepares its own
    s.prepared = s.prepare(truce, places);
    return s;
  }

  /** The terms file's name. */
  public String termsName() {
    return termsName;
  }

  /** The setup made ready to assess, prepared once per task (the classifier takes a moment). */
  public synchronized Prepared prepared() {
    if (prepared == null) {
      try {
        List<Region> places = regions(regionsName, regions);
        prepared =
            prepare(
                TermsReader.read(
                    termsName,
                    new String(terms, StandardCharsets.UTF_8),
                    places,
                    TermsFiles.of(termsFiles, "not sent with the terms")),
                places);
      } catch (TermsException e) {
        throw new IllegalStateException("the terms sent with the job: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      }
    }
    return prepared;
  }

  /** The terms and regions as read, with the classifier of the background history sent. */
  private Prepared prepare(TruceContext truce, List<Region> places) throws IOException {
    WarActivityClassifier classifier;
    try {
      classifier =
          WarActivityClassifier.current(
              BaselineFile.read(baselineName, Inputs.open(new ByteArrayInputStream(baseline))));
    } catch (IOException | RuntimeException e) {
      throw new IOException(baselineName + ": " + e.getMessage(), e);
    }
    return new Prepared(
        truce,
        classifier,
        AreaOfInterest.of(places),
        InputFile.terms(termsName, FirmsFiles.sha256(terms)));
  }

  private static List<Region> regions(String name, byte[] bytes) throws IOException {
    try {
      return RegionReader.read(name, new ByteArrayInputStream(bytes));
    } catch (GeoJsonInputException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static byte[] bundled(String name) throws IOException {
    try (InputStream in = TruceSetup.class.getResourceAsStream("reference/" + name)) {
      if (in == null) {
        throw new IOException("bundled " + name + " is missing from the build");
      }
      return in.readAllBytes();
    }
  }
}
