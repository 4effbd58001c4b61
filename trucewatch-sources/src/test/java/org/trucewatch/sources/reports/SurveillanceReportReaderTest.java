package org.trucewatch.sources.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.Releasability;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.TimePrecision;

class SurveillanceReportReaderTest {
  private static final Instant LATEST = Instant.parse("2025-09-01T00:00:00Z");
  private static final String HEADER =
      "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,uncertainty_m,"
          + "event,count,description\n";

  private static SurveillanceReportReader.Result read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static SurveillanceReportReader.Result read(byte[] bytes) {
    return SurveillanceReportReader.read("r.csv", new ByteArrayInputStream(bytes), LATEST);
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void readsEveryFieldWithItsOffsetPrecisionAndDefaults() throws IOException {
    String text =
        HEADER
            + "R-1,CAM-07,camera,fr,2025-08-16T21:40Z,48.5149,37.2760,1500,explosion,3,"
            + "\"three explosions, undetermined\"\n"
            + "R-2,OBS-2,Observer,,2025-08-17T00:41:05+03:00,48.5101,37.2811,0,GUNFIRE,,\n";
    for (byte[] bytes :
        new byte[][] {text.getBytes(StandardCharsets.UTF_8), gzip(text), gzip("\uFEFF" + text)}) {
      SurveillanceReportReader.Result r = read(bytes);
      assertThat(r.report().rejections()).isEmpty();
      assertThat(r.report().format()).isEqualTo("surveillance-reports");
      assertThat(r.report().rowsRead()).isEqualTo(2);
      SurveillanceReport a = r.reports().get(0);
      assertThat(a.reportId()).isEqualTo("R-1");
      assertThat(a.sourceKey()).isEqualTo("camera:CAM-07");
      assertThat(a.memberState()).isEqualTo("FR");
      assertThat(a.time()).isEqualTo(Instant.parse("2025-08-16T21:40:00Z"));
      assertThat(a.timePrecision()).isEqualTo(TimePrecision.MINUTE);
      assertThat(a.uncertaintyMetres()).isEqualTo(1500);
      assertThat(a.event()).isEqualTo(ReportedEvent.EXPLOSION);
      assertThat(a.count()).isEqualTo(3);
      assertThat(a.description()).isEqualTo("three explosions, undetermined");
      assertThat(a.provenance().line()).isEqualTo(2);
      assertThat(a.provenance().contentHash()).hasSize(64);
      SurveillanceReport b = r.reports().get(1);
      assertThat(b.kind()).isEqualTo(SourceKind.OBSERVER);
      assertThat(b.time()).isEqualTo(Instant.parse("2025-08-16T21:41:05Z"));
      assertThat(b.timePrecision()).isEqualTo(TimePrecision.SECOND);
      assertThat(b.count()).isEqualTo(1);
      assertThat(b.memberState()).isEmpty();
      assertThat(b.event()).isEqualTo(ReportedEvent.GUNFIRE);
    }
  }

  @Test
  void columnsInAnyOrderAndCaseWithoutTheOptionalOnes() {
    SurveillanceReportReader.Result r =
        read(
            "EVENT,Latitude,LONGITUDE,Observed_At,UNCERTAINTY_M,SOURCE_KIND,SOURCE_ID,REPORT_ID\n"
                + "weapons,47.5,35.1,2025-08-18T06:00Z,250,drone,UAV-3,17\n");
    assertThat(r.report().rejections()).isEmpty();
    assertThat(r.reports())
        .extracting(SurveillanceReport::identity, SurveillanceReport::event)
        .containsExactly(tuple("UAV-3|17", ReportedEvent.WEAPONS));
  }

  @Test
  void eachBadFieldIsRejectedWithLineColumnReasonAndValueAndTheGoodRowsAreKept() {
    String good = "2025-08-16T21:40Z,48,37,100,explosion,1,\n";
    SurveillanceReportReader.Result r =
        read(
            HEADER
                + "R-1,CAM-07,camera,,"
                + good
                + "R-2,CAM-07,camera,,2025-08-16T21:40Z,95,37,100,explosion,1,\n"
                + "R-3,CAM-07,satellite,,"
                + good
                + "R-4,CAM-07,camera,,2025-08-16 21:40,48,37,100,explosion,1,\n"
                + "R-5,CAM-07,camera,,2025-08-16T21:40,48,37,100,explosion,1,\n"
                + "R-6,CAM-07,camera,,2025-08-16T21:40Z,48,37,-5,explosion,1,\n"
                + "R-7,CAM-07,camera,,2025-08-16T21:40Z,48,37,100,shelling,1,\n"
                + "R-8,CAM-07,camera,,2025-08-16T21:40Z,48,37,100,explosion,0,\n"
                + "R-9,CAM-07,camera,France,"
                + good
                + "R 10,CAM-07,camera,,"
                + good
                + ",CAM-07,camera,,"
                + good
                + "R-12,CAM-07,camera,,2026-01-01T00:00Z,48,37,100,explosion,1,\n"
                + "R-13,CAM-07,camera,,2025-08-16T21:40Z,48,37\n"
                + "R-14,CAM-08,camera,,"
                + good);
    assertThat(r.reports()).extracting(SurveillanceReport::reportId).containsExactly("R-1", "R-14");
    assertThat(r.report().rowsRead()).isEqualTo(14);
    assertThat(r.report().kept()).isEqualTo(2);
    assertThat(r.report().rejections())
        .extracting(Rejection::line, Rejection::column, Rejection::reason)
        .containsExactly(
            tuple(3L, "latitude", "invalid-latitude"),
            tuple(4L, "source_kind", "invalid-source_kind"),
            tuple(5L, "observed_at", "invalid-observed_at"),
            tuple(6L, "observed_at", "invalid-observed_at"),
            tuple(7L, "uncertainty_m", "invalid-uncertainty_m"),
            tuple(8L, "event", "invalid-event"),
            tuple(9L, "count", "invalid-count"),
            tuple(10L, "member_state", "invalid-member_state"),
            tuple(11L, "report_id", "invalid-report_id"),
            tuple(12L, "report_id", "missing-value"),
            tuple(13L, "observed_at", "invalid-observed_at"),
            tuple(14L, "", "wrong-column-count"));
    assertThat(r.report().rejections().get(1).describe())
        .isEqualTo(
            "r.csv:4: source_kind: source_kind must be one of observer, drone, camera, acoustic,"
                + " was satellite");
    assertThat(r.report().rejections().get(2).message())
        .startsWith("observed_at must be an ISO 8601 date and time with its UTC offset")
        .endsWith("was 2025-08-16 21:40");
    assertThat(r.report().rejections().get(3).message())
        .startsWith("observed_at has no UTC offset: add Z or the offset")
        .endsWith("was 2025-08-16T21:40");
    assertThat(r.report().rejections().get(5).message()).endsWith("was shelling");
    assertThat(r.report().rejections().get(10).message()).contains("is in the future");
    assertThat(r.report().rejections().get(0).raw()).startsWith("R-2,CAM-07,camera,,");
  }

  @Test
  void releasableToNamesWhoMaySeeTheReportAndIsMissionWhenLeftOut() {
    SurveillanceReportReader.Result r =
        read(
            "report_id,source_id,source_kind,member_state,observed_at,latitude,longitude,"
                + "uncertainty_m,event,releasable_to\n"
                + "R-1,UAV-3,drone,fr,2025-08-16T21:40Z,48,37,100,explosion,\"de; pl\"\n"
                + "R-2,UAV-3,drone,fr,2025-08-16T21:40Z,48,37,100,explosion,Public\n"
                + "R-3,UAV-3,drone,fr,2025-08-16T21:40Z,48,37,100,explosion,\n"
                + "R-4,UAV-3,drone,fr,2025-08-16T21:40Z,48,37,100,explosion,members\n"
                + "R-5,UAV-3,drone,fr,2025-08-16T21:40Z,48,37,100,explosion,NATO\n");
    assertThat(r.reports())
        .extracting(SurveillanceReport::reportId, x -> x.releasableTo().text())
        .containsExactly(
            tuple("R-1", "DE PL"),
            tuple("R-2", "public"),
            tuple("R-3", "mission"),
            tuple("R-4", "members"));
    assertThat(r.report().rejections())
        .extracting(Rejection::line, Rejection::column, Rejection::reason)
        .containsExactly(tuple(6L, "releasable_to", "invalid-releasable_to"));
    assertThat(r.report().rejections().get(0).describe())
        .isEqualTo(
            "r.csv:6: releasable_to: releasable_to must be mission, members, public or member"
                + " states' two-letter codes (ISO 3166-1) such as DE FR, was NATO");
    assertThat(
            read(HEADER + "R-1,CAM-07,camera,,2025-08-16T21:40Z,48,37,100,explosion,1,\n")
                .reports()
                .get(0)
                .releasableTo())
        .as("a file without the column")
        .isEqualTo(Releasability.MISSION);
  }

  @Test
  void oneFileGivesOneReleaseOfAReport() {
    String head =
        "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event,"
            + "releasable_to\n";
    SurveillanceReportReader.Result r =
        read(
            head
                + "R-1,CAM-07,camera,2025-08-16T21:40Z,48,37,100,explosion,public\n"
                + "R-1,CAM-07,camera,2025-08-16T21:40Z,48,37,100,explosion,\n");
    assertThat(r.reports()).hasSize(1);
    assertThat(r.report().rejections())
        .extracting(Rejection::line, Rejection::reason)
        .containsExactly(tuple(3L, "conflicting-report"));
    assertThat(r.report().rejections().get(0).message())
        .isEqualTo(
            "report R-1 of source CAM-07 was given with another release by r.csv:2; a file gives"
                + " one release of a report");
  }

  @Test
  void aRepeatedReportIsKeptOnceAndOneWithOtherContentIsRejected() {
    String row = "R-1,CAM-07,camera,,2025-08-16T21:40Z,48,37,100,explosion,2,\n";
    SurveillanceReportReader.Result r =
        read(
            HEADER
                + row
                + row
                + "R-1,CAM-07,camera,,2025-08-16T21:40Z,48,37,100,explosion,5,\n"
                + "R-1,CAM-08,camera,,2025-08-16T21:40Z,48,37,100,explosion,5,\n");
    assertThat(r.reports())
        .extracting(SurveillanceReport::identity)
        .containsExactly("CAM-07|R-1", "CAM-08|R-1");
    assertThat(r.reports().get(0).count()).isEqualTo(2);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.report().kept()).isEqualTo(3);
    assertThat(r.report().rejections()).hasSize(1);
    Rejection x = r.report().rejections().get(0);
    assertThat(x.line()).isEqualTo(4);
    assertThat(x.reason()).isEqualTo("conflicting-report");
    assertThat(x.message())
        .contains(
            "report R-1 of source CAM-07 was given with other content by r.csv:2; a correction is a"
                + " report with an id of its own");
  }

