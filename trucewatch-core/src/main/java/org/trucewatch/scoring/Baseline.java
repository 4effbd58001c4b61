package org.trucewatch.scoring;

import java.util.Objects;

/**
 * The expected number of detections per pass stream in a cell on a day of the year, in a normal
 * year: the mean over the history years of the detections within a seasonal window around that day,
 * per day, optionally blended with the neighbouring cells.
 */
public final class Baseline {
  private final BackgroundHistory history;
  private final BaselineParams params;

  public Baseline(BackgroundHistory history, BaselineParams params) {
    this.history = Objects.requireNonNull(history, "history");
    this.params = Objects.requireNonNull(params, "params");
  }

  public BackgroundHistory history() {
    return history;
  }

  public BaselineParams params() {
    return params;
  }

  /** Expected detections in the cell on that day of the year for one stream of the class. */
  public double expected(SensorClass sensor, int cellKey, int dayOfYear) {
    double own = cellMean(sensor, cellKey, dayOfYear);
    if (params.neighbourWeight() == 0) {
      return own;
    }
    int x = Cells.tenthLon(cellKey);
    int y = Cells.tenthLat(cellKey);
    double sum = 0;
    for (int dx = -1; dx <= 1; dx++) {
      for (int dy = -1; dy <= 1; dy++) {
        if (dx != 0 || dy != 0) {
          sum += cellMean(sensor, Cells.key(x + dx, y + dy), dayOfYear);
        }
      }
    }
    return (1 - params.neighbourWeight()) * own + params.neighbourWeight() * sum / 8;
  }

  private double cellMean(SensorClass sensor, int cellKey, int dayOfYear) {
    int years = history.years(sensor).size();
    if (years == 0) {
      return 0;
    }
    int w = params.windowDays();
    long sum = 0;
    for (int packed : history.entries(sensor, cellKey)) {
      int d = Math.abs(BackgroundHistory.dayOfYear(packed) - dayOfYear);
      d = Math.min(d, 365 - d);
      if (d <= w) {
        sum += BackgroundHistory.count(packed);
      }
    }
    return sum / ((double) years * (2 * w + 1));
  }
}
