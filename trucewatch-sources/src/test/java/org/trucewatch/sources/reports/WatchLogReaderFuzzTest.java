package org.trucewatch.sources.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.trucewatch.observation.Watch;

/**
 * Any bytes given as a watch log are read into periods and rejections, never an exception, and
 * every kept period is a valid one, once. In a normal build this runs the inputs under
 * src/test/resources/org/trucewatch/sources/reports/WatchLogReaderFuzzTestInputs; {@code
 * JAZZER_FUZZ=1} fuzzes it for the given time (docs/development.md).
 */
class WatchLogReaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyBytesGivePeriodsAndRejectionsNeverAnException(byte[] data) {
    WatchLogReader.Result r = WatchLogReader.read("fuzz.csv", new ByteArrayInputStream(data), null);

    assertThat(r.report().kept()).isEqualTo(r.watches().size() + r.duplicates());
    assertThat(r.report().kept() + r.report().rejectedRows()).isEqualTo(r.report().rowsRead());
    Set<String> ids = new HashSet<>();
    for (Watch x : r.watches()) {
      assertThat(ids.add(x.identity())).isTrue();
      assertThat(x.to()).isAfter(x.from());
      assertThat(Duration.between(x.from(), x.to())).isLessThanOrEqualTo(Watch.MAX_PERIOD);
      assertThat(x.note().length()).isLessThanOrEqualTo(500);
      assertThat(x.provenance().file()).isEqualTo("fuzz.csv");
      assertThat(x.provenance().line()).isPositive();
    }
    r.report().rejections().forEach(x -> assertThat(x.describe()).startsWith("fuzz.csv:"));
  }
}