  @Test
  void filesThatAreNotReportsGiveOneFileLevelRejection() throws IOException {
    assertThat(read("").report().rejections())
        .extracting(Rejection::reason)
        .containsExactly("empty-file");
    SurveillanceReportReader.Result headerOnly = read(HEADER);
    assertThat(headerOnly.report().rejections()).isEmpty();
    assertThat(headerOnly.report().rowsRead()).isZero();
    SurveillanceReportReader.Result firms =
        read("latitude,longitude,bright_ti4,acq_date,acq_time\n48,37,330,2025-08-16,0140\n");
    assertThat(firms.reports()).isEmpty();
    assertThat(firms.report().rejections())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.reason()).isEqualTo("unknown-format");
              assertThat(x.message())
                  .isEqualTo(
                      "the header is not that of surveillance reports: it lacks report_id,"
                          + " source_id, source_kind, observed_at, uncertainty_m, event (see"
                          + " docs/formats.md)");
            });
    assertThat(read("{\"type\":\"FeatureCollection\"}").report().rejections().get(0).message())
        .startsWith("the file is JSON, not CSV: give the surveillance reports as CSV");

    // a cut-off gzip stream keeps the rows before the cut and says where reading stopped
    StringBuilder many = new StringBuilder(HEADER);
    for (int i = 0; i < 2_000; i++) {
      many.append("R-")
          .append(i)
          .append(",CAM-07,camera,,2025-08-16T21:40Z,48,37,100,explosion,1,\n");
    }
    byte[] gz = gzip(many.toString());
    SurveillanceReportReader.Result cut = read(Arrays.copyOf(gz, gz.length / 2));
    assertThat(cut.reports()).isNotEmpty().hasSizeLessThan(2_000);
    assertThat(cut.report().rejections())
        .extracting(Rejection::reason)
        .containsExactly("truncated-gzip");
  }
}
