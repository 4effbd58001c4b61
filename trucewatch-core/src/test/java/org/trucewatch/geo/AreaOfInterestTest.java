package org.trucewatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trucewatch.Fixtures.box;

import java.util.List;
import org.junit.jupiter.api.Test;

class AreaOfInterestTest {
  private static final AreaOfInterest AREA =
      AreaOfInterest.of(
          List.of(
              new Region("W", "West", box(30, 47, 32, 49)),
              new Region("E", "East", box(32, 47, 34, 49))));

  @Test
  void theRegionsBoxWidenedByOneDegreeOnEverySide() {
    assertThat(AREA.box().getMinX()).isEqualTo(29);
    assertThat(AREA.box().getMaxX()).isEqualTo(35);
    assertThat(AREA.box().getMinY()).isEqualTo(46);
    assertThat(AREA.box().getMaxY()).isEqualTo(50);
    // inside a region, across its border, and on the area's edge
    assertThat(AREA.contains(48, 31)).isTrue();
    assertThat(AREA.contains(49.6, 34.8)).isTrue();
    assertThat(AREA.contains(50, 29)).isTrue();
    // just beyond the margin, and the other side of the world
    assertThat(AREA.contains(50.01, 31)).isFalse();
    assertThat(AREA.contains(48, 28.99)).isFalse();
    assertThat(AREA.contains(-10.5, -55.2)).isFalse();
    assertThat(AREA).hasToString("longitude 29.00 to 35.00, latitude 46.00 to 50.00");
  }

  @Test
  void staysWithinValidCoordinatesNearTheDateLineAndThePoles() {
    AreaOfInterest far =
        AreaOfInterest.of(List.of(new Region("F", "Far", box(179.5, 89.5, 180, 90))));
    assertThat(far.box().getMaxX()).isEqualTo(180);
    assertThat(far.box().getMaxY()).isEqualTo(90);
    assertThat(far.contains(90, 180)).isTrue();
  }

  @Test
  void noRegionsIsAnError() {
    assertThatThrownBy(() -> AreaOfInterest.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no regions");
  }

  @Test
  void theBoxIsACopy() {
    AREA.box().expandBy(10);
    assertThat(AREA.box().getMinX()).isEqualTo(29);
  }
}
