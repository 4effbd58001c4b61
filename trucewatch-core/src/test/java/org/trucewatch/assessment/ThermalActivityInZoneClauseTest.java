package org.trucewatch.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.trucewatch.Fixtures;
import org.trucewatch.geo.Side;
import org.trucewatch.incident.Incident;
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.Cells;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.KnownFireArea;
import org.trucewatch.scoring.Score;

/** One hand-built incident per verdict. */
class ThermalActivityInZoneClauseTest {
  private static final TruceContext TRUCE = Fixtures.truce();
  private static final Clause C1 = TRUCE.terms().clauses().get(0);
  private static final Instant DURING = Fixtures.START.plus(Duration.ofDays(2));

  private static Incident incident(
      double lat, double lon, Instant t, boolean war, int excess, String... sats) {
    List<ClassifiedDetection> ds = new java.util.ArrayList<>();
    TreeSet<String> sources = new TreeSet<>();
    int line = 1;
    for (String s : sats) {
      Observation o = Fixtures.obs(lat, lon, t, s, line++);
      ds.add(Fixtures.classified(o, TRUCE.geo(), war, excess));
      sources.add(o.sensor().key());
    }
    return new Incident("I-test", ds, t, t, lat, lon, TRUCE.geo().place(lat, lon), sources);
  }

