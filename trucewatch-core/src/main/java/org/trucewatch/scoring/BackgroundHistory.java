package org.trucewatch.scoring;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Detection counts per sensor class, 0.1° cell, year and day of year, from the peacetime history.
 * This is the whole of what the baseline learns from; it is small enough to ship with the software
 * and is rebuilt from the FIRMS history files by the {@code baseline} command.
 */
public final class BackgroundHistory {
  private final Map<SensorClass, Map<Integer, int[]>> counts;
  private final Map<SensorClass, NavigableSet<Integer>> years;

  private BackgroundHistory(
      Map<SensorClass, Map<Integer, int[]>> counts, Map<SensorClass, NavigableSet<Integer>> years) {
    this.counts = counts;
    this.years = years;
  }

  /** Years present for a sensor class. */
  public NavigableSet<Integer> years(SensorClass sensor) {
    return Collections.unmodifiableNavigableSet(years.getOrDefault(sensor, new TreeSet<>()));
  }

  /** The cells with at least one detection for a sensor class. */
  public Set<Integer> cells(SensorClass sensor) {
    return Collections.unmodifiableSet(counts.getOrDefault(sensor, Map.of()).keySet());
  }

  /**
   * Visits each (year, day of year, count) entry of a cell as packed ints: use {@link #year},
   * {@link #dayOfYear} and {@link #count} to unpack.
   */
  public void forEachEntry(SensorClass sensor, int cellKey, IntConsumer visitor) {
    int[] e = counts.getOrDefault(sensor, Map.of()).get(cellKey);
    if (e != null) {
      for (int v : e) {
        visitor.accept(v);
      }
    }
  }

  /** The packed entries of a cell, sorted by year then day (do not modify). */
  int[] entries(SensorClass sensor, int cellKey) {
    int[] e = counts.getOrDefault(sensor, Map.of()).get(cellKey);
    return e == null ? new int[0] : e;
  }

  /**
   * The same history without some years: their counts are dropped and they no longer count as
   * covered, so a background built from the result never saw them. Used to score a past year
   * against a background learned from the other years.
   *
   * @param leftOut the years to drop
   * @return a new history; this one is unchanged
   */
  public BackgroundHistory without(Set<Integer> leftOut) {
    Map<SensorClass, Map<Integer, int[]>> kept = new EnumMap<>(SensorClass.class);
    counts.forEach(
        (sensor, cells) -> {
          Map<Integer, int[]> out = new HashMap<>();
          cells.forEach(
              (cell, entries) -> {
                int[] e = Arrays.stream(entries).filter(v -> !leftOut.contains(year(v))).toArray();
                if (e.length > 0) {
                  out.put(cell, e);
                }
              });
          kept.put(sensor, out);
        });
    Map<SensorClass, NavigableSet<Integer>> keptYears = new EnumMap<>(SensorClass.class);
    years.forEach(
        (sensor, ys) -> {
          NavigableSet<Integer> y = new TreeSet<>(ys);
          y.removeAll(leftOut);
          keptYears.put(sensor, y);
        });
    return new BackgroundHistory(kept, keptYears);
  }

  /** Total detections of a sensor class. */
  public long total(SensorClass sensor) {
    long t = 0;
    for (int[] e : counts.getOrDefault(sensor, Map.of()).values()) {
      for (int v : e) {
        t += count(v);
      }
    }
    return t;
  }

  public static int year(int packed) {
    return 2000 + (packed >>> 25);
  }

  public static int dayOfYear(int packed) {
    return (packed >>> 16) & 0x1FF;
  }

  public static int count(int packed) {
    return packed & 0xFFFF;
  }

  static int pack(int year, int doy, int count) {
    if (year < 2000 || year > 2063) {
      throw new IllegalArgumentException("year must be 2000..2063, was " + year);
    }
    if (doy < 1 || doy > 366) {
      throw new IllegalArgumentException("day of year must be 1..366, was " + doy);
    }
    if (count < 0 || count > 0xFFFF) {
      throw new IllegalArgumentException("count must be 0..65535, was " + count);
    }
    return ((year - 2000) << 25) | (doy << 16) | count;
  }

  /** Collects counts; not thread-safe. */
  public static final class Builder {
    private final Map<SensorClass, Map<Long, Integer>> raw = new EnumMap<>(SensorClass.class);
    private final Map<SensorClass, NavigableSet<Integer>> years = new EnumMap<>(SensorClass.class);

    /** Adds one detection. */
    public Builder add(SensorClass sensor, double latitude, double longitude, LocalDate date) {
      return add(sensor, Cells.key(latitude, longitude), date.getYear(), date.getDayOfYear(), 1);
    }

    /** Adds {@code count} detections of a cell-day. */
    public Builder add(SensorClass sensor, int cellKey, int year, int doy, int count) {
      if (count < 0) {
        throw new IllegalArgumentException("count must be >= 0, was " + count);
      }
      long k = ((long) cellKey << 32) | pack(year, doy, 0);
      raw.computeIfAbsent(sensor, s -> new HashMap<>()).merge(k, count, Integer::sum);
      years.computeIfAbsent(sensor, s -> new TreeSet<>()).add(year);
      return this;
    }

    /** Declares a year as covered even if it had no detection for the class. */
    public Builder coverYear(SensorClass sensor, int year) {
      years.computeIfAbsent(sensor, s -> new TreeSet<>()).add(year);
      return this;
    }

    public BackgroundHistory build() {
      Map<SensorClass, Map<Integer, int[]>> out = new EnumMap<>(SensorClass.class);
      for (Map.Entry<SensorClass, Map<Long, Integer>> s : raw.entrySet()) {
        Map<Integer, int[]> cells = new HashMap<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (long k : s.getValue().keySet()) {
          sizes.merge((int) (k >>> 32), 1, Integer::sum);
        }
        Map<Integer, Integer> fill = new HashMap<>();
        for (Map.Entry<Long, Integer> e : s.getValue().entrySet()) {
          int cell = (int) (e.getKey() >>> 32);
          int[] arr = cells.computeIfAbsent(cell, c -> new int[sizes.get(c)]);
          int i = fill.merge(cell, 1, Integer::sum) - 1;
          arr[i] = (int) (e.getKey() & 0xFFFFFFFFL) | Math.min(e.getValue(), 0xFFFF);
        }
        for (int[] arr : cells.values()) {
          Arrays.sort(arr);
        }
        out.put(s.getKey(), cells);
      }
      Map<SensorClass, NavigableSet<Integer>> y = new EnumMap<>(SensorClass.class);
      years.forEach((k, v) -> y.put(k, new TreeSet<>(v)));
      return new BackgroundHistory(out, y);
    }
  }
}
