package org.trucewatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;
import org.trucewatch.observation.TimePrecision;

class WarActivityClassifierTest {
  private static final Sensor SNPP = new Sensor(Instrument.VIIRS, "N");
  private static final LocalDate D0 = LocalDate.of(2022, 7, 10);

  /** A history where the cell 35.0/48.0 had one detection a day in July of one year. */
  private static Baseline quietBaseline() {
    BackgroundHistory.Builder b = new BackgroundHistory.Builder();
    for (int d = 0; d < 31; d++) {
      b.add(SensorClass.VIIRS, 48.0, 35.0, LocalDate.of(2019, 7, 1).plusDays(d));
    }
    b.coverYear(SensorClass.VIIRS, 2020);
    return new Baseline(b.build(), new BaselineParams(3, 0));
  }

  private static List<Observation> burst(double lat, double lon, LocalDate day, int n) {
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant t = day.atTime(1, 0).toInstant(ZoneOffset.UTC);
      out.add(
          Observation.minimal(
              lat + i * 0.001, lon, t, TimePrecision.MINUTE, SNPP, new Provenance("t", i + 1, "")));
    }
    return out;
  }

  private static final ClassifierParams RULES = new ClassifierParams(2, 7, 89, 0, 10);

  @Test
  void oneBurstAloneIsNotPersistentSoNotWarRelated() {
    List<Observation> obs = burst(48.0, 35.0, D0, 10);
    List<Score> s = new WarActivityClassifier(quietBaseline(), RULES).classify(obs);
    assertThat(s.get(0).expected()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.get(0).excess()).isEqualTo(8); // ceil(10 - 0.5 - 2)
    assertThat(s).noneMatch(Score::warRelated);
    assertThat(s.get(0).pValue()).isLessThan(1e-6);
  }

  @Test
  void twoBurstsAWeekApartAreWarRelatedAndSoIsWhatFollows() {
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(8), 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(12), 1)); // a single fire 4 days later
    obs.addAll(burst(48.0, 35.0, D0.plusDays(30), 1)); // too late to follow
    List<Score> s = new WarActivityClassifier(quietBaseline(), RULES).classify(obs);
    assertThat(s.subList(0, 20))
        .allMatch(Score::warRelated)
        .allMatch(x -> x.rule().equals("excess"));
    assertThat(s.get(20).warRelated()).isTrue();
    assertThat(s.get(20).rule()).isEqualTo("follow-up");
    // it names the war day it follows: the latest before it, the second burst
    assertThat(s.get(20).followedWarDay()).isEqualTo(D0.plusDays(8));
    assertThat(s.subList(0, 20)).allMatch(x -> x.followedWarDay() == null);
    assertThat(s.get(21).warRelated()).isFalse();
    assertThat(s.get(21).followedWarDay()).isNull();
  }

  @Test
  void detectionsOutsideTheBackgroundAreaAreNotScored() {
    // the country: one region, 34.95-35.35 E, 47.95-48.25 N; its cells are 35.0-35.3 x 48.0-48.2
    org.locationtech.jts.geom.Geometry box =
        new org.locationtech.jts.geom.GeometryFactory()
            .toGeometry(new org.locationtech.jts.geom.Envelope(34.95, 35.35, 47.95, 48.25));
    BackgroundArea area = BackgroundArea.of(List.of(new org.trucewatch.geo.Region("X", "X", box)));
    assertThat(area.contains(Cells.key(48.0, 35.0))).isTrue();
    assertThat(area.contains(Cells.key(48.2, 35.3))).isTrue();
    assertThat(area.contains(Cells.key(48.4, 35.0))).isFalse();
    assertThat(area.contains(Cells.key(-10.5, -55.2))).isFalse();

    // the same two persistent bursts inside the area and far outside it
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(8), 10));
    obs.addAll(burst(-10.5, -55.2, D0, 10));
    obs.addAll(burst(-10.5, -55.2, D0.plusDays(8), 10));
    List<Score> s =
        new WarActivityClassifier(quietBaseline(), RULES).classify(obs, null, List.of(), area);
    assertThat(s.subList(0, 20)).allMatch(Score::warRelated);
    assertThat(s.subList(20, 40))
        .noneMatch(Score::warRelated)
        .allMatch(x -> x.rule().equals(WarActivityClassifier.OUTSIDE_AREA))
        .allMatch(x -> x.cellDayCount() == 0 && x.excess() == 0 && x.pValue() == 1);
    // without an area every cell is scored, as before tw-fire-3
    assertThat(new WarActivityClassifier(quietBaseline(), RULES).classify(obs).subList(20, 40))
        .allMatch(Score::warRelated);
  }

  @Test
  void burstsOnlySixDaysApartAreNotPersistent() {
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(6), 10));
    List<Score> s = new WarActivityClassifier(quietBaseline(), RULES).classify(obs);
    assertThat(s).noneMatch(Score::warRelated);
  }

  @Test
  void aNeighbourOfAPersistentCellCountsAsPersistent() {
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(8), 10));
    obs.addAll(burst(48.2, 35.0, D0.plusDays(3), 10)); // 22 km north, a single burst
    ClassifierParams withRadius = new ClassifierParams(2, 7, 89, 50_000, 10);
    List<Score> s = new WarActivityClassifier(quietBaseline(), withRadius).classify(obs);
    assertThat(s.get(25).warRelated()).isTrue();
    List<Score> strict = new WarActivityClassifier(quietBaseline(), RULES).classify(obs);
    assertThat(strict.get(25).warRelated()).isFalse();
  }

  @Test
  void poissonTailMatchesHandValues() {
    assertThat(PoissonTail.atLeast(0, 3)).isEqualTo(1.0);
    // P(N >= 1 | 0.5) = 1 - e^-0.5
    assertThat(PoissonTail.atLeast(1, 0.5))
        .isCloseTo(1 - Math.exp(-0.5), org.assertj.core.data.Offset.offset(1e-12));
    // P(N >= 3 | 1) = 1 - e^-1 (1 + 1 + 1/2)
    assertThat(PoissonTail.atLeast(3, 1))
        .isCloseTo(1 - Math.exp(-1) * 2.5, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void farFromTheLineACellDayNeedsTheLargerOffset() {
    // 12 detections over an expectation of 0.5: excess 4 with offset 8, none with offset 16
    ClassifierParams rules = new ClassifierParams(8, 16, 100_000, 7, 89, 0, 10, 0);
    WarActivityClassifier c = new WarActivityClassifier(quietBaseline(), rules);
    List<Observation> obs = burst(48.0, 35.0, D0, 12);
    assertThat(c.classify(obs, distances(12, 99_000)).get(0).excess()).isEqualTo(4);
    assertThat(c.classify(obs, distances(12, 101_000)).get(0).excess()).isZero();
    // the side of the line does not matter, only the distance
    assertThat(c.classify(obs, distances(12, -101_000)).get(0).excess()).isZero();
    // without a line (no control map) the near offset applies
    assertThat(c.classify(obs).get(0).excess()).isEqualTo(4);
    assertThat(c.classify(obs, distances(12, Double.NaN)).get(0).excess()).isEqualTo(4);
  }

  @Test
  void theCellDaysDetectionNearestToTheLineDecides() {
    ClassifierParams rules = new ClassifierParams(8, 16, 100_000, 7, 89, 0, 10, 0);
    WarActivityClassifier c = new WarActivityClassifier(quietBaseline(), rules);
    List<Observation> obs = burst(48.0, 35.0, D0, 12);
    double[] d = distances(12, 150_000);
    d[7] = 60_000;
    d[3] = Double.NaN;
    assertThat(c.classify(obs, d)).allMatch(s -> s.excess() == 4);
    assertThat(rules.offsetAt(100_000)).isEqualTo(8);
    assertThat(rules.offsetAt(100_001)).isEqualTo(16);
  }

  @Test
  void distancesMustMatchTheDetections() {
    WarActivityClassifier c = new WarActivityClassifier(quietBaseline(), ClassifierParams.DEFAULTS);
    List<Observation> obs = burst(48.0, 35.0, D0, 3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.classify(obs, new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 for 3");
  }

  @Test
  void detectionsInAKnownFireAreaAreNotCountedAndNeverWarRelated() {
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(8), 10));
    WarActivityClassifier c = new WarActivityClassifier(quietBaseline(), RULES);
    assertThat(c.classify(obs)).allMatch(Score::warRelated);
    // the area covers the cell on the first day only: the second burst alone is not persistent
    KnownFireArea forest =
        new KnownFireArea("forest", "forest fire", 34.9, 47.9, 35.1, 48.1, D0, D0.plusDays(3));
    List<Score> s = c.classify(obs, null, List.of(forest));
    assertThat(s).noneMatch(Score::warRelated);
    assertThat(s.subList(0, 10))
        .allMatch(x -> x.rule().equals("known-fire-area:forest") && x.cellDayCount() == 0);
    assertThat(s.subList(10, 20)).allMatch(x -> x.rule().isEmpty() && x.excess() == 8);
  }

  @Test
  void aDetectionInAKnownFireAreaIsNotAFollowUp() {
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(8), 10));
    obs.addAll(burst(48.02, 35.0, D0.plusDays(10), 1)); // 2 days later, same cell
    WarActivityClassifier c = new WarActivityClassifier(quietBaseline(), RULES);
    assertThat(c.classify(obs).get(20).rule()).isEqualTo("follow-up");
    KnownFireArea field =
        new KnownFireArea("field", "crop burning", 34.99, 48.01, 35.01, 48.03, D0, null);
    List<Score> s = c.classify(obs, null, List.of(field));
    assertThat(s.subList(0, 20)).allMatch(Score::warRelated);
    assertThat(s.get(20).warRelated()).isFalse();
    assertThat(s.get(20).rule()).isEqualTo("known-fire-area:field");
  }

  @Test
  void aKnownFireAreaChecksItsEdgesAndDates() {
    KnownFireArea a =
        new KnownFireArea("a", "r", 30, 50, 31, 51, D0, D0.plusDays(2)); // from/to inclusive
    assertThat(a.contains(50, 30, D0)).isTrue();
    assertThat(a.contains(51, 31, D0.plusDays(2))).isTrue();
    assertThat(a.contains(50.5, 30.5, D0.plusDays(3))).isFalse();
    assertThat(a.contains(50.5, 30.5, D0.minusDays(1))).isFalse();
    assertThat(a.contains(51.01, 30.5, D0)).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new KnownFireArea("b", "r", 31, 50, 30, 51, D0, null))
        .hasMessageContaining("longitudes");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new KnownFireArea("b", "r", 30, 50, 31, 51, D0, D0.minusDays(1)))
        .hasMessageContaining("before");
  }

  /**
   * Two bursts of 10 two weeks apart in the cell 35.0/48.0, and one detection on each day between
   * them at {@code lat}/35.0 ({@code lat} NaN: none), all at {@code metres} from the line.
   */
  private static List<Score> twoBurstsWithFiresBetween(double lat, double metres) {
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(14), 10));
    for (int d = 1; d < 14 && !Double.isNaN(lat); d++) {
      obs.addAll(burst(lat, 35.0, D0.plusDays(d), 1));
    }
    ClassifierParams rules = new ClassifierParams(2, 2, 100_000, 7, 89, 0, 10, 7);
    return new WarActivityClassifier(quietBaseline(), rules)
        .classify(obs, distances(obs.size(), metres))
        .subList(0, 20);
  }

  @Test
  void farFromTheLineAFireThatBurnsOnWithoutABreakDoesNotRecur() {
    // quiet between the bursts: they recur, far from the line as near it
    assertThat(twoBurstsWithFiresBetween(Double.NaN, 150_000)).allMatch(Score::warRelated);
    // fire in the cell on every day between them: one fire burning on, not a recurrence
    assertThat(twoBurstsWithFiresBetween(48.0, 150_000))
        .allMatch(s -> s.excess() == 8 && !s.persistent() && !s.warRelated());
    // near the line the same fires recur: fighting there goes on day after day
    assertThat(twoBurstsWithFiresBetween(48.0, 50_000)).allMatch(Score::warRelated);
    // fire in a neighbouring cell breaks the quiet too; two cells away it does not
    assertThat(twoBurstsWithFiresBetween(48.1, 150_000)).noneMatch(Score::warRelated);
    assertThat(twoBurstsWithFiresBetween(48.2, 150_000)).allMatch(Score::warRelated);
  }

  @Test
  void aQuietWeekBetweenTwoFarExcessDaysIsEnough() {
    List<Observation> obs = new ArrayList<>(burst(48.0, 35.0, D0, 10));
    obs.addAll(burst(48.0, 35.0, D0.plusDays(14), 10));
    for (int d : new int[] {1, 2, 3, 4, 5, 6, 13}) { // quiet on days 7-12: six days
      obs.addAll(burst(48.0, 35.0, D0.plusDays(d), 1));
    }
    WarActivityClassifier week =
        new WarActivityClassifier(
            quietBaseline(), new ClassifierParams(2, 2, 100_000, 7, 89, 0, 10, 7));
    WarActivityClassifier sixDays =
        new WarActivityClassifier(
            quietBaseline(), new ClassifierParams(2, 2, 100_000, 7, 89, 0, 10, 6));
    double[] far = distances(obs.size(), 150_000);
    assertThat(week.classify(obs, far).subList(0, 20)).noneMatch(Score::warRelated);
    assertThat(sixDays.classify(obs, far).subList(0, 20)).allMatch(Score::warRelated);
    // without a line nothing is far, so the condition does not apply
    assertThat(week.classify(obs).subList(0, 20)).allMatch(Score::warRelated);
  }

  private static double[] distances(int n, double metres) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, metres);
    return d;
  }

  @Test
  void cellsAreNamedByTheirCentre() {
    int k = Cells.key(44.8, 33.86);
    assertThat(Cells.label(k)).isEqualTo("33.9_44.8");
    assertThat(Cells.centreLat(Cells.key(-12.34, -45.66))).isEqualTo(-12.3);
  }
}
