package org.trucewatch.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.trucewatch.geo.Distances;
import org.trucewatch.observation.Observation;

/**
 * Classifies detections as war-related from their excess over the background (described in
 * docs/methodology.md, section 4):
 *
 * <ol>
 *   <li>count detections per cell and UTC day; the expectation is the baseline summed over the pass
 *       streams (satellites) seen that day;
 *   <li>a cell-day is in excess when the count exceeds the expectation plus an offset, a larger one
 *       far from the line of contact; its detections are candidates;
 *   <li>a cell is persistent when it has excess on two days between {@code minGapDays} and {@code
 *       maxGapDays} apart (when both days are far from the line, with {@code farQuietDays}
 *       consecutive days without a detection in the cell and its eight neighbours between them), or
 *       lies within {@code neighbourRadiusMetres} of such a cell; candidates outside persistent
 *       cells are dropped;
 *   <li>every detection in a cell within {@code followDays} after a war-related excess day is
 *       war-related too.
 * </ol>
 *
 * Detections in a {@link KnownFireArea} take no part: they are not counted in their cell-day and
 * are never war-related.
 *
 * <p>A pure function of its inputs: the same detections, baseline and parameters give the same
 * result.
 */
public final class WarActivityClassifier {
  private final Baseline baseline;
  private final ClassifierParams params;

  /** The classifier of the current method on a background history. */
  public static WarActivityClassifier current(BackgroundHistory history) {
    return new WarActivityClassifier(
        new Baseline(history, BaselineParams.DEFAULTS), ClassifierParams.DEFAULTS);
  }

  public WarActivityClassifier(Baseline baseline, ClassifierParams params) {
    this.baseline = Objects.requireNonNull(baseline, "baseline");
    this.params = Objects.requireNonNull(params, "params");
  }

  public ClassifierParams params() {
    return params;
  }

  /**
   * Scores detections without a line of contact: every cell-day takes the near offset.
   *
   * @param detections the detections, in any order
   * @return one score per detection, in the same order
   */
  public List<Score> classify(List<Observation> detections) {
    return classify(detections, null);
  }

  /**
   * Scores detections.
   *
   * @param detections the detections, in any order
   * @param distanceToLineMetres per detection, its distance to the line of contact in metres (NaN
   *     where unknown), in the order of {@code detections}; {@code null} when no line is known
   * @return one score per detection, in the same order
   */
  public List<Score> classify(List<Observation> detections, double[] distanceToLineMetres) {
    return classify(detections, distanceToLineMetres, List.of());
  }

  /**
   * Scores detections, leaving out those in known fire areas: they are not counted in their
   * cell-day and are never war-related (rule {@code known-fire-area:ID}).
   *
   * @param detections the detections, in any order
   * @param distanceToLineMetres per detection, its distance to the line of contact in metres (NaN
   *     where unknown), in the order of {@code detections}; {@code null} when no line is known
   * @param knownFireAreas areas and periods whose fires are established as not war-related
   * @return one score per detection, in the same order
   */
  public List<Score> classify(
      List<Observation> detections,
      double[] distanceToLineMetres,
      List<KnownFireArea> knownFireAreas) {
    return classify(detections, distanceToLineMetres, knownFireAreas, null);
  }

  /** The rule of a detection whose cell lies outside the {@link BackgroundArea}. */
  public static final String OUTSIDE_AREA = "outside-background-area";

