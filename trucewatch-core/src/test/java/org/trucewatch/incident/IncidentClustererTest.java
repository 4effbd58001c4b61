package org.trucewatch.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trucewatch.Fixtures;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.scoring.ClassifiedDetection;

class IncidentClustererTest {
  private static final GeoContext GEO = Fixtures.geo();
  private static final Instant T = Fixtures.START.plus(Duration.ofHours(3));

  private static ClassifiedDetection at(double lat, double lon, Instant t, String sat, int line) {
    return Fixtures.classified(Fixtures.obs(lat, lon, t, sat, line), GEO, false, 0);
  }

  @Test
  void neighbouringPixelsOfOnePassAndTheOtherSatelliteAreOneIncident() {
    List<ClassifiedDetection> ds =
        List.of(
            at(48.000, 33.100, T, "N20", 1),
            at(48.004, 33.100, T, "N20", 2), // 445 m north, same pass
            at(48.004, 33.106, T.plus(Duration.ofMinutes(50)), "N", 3), // other satellite
            at(48.100, 33.100, T, "N20", 4), // 11 km away
            at(48.000, 33.100, T.plus(Duration.ofHours(12)), "N20", 5)); // next pass
    List<Incident> inc = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, GEO);
    assertThat(inc).hasSize(3);
    Incident first =
        inc.stream()
            .filter(i -> i.detections().get(0).observation().provenance().line() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(first.detections()).hasSize(3);
    assertThat(first.sources()).containsExactly("VIIRS/N", "VIIRS/N20");
    assertThat(first.corroborated()).isTrue();
    assertThat(first.place().regionCode()).isEqualTo("E");
  }

  @Test
  void chainsAreJoinedAndTheResultDoesNotDependOnInputOrder() {
    List<ClassifiedDetection> ds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ds.add(
          at(48.0 + i * 0.01, 33.1, T.plus(Duration.ofMinutes(i)), "N20", i + 1)); // 1.1 km steps
    }
    List<Incident> a = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, GEO);
    Collections.reverse(ds);
    List<Incident> b = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, GEO);
    assertThat(a).hasSize(1);
    assertThat(a.get(0).detections()).hasSize(20);
    assertThat(b.get(0).id()).isEqualTo(a.get(0).id()).startsWith("I-").hasSize(14);
  }

  @Test
  void idsChangeWhenMembersChange() {
    List<ClassifiedDetection> ds = new ArrayList<>(List.of(at(48, 33.1, T, "N20", 1)));
    String one = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, GEO).get(0).id();
    ds.add(at(48.001, 33.1, T, "N20", 2));
    String two = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, GEO).get(0).id();
    assertThat(two).isNotEqualTo(one);
  }
}
