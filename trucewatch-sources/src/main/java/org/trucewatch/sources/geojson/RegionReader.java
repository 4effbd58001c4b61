package org.trucewatch.sources.geojson;

import java.io.InputStream;
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
    return regions(path.getFileName().toString(), Features.read(path));
  }

  /** Reads regions from a stream (plain or gzip) named {@code name} in errors; closes it. */
  public static List<Region> read(String name, InputStream in) throws GeoJsonInputException {
    return regions(name, Features.read(name, in));
  }

  private static List<Region> regions(String name, List<Features.Feature> features)
      throws GeoJsonInputException {
    List<Region> out = new ArrayList<>();
    for (Features.Feature f : features) {
      String code = f.properties().path("iso_3166_2").asText("");
      String regionName = f.properties().path("name_en").asText("");
      if (code.isEmpty()) {
        throw new GeoJsonInputException(
            name + ": " + f.member("properties.iso_3166_2") + " is missing");
      }
      if (!(f.geometry() instanceof Polygonal)) {
        throw new GeoJsonInputException(
            name
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
        throw new GeoJsonInputException(name + ": " + f.member("geometry") + " encloses no area");
      }
      out.add(new Region(code, regionName.isEmpty() ? code : regionName, g));
    }
    if (out.isEmpty()) {
      throw new GeoJsonInputException(name + ": no regions");
    }
    return out;
  }
}
