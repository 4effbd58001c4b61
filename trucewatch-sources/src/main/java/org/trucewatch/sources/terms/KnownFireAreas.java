package org.trucewatch.sources.terms;

import static org.trucewatch.sources.terms.TermsReader.require;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.scoring.KnownFireArea;

/**
 * Reads known fire areas: in the terms under {@code known_fire_areas}, or a file of their own with
 * that one key (docs/truce-terms.md). Each is {@code {id, reason, bbox: [min_lon, min_lat, max_lon,
 * max_lat], from, to}}; {@code to} may be left out for an open end.
 */
public final class KnownFireAreas {
  static final String KEY = "known_fire_areas";

  /** What a static source or known fire area is called in an error about a repeated id. */
  static final String BACKGROUND_AREA = "static source or known fire area";

  private static final Set<String> AREA = Set.of("id", "reason", "bbox", "from", "to");

  private KnownFireAreas() {}

  /**
   * Reads a file whose only key is {@code known_fire_areas}; each area must meet {@code area}, the
   * area of interest.
   */
  public static List<KnownFireArea> read(Path file, AreaOfInterest area) throws TermsException {
    YamlNode top = TermsReader.compose(file.getFileName().toString(), TermsReader.readText(file));
    Map<String, YamlNode> m = top.mapping(Set.of(KEY));
    YamlNode list = m.get(KEY);
    if (list == null) {
      throw top.missing(KEY);
    }
    return parse(list, new HashSet<>(), area);
  }

  /**
   * The areas of a {@code known_fire_areas} list; their ids must not be in {@code taken} (the
   * terms' static sources, which share the map's background layer) and are added to it, and each
   * box must meet {@code area}, the area of interest.
   */
  static List<KnownFireArea> parse(YamlNode list, Set<String> taken, AreaOfInterest area)
      throws TermsException {
    List<KnownFireArea> out = new ArrayList<>();
    for (YamlNode a : list.sequence()) {
      Map<String, YamlNode> am = a.mapping(AREA);
      String id = TermsReader.id(am, a, taken, BACKGROUND_AREA);
      YamlNode bboxNode = require(am, "bbox", a);
      List<YamlNode> bbox = bboxNode.sequence();
      if (bbox.size() != 4) {
        throw bboxNode.error(
            "must be [min_lon, min_lat, max_lon, max_lat], had " + bbox.size() + " values");
      }
      double minLon = bbox.get(0).number();
      double minLat = bbox.get(1).number();
      double maxLon = bbox.get(2).number();
      double maxLat = bbox.get(3).number();
      checkRange(bboxNode, "longitudes", "lon", 180, bbox.get(0), bbox.get(2));
      checkRange(bboxNode, "latitudes", "lat", 90, bbox.get(1), bbox.get(3));
      TermsReader.requireMeetsArea(
          bboxNode,
          area,
          new Envelope(minLon, maxLon, minLat, maxLat),
          "bbox is [min_lon, min_lat, max_lon, max_lat]");
      LocalDate from = date(require(am, "from", a));
      LocalDate to = am.containsKey("to") ? date(am.get("to")) : null;
      if (to != null && to.isBefore(from)) {
        throw am.get("to").error("is before from (" + from + "), was " + to);
      }
      try {
        out.add(
            new KnownFireArea(
                id, require(am, "reason", a).text(), minLon, minLat, maxLon, maxLat, from, to));
      } catch (IllegalArgumentException e) {
        throw a.error(e.getMessage());
      }
    }
    return out;
  }

  /** -limit <= min <= max <= limit, or an error on the bbox naming both values. */
  private static void checkRange(
      YamlNode bbox, String what, String axis, double limit, YamlNode min, YamlNode max)
      throws TermsException {
    double lo = min.number();
    double hi = max.number();
    if (lo < -limit || hi > limit || lo > hi) {
      throw bbox.error(
          String.format(
              java.util.Locale.ROOT,
              "%s must satisfy %d <= min_%s <= max_%s <= %d, were %s and %s",
              what,
              (int) -limit,
              axis,
              axis,
              (int) limit,
              min.text(),
              max.text()));
    }
  }

  static LocalDate date(YamlNode n) throws TermsException {
    try {
      return LocalDate.parse(n.text());
    } catch (DateTimeParseException e) {
      throw n.error("must be a date YYYY-MM-DD, was " + n.text());
    }
  }
}
