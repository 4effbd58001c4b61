package org.trucewatch.sources.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;
import org.trucewatch.observation.Releasability;
import org.trucewatch.observation.SurveillanceReport;

/**
 * Any bytes given as a file of surveillance reports are read into reports and rejections, never an
 * exception, and every kept report is a valid one, once. In a normal build this runs the inputs
 * under src/test/resources/org/trucewatch/sources/reports/SurveillanceReportReaderFuzzTestInputs;
 * {@code JAZZER_FUZZ=1} fuzzes it for the given time (docs/development.md).
 */
class SurveillanceReportReaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyBytesGiveReportsAndRejectionsNeverAnException(byte[] data) {
    SurveillanceReportReader.Result r =
        SurveillanceReportReader.read("fuzz.csv", new ByteArrayInputStream(data), null);

    assertThat(r.report().kept()).isEqualTo(r.reports().size() + r.duplicates());
    assertThat(r.report().kept() + r.report().rejectedRows()).isEqualTo(r.report().rowsRead());
    Set<String> ids = new HashSet<>();
    for (SurveillanceReport x : r.reports()) {
      assertThat(ids.add(x.identity())).isTrue();
      assertThat(x.latitude()).isBetween(-90.0, 90.0);
      assertThat(x.uncertaintyMetres()).isBetween(0.0, SurveillanceReport.MAX_UNCERTAINTY_METRES);
      assertThat(x.count()).isPositive();
      assertThat(Releasability.parse(x.releasableTo().text())).isEqualTo(x.releasableTo());
      assertThat(x.provenance().file()).isEqualTo("fuzz.csv");
      assertThat(x.provenance().line()).isPositive();
    }
    r.report().rejections().forEach(x -> assertThat(x.describe()).startsWith("fuzz.csv:"));
  }
}
