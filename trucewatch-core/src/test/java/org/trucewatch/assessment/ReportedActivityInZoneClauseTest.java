package org.trucewatch.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.trucewatch.Fixtures;
import org.trucewatch.geo.Side;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.scoring.ClassifiedDetection;

/** Hand-built incidents of surveillance reports, one per verdict. */
class ReportedActivityInZoneClauseTest {
  private static final TruceContext TRUCE = Fixtures.truce();
  private static final Clause C2 =
      new ReportedActivityInZoneClause(
          "C2",
          List.of("buffer", "box"),
          EnumSet.of(ReportedEvent.EXPLOSION, ReportedEvent.GUNFIRE, ReportedEvent.WEAPONS));
  private static final Instant DURING = Fixtures.START.plus(Duration.ofDays(2));

  private static PlacedReport report(
      double lat, double lon, String source, ReportedEvent event, int count, double u, int line) {
    return Fixtures.report(lat, lon, DURING, source, SourceKind.CAMERA, event, count, u, line);
  }

  private static Incident incident(List<ClassifiedDetection> ds, PlacedReport... rs) {
    TreeSet<String> sources = new TreeSet<>();
    ds.forEach(d -> sources.add(d.observation().sensor().key()));
    double lat = 0;
    double lon = 0;
    for (PlacedReport r : rs) {
      sources.add(r.report().sourceKey());
      lat += r.report().latitude() / rs.length;
      lon += r.report().longitude() / rs.length;
    }
    Instant t = rs[0].report().time();
    return new Incident(
        "I-r", ds, t, t, lat, lon, TRUCE.geo().place(lat, lon), sources, List.of(rs));
  }

