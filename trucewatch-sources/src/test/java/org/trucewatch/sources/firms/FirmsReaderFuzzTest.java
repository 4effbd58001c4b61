package org.trucewatch.sources.firms;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.stream.IntStream;
import org.trucewatch.observation.Observation;

/**
 * Any bytes given as a FIRMS file are read into observations and rejections, never an exception,
 * and every kept observation is a valid one. In a normal build this runs the inputs under
 * src/test/resources/org/trucewatch/sources/firms/FirmsReaderFuzzTestInputs (real and broken FIRMS
 * rows, labelled files among them); {@code JAZZER_FUZZ=1} fuzzes it for the given time
 * (docs/development.md).
 */
class FirmsReaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void anyBytesGiveObservationsAndRejectionsNeverAnException(byte[] data) {
    FirmsReader.Result r = FirmsReader.read("fuzz.csv", new ByteArrayInputStream(data));

    assertThat(r.report().kept()).isEqualTo(r.observations().size());
    // every data row read is kept or rejected, once
    assertThat(r.report().kept() + r.report().rejectedRows()).isEqualTo(r.report().rowsRead());
    // a labelled file gives one label, 0 or 1, per kept observation; any other file none
    if (r.report().format().startsWith("labelled")) {
      assertThat(r.labels()).hasSize(r.observations().size());
      assertThat(IntStream.of(r.labels()).filter(v -> v != 0 && v != 1)).isEmpty();
    } else {
      assertThat(r.labels()).isEmpty();
    }
    for (Observation o : r.observations()) {
      assertThat(o.latitude()).isBetween(-90.0, 90.0);
      assertThat(o.longitude()).isBetween(-180.0, 180.0);
      assertThat(o.time()).isNotNull();
      assertThat(o.sensor().satellite()).hasSizeLessThanOrEqualTo(8);
      assertThat(o.provenance().file()).isEqualTo("fuzz.csv");
      assertThat(o.provenance().line()).isPositive();
    }
    r.report().rejections().forEach(x -> assertThat(x.describe()).startsWith("fuzz.csv:"));
  }
}
