package org.trucewatch.sources.geojson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.trucewatch.sources.Inputs;

/**
 * Reads the features of a GeoJSON document (plain or gzip) with their properties: a
 * FeatureCollection, a single Feature, or a bare geometry (a feature without properties), as RFC
 * 7946 allows at the root and as drawing tools export one area.
 */
final class Features {
  static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  /** The geometry types that RFC 7946 allows at the root of a document. */
  private static final java.util.Set<String> GEOMETRY_TYPES =
      java.util.Set.of(
          "Point",
          "MultiPoint",
          "LineString",
          "MultiLineString",
          "Polygon",
          "MultiPolygon",
          "GeometryCollection");

  /**
   * One feature.
   *
   * @param prefix how messages name its members: {@code features[3].} in a collection, empty for a
   *     single Feature or a bare geometry
   */
  record Feature(String prefix, JsonNode properties, Geometry geometry) {
    /** A member of the feature as messages name it, such as {@code features[3].geometry}. */
    String member(String name) {
      return prefix + name;
    }
  }

  private Features() {}

  static List<Feature> read(Path path) throws GeoJsonInputException {
    try (InputStream in = java.nio.file.Files.newInputStream(path)) {
      return read(path.getFileName().toString(), in);
    } catch (IOException e) {
      throw new GeoJsonInputException(
          path.getFileName() + ": not readable GeoJSON: " + e.getMessage(), e);
    }
  }

  /**
   * A JSON syntax error as {@code name:line: not valid JSON at column C: reason}, like the terms
   * reader's YAML errors, without Jackson's description of the input source.
   */
  private static String syntaxError(String name, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String reason = String.valueOf(e.getOriginalMessage()).replace(HIDDEN_SOURCE, "");
    return at == null || at.getLineNr() < 1
        ? name + ": not valid JSON: " + reason
        : name
            + ":"
            + at.getLineNr()
            + ": not valid JSON at column "
            + at.getColumnNr()
            + ": "
            + reason;
  }

  /** How Jackson names an input whose content it does not show in a location. */
  private static final String HIDDEN_SOURCE =
      "Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); ";

  /** Reads a stream (plain or gzip); {@code name} is used in messages. */
  static List<Feature> read(String name, InputStream raw) throws GeoJsonInputException {
    JsonNode root;
    try (InputStream in = Inputs.open(raw)) {
      root = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new GeoJsonInputException(syntaxError(name, e), e);
    } catch (IOException e) {
      throw new GeoJsonInputException(name + ": not readable GeoJSON: " + e.getMessage(), e);
    }
    String type = root == null ? "" : root.path("type").asText();
    if (type.equals("Feature")) {
      return List.of(feature(name, "", root));
    }
    if (GEOMETRY_TYPES.contains(type)) {
      return List.of(new Feature("", NullNode.getInstance(), geometry(name, "geometry", root)));
    }
    if (!type.equals("FeatureCollection")) {
      throw new GeoJsonInputException(
          name
              + ": type must be FeatureCollection, Feature or a geometry such as MultiPolygon, was "
              + (type.isEmpty() ? "missing" : type));
    }
    List<Feature> out = new ArrayList<>();
    JsonNode features = root.path("features");
    if (!features.isArray()) {
      throw new GeoJsonInputException(name + ": features must be an array");
    }
    for (int i = 0; i < features.size(); i++) {
      JsonNode f = features.get(i);
      if (!f.isObject()) {
        throw new GeoJsonInputException(name + ": features[" + i + "] must be a Feature object");
      }
      out.add(feature(name, "features[" + i + "].", f));
    }
    return out;
  }

  private static Feature feature(String name, String prefix, JsonNode f)
      throws GeoJsonInputException {
    JsonNode g = f.get("geometry");
    if (g == null || g.isNull()) {
      throw new GeoJsonInputException(name + ": " + prefix + "geometry is missing");
    }
    return new Feature(prefix, f.path("properties"), geometry(name, prefix + "geometry", g));
  }

  /**
   * Reads one geometry; {@code where} names it in messages, such as {@code features[3].geometry}.
   */
  private static Geometry geometry(String name, String where, JsonNode g)
      throws GeoJsonInputException {
    Geometry geometry;
    try {
      geometry = new GeoJsonReader(FACTORY).read(g.toString());
    } catch (ParseException | RuntimeException e) {
      throw new GeoJsonInputException(
          name + ": " + where + " is not valid GeoJSON: " + e.getMessage(), e);
    }
    org.locationtech.jts.geom.Envelope box = geometry.getEnvelopeInternal();
    if (box.getMinX() < -180 || box.getMaxX() > 180 || box.getMinY() < -90 || box.getMaxY() > 90) {
      throw new GeoJsonInputException(
          String.format(
              java.util.Locale.ROOT,
              "%s: %s: coordinates must be WGS 84 longitude and latitude in"
                  + " degrees, found %s, %s (a projected coordinate system such as EPSG:3857?)",
              name,
              where,
              coordinate(box.getMaxX() > 180 ? box.getMaxX() : box.getMinX()),
              coordinate(box.getMaxY() > 90 ? box.getMaxY() : box.getMinY())));
    }
    return geometry;
  }

  private static String coordinate(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
