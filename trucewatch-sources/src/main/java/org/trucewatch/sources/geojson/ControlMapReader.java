package org.trucewatch.sources.geojson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.trucewatch.geo.ControlMap;

/**
 * Reads a control map: a GeoJSON FeatureCollection whose polygonal features together are the
 * occupied area (a DeepState daily file or the ISW/CTP 2023 file), or a single polygonal Feature or
 * geometry. The date is taken from a {@code YYYYMMDD} in the file name (DeepState), else from the
 * latest {@code EditDate} property (ISW/CTP), else it must be given.
 */
public final class ControlMapReader {
  private static final Pattern DATE_IN_NAME = Pattern.compile("(20\\d{6})");

  private ControlMapReader() {}

  /** Reads the map, finding its date as described above. */
  public static ControlMap read(Path path) throws GeoJsonInputException {
    return read(path, null);
  }

  /** Reads the map with an explicit date ({@code null}: find it as described above). */
  public static ControlMap read(Path path, LocalDate date) throws GeoJsonInputException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(path.getFileName().toString(), in, date);
    } catch (IOException e) {
      throw new GeoJsonInputException(
          path.getFileName() + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a map from a stream (plain or gzip); {@code name} is its file name, used in messages, as
   * its source and to find its date ({@code date} {@code null}: as described above).
   */
  public static ControlMap read(String name, InputStream in, LocalDate date)
      throws GeoJsonInputException {
    List<Features.Feature> features = Features.read(name, in);
    List<Geometry> polys = new ArrayList<>();
    LocalDate latestEdit = null;
    for (Features.Feature f : features) {
      if (!(f.geometry() instanceof Polygonal)) {
        throw new GeoJsonInputException(
            name
                + ": "
                + f.member("geometry")
                + " must be a Polygon or MultiPolygon, was "
                + f.geometry().getGeometryType());
      }
      Geometry g = f.geometry();
      // a repaired polygon that collapsed (all its corners on a line) keeps only what has area
      polys.addAll(PolygonExtracter.getPolygons(g.isValid() ? g : GeometryFixer.fix(g)));
      String edit = f.properties().path("EditDate").asText("");
      if (edit.length() >= 10) {
        try {
          LocalDate d = LocalDate.parse(edit.substring(0, 10));
          latestEdit = latestEdit == null || d.isAfter(latestEdit) ? d : latestEdit;
        } catch (DateTimeParseException e) {
          // an unparsable edit date is just not used
        }
      }
    }
    if (features.isEmpty()) {
      throw new GeoJsonInputException(name + ": no polygon features");
    }
    if (date == null) {
      date = dateFromName(name);
    }
    if (date == null) {
      date = latestEdit;
    }
    if (date == null) {
      throw new GeoJsonInputException(
          name
              + ": cannot tell the map's date: put it in the file name as YYYYMMDD (as DeepState"
              + " names its daily maps, such as occupied_20250814.geojson) or in an EditDate"
              + " property of its features");
    }
    Geometry occupied = UnaryUnionOp.union(polys);
    if (occupied == null || occupied.isEmpty() || !(occupied instanceof Polygonal)) {
      throw new GeoJsonInputException(name + ": the polygons enclose no area");
    }
    return new ControlMap(date, occupied, name);
  }

  static LocalDate dateFromName(String name) {
    Matcher m = DATE_IN_NAME.matcher(name);
    if (m.find()) {
      try {
        return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
