package org.trucewatch.sources.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.trucewatch.sources.baseline.BaselineFile;
import org.trucewatch.sources.firms.FirmsReader;
import org.trucewatch.sources.reports.SurveillanceReportReader;

/**
 * A Java error met while a CSV file is read, such as a heap too small for it, is thrown as it is:
 * FastCSV wraps it as a parse failure, and the readers must not tell it as a malformed file (the
 * command line then says that the heap is too small, rather than that the file is broken).
 */
class ParserErrorTest {
  private static final String OOM = "Java heap space (a test's)";

  /** The bytes of {@code text}, then an {@link OutOfMemoryError} at the next read. */
  private static InputStream failingAfter(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return new InputStream() {
      int at;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at == bytes.length) {
          throw new OutOfMemoryError(OOM);
        }
        int n = Math.min(len, bytes.length - at);
        System.arraycopy(bytes, at, b, off, n);
        at += n;
        return n;
      }
    };
  }

  private static InputStream whole(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFirmsFileWhoseReadingRunsOutOfMemoryThrowsTheErrorRatherThanAMalformedCsvRejection() {
    String rows =
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,"
            + "confidence,version,bright_ti5,frp,daynight\n"
            + "48.5,37.25,330.1,0.4,0.37,2025-08-16,0045,N20,VIIRS,n,2.0NRT,290.2,5.1,N\n"
                .repeat(200);
    assertThatThrownBy(() -> FirmsReader.read("big.csv", failingAfter(rows)))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage(OOM);
    // the same rows, whole, are read: the error alone made the difference
    assertThat(FirmsReader.read("big.csv", whole(rows)).observations()).hasSize(200);
  }

  @Test
  void aBaselineWhoseReadingRunsOutOfMemoryThrowsTheErrorRatherThanNotACsvFile() throws Exception {
    String rows = "sensor,lon10,lat10,year,doy,count\n" + "VIIRS,372,485,2019,200,3\n".repeat(200);
    assertThatThrownBy(() -> BaselineFile.read("background-history.csv", failingAfter(rows)))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage(OOM);
    assertThat(BaselineFile.read("background-history.csv", whole(rows))).isNotNull();
  }

  @Test
  void aFileOfReportsWhoseReadingRunsOutOfMemoryThrowsTheError() {
    String rows =
        "report_id,source_id,source_kind,observed_at,latitude,longitude,uncertainty_m,event\n"
            + "R-1,OBS-2,observer,2025-08-16T14:05Z,47.9000,37.5000,2000,gunfire\n";
    Instant latest = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(
            () -> SurveillanceReportReader.read("reports.csv", failingAfter(rows), latest))
        .isInstanceOf(OutOfMemoryError.class)
        .hasMessage(OOM);
    assertThat(SurveillanceReportReader.read("reports.csv", whole(rows), latest).reports())
        .hasSize(1);
  }
}
