package org.trucewatch.scoring;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The expected number of detections per pass stream in a cell on a day of the year, in a normal
 * year: the mean over the history years of the detections within a seasonal window around that day,
 * per day, optionally blended with the neighbouring cells.
 */
public final class Baseline {
  private final BackgroundHistory history;
  private final BaselineParams params;
  private final Map<SensorClass, Map<Integer, float[]>> seasonal = new EnumMap<>(SensorClass.class);

  public Baseline(BackgroundHistory history, BaselineParams params) {
    this.history = Objects.requireNonNull(history, "history");
    this.params = Objects.requireNonNull(params, "params");
    for (SensorClass c : SensorClass.values()) {
      seasonal.put(c, new ConcurrentHashMap<>());
    }
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
    float[] byDay = seasonal.get(sensor).computeIfAbsent(cellKey, k -> seasonalMeans(sensor, k));
    return byDay.length == 0 ? 0 : byDay[dayOfYear - 1];
  }

  /** The windowed mean for every day of the year (index 0 = 1 January), computed once per cell. */
  private float[] seasonalMeans(SensorClass sensor, int cellKey) {
    int years = history.years(sensor).size();
    int[] entries = history.entries(sensor, cellKey);
    if (years == 0 || entries.length == 0) {
      return new float[0];
    }
    long[] perDay = new long[366];
    for (int packed : entries) {
      perDay[BackgroundHistory.dayOfYear(packed) - 1] += BackgroundHistory.count(packed);
    }
    int w = params.windowDays();
    double norm = (double) years * (2 * w + 1);
    float[] out = new float[366];
    // circular window over the 366 day slots: late December neighbours early January
    long sum = 0;
    for (int j = -w; j <= w; j++) {
      sum += perDay[Math.floorMod(j, 366)];
    }
    for (int doy = 0; doy < 366; doy++) {
      out[doy] = (float) (sum / norm);
      sum += perDay[Math.floorMod(doy + w + 1, 366)] - perDay[Math.floorMod(doy - w, 366)];
    }
    return out;
  }
}
