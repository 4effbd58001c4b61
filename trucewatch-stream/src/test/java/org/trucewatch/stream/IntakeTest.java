package org.trucewatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.Restatement;
import org.trucewatch.sources.geojson.RegionReader;

/** The job's intake on its own: each file, detection and report once; bad rows named; refusals. */
class IntakeTest {
  static final Path VIIRS = Path.of("..", "data", "firms", "viirs-nrt");
  static final String DAY_229 = "J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025229.txt.csv.gz";
  static final String REPORTS_HEADER =
      "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,uncertainty_m,"
          + "event,count,releasable_to\n";
  private static final Instant NOW = Instant.parse("2025-08-20T00:00:00Z");
  private static final InputFile TERMS = InputFile.terms("t.yaml", "0".repeat(64));

  private static AreaOfInterest area;

  @BeforeAll
  static void readRegions() throws Exception {
    area =
        AreaOfInterest.of(
            RegionReader.read(Path.of("..", "data", "reference", "ukraine-oblasts.geojson.gz")));
  }

  static byte[] gunzip(Path f) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
      return in.readAllBytes();
    }
  }

  @Test
  void aFileIsTakenOnceAndItsDetectionsOnceAcrossFiles() throws Exception {
    Intake in = new Intake(area);
    byte[] gz = Files.readAllBytes(VIIRS.resolve(DAY_229));
    Intake.Taken first = in.take(DAY_229, gz, NOW);
    JsonNode r = first.report();
    assertThat(first.stored()).isTrue();
    assertThat(r.path("status").asText()).isEqualTo("ingested");
    assertThat(r.path("format").asText()).startsWith("viirs");
    assertThat(r.path("rows_read").asLong()).isEqualTo(677);
    assertThat(r.path("stored").asLong() + r.path("outside_area").asLong()).isEqualTo(677);
    assertThat(r.path("ingest_id").asLong()).isEqualTo(1);
    int kept = in.inputs(TERMS).observations().size();
    assertThat(kept).isEqualTo(r.path("stored").asInt()).isPositive();

    // the same bytes again: nothing changes
    Intake.Taken again = in.take("copy-" + DAY_229, gz, NOW);
    assertThat(again.stored()).isFalse();
    assertThat(again.report().path("status").asText()).isEqualTo("already-ingested");
    assertThat(in.filesTaken()).isEqualTo(1);

    // the same rows in other bytes (unzipped, as an overlapping download gives them): a new file
    // whose detections are all counted once
    Intake.Taken overlap = in.take("plain.csv", gunzip(VIIRS.resolve(DAY_229)), NOW);
    assertThat(overlap.stored()).isTrue();
    assertThat(overlap.report().path("stored").asLong()).isZero();
    assertThat(overlap.report().path("duplicates").asLong()).isEqualTo(kept);
    Restatement.Inputs inputs = in.inputs(TERMS);
    assertThat(inputs.observations()).hasSize(kept);
    assertThat(inputs.firmsFiles())
        .extracting(InputFile::name)
        .containsExactly(DAY_229, "plain.csv");
  }

  @Test
  void badRowsAreNamedAndTheOthersKept() {
    Intake in = new Intake(area);
    String csv =
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence,version,"
            + "bright_ti5,frp,daynight\n"
            + "48.26382,37.21014,297.54,0.53,0.67,2025-08-17,00:45:00,N20,nominal,2.0NRT,281.83,0.36,N\n"
            + "95.0,37.21014,297.54,0.53,0.67,2025-08-17,00:45:00,N20,nominal,2.0NRT,281.83,0.36,N\n"
            + "48.3,37.3,297.54,0.53,0.67,2025-13-40,00:45:00,N20,nominal,2.0NRT,281.83,0.36,N\n"
            + "48.4,37.4,297.54,0.53,0.67,2025-08-17,00:45:00,N20,maybe,2.0NRT,281.83,0.36,N\n";
    Intake.Taken t = in.take("broken.csv", csv.getBytes(StandardCharsets.UTF_8), NOW);
    JsonNode r = t.report();
    assertThat(t.stored()).isTrue();
    assertThat(r.path("stored").asLong()).isEqualTo(1);
    assertThat(r.path("rejected").asLong()).isEqualTo(3);
    JsonNode rows = r.at("/rejections/rows");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).path("file").asText()).isEqualTo("broken.csv");
    assertThat(rows.get(0).path("line").asLong()).isEqualTo(3);
    assertThat(rows.get(0).path("field").asText()).isEqualTo("latitude");
    assertThat(rows.get(0).path("message").asText()).contains("95");
    assertThat(rows.get(1).path("line").asLong()).isEqualTo(4);
    assertThat(rows.get(1).path("field").asText()).isEqualTo("acq_date");
    assertThat(rows.get(2).path("field").asText()).isEqualTo("confidence");
    assertThat(rows.get(2).path("raw").asText()).contains("maybe");
  }

  @Test
  void aFileOfNothingUsableIsRefusedAndAHeaderAloneIsTaken() {
    Intake in = new Intake(area);
    Intake.Taken junk =
        in.take(
            "junk.bin", "this is not a file of detections\n".getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(junk.stored()).isFalse();
    assertThat(junk.report().path("status").asText()).isEqualTo("refused");
    assertThat(junk.report().at("/rejections/rows/0/file").asText()).isEqualTo("junk.bin");
    assertThat(in.filesTaken()).isZero();

    Intake.Taken none =
        in.take(
            "none.csv",
            "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence\n"
                .getBytes(StandardCharsets.UTF_8),
            NOW);
    assertThat(none.stored()).isTrue();
    assertThat(none.report().path("stored").asLong()).isZero();
    assertThat(in.filesTaken()).isEqualTo(1);
  }

  @Test
  void reportsAreTakenOnceAConflictIsRejectedAndAWiderReleaseReleasesAnew() {
    Intake in = new Intake(area);
    String first =
        REPORTS_HEADER
            + "R-1,AC-1,acoustic,DE,2025-08-17T10:00:00Z,47.9,37.6,2000,gunfire,3,mission\n"
            + "R-2,AC-1,acoustic,DE,2025-08-17T10:05:00Z,47.9,37.6,2000,gunfire,2,mission\n";
    Intake.Taken a = in.take("a.csv", first.getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(a.report().path("status").asText()).isEqualTo("ingested");
    assertThat(a.report().path("format").asText()).isEqualTo("surveillance-reports");
    assertThat(a.report().path("stored").asLong()).isEqualTo(2);

    String second =
        REPORTS_HEADER
            // other content under R-1's ids
            + "R-1,AC-1,acoustic,DE,2025-08-17T10:00:00Z,47.9,37.6,2000,explosion,3,mission\n"
            // R-2 again, now for every member
            + "R-2,AC-1,acoustic,DE,2025-08-17T10:05:00Z,47.9,37.6,2000,gunfire,2,members\n"
            + "R-3,AC-1,acoustic,DE,2025-08-17T10:09:00Z,47.9,37.6,2000,gunfire,1,mission\n";
    Intake.Taken b = in.take("b.csv", second.getBytes(StandardCharsets.UTF_8), NOW);
    JsonNode r = b.report();
    assertThat(r.path("stored").asLong()).isEqualTo(2);
    assertThat(r.path("released_anew").asLong()).isEqualTo(1);
    assertThat(r.path("rejected").asLong()).isEqualTo(1);
    JsonNode row = r.at("/rejections/rows/0");
    assertThat(row.path("line").asLong()).isEqualTo(2);
    assertThat(row.path("reason").asText()).isEqualTo("conflicting-report");
    assertThat(row.path("message").asText()).contains("a.csv:2");

    Restatement.Inputs inputs = in.inputs(TERMS);
    assertThat(inputs.reports()).hasSize(3);
    assertThat(inputs.reports().get(0).event().key()).isEqualTo("gunfire");
    assertThat(inputs.reports().get(1).releasableTo().text()).isEqualTo("members");
    assertThat(inputs.reportFiles()).extracting(InputFile::name).containsExactly("a.csv", "b.csv");
  }

  @Test
  void watchLogsAreTakenOncePeriodByPeriodAndAConflictIsRejected() {
    Intake in = new Intake(area);
    String header = "source_id,source_kind,member_state,from,to,status,note\n";
    String first =
        header
            + "AC-1,acoustic,DE,2025-08-17T00:00Z,2025-08-17T12:00Z,watching,\n"
            + "AC-1,acoustic,DE,2025-08-17T02:00Z,2025-08-17T03:00Z,offline,power\n";
    Intake.Taken a = in.take("w.csv", first.getBytes(StandardCharsets.UTF_8), NOW);
    assertThat(a.report().path("status").asText()).isEqualTo("ingested");
    assertThat(a.report().path("format").asText()).isEqualTo("watch-log");
    assertThat(a.report().path("stored").asLong()).isEqualTo(2);
    assertThat(
            in.take("w.csv", first.getBytes(StandardCharsets.UTF_8), NOW)
                .report()
                .path("status")
                .asText())
        .isEqualTo("already-ingested");

    String second =
        header
            + "AC-1,acoustic,DE,2025-08-17T02:00Z,2025-08-17T03:00Z,offline,rain\n"
            + "AC-1,acoustic,DE,2025-08-17T00:00Z,2025-08-17T12:00Z,watching,\n"
            + "AC-2,acoustic,DE,2025-08-17T00:00Z,2025-08-17T12:00Z,watching,\n";
    JsonNode r = in.take("v.csv", second.getBytes(StandardCharsets.UTF_8), NOW).report();
    assertThat(r.path("stored").asLong()).isEqualTo(1);
    assertThat(r.path("duplicates").asLong()).isEqualTo(1);
    assertThat(r.at("/rejections/rows/0/reason").asText()).isEqualTo("conflicting-watch");
    assertThat(r.at("/rejections/rows/0/message").asText()).contains("w.csv:3");

    Restatement.Inputs inputs = in.inputs(TERMS);
    assertThat(inputs.watches()).hasSize(3);
    assertThat(inputs.watches().get(1).note()).isEqualTo("power");
    assertThat(inputs.reportFiles()).extracting(InputFile::name).containsExactly("w.csv", "v.csv");
    assertThat(in.filesTaken()).isEqualTo(2);
  }
}
