package org.trucewatch.sources.terms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trucewatch.scoring.KnownFireArea;

/**
 * Reads known fire areas: in the terms under {@code known_fire_areas}, or a file of their own with
 * that one key (docs/truce-terms.md). Each is {@code {id, reason, bbox: [min_lon, min_lat, max_lon,
 * max_lat], from, to}}; {@code to} may be left out for an open end.
 */
public final class KnownFireAreas {
  static final String KEY = "known_fire_areas";
  private static final Set<String> AREA = Set.of("id", "reason", "bbox", "from", "to");

  private KnownFireAreas() {}

  /** Reads a file whose only key is {@code known_fire_areas}. */
  public static List<KnownFireArea> read(Path file) throws TermsException {
    String name = file.getFileName().toString();
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TermsException(name + ": cannot be read: " + e.getMessage(), e);
    }
    YamlNode top = TermsReader.compose(name, yaml);
    Map<String, YamlNode> m = top.mapping(Set.of(KEY));
    YamlNode list = m.get(KEY);
    if (list == null) {
      throw top.missing(KEY);
    }
    return parse(list);
  }

  static List<KnownFireArea> parse(YamlNode list) throws TermsException {
    List<KnownFireArea> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (YamlNode a : list.sequence()) {
      Map<String, YamlNode> am = a.mapping(AREA);
      YamlNode id = require(am, "id", a);
      if (!ids.add(id.text())) {
        throw id.error("another known fire area has the id " + id.text());
      }
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
      if (minLon < -180 || maxLon > 180 || minLon > maxLon) {
        throw bboxNode.error(
            "longitudes must satisfy -180 <= min_lon <= max_lon <= 180, were "
                + bbox.get(0).text()
                + " and "
                + bbox.get(2).text());
      }
      if (minLat < -90 || maxLat > 90 || minLat > maxLat) {
        throw bboxNode.error(
            "latitudes must satisfy -90 <= min_lat <= max_lat <= 90, were "
                + bbox.get(1).text()
                + " and "
                + bbox.get(3).text());
      }
      LocalDate from = date(require(am, "from", a));
      LocalDate to = am.containsKey("to") ? date(am.get("to")) : null;
      if (to != null && to.isBefore(from)) {
        throw am.get("to").error("is before from (" + from + "), was " + to);
      }
      try {
        out.add(
            new KnownFireArea(
                id.text(),
                require(am, "reason", a).text(),
                minLon,
                minLat,
                maxLon,
                maxLat,
                from,
                to));
      } catch (IllegalArgumentException e) {
        throw a.error(e.getMessage());
      }
    }
    return out;
  }

  private static LocalDate date(YamlNode n) throws TermsException {
    try {
      return LocalDate.parse(n.text());
    } catch (DateTimeParseException e) {
      throw n.error("must be a date YYYY-MM-DD, was " + n.text());
    }
  }

  private static YamlNode require(Map<String, YamlNode> m, String key, YamlNode parent)
      throws TermsException {
    YamlNode n = m.get(key);
    if (n == null) {
      throw parent.missing(key);
    }
    return n;
  }
}
