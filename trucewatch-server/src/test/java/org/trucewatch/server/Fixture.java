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

  /** The header of a file of surveillance reports. */
  static final String REPORTS =
      "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event\n";

  /** Gunfire that two sources report in the demo terms' buffer: a violation of a report clause. */
  static final String GUNFIRE =
      "R-1,OBS-2,observer,2025-08-16T14:05Z,47.9000,37.5000,2000,gunfire\n"
          + "R-2,AC-1,acoustic,2025-08-16T14:07Z,47.9100,37.5200,4000,gunfire\n";

  /** An explosion that one camera reports in the buffer: a probable violation of that clause. */
  static final String EXPLOSION =
      "R-3,CAM-1,camera,2025-08-17T09:30Z,48.5150,37.2761,500,explosion\n";

  /** An observer's report of the camera's explosion: a second, independent source of it. */
  static final String EXPLOSION_OBSERVED =
      "R-7,OBS-4,observer,2025-08-17T09:32Z,48.5160,37.2770,1000,explosion\n";

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

  /**
   * Adds what {@code s} states to the store's log of statements, as an assessment of another
   * process sharing the store would, without assessing anything here.
   */
  static void stated(Store store, Monitor.DaysStated s) throws java.sql.SQLException {
    org.trucewatch.store.Database db = store.database();
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        java.sql.PreparedStatement st =
            c.prepareStatement("INSERT INTO statements (seq, stated, body) VALUES (?, ?, ?)")) {
      st.setLong(1, store.statementLogEnd() + 1);
      st.setObject(2, s.stated().atOffset(java.time.ZoneOffset.UTC));
      st.setString(3, Statement.json(s));
      st.executeUpdate();
    }
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
