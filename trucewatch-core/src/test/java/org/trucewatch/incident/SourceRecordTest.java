package org.trucewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trucewatch.Fixtures;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.scoring.ClassifiedDetection;

class SourceRecordTest {
  private static final GeoContext GEO = Fixtures.geo();
  private static final Instant T = Fixtures.START.plus(Duration.ofHours(3));

  private static ClassifiedDetection at(double lat, Instant t, String sat, int line) {
    return Fixtures.classified(Fixtures.obs(lat, 33.1, t, sat, line), GEO, false, 0);
  }

  private static PlacedReport report(double lat, Instant t, String source, int line) {
    return Fixtures.report(
        lat, 33.1, t, source, SourceKind.OBSERVER, ReportedEvent.EXPLOSION, 3, 500, line);
  }

  @Test
  void eachSourceCountsItsObservationsAndThoseInIncidentsAnotherSourceSaw() {
    List<ClassifiedDetection> ds =
        List.of(
            at(48.000, T, "N20", 1), // with S-NPP's pixel 50 min later: corroborated
            at(48.001, T, "N20", 2),
            at(48.002, T.plus(Duration.ofMinutes(50)), "N", 3),
            at(48.300, T, "N20", 4), // alone, 33 km away
            at(48.600, T.plus(Duration.ofHours(30)), "N", 5)); // with OBS-1's report
    List<PlacedReport> rs =
        List.of(
            report(48.600, T.plus(Duration.ofHours(30)), "OBS-1", 1),
            report(47.500, T.plus(Duration.ofHours(2)), "OBS-1", 2), // alone
            report(47.500, T.plus(Duration.ofHours(2)).plusSeconds(60), "OBS-1", 3)); // twice
    List<Incident> incidents = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, rs, GEO);
    assertThat(incidents).hasSize(4);

    assertThat(SourceRecord.of(incidents))
        .containsExactly(
            new SourceRecord(
                "VIIRS/N", 2, 2, T.plus(Duration.ofMinutes(50)), T.plus(Duration.ofHours(30))),
            new SourceRecord("VIIRS/N20", 3, 2, T, T),
            // one source twice is still one source: its two reports of one place stay alone
            new SourceRecord(
                "observer:OBS-1", 3, 1, T.plus(Duration.ofHours(2)), T.plus(Duration.ofHours(30))));
    // every observation is counted once, and only once
    assertThat(SourceRecord.of(incidents).stream().mapToInt(SourceRecord::observations).sum())
        .isEqualTo(ds.size() + rs.size());
    assertThat(SourceRecord.of(List.of())).isEmpty();
  }

  @Test
  void aRecordCannotClaimMoreCorroboratedThanItSaw() {
    assertThatThrownBy(() -> new SourceRecord("camera:C", 2, 3, T, T))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 3 of 2");
    assertThatThrownBy(() -> new SourceRecord("camera:C", 0, 0, T, T))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
