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
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SourceKind;
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

  private static PlacedReport report(
      double lat, double lon, Instant t, String source, double uncertainty, int line) {
    return Fixtures.report(
        lat, lon, t, source, SourceKind.CAMERA, ReportedEvent.EXPLOSION, 1, uncertainty, line);
  }

  @Test
  void aReportJoinsTheIncidentOfTheNearestDetectionAndNeverMergesTwo() {
    // two fires 4 km apart; a report 1.8 km from the first and 2.2 km from the second, whose
    // 3 km uncertainty reaches both
    List<ClassifiedDetection> ds =
        List.of(at(48.000, 33.100, T, "N20", 1), at(48.036, 33.100, T, "N20", 2));
    List<PlacedReport> rs =
        List.of(report(48.016, 33.100, T.plus(Duration.ofMinutes(20)), "C", 3_000, 1));
    List<Incident> inc = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(ds, rs, GEO);
    assertThat(inc).hasSize(2);
    Incident near = inc.get(0).latitude() < 48.01 ? inc.get(0) : inc.get(1);
    Incident far = near == inc.get(0) ? inc.get(1) : inc.get(0);
    assertThat(near.reports()).containsExactlyElementsOf(rs);
    assertThat(near.sources()).containsExactly("VIIRS/N20", "camera:C");
    assertThat(near.satellites()).containsExactly("VIIRS/N20");
    assertThat(near.corroborated()).isTrue();
    // the fire's pixel gives the position and the time span reaches the report's
    assertThat(near.latitude()).isEqualTo(48.000);
    assertThat(near.last()).isEqualTo(T.plus(Duration.ofMinutes(20)));
    assertThat(far.reports()).isEmpty();
    assertThat(far.corroborated()).isFalse();
  }

  @Test
  void reportsOfTwoSourcesAloneAreOneIncidentAndOneSourceTwiceIsOneSource() {
    Instant t = T.plus(Duration.ofDays(1));
    List<PlacedReport> rs =
        List.of(
            report(48.000, 33.100, t, "A", 1_000, 1),
            report(48.030, 33.100, t.plus(Duration.ofMinutes(5)), "B", 1_000, 2), // 3.3 km
            report(48.200, 33.100, t, "A", 1_000, 3), // 22 km away
            report(48.200, 33.101, t.plus(Duration.ofMinutes(9)), "A", 1_000, 4),
            report(48.000, 33.100, t.plus(Duration.ofHours(2)), "B", 1_000, 5)); // later
    List<Incident> inc = new IncidentClusterer(IncidentParams.DEFAULTS).cluster(List.of(), rs, GEO);
    assertThat(inc).hasSize(3);
    Incident ab =
        inc.get(0).reports().size() == 2 && inc.get(0).latitude() < 48.1 ? inc.get(0) : inc.get(1);
    assertThat(ab.detections()).isEmpty();
    assertThat(ab.sources()).containsExactly("camera:A", "camera:B");
    assertThat(ab.corroborated()).isTrue();
    assertThat(ab.latitude()).isCloseTo(48.015, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ab.dateOnly()).isFalse();
    Incident aa = inc.stream().filter(i -> i.latitude() > 48.1).findFirst().orElseThrow();
    assertThat(aa.reports()).hasSize(2);
    assertThat(aa.sources()).containsExactly("camera:A");
    assertThat(aa.corroborated()).isFalse();
    assertThat(inc.get(2).first()).isEqualTo(t.plus(Duration.ofHours(2)));

    // without the uncertainty the first two are 3.3 km apart: two incidents
    List<PlacedReport> exact =
        List.of(report(48.000, 33.100, t, "A", 0, 1), report(48.030, 33.100, t, "B", 0, 2));
    assertThat(new IncidentClusterer(IncidentParams.DEFAULTS).cluster(List.of(), exact, GEO))
        .hasSize(2);
  }

  @Test
  void incidentsWithReportsDoNotDependOnInputOrder() {
    List<ClassifiedDetection> ds =
        new ArrayList<>(List.of(at(48.000, 33.100, T, "N20", 1), at(48.036, 33.100, T, "N", 2)));
    List<PlacedReport> rs =
        new ArrayList<>(
            List.of(
                report(48.016, 33.100, T, "C", 3_000, 1),
                report(48.020, 33.100, T, "D", 3_000, 2),
                report(48.500, 33.300, T, "D", 100, 3)));
    IncidentClusterer c = new IncidentClusterer(IncidentParams.DEFAULTS);
    List<String> a = c.cluster(ds, rs, GEO).stream().map(Incident::id).toList();
    Collections.reverse(ds);
    Collections.reverse(rs);
    List<String> b = c.cluster(ds, rs, GEO).stream().map(Incident::id).toList();
    assertThat(a).hasSize(3).isEqualTo(b);
    assertThat(c.cluster(ds, List.of(), GEO)).hasSize(2);
  }
}
