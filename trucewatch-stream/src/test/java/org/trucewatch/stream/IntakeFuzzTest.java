package org.trucewatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.Restatement;
import org.trucewatch.sources.geojson.GeoJsonInputException;
import org.trucewatch.sources.geojson.RegionReader;

/**
 * Any bytes on the files topic give an ingest report, never an exception that would stop the job,
 * and the same bytes again change nothing. In a normal build this runs the inputs under
 * src/test/resources/org/trucewatch/stream/IntakeFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes it
 * (docs/development.md).
 */
class IntakeFuzzTest {
  private static final Instant NOW = Instant.parse("2025-08-20T00:00:00Z");
  private static final InputFile TERMS = InputFile.terms("t.yaml", "0".repeat(64));
  private static AreaOfInterest area;

  private static AreaOfInterest area() throws GeoJsonInputException {
    if (area == null) {
      area =
          AreaOfInterest.of(
              RegionReader.read(Path.of("..", "data", "reference", "ukraine-oblasts.geojson.gz")));
    }
    return area;
  }

  @FuzzTest(maxDuration = "60s")
  void anyBytesGiveAnIngestReportAndTheSameBytesAgainChangeNothing(byte[] data) throws Exception {
    Intake in = new Intake(area());
    Intake.Taken first = in.take("fuzz.csv", data, NOW);
    JsonNode r = first.report();
    String status = r.path("status").asText();
    assertThat(status).isIn("ingested", "refused");
    assertThat(first.stored()).isEqualTo(status.equals("ingested"));
    assertThat(r.path("kept").asLong()).isBetween(0L, r.path("rows_read").asLong());
    // each rejected row is listed (a file of reports counts rows; a CSV that cannot be parsed
    // past a line has one rejection more, which says so)
    assertThat(r.at("/rejections/rows").size())
        .isGreaterThanOrEqualTo(Math.min(r.path("rejected").asInt(), 100));
    r.at("/rejections/rows")
        .forEach(x -> assertThat(x.path("file").asText()).isEqualTo("fuzz.csv"));
    Restatement.Inputs before = in.inputs(TERMS);
    assertThat(before.observations().size() + before.reports().size())
        .isEqualTo(r.path("stored").asInt() - r.path("released_anew").asInt());

    Intake.Taken again = in.take("again.csv", data, NOW);
    assertThat(again.stored()).isFalse();
    assertThat(again.report().path("status").asText())
        .isEqualTo(first.stored() ? "already-ingested" : "refused");
    Restatement.Inputs after = in.inputs(TERMS);
    assertThat(after.observations()).isEqualTo(before.observations());
    assertThat(after.reports()).isEqualTo(before.reports());
    assertThat(in.filesTaken()).isEqualTo(first.stored() ? 1 : 0);
  }
}
