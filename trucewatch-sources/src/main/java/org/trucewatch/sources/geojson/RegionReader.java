package org.trucewatch.sources.geojson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.trucewatch.geo.Region;

/**
 * Reads regions (oblasts) from GeoJSON: each feature a polygon or multipolygon, named by the
 * properties {@code iso_3166_2} (the code) and {@code name_en} (the name). Invalid polygons (a
 * self-intersecting ring) are repaired with JTS's {@code GeometryFixer}.
 */
public final class RegionReader {
  private RegionReader() {}

  public static List<Region> read(Path path) throws GeoJsonInputException {
    List<Region> out = new ArrayList<>();
    for (Features.Feature f : Features.read(path)) {
      String code = f.properties().path("iso_3166_2").asText("");
      String name = f.properties().path("name_en").asText("");
      if (code.isEmpty()) {
        throw new GeoJsonInputException(
            path.getFileName() + ": " + f.member("properties.iso_3166_2") + " is missing");
      }
      if (!(f.geometry() instanceof Polygonal)) {
        throw new GeoJsonInputException(
            path.getFileName()
                + ": "
                + f.member("geometry")
                + " must be a Polygon or MultiPolygon, was "
                + f.geometry().getGeometryType());
      }
      // a self-intersecting ring is repaired, as in control maps, so that the outline can be
      // unioned
      Geometry g = f.geometry().isValid() ? f.geometry() : GeometryFixer.fix(f.geometry());
      if (g.isEmpty() || !(g instanceof Polygonal)) {
        // empty, or collapsed by the repair (all its corners on a line)
        throw new GeoJsonInputException(
            path.getFileName() + ": " + f.member("geometry") + " encloses no area");
      }
      out.add(new Region(code, name.isEmpty() ? code : name, g));
    }
    if (out.isEmpty()) {
      throw new GeoJsonInputException(path.getFileName() + ": no regions");
    }
    return out;
  }
}