  @Test
  void reportsOfTwoSourcesInTheBufferAreAViolation() {
    Finding f =
        C2.assess(
            incident(
                List.of(),
                report(48.2, 33.05, "CAM-1", ReportedEvent.EXPLOSION, 3, 500, 1),
                report(48.2, 33.06, "CAM-2", ReportedEvent.EXPLOSION, 2, 0, 2)),
            TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(f.zones()).containsExactly("buffer");
    assertThat(f.side()).isEqualTo(Side.OCCUPIED);
    assertThat(f.reasoning())
        .startsWith("Source camera:CAM-1 reported 3 explosions at 17 Aug 2025 00:00 local time,")
        .contains("within 500 m of 48.2000° N 33.0500° E, on ground held by Party B, East")
        .contains("; source camera:CAM-2 reported 2 explosions")
        .contains("Independent sources camera:CAM-1 and camera:CAM-2 corroborate it.")
        .doesNotContain("Party B fired");
    assertThat(f.evidence())
        .extracting(Evidence::line, Evidence::kind, Evidence::sensor, Evidence::rule)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                1L, Evidence.Kind.REPORT, "camera:CAM-1", "explosion"),
            org.assertj.core.groups.Tuple.tuple(
                2L, Evidence.Kind.REPORT, "camera:CAM-2", "explosion"));
  }

  @Test
  void twoReportsOfOneSourceAreOnlyAProbableViolation() {
    Finding f =
        C2.assess(
            incident(
                List.of(),
                report(48.2, 33.05, "CAM-1", ReportedEvent.GUNFIRE, 1, 0, 1),
                report(48.2, 33.06, "CAM-1", ReportedEvent.GUNFIRE, 4, 0, 2)),
            TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.PROBABLE_VIOLATION);
    assertThat(f.reasoning())
        .contains("a burst of gunfire")
        .contains("4 bursts of gunfire")
        .contains("Only camera:CAM-1 reported it");
    assertThat(f.evidence()).hasSize(2);
  }

  @Test
  void aWarRelatedSatelliteDetectionCorroboratesAnExplosionButNotGunfire() {
    ClassifiedDetection fire =
        Fixtures.classified(Fixtures.obs(48.2, 33.05, DURING, "N20", 7), TRUCE.geo(), true, 3);
    Finding explosion =
        C2.assess(
            incident(List.of(fire), report(48.2, 33.05, "CAM-1", ReportedEvent.EXPLOSION, 1, 0, 1)),
            TRUCE);
    assertThat(explosion.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(explosion.reasoning())
        .contains("Independent sources VIIRS/N20 and camera:CAM-1 corroborate it.")
        .contains("assessed as war-related (an inference of the method");
    assertThat(explosion.evidence())
        .extracting(Evidence::kind)
        .containsExactly(Evidence.Kind.REPORT, Evidence.Kind.DETECTION);

    Finding gunfire =
        C2.assess(
            incident(List.of(fire), report(48.2, 33.05, "CAM-1", ReportedEvent.GUNFIRE, 1, 0, 1)),
            TRUCE);
    assertThat(gunfire.verdict()).isEqualTo(Verdict.PROBABLE_VIOLATION);
    assertThat(gunfire.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.REPORT);

    ClassifiedDetection background =
        Fixtures.classified(Fixtures.obs(48.2, 33.05, DURING, "N20", 7), TRUCE.geo(), false, 0);
    assertThat(
            C2.assess(
                    incident(
                        List.of(background),
                        report(48.2, 33.05, "CAM-1", ReportedEvent.EXPLOSION, 1, 0, 1)),
                    TRUCE)
                .verdict())
        .isEqualTo(Verdict.PROBABLE_VIOLATION);
  }

  @Test
  void aZoneWithinTheStatedUncertaintyIsOnlyPossible() {
    // 0.0135° east of the box's east edge at 48° N: 1,004 m outside it
    PlacedReport wide = report(48.0, 31.2135, "OBS-1", ReportedEvent.WEAPONS, 2, 2_000, 1);
    assertThat(TRUCE.metresOutsideZone("box", 48.0, 31.2135, wide.placement()))
        .isCloseTo(1_004.4, within(1.0));
    Finding f = C2.assess(incident(List.of(), wide), TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.POSSIBLE);
    assertThat(f.zones()).containsExactly("box");
    assertThat(f.reasoning())
        .contains("reported 2 weapons")
        .contains(
            "The point of camera:OBS-1's report is 1,004 m outside zone box, within its stated"
                + " uncertainty of 2,000 m")
        .contains("it is not placed there");

    PlacedReport narrow = report(48.0, 31.2135, "OBS-1", ReportedEvent.WEAPONS, 2, 500, 1);
    Finding out = C2.assess(incident(List.of(), narrow), TRUCE);
    assertThat(out.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
    assertThat(out.reasoning()).contains("outside the zones of clause C2 (buffer, box)");

    // the buffer: how far beyond its 15 km from the line, against the distance placement gives
    PlacedReport beyond = report(48.2, 33.25, "OBS-1", ReportedEvent.WEAPONS, 1, 5_000, 1);
    double outside = TRUCE.metresOutsideZone("buffer", 48.2, 33.25, beyond.placement());
    assertThat(outside)
        .isCloseTo(beyond.placement().distanceToLineMetres() - 15_000, within(1e-6))
        .isBetween(3_000.0, 5_000.0);
    assertThat(C2.assess(incident(List.of(), beyond), TRUCE).verdict()).isEqualTo(Verdict.POSSIBLE);
  }

  @Test
  void otherEventsReportsOutsideThePeriodAndIncidentsWithoutReportsAreOutOfScope() {
    Finding flare =
        C2.assess(
            incident(List.of(), report(48.2, 33.05, "CAM-1", ReportedEvent.FLARE, 1, 0, 1)), TRUCE);
    assertThat(flare.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
    assertThat(flare.reasoning())
        .isEqualTo(
            "No report of this incident is of an event of clause C2 (explosion, gunfire,"
                + " weapons), so clause C2 does not apply.");

    PlacedReport before =
        Fixtures.report(
            48.2,
            33.05,
            Fixtures.START.minus(Duration.ofMinutes(1)),
            "CAM-1",
            SourceKind.CAMERA,
            ReportedEvent.EXPLOSION,
            1,
            0,
            1);
    Finding early = C2.assess(incident(List.of(), before), TRUCE);
    assertThat(early.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
    assertThat(early.reasoning()).contains("outside the truce period");

    ClassifiedDetection fire =
        Fixtures.classified(Fixtures.obs(48.2, 33.05, DURING, "N20", 7), TRUCE.geo(), true, 3);
    List<ClassifiedDetection> ds = new ArrayList<>(List.of(fire));
    Incident satelliteOnly =
        new Incident(
            "I-s",
            ds,
            DURING,
            DURING,
            48.2,
            33.05,
            TRUCE.geo().place(48.2, 33.05),
            new TreeSet<>(List.of("VIIRS/N20")));
    Finding none = C2.assess(satelliteOnly, TRUCE);
    assertThat(none.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
    assertThat(none.evidence()).isEmpty();
  }

  @Test
  void theThermalClauseCountsAReportedExplosionAsASecondSourceAndIgnoresReportsAlone() {
    Clause c1 = TRUCE.terms().clauses().get(0);
    ClassifiedDetection fire =
        Fixtures.classified(Fixtures.obs(48.2, 33.05, DURING, "N20", 7), TRUCE.geo(), true, 3);
    Finding f =
        c1.assess(
            incident(List.of(fire), report(48.2, 33.05, "CAM-1", ReportedEvent.EXPLOSION, 1, 0, 1)),
            TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(f.reasoning())
        .contains("One thermal anomaly seen by VIIRS/N20 at")
        .contains("Source camera:CAM-1 reported an explosion.")
        .contains("Independent sources VIIRS/N20 and camera:CAM-1 corroborate it.");
    assertThat(f.evidence())
        .extracting(Evidence::kind)
        .containsExactly(Evidence.Kind.DETECTION, Evidence.Kind.REPORT);

    Finding weapons =
        c1.assess(
            incident(List.of(fire), report(48.2, 33.05, "CAM-1", ReportedEvent.WEAPONS, 1, 0, 1)),
            TRUCE);
    assertThat(weapons.verdict()).isEqualTo(Verdict.PROBABLE_VIOLATION);
    assertThat(weapons.reasoning()).contains("Only VIIRS/N20 saw it.");
    assertThat(weapons.evidence()).hasSize(1);

    Finding alone =
        c1.assess(
            incident(List.of(), report(48.2, 33.05, "CAM-1", ReportedEvent.EXPLOSION, 1, 0, 1)),
            TRUCE);
    assertThat(alone.verdict()).isEqualTo(Verdict.OUT_OF_SCOPE);
    assertThat(alone.reasoning()).startsWith("No satellite thermal anomaly belongs to");
  }
}
