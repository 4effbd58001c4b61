package org.trucewatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;
import org.trucewatch.observation.TimePrecision;

/**
 * Two maps of the hand-built country of {@link GeoContextTest}: on 10 August the occupied area
 * starts at 33° E, from 14 August at 32.5° E (the line moved west by half a degree).
 */
class GeoTimelineTest {
  private static final List<Region> REGIONS =
      List.of(
          new Region("W", "West", GeoContextTest.box(30, 47, 32, 49)),
          new Region("E", "East", GeoContextTest.box(32, 47, 34, 49)));
  private static final ControlMap AUG_10 =
      new ControlMap(LocalDate.of(2025, 8, 10), GeoContextTest.box(33, 47, 35, 49), "a");
  private static final ControlMap AUG_14 =
      new ControlMap(LocalDate.of(2025, 8, 14), GeoContextTest.box(32.5, 47, 35, 49), "b");

  /** A detection at 48° N, 32.75° E at noon UTC of a day. */
  static Observation at(LocalDate day) {
    return Observation.minimal(
        48,
        32.75,
        day.atTime(12, 0).toInstant(ZoneOffset.UTC),
        TimePrecision.MINUTE,
        new Sensor(Instrument.VIIRS, "N20"),
        new Provenance("t.csv", 2, "x"));
  }

  @Test
  void eachDayTakesTheLatestMapOnOrBeforeIt() {
    // given out of order: the timeline sorts by date
    GeoTimeline t = GeoTimeline.build(REGIONS, List.of(AUG_14, AUG_10));
    assertThat(t.controlMaps()).containsExactly(AUG_10, AUG_14);

    assertThat(t.mapFor(LocalDate.of(2025, 8, 1))).isSameAs(AUG_10); // before both
    assertThat(t.mapFor(LocalDate.of(2025, 8, 10))).isSameAs(AUG_10);
    assertThat(t.mapFor(LocalDate.of(2025, 8, 13))).isSameAs(AUG_10);
    assertThat(t.mapFor(LocalDate.of(2025, 8, 14))).isSameAs(AUG_14);
    assertThat(t.mapFor(LocalDate.of(2025, 9, 30))).isSameAs(AUG_14);

    // one point at 32.75° E: government-controlled ground before the 14th, occupied from then on
    List<Observation> seen =
        List.of(
            at(LocalDate.of(2025, 8, 14)),
            at(LocalDate.of(2025, 8, 1)),
            at(LocalDate.of(2025, 8, 13)),
            at(LocalDate.of(2025, 8, 20)));
    Placement[] p = t.placeAll(seen);
    assertThat(p)
        .extracting(Placement::side)
        .containsExactly(
            Side.OCCUPIED, Side.GOVERNMENT_CONTROLLED, Side.GOVERNMENT_CONTROLLED, Side.OCCUPIED);
    // a quarter of a degree on either side of the line of its day
    assertThat(p[0].distanceToLineMetres()).isCloseTo(-p[1].distanceToLineMetres(), within(1.0));
  }

  @Test
  void oneMapOrNonePlacesEveryDay() {
    GeoTimeline one = GeoTimeline.build(REGIONS, List.of(AUG_14));
    assertThat(one.mapFor(LocalDate.of(2020, 1, 1))).isSameAs(AUG_14);
    assertThat(one.placeAll(List.of(at(LocalDate.of(2020, 1, 1))))[0].side())
        .isEqualTo(Side.OCCUPIED);
    GeoTimeline none = GeoTimeline.build(REGIONS, List.of());
    assertThat(none.controlMaps()).isEmpty();
    assertThat(none.mapFor(LocalDate.of(2025, 8, 14))).isNull();
    assertThat(none.placeAll(List.of(at(LocalDate.of(2025, 8, 14))))[0].side())
        .isEqualTo(Side.UNKNOWN);
  }

  @Test
  void twoMapsOfOneDateAreRefused() {
    ControlMap again = new ControlMap(AUG_14.date(), AUG_10.occupied(), "c");
    assertThatThrownBy(() -> GeoTimeline.build(REGIONS, List.of(AUG_10, AUG_14, again)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two control maps of 2025-08-14 (b, c): give one map per date");
  }
}
