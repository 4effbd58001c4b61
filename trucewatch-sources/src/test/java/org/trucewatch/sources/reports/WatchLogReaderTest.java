package org.trucewatch.sources.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.Watch;

class WatchLogReaderTest {
  private static final Instant LATEST = Instant.parse("2025-09-01T00:00:00Z");
  private static final String HEADER = "source_id,source_kind,member_state,from,to,status,note\n";

  private static WatchLogReader.Result read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static WatchLogReader.Result read(byte[] bytes) {
    return WatchLogReader.read("w.csv", new ByteArrayInputStream(bytes), LATEST);
  }

  @Test
  void readsEveryFieldPlainOrGzipInAnyColumnOrder() throws IOException {
    String text =
        HEADER
            + "CAM-07,camera,fr,2025-08-16T00:00+03:00,2025-08-17T00:00+03:00,watching,\n"
            + "CAM-07,Camera,FR,2025-08-16T02:10+03:00,2025-08-16T05:00+03:00,OFFLINE,"
            + "\"power failure, repaired\"\n";
    String reordered =
        "STATUS,To,From,Source_Kind,Source_ID\n"
            + "watching,2025-08-16T21:00Z,2025-08-16T20:00Z,drone,UAV-1\n";
    for (byte[] bytes :
        new byte[][] {
          text.getBytes(StandardCharsets.UTF_8), SurveillanceReportReaderTest.gzip(text)
        }) {
      WatchLogReader.Result r = read(bytes);
      assertThat(r.report().rejections()).isEmpty();
      assertThat(r.report().format()).isEqualTo("watch-log");
      assertThat(r.report().rowsRead()).isEqualTo(2);
      Watch on = r.watches().get(0);
      assertThat(on.sourceKey()).isEqualTo("camera:CAM-07");
      assertThat(on.memberState()).isEqualTo("FR");
      assertThat(on.from()).isEqualTo(Instant.parse("2025-08-15T21:00:00Z"));
      assertThat(on.to()).isEqualTo(Instant.parse("2025-08-16T21:00:00Z"));
      assertThat(on.status()).isEqualTo(Watch.Status.WATCHING);
      assertThat(on.note()).isEmpty();
      Watch off = r.watches().get(1);
      assertThat(off.status()).isEqualTo(Watch.Status.OFFLINE);
      assertThat(off.note()).isEqualTo("power failure, repaired");
      assertThat(off.provenance().line()).isEqualTo(3);
      assertThat(off.provenance().contentHash()).hasSize(64);
    }
    WatchLogReader.Result r = read(reordered);
    assertThat(r.watches())
        .extracting(Watch::kind, Watch::sourceId, Watch::memberState)
        .containsExactly(tuple(SourceKind.DRONE, "UAV-1", ""));
  }

  @Test
  void eachBadRowIsRejectedWithLineColumnAndValueAndTheOthersAreKept() {
    String text =
        HEADER
            + "CAM-07,camera,,2025-08-16T00:00Z,2025-08-16T06:00Z,watching,\n" // 2 good
            + "CAM-07,satellite,,2025-08-16T00:00Z,2025-08-16T06:00Z,watching,\n" // 3
            + "CAM-08,camera,,2025-08-16T00:00,2025-08-16T06:00Z,watching,\n" // 4
            + "CAM-08,camera,,2025-08-16T06:00Z,2025-08-16T06:00Z,watching,\n" // 5
            + "CAM-08,camera,,2025-07-01T00:00Z,2025-08-16T06:00Z,watching,\n" // 6
            + "CAM-08,camera,,2025-08-16T00:00Z,2025-08-16T06:00Z,asleep,\n" // 7
            + "CAM-08,camera,,2025-09-03T00:00Z,2025-09-03T06:00Z,watching,\n" // 8
            + "CAM 08,camera,,2025-08-16T00:00Z,2025-08-16T06:00Z,watching,\n" // 9
            + "CAM-08,camera,FRA,2025-08-16T00:00Z,2025-08-16T06:00Z,watching,\n" // 10
            + "CAM-08,camera,,2025-08-16T00:00Z,2025-08-16T06:00Z\n" // 11
            + "CAM-07,camera,,2025-08-16T00:00Z,2025-08-16T06:00Z,watching,\n" // 12 repeats 2
            + "CAM-07,camera,,2025-08-16T00:00Z,2025-08-16T06:00Z,watching,other words\n"; // 13
    WatchLogReader.Result r = read(text);
    assertThat(r.watches()).hasSize(1);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.report().rowsRead()).isEqualTo(12);
    assertThat(r.report().kept()).isEqualTo(2);
    assertThat(r.report().rejections())
        .extracting(Rejection::line, Rejection::column, Rejection::reason)
        .containsExactly(
            tuple(3L, "source_kind", "invalid-source_kind"),
            tuple(4L, "from", "invalid-from"),
            tuple(5L, "to", "invalid-to"),
            tuple(6L, "to", "invalid-to"),
            tuple(7L, "status", "invalid-status"),
            tuple(8L, "from", "invalid-from"),
            tuple(9L, "source_id", "invalid-source_id"),
            tuple(10L, "member_state", "invalid-member_state"),
            tuple(11L, "", "wrong-column-count"),
            tuple(13L, "note", "conflicting-watch"));
    assertThat(r.report().rejections().get(0).message())
        .isEqualTo("source_kind must be one of observer, drone, camera, acoustic, was satellite");
    assertThat(r.report().rejections().get(1).message()).startsWith("from has no UTC offset");
    assertThat(r.report().rejections().get(2).message())
        .isEqualTo("to must be after from (2025-08-16T06:00Z), was 2025-08-16T06:00Z");
    assertThat(r.report().rejections().get(3).message()).startsWith("a row logs at most 31 days");
    assertThat(r.report().rejections().get(4).message())
        .isEqualTo("status must be watching or offline, was asleep");
    assertThat(r.report().rejections().get(5).message()).contains("is in the future");
    assertThat(r.report().rejections().get(9).message())
        .isEqualTo(
            "source CAM-07 watching from 2025-08-16T00:00:00Z to 2025-08-16T06:00:00Z was given"
                + " with other content by w.csv:2");
    assertThat(r.report().rejections().get(9).raw()).contains("other words");
  }

  @Test
  void aFileOfReportsIsNotAWatchLogAndSaysWhatItLacks() {
    String reports =
        "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event\n"
            + "R-1,CAM-07,camera,2025-08-16T21:40Z,48.5,37.2,100,explosion\n";
    WatchLogReader.Result r = read(reports);
    assertThat(r.watches()).isEmpty();
    assertThat(r.report().rejections())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.reason()).isEqualTo("unknown-format");
              assertThat(x.message())
                  .isEqualTo(
                      "the header is not that of a watch log: it lacks from, to, status (see"
                          + " docs/formats.md)");
            });
    assertThat(
            WatchLogReader.hasWatchHeader(
                "r.csv", new ByteArrayInputStream(reports.getBytes(StandardCharsets.UTF_8))))
        .isFalse();
    assertThat(
            SurveillanceReportReader.hasReportsHeader(
                "r.csv", new ByteArrayInputStream(reports.getBytes(StandardCharsets.UTF_8))))
        .isTrue();
    assertThat(
            WatchLogReader.hasWatchHeader(
                "w.csv", new ByteArrayInputStream(HEADER.getBytes(StandardCharsets.UTF_8))))
        .isTrue();
    assertThat(read("").report().rejections())
        .extracting(Rejection::reason)
        .containsExactly("empty-file");
  }
}
