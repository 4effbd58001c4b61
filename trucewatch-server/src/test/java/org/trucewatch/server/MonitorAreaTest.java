package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/**
 * FIRMS publishes its daily files for the whole world. An ingest stores the detections of the area
 * of interest (Ukraine's box and a degree around it) and counts the others, so that a store fed
 * global files does not fill with fires abroad.
 */
class MonitorAreaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void detectionsBeyondTheAreaAreCountedNotStoredNorAssessed(@TempDir Path tmp) throws Exception {
    String name = Fixture.FILES.get(0);
    List<String> lines;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixture.FIRMS.resolve(name)))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    // the file's rows, with two fires abroad (Brazil, and Moscow north of the area) and one in
    // Belgorod oblast across the border (within the area) written in the same columns
    String[] first = lines.get(1).split(",", -1);
    StringBuilder world = new StringBuilder(String.join("\n", lines)).append('\n');
    for (double[] p : new double[][] {{-10.5, -55.2}, {55.75, 37.6}, {50.6, 36.6}}) {
      first[0] = String.valueOf(p[0]);
      first[1] = String.valueOf(p[1]);
      world.append(String.join(",", first)).append('\n');
    }
    Path global = tmp.resolve("global.csv");
    Files.writeString(global, world, StandardCharsets.UTF_8);
    long rows = lines.size() - 1 + 3;

    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      ObjectNode r = m.ingest(global, "global.csv", "test", Store.IngestListener.NONE).report();
      assertThat(r.path("status").asText()).isEqualTo("ingested");
      assertThat(r.path("kept").asLong()).isEqualTo(rows);
      assertThat(r.path("outside_area").asLong()).isEqualTo(2);
      assertThat(r.path("stored").asLong()).isEqualTo(rows - 2);
      assertThat(store.counts().get("observations")).isEqualTo(rows - 2);
      assertThat(store.observations())
          .noneMatch(o -> o.observation().latitude() < 0 || o.observation().latitude() > 55)
          .anyMatch(o -> o.observation().latitude() == 50.6);
      assertThat(store.ingests().get(0).request().outsideArea()).isEqualTo(2);

      // the published report counts them with their file
      JsonNode report = JSON.readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow());
      assertThat(report.path("summary").path("detections_outside_area").asLong()).isEqualTo(2);
      assertThat(report.path("inputs").path("detections").get(0).path("outside_area").asLong())
          .isEqualTo(2);
      assertThat(store.assessmentText(Store.Text.REPORT_HTML).orElseThrow())
          .contains("2 detections in the inputs lie beyond the area of interest")
          .contains("(2 beyond the area of interest, not assessed)");

      // the same file again changes nothing and says the same
      ObjectNode again = m.ingest(global, "global.csv", "test", Store.IngestListener.NONE).report();
      assertThat(again.path("status").asText()).isEqualTo("already-ingested");
      assertThat(again.path("outside_area").asLong()).isEqualTo(2);
      assertThat(again.path("duplicates").asLong()).isEqualTo(rows - 2);
      assertThat(store.counts().get("observations")).isEqualTo(rows - 2);

      // a file with nothing in the area is ingested (so that it is not taken again), stores
      // nothing, and is not refused: it was read
      Path abroad = tmp.resolve("abroad.csv");
      Files.writeString(
          abroad,
          lines.get(0) + "\n" + world.toString().lines().skip(rows - 2).findFirst().get(),
          StandardCharsets.UTF_8);
      ObjectNode none = m.ingest(abroad, "abroad.csv", "test", Store.IngestListener.NONE).report();
      assertThat(none.path("status").asText()).isEqualTo("ingested");
      assertThat(none.path("stored").asLong()).isZero();
      assertThat(none.path("outside_area").asLong()).isEqualTo(1);
      // and the report lists it among its inputs
      assertThat(store.assessment().orElseThrow().lastIngestId())
          .isEqualTo(none.path("ingest_id").asLong());
      assertThat(
              JSON.readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow())
                  .path("inputs")
                  .path("detections"))
          .hasSize(2);
    }
  }
}
