package org.trucewatch.geo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.trucewatch.observation.Observation;

/**
 * The geography of a period that has several control maps (DeepState publishes one a day). A
 * detection is placed on the latest map dated on or before its UTC day; days before the first map
 * take the first map. With a single context (one map, or none) every day takes it.
 *
 * <p>{@link #placeAll} builds the {@link GeoContext} of one map at a time, places that map's
 * detections with it in parallel and lets it go, so that a year of daily maps needs the memory of
 * one context (some megabytes), not of 365.
 */
public final class GeoTimeline {
  private final List<Region> regions;
  private final NavigableMap<LocalDate, ControlMap> byDate;
  private final GeoContext single;

  private GeoTimeline(
      List<Region> regions, NavigableMap<LocalDate, ControlMap> byDate, GeoContext single) {
    this.regions = regions;
    this.byDate = byDate;
    this.single = single;
  }

  /** Every day placed with one context, whatever its map's date. */
  public static GeoTimeline of(GeoContext geo) {
    return new GeoTimeline(geo.regions(), new TreeMap<>(), Objects.requireNonNull(geo, "geo"));
  }

  /**
   * The timeline of a set of maps. With no map, one context without a line; with one, that map for
   * every day.
   *
   * @throws IllegalArgumentException when two maps have the same date
   */
  public static GeoTimeline build(List<Region> regions, List<ControlMap> maps) {
    if (maps.size() <= 1) {
      return of(GeoContext.build(regions, maps.isEmpty() ? null : maps.get(0)));
    }
    NavigableMap<LocalDate, ControlMap> dated = new TreeMap<>();
    for (ControlMap m : maps) {
      ControlMap before = dated.put(m.date(), m);
      if (before != null) {
        throw new IllegalArgumentException(
            "two control maps of "
                + m.date()
                + " ("
                + before.source()
                + ", "
                + m.source()
                + "): give one map per date");
      }
    }
    return new GeoTimeline(List.copyOf(regions), dated, null);
  }

  /** The regions whose union is the country's outline. */
  public List<Region> regions() {
    return regions;
  }

  /** The control map that places the detections of a UTC day, or {@code null} without maps. */
  public ControlMap mapFor(LocalDate day) {
    if (single != null) {
      return single.controlMap();
    }
    Map.Entry<LocalDate, ControlMap> e = byDate.floorEntry(day);
    return e != null ? e.getValue() : byDate.firstEntry().getValue();
  }

  /** The control maps, oldest first; empty when there is none. */
  public List<ControlMap> controlMaps() {
    if (single != null) {
      return single.controlMap() == null ? List.of() : List.of(single.controlMap());
    }
    return List.copyOf(byDate.values());
  }

  /** Places every detection on the map of its UTC day; the result is in input order. */
  public Placement[] placeAll(List<Observation> detections) {
    int n = detections.size();
    Placement[] out = new Placement[n];
    if (single != null) {
      IntStream.range(0, n).parallel().forEach(i -> out[i] = place(single, detections.get(i)));
      return out;
    }
    Map<LocalDate, List<Integer>> byMap = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      LocalDate map = mapFor(detections.get(i).utcDate()).date();
      byMap.computeIfAbsent(map, k -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<LocalDate, List<Integer>> e : byMap.entrySet()) {
      GeoContext geo = GeoContext.build(regions, byDate.get(e.getKey()));
      e.getValue().parallelStream().forEach(i -> out[i] = place(geo, detections.get(i)));
    }
    return out;
  }

  private static Placement place(GeoContext geo, Observation o) {
    return geo.place(o.latitude(), o.longitude());
  }
}