  @Test
  void corroboratedWarRelatedActivityInTheBufferIsAViolation() {
    Finding f = C1.assess(incident(48.2, 33.05, DURING, true, 5, "N20", "N"), TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(f.side()).isEqualTo(Side.OCCUPIED);
    assertThat(f.zones()).containsExactly("buffer");
    assertThat(f.reasoning())
        .contains("ground held by Party B")
        .contains("Inference:")
        .doesNotContain("Party B fired");
    assertThat(f.evidence()).hasSize(2);
    assertThat(f.evidence().get(0).file()).isEqualTo("f.csv");
    assertThat(f.id()).isEqualTo("I-test/C1");
  }

  /**
   * An incident in the buffer whose detections are war-related only by the follow-up rule: their
   * cell had a war-related excess on {@code followed}.
   */
  private static Incident followingUp(LocalDate followed, String... sats) {
    double lat = 48.2;
    double lon = 33.05;
    List<ClassifiedDetection> ds = new java.util.ArrayList<>();
    TreeSet<String> sources = new TreeSet<>();
    int line = 1;
    for (String s : sats) {
      Observation o = Fixtures.obs(lat, lon, DURING, s, line++);
      Score score =
          new Score(Cells.key(lat, lon), 1, 0.1, 0.1, 0, true, true, "follow-up", followed);
      ds.add(new ClassifiedDetection(o, TRUCE.geo().place(lat, lon), score));
      sources.add(o.sensor().key());
    }
    return new Incident("I-f", ds, DURING, DURING, lat, lon, TRUCE.geo().place(lat, lon), sources);
  }

  @Test
  void followingUpAWarDayBeforeTheTruceIsOnlyPossible() {
    // the truce starts at midnight in Kyiv, 21:00 UTC on 14 August: that UTC day began before it
    Finding f = C1.assess(followingUp(LocalDate.of(2025, 8, 14), "N20", "N"), TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.POSSIBLE);
    assertThat(f.reasoning())
        .contains("war-related excess activity on 14 Aug 2025 (UTC), a day that began before")
        .contains("follow-up rule")
        .contains("not assessed as a violation")
        .doesNotContain("exceeds the seasonal background");
    assertThat(f.evidence()).allMatch(e -> e.rule().equals("follow-up"));
  }

  @Test
  void followingUpAWarDayDuringTheTruceSaysSo() {
    Finding f = C1.assess(followingUp(LocalDate.of(2025, 8, 15), "N20", "N"), TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(f.reasoning())
        .contains("war-related excess activity on 15 Aug 2025 (UTC), during the truce")
        .contains("follow-up rule")
        .doesNotContain("exceeds the seasonal background");
    Finding one = C1.assess(followingUp(LocalDate.of(2025, 8, 15), "N20"), TRUCE);
    assertThat(one.verdict()).isEqualTo(Verdict.PROBABLE_VIOLATION);
  }

  @Test
  void anExcessAmongTheDetectionsMakesTheIncidentItsOwnEvidence() {
    Incident followUp = followingUp(LocalDate.of(2025, 8, 14), "N20");
    Incident excess = incident(48.2, 33.05, DURING, true, 5, "N");
    List<ClassifiedDetection> both = new java.util.ArrayList<>(followUp.detections());
    both.addAll(excess.detections());
    Incident mixed =
        new Incident(
            "I-m",
            both,
            DURING,
            DURING,
            48.2,
            33.05,
            TRUCE.geo().place(48.2, 33.05),
            new TreeSet<>(List.of("VIIRS/N", "VIIRS/N20")));
    Finding f = C1.assess(mixed, TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.VIOLATION);
    assertThat(f.reasoning()).contains("exceeds the seasonal background");
  }

  @Test
  void oneSourceIsAProbableViolation() {
    Finding f = C1.assess(incident(48.2, 32.95, DURING, true, 5, "N20"), TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.PROBABLE_VIOLATION);
    assertThat(f.reasoning()).contains("ground held by Party A").contains("Only VIIRS/N20");
  }

  @Test
  void beforeTheTruceOrOutsideTheZonesIsOutOfScope() {
    Instant before = Fixtures.START.minus(Duration.ofMinutes(1));
    assertThat(C1.assess(incident(48.2, 33.05, before, true, 5, "N20", "N"), TRUCE).verdict())
        .isEqualTo(Verdict.OUT_OF_SCOPE);
    assertThat(C1.assess(incident(48.2, 30.5, DURING, true, 5, "N20", "N"), TRUCE).verdict())
        .isEqualTo(Verdict.OUT_OF_SCOPE);
    Instant end = TRUCE.terms().end();
    assertThat(C1.assess(incident(48.2, 33.05, end, true, 5, "N20", "N"), TRUCE).verdict())
        .isEqualTo(Verdict.OUT_OF_SCOPE);
  }

  @Test
  void theExclusionBoxCountsAsAZone() {
    Finding f = C1.assess(incident(48.0, 31.1, DURING, true, 5, "N20"), TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.PROBABLE_VIOLATION);
    assertThat(f.zones()).containsExactly("box");
  }

  @Test
  void aKnownStaticSourceIsBackground() {
    Finding f = C1.assess(incident(48.5, 32.96, DURING, true, 5, "N20", "N"), TRUCE);
    assertThat(f.verdict()).isEqualTo(Verdict.BACKGROUND);
    assertThat(f.reasoning()).contains("Test plant");
  }

  @Test
  void anIncidentLeftOutByAKnownFireAreaIsBackgroundAndSaysWhy() {
    KnownFireArea forest =
        new KnownFireArea(
            "forest", "a forest fire", 33.0, 48.1, 33.1, 48.3, LocalDate.of(2025, 8, 1), null);
    TruceContext truce = Fixtures.truce(List.of(forest));
    Observation o = Fixtures.obs(48.2, 33.05, DURING, "N20", 1);
    ClassifiedDetection left =
        new ClassifiedDetection(
            o,
            truce.geo().place(48.2, 33.05),
            new Score(Cells.key(48.2, 33.05), 0, 0.1, 1, 0, false, false, forest.rule()));
    Incident i =
        new Incident(
            "I-forest",
            List.of(left),
            DURING,
            DURING,
            48.2,
            33.05,
            truce.geo().place(48.2, 33.05),
            new TreeSet<>(List.of(o.sensor().key())));
    Finding f = C1.assess(i, truce);
    assertThat(f.verdict()).isEqualTo(Verdict.BACKGROUND);
    assertThat(f.reasoning()).contains("known fire area forest (a forest fire)");
    // the same incident under terms without that area is background for want of excess only
    assertThat(C1.assess(i, Fixtures.truce()).reasoning()).doesNotContain("known fire area");
  }

  @Test
  void excessWithoutRecurrenceIsPossibleAndNoExcessIsBackground() {
    assertThat(C1.assess(incident(48.2, 33.05, DURING, false, 3, "N20"), TRUCE).verdict())
        .isEqualTo(Verdict.POSSIBLE);
    assertThat(C1.assess(incident(48.2, 33.05, DURING, false, 0, "N20"), TRUCE).verdict())
        .isEqualTo(Verdict.BACKGROUND);
  }

  /**
   * The one-detection incident again, its detection seen at {@code time} with {@code precision} and
   * {@code confidence}.
   */
  private static Incident oneDetection(
      Incident i,
      Instant time,
      org.trucewatch.observation.TimePrecision precision,
      org.trucewatch.observation.Confidence confidence) {
    ClassifiedDetection d = i.detections().get(0);
    Observation o = d.observation();
    Observation changed =
        new Observation(
            o.latitude(),
            o.longitude(),
            time,
            precision,
            o.sensor(),
            confidence,
            o.brightnessKelvin(),
            o.frpMegawatts(),
            o.scanKm(),
            o.trackKm(),
            o.daytime(),
            o.type(),
            o.provenance());
    return new Incident(
        i.id(),
        List.of(new ClassifiedDetection(changed, d.placement(), d.score())),
        time,
        time,
        i.latitude(),
        i.longitude(),
        i.place(),
        i.sources());
  }

  @Test
  void onlyLowConfidenceIsInconclusive() {
    Incident i = incident(48.2, 33.05, DURING, true, 5, "N20");
    Observation o = i.detections().get(0).observation();
    Incident low =
        oneDetection(
            i,
            o.time(),
            o.timePrecision(),
            org.trucewatch.observation.Confidence.of(
                org.trucewatch.observation.Confidence.Level.LOW));
    assertThat(C1.assess(low, TRUCE).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void aDateOnlyDetectionClaimsNoTimeOfDay() {
    Incident timed = incident(48.2, 33.05, DURING, true, 5, "N20");
    assertThat(C1.assess(timed, TRUCE).reasoning()).contains(" local time on ");
    Observation o = timed.detections().get(0).observation();
    Incident dated =
        oneDetection(
            timed,
            o.utcDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            org.trucewatch.observation.TimePrecision.DAY,
            o.confidence());
    String date =
        java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ROOT)
            .format(o.utcDate());
    assertThat(C1.assess(dated, TRUCE).reasoning())
        .contains(" on " + date + " (UTC date; the input gives no time of day) on ")
        .doesNotContain("local time");
  }

  @Test
  void verdictKeysRoundTrip() {
    for (Verdict v : Verdict.values()) {
      assertThat(Verdict.ofKey(v.key())).isEqualTo(v);
    }
    assertThat(Verdict.PROBABLE_VIOLATION.key()).isEqualTo("probable-violation");
  }
}
