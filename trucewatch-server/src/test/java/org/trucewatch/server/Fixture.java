package org.trucewatch.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.trucewatch.geo.Region;
import org.trucewatch.scoring.Baseline;
import org.trucewatch.scoring.BaselineParams;
import org.trucewatch.scoring.ClassifierParams;
import org.trucewatch.scoring.WarActivityClassifier;
import org.trucewatch.sources.baseline.BaselineFile;
import org.trucewatch.sources.geojson.RegionReader;
import org.trucewatch.store.Store;

/** The bundled reference data and demo inputs, and a small HTTP client, for the server tests. */
final class Fixture {
  static final Path DATA = Path.of("..", "data").toAbsolutePath().normalize();
  static final Path TERMS = DATA.resolve("terms/demo-truce.yaml");
  static final Path FIRMS = DATA.resolve("firms/viirs-nrt");

  /** Three days (14-16 August 2025) from both satellites: the truce starts on the 15th. */
  static final List<String> FILES =
      List.of(
          "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz",
          "SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025226.txt.csv.gz",
          "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025227.txt.csv.gz",
          "SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025227.txt.csv.gz");

  private static List<Region> regions;
  private static WarActivityClassifier classifier;

  private Fixture() {}

  static synchronized List<Region> regions() throws Exception {
    if (regions == null) {
      regions = RegionReader.read(DATA.resolve("reference/ukraine-oblasts.geojson.gz"));
    }
    return regions;
  }

  static synchronized WarActivityClassifier classifier() throws IOException {
    if (classifier == null) {
      try (InputStream in =
          new GZIPInputStream(
              Files.newInputStream(DATA.resolve("reference/background-history.csv.gz")))) {
        classifier =
            new WarActivityClassifier(
                new Baseline(
                    BaselineFile.read("background-history.csv.gz", in), BaselineParams.DEFAULTS),
                ClassifierParams.DEFAULTS);
      }
    }
    return classifier;
  }

  /** A monitor over the store with the demo terms and the first {@code files} of {@link #FILES}. */
  static Monitor loaded(Store store, int files) throws Exception {
    Monitor m = new Monitor(store, regions(), classifier());
    m.useTerms(TERMS);
    for (String f : FILES.subList(0, files)) {
      m.ingest(FIRMS.resolve(f), f, "fixture", Store.IngestListener.NONE, false);
    }
    m.refreshIfStale();
    return m;
  }

  /** The OGC API's collections, in the order the server lists them. */
  static final List<String> COLLECTIONS =
      List.of(
          "observations",
          "incidents",
          "findings",
          "surveillance-reports",
          "line-of-contact",
          "zones",
          "sectors",
          "background-areas");

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url, String token, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "text/csv")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
