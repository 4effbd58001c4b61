package org.trucewatch.sources.geojson;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Reads the features of a GeoJSON FeatureCollection (plain or gzip) with their properties. */
final class Features {
  static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

  record Feature(int index, JsonNode properties, Geometry geometry) {}

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
    if (root == null || !"FeatureCollection".equals(root.path("type").asText())) {
      throw new GeoJsonInputException(name + ": type must be FeatureCollection");
    }
    GeoJsonReader reader = new GeoJsonReader(FACTORY);
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
      JsonNode g = f.get("geometry");
      if (g == null || g.isNull()) {
        throw new GeoJsonInputException(name + ": features[" + i + "].geometry is missing");
      }
      org.locationtech.jts.geom.Geometry geometry;
      try {
        geometry = reader.read(g.toString());
      } catch (ParseException | RuntimeException e) {
        throw new GeoJsonInputException(
            name + ": features[" + i + "].geometry is not valid GeoJSON: " + e.getMessage(), e);
      }
      org.locationtech.jts.geom.Envelope box = geometry.getEnvelopeInternal();
      if (box.getMinX() < -180
          || box.getMaxX() > 180
          || box.getMinY() < -90
          || box.getMaxY() > 90) {
        throw new GeoJsonInputException(
            String.format(
                java.util.Locale.ROOT,
                "%s: features[%d].geometry: coordinates must be WGS 84 longitude and latitude in"
                    + " degrees, found %s, %s (a projected coordinate system such as EPSG:3857?)",
                name,
                i,
                coordinate(box.getMaxX() > 180 ? box.getMaxX() : box.getMinX()),
                coordinate(box.getMaxY() > 90 ? box.getMaxY() : box.getMinY())));
      }
      out.add(new Feature(i, f.path("properties"), geometry));
    }
    return out;
  }

  private static String coordinate(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