  /**
   * As above, also leaving out the detections whose cell lies outside the area where the background
   * is known: they take no part, are never war-related and have the rule {@value #OUTSIDE_AREA},
   * with a count and expectation of 0.
   *
   * @param area the area of the background, or {@code null} to score every cell
   */
  public List<Score> classify(
      List<Observation> detections,
      double[] distanceToLineMetres,
      List<KnownFireArea> knownFireAreas,
      BackgroundArea area) {
    int n = detections.size();
    if (distanceToLineMetres != null && distanceToLineMetres.length != n) {
      throw new IllegalArgumentException(
          "distances: " + distanceToLineMetres.length + " for " + n + " detections");
    }
    int[] cell = new int[n];
    long[] day = new long[n];
    Map<Long, Map<String, SensorClass>> streamsPerDay = new HashMap<>();
    Map<Long, List<Integer>> cellDays = new LinkedHashMap<>();
    Map<Long, List<Integer>> leftOut = new LinkedHashMap<>();
    KnownFireArea[] knownArea = new KnownFireArea[n];
    boolean[] outside = new boolean[n];
    for (int i = 0; i < n; i++) {
      Observation o = detections.get(i);
      cell[i] = Cells.key(o.latitude(), o.longitude());
      day[i] = o.utcDate().toEpochDay();
      outside[i] = area != null && !area.contains(cell[i]);
      if (outside[i]) {
        continue; // no background there: neither counted nor scored
      }
      streamsPerDay
          .computeIfAbsent(day[i], d -> new HashMap<>())
          .putIfAbsent(o.sensor().key(), SensorClass.of(o.sensor().instrument()));
      knownArea[i] = areaOf(o, knownFireAreas);
      (knownArea[i] == null ? cellDays : leftOut)
          .computeIfAbsent(cellDay(cell[i], day[i]), k -> new ArrayList<>())
          .add(i);
    }

    int[] count = new int[n];
    double[] expected = new double[n];
    double[] pValue = new double[n];
    int[] excess = new int[n];
    boolean[] war = new boolean[n];
    // per cell, its days in excess and whether each was far from the line
    Map<Integer, TreeMap<Long, Boolean>> excessDays = new HashMap<>();
    for (Map.Entry<Long, List<Integer>> e : cellDays.entrySet()) {
      List<Integer> members = e.getValue();
      int c = cell[members.get(0)];
      long d = day[members.get(0)];
      double lambda = expectation(c, d, streamsPerDay.get(d));
      int k = members.size();
      double nearest = nearestToLine(members, distanceToLineMetres);
      double offset = params.offsetAt(nearest);
      int ex = (int) Math.max(0, Math.ceil(k - lambda - offset));
      double p = PoissonTail.atLeast(k, lambda);
      for (int i : members) {
        count[i] = k;
        expected[i] = lambda;
        pValue[i] = p;
        excess[i] = ex;
        war[i] = ex > 0;
      }
      if (ex > 0) {
        excessDays.computeIfAbsent(c, x -> new TreeMap<>()).put(d, params.isFar(nearest));
      }
    }

    // detections in known fire areas: the counts of their cell-day without them, never war-related
    for (Map.Entry<Long, List<Integer>> e : leftOut.entrySet()) {
      List<Integer> members = e.getValue();
      int c = cell[members.get(0)];
      long d = day[members.get(0)];
      double lambda = expectation(c, d, streamsPerDay.get(d));
      int k = cellDays.getOrDefault(e.getKey(), List.of()).size();
      double p = PoissonTail.atLeast(k, lambda);
      for (int i : members) {
        count[i] = k;
        expected[i] = lambda;
        pValue[i] = p;
      }
    }

    Map<Integer, Boolean> persistent = persistentCells(excessDays, cellDays.keySet(), cell);
    for (int i = 0; i < n; i++) {
      if (war[i] && !persistent.get(cell[i])) {
        war[i] = false;
      }
    }
    // days with a war-related excess, per cell, for the follow-up rule
    Map<Integer, long[]> warDays = new HashMap<>();
    Map<Integer, TreeSet<Long>> tmp = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (war[i] && excess[i] > 0) {
        tmp.computeIfAbsent(cell[i], x -> new TreeSet<>()).add(day[i]);
      }
    }
    tmp.forEach((c, s) -> warDays.put(c, s.stream().mapToLong(Long::longValue).toArray()));
    String[] rule = new String[n];
    LocalDate[] followed = new LocalDate[n];
    for (int i = 0; i < n; i++) {
      rule[i] = war[i] ? "excess" : "";
      if (outside[i]) {
        rule[i] = OUTSIDE_AREA;
        pValue[i] = 1; // not tested: nothing to test against
      } else if (knownArea[i] != null) {
        rule[i] = knownArea[i].rule();
      } else if (!war[i] && params.followDays() > 0) {
        long[] wd = warDays.get(cell[i]);
        long w = wd == null ? NONE : followedWarDay(wd, day[i], params.followDays());
        if (w != NONE) {
          war[i] = true;
          rule[i] = "follow-up";
          followed[i] = LocalDate.ofEpochDay(w);
        }
      }
    }
    List<Score> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new Score(
              cell[i],
              count[i],
              expected[i],
              pValue[i],
              excess[i],
              persistent.get(cell[i]) && !outside[i],
              war[i],
              rule[i],
              followed[i]));
    }
    return out;
  }

  /** The expected count of a cell-day: the baseline summed over the streams seen that day. */
  private double expectation(int cell, long epochDay, Map<String, SensorClass> streams) {
    int doy = LocalDate.ofEpochDay(epochDay).getDayOfYear();
    double lambda = 0;
    for (SensorClass sc : streams.values()) {
      lambda += baseline.expected(sc, cell, doy);
    }
    return lambda;
  }

  private static KnownFireArea areaOf(Observation o, List<KnownFireArea> areas) {
    for (KnownFireArea a : areas) {
      if (a.contains(o.latitude(), o.longitude(), o.utcDate())) {
        return a;
      }
    }
    return null;
  }

  /** The smallest distance to the line among the members, sign ignored; NaN when none is known. */
  private static double nearestToLine(List<Integer> members, double[] distances) {
    double nearest = Double.NaN;
    if (distances != null) {
      for (int i : members) {
        double d = Math.abs(distances[i]);
        if (!Double.isNaN(d) && (Double.isNaN(nearest) || d < nearest)) {
          nearest = d;
        }
      }
    }
    return nearest;
  }

  private static final long NONE = Long.MIN_VALUE;

  /**
   * The latest war day of the cell within {@code followDays} before day {@code d}, or {@link
   * #NONE}.
   */
  private static long followedWarDay(long[] sortedDays, long d, int followDays) {
    int idx = Arrays.binarySearch(sortedDays, d - 1);
    int ins = idx >= 0 ? idx : -idx - 2; // index of the largest day <= d - 1
    return ins >= 0 && sortedDays[ins] >= d - followDays ? sortedDays[ins] : NONE;
  }

  private Map<Integer, Boolean> persistentCells(
      Map<Integer, TreeMap<Long, Boolean>> excessDays, Set<Long> counted, int[] cells) {
    List<Integer> seeds = new ArrayList<>();
    for (Map.Entry<Integer, TreeMap<Long, Boolean>> e : excessDays.entrySet()) {
      if (recurs(e.getKey(), e.getValue(), counted)) {
        seeds.add(e.getKey());
      }
    }
    Map<Integer, Boolean> result = new HashMap<>();
    double radius = params.neighbourRadiusMetres();
    double radiusDegLat = radius / 111_000.0 + 0.1;
    for (int c : cells) {
      result.computeIfAbsent(
          c,
          key -> {
            double lat = Cells.centreLat(key);
            double lon = Cells.centreLon(key);
            double radiusDegLon = radiusDegLat / Math.max(0.1, Math.cos(Math.toRadians(lat)));
            for (int s : seeds) {
              if (s == key) {
                return true;
              }
              double slat = Cells.centreLat(s);
              double slon = Cells.centreLon(s);
              if (Math.abs(slat - lat) > radiusDegLat || Math.abs(slon - lon) > radiusDegLon) {
                continue;
              }
              if (Distances.haversineMetres(lon, lat, slon, slat) < radius) {
                return true;
              }
            }
            return false;
          });
    }
    return result;
  }

  /**
   * Whether the cell has excess on two days {@code minGapDays} to {@code maxGapDays} apart; when
   * both are far from the line, the cell and its neighbours must have been quiet for {@code
   * farQuietDays} consecutive days between them.
   *
   * @param days the cell's excess days, each with whether it was far from the line
   * @param counted the cell-days ({@link #cellDay}) with counted detections
   */
  private boolean recurs(int cell, TreeMap<Long, Boolean> days, Set<Long> counted) {
    for (Map.Entry<Long, Boolean> first : days.entrySet()) {
      long d = first.getKey();
      NavigableMap<Long, Boolean> seconds =
          days.subMap(d + params.minGapDays(), true, d + params.maxGapDays(), true);
      if (seconds.isEmpty()) {
        continue;
      }
      if (!first.getValue() || seconds.containsValue(false)) {
        return true; // a pair with a day near the line (or no line known)
      }
      // both far: a quiet run before the last second day serves the pair with that day
      if (quietBetween(cell, d, seconds.lastKey(), counted)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the cell and its eight neighbours had no counted detection on {@code farQuietDays}
   * consecutive days strictly between days {@code from} and {@code to}.
   */
  private boolean quietBetween(int cell, long from, long to, Set<Long> counted) {
    int needed = params.farQuietDays();
    int lon = Cells.tenthLon(cell);
    int lat = Cells.tenthLat(cell);
    int run = 0;
    for (long d = from + 1; d < to && run < needed; d++) {
      boolean seen = false;
      for (int dx = -1; dx <= 1 && !seen; dx++) {
        for (int dy = -1; dy <= 1 && !seen; dy++) {
          seen = counted.contains(cellDay(Cells.key(lon + dx, lat + dy), d));
        }
      }
      run = seen ? 0 : run + 1;
    }
    return run >= needed;
  }

  private static long cellDay(int cell, long epochDay) {
    return ((long) cell << 32) | (epochDay & 0xFFFFFFFFL);
  }
}
