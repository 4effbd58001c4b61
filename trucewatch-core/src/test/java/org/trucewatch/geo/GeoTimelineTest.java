package org.trucewatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void eachDayTakesTheLatestMapOnOrBeforeIt() {
    // given out of order: the timeline sorts by date
    GeoTimeline t = GeoTimeline.build(REGIONS, List.of(AUG_14, AUG_10));
    assertThat(t.controlMaps()).containsExactly(AUG_10, AUG_14);

    assertThat(t.forDay(LocalDate.of(2025, 8, 1)).controlMap()).isSameAs(AUG_10); // before both
    assertThat(t.forDay(LocalDate.of(2025, 8, 10)).controlMap()).isSameAs(AUG_10);
    assertThat(t.forDay(LocalDate.of(2025, 8, 13)).controlMap()).isSameAs(AUG_10);
    assertThat(t.forDay(LocalDate.of(2025, 8, 14)).controlMap()).isSameAs(AUG_14);
    assertThat(t.forDay(LocalDate.of(2025, 9, 30)).controlMap()).isSameAs(AUG_14);

    // a point at 32.75° E: government-controlled ground before the 14th, occupied from then on
    assertThat(t.forDay(LocalDate.of(2025, 8, 13)).place(48, 32.75).side())
        .isEqualTo(Side.GOVERNMENT_CONTROLLED);
    assertThat(t.forDay(LocalDate.of(2025, 8, 14)).place(48, 32.75).side())
        .isEqualTo(Side.OCCUPIED);
  }

  @Test
  void oneMapOrNonePlacesEveryDay() {
    GeoTimeline one = GeoTimeline.build(REGIONS, List.of(AUG_14));
    assertThat(one.forDay(LocalDate.of(2020, 1, 1)).controlMap()).isSameAs(AUG_14);
    GeoTimeline none = GeoTimeline.build(REGIONS, List.of());
    assertThat(none.controlMaps()).isEmpty();
    assertThat(none.forDay(LocalDate.of(2025, 8, 14)).place(48, 31).side()).isEqualTo(Side.UNKNOWN);
  }

  @Test
  void twoMapsOfOneDateAreRefused() {
    ControlMap again = new ControlMap(AUG_14.date(), AUG_10.occupied(), "c");
    assertThatThrownBy(() -> GeoTimeline.build(REGIONS, List.of(AUG_10, AUG_14, again)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two control maps of 2025-08-14 (b, c): give one map per date");
  }
}
