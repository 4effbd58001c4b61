package org.trucewatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BackgroundHistoryTest {
  private static final int CELL = Cells.key(48.0, 37.0);
  private static final int OTHER = Cells.key(50.0, 30.0);

  private static BackgroundHistory twoYears() {
    return new BackgroundHistory.Builder()
        .add(SensorClass.VIIRS, CELL, 2019, 200, 30)
        .add(SensorClass.VIIRS, CELL, 2020, 200, 2)
        .add(SensorClass.VIIRS, OTHER, 2019, 100, 5)
        .add(SensorClass.MODIS, CELL, 2019, 200, 1)
        .add(SensorClass.MODIS, CELL, 2018, 200, 1)
        .build();
  }

  @Test
  void aYearLeftOutLosesItsCountsAndNoLongerCounts() {
    BackgroundHistory without = twoYears().without(Set.of(2019));

    assertThat(without.years(SensorClass.VIIRS)).containsExactly(2020);
    assertThat(without.years(SensorClass.MODIS)).containsExactly(2018);
    assertThat(without.total(SensorClass.VIIRS)).isEqualTo(2);
    assertThat(without.total(SensorClass.MODIS)).isEqualTo(1);
    assertThat(without.cells(SensorClass.VIIRS)).containsExactly(CELL);
  }

  @Test
  void theBackgroundWithoutAYearNeverSawItsFire() {
    BaselineParams p = new BaselineParams(0, 0);
    Baseline all = new Baseline(twoYears(), p);
    Baseline without = new Baseline(twoYears().without(Set.of(2019)), p);

    assertThat(all.expected(SensorClass.VIIRS, CELL, 200)).isEqualTo(16.0); // (30 + 2) / 2 years
    assertThat(without.expected(SensorClass.VIIRS, CELL, 200)).isEqualTo(2.0);
  }

  @Test
  void leavingOutAYearTheHistoryLacksChangesNothing() {
    BackgroundHistory h = twoYears();
    BackgroundHistory same = h.without(Set.of(2005));

    assertThat(same.years(SensorClass.VIIRS)).isEqualTo(h.years(SensorClass.VIIRS));
    assertThat(same.total(SensorClass.VIIRS)).isEqualTo(h.total(SensorClass.VIIRS));
    assertThat(h.without(Set.of(2019)).total(SensorClass.VIIRS)).isEqualTo(2);
    assertThat(h.total(SensorClass.VIIRS)).isEqualTo(37);
  }
}
