package org.trucewatch.bench.compare;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.locationtech.jts.io.WKTWriter;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Region;
import org.trucewatch.sources.geojson.ControlMapReader;
import org.trucewatch.sources.geojson.RegionReader;

/**
 * Writes the shapes every contender uses, so that all of them work on identical geometry: the
 * occupied area, Ukraine's outline, the oblasts and the line of contact, as {@code kind|code|wkt}
 * lines (longitude/latitude). Usage: {@code ExportShapes REGIONS CONTROL OUT}
 */
public final class ExportShapes {
  private ExportShapes() {}

  public static void main(String[] args) throws Exception {
    List<Region> regions = RegionReader.read(Path.of(args[0]));
    ControlMap map = ControlMapReader.read(Path.of(args[1]));
    GeoContext geo = GeoContext.build(regions, map);
    WKTWriter wkt = new WKTWriter();
    try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
      w.write("kind|code|wkt\n");
      w.write("occupied||" + wkt.write(map.occupied()) + "\n");
      w.write("outline||" + wkt.write(geo.outline()) + "\n");
      for (Region r : regions) {
        w.write("oblast|" + r.code() + "|" + wkt.write(r.geometry()) + "\n");
      }
      w.write("line||" + wkt.write(geo.lineOfContact().lonLat()) + "\n");
    }
  }
}
