package org.trucewatch.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ObservationTest {
  private static final Provenance P = new Provenance("f.csv", 2, "");

  @Test
  void latitudeOutOfRangeIsRefusedWithTheValue() {
    assertThatThrownBy(
            () -> Observation.minimal(95, 30, Instant.EPOCH, TimePrecision.DAY, Sensor.UNKNOWN, P))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("latitude")
        .hasMessageContaining("95");
  }

  @Test
  void modisPercentMapsToFirmsClasses() {
    assertThat(Confidence.ofPercent(29).level()).isEqualTo(Confidence.Level.LOW);
    assertThat(Confidence.ofPercent(30).level()).isEqualTo(Confidence.Level.NOMINAL);
    assertThat(Confidence.ofPercent(80).level()).isEqualTo(Confidence.Level.HIGH);
    assertThatThrownBy(() -> Confidence.ofPercent(140)).hasMessageContaining("140");
  }

  @Test
  void rejectionCountsByReason() {
    IngestReport r =
        new IngestReport(
            "f.csv",
            "viirs",
            3,
            1,
            java.util.List.of(
                new Rejection("f.csv", 2, "latitude", "invalid-latitude", "m", "raw"),
                new Rejection("f.csv", 3, "latitude", "invalid-latitude", "m", "raw")));
    assertThat(r.rejectedByReason()).containsEntry("invalid-latitude", 2L);
    assertThat(r.rejections().get(0).describe()).isEqualTo("f.csv:2: latitude: m");
  }
}
