package org.trucewatch.geo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The geography of a period that has several control maps (DeepState publishes one a day): one
 * {@link GeoContext} per control-map date, each built once and shared read-only between threads. A
 * detection is placed against the latest map dated on or before its UTC day; days before the first
 * map take the first map. With a single context (one map, or none) every day takes it.
 */
public final class GeoTimeline {
  private final NavigableMap<LocalDate, GeoContext> byDate;
  private final GeoContext single;

  private GeoTimeline(NavigableMap<LocalDate, GeoContext> byDate, GeoContext single) {
    this.byDate = byDate;
    this.single = single;
  }

  /** Every day placed against one context, whatever its map's date. */
  public static GeoTimeline of(GeoContext geo) {
    return new GeoTimeline(new TreeMap<>(), Objects.requireNonNull(geo, "geo"));
  }

  /**
   * One context per control map, built in parallel. With no map, one context without a line; with
   * one, that map for every day.
   *
   * @throws IllegalArgumentException when two maps have the same date
   */
  public static GeoTimeline build(List<Region> regions, List<ControlMap> maps) {
    if (maps.isEmpty()) {
      return of(GeoContext.build(regions, null));
    }
    if (maps.size() == 1) {
      return of(GeoContext.build(regions, maps.get(0)));
    }
    Map<LocalDate, ControlMap> dated = new TreeMap<>();
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
    List<ControlMap> ordered = new ArrayList<>(dated.values());
    GeoContext[] built = new GeoContext[ordered.size()];
    java.util.stream.IntStream.range(0, built.length)
        .parallel()
        .forEach(i -> built[i] = GeoContext.build(regions, ordered.get(i)));
    NavigableMap<LocalDate, GeoContext> byDate = new TreeMap<>();
    for (GeoContext g : built) {
      byDate.put(g.controlMap().date(), g);
    }
    return new GeoTimeline(byDate, null);
  }

  /** The context that places the detections of a UTC day. */
  public GeoContext forDay(LocalDate day) {
    if (single != null) {
      return single;
    }
    Map.Entry<LocalDate, GeoContext> e = byDate.floorEntry(day);
    return e != null ? e.getValue() : byDate.firstEntry().getValue();
  }

  /** The control maps, oldest first; empty when there is none. */
  public List<ControlMap> controlMaps() {
    if (single != null) {
      return single.controlMap() == null ? List.of() : List.of(single.controlMap());
    }
    return byDate.values().stream().map(GeoContext::controlMap).toList();
  }
}
