package org.trucewatch.sources.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Region;

class RegionReaderTest {
  static String collection(String properties, String geometry) {
    return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
        + properties
        + ",\"geometry\":"
        + geometry
        + "}]}";
  }

  @Test
  void aSelfIntersectingRegionIsRepairedAndUsable(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("regions.geojson");
    // a bow tie: two triangles meeting at (37.5, 47.5)
    Files.writeString(
        f,
        collection(
            "{\"iso_3166_2\":\"UA-99\",\"name_en\":\"Bow tie\"}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[37,47],[38,48],[38,47],[37,48],[37,47]]]}"),
        StandardCharsets.UTF_8);
    List<Region> regions = RegionReader.read(f);
    assertThat(regions).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("Bow tie"));
    assertThat(regions.get(0).geometry().isValid()).isTrue();
    assertThat(regions.get(0).geometry().getArea())
        .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    // and the outline and placement work on it
    ControlMap none =
        new ControlMap(
            java.time.LocalDate.of(2025, 8, 14),
            new GeometryFactory(new PrecisionModel(), 4326).createPolygon(),
            "empty");
    GeoContext geo = GeoContext.build(regions, none);
    assertThat(geo.place(47.5, 37.2).regionCode()).isEqualTo("UA-99");
    assertThat(geo.place(47.2, 37.5).regionCode()).isEmpty(); // between the two triangles
  }

  @Test
  void brokenJsonIsRefusedWithItsLineAndColumn(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("regions.geojson");
    Files.writeString(
        f, "{\"type\": \"FeatureCollection\",\n \"features\": [}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegionReader.read(f))
        .isInstanceOf(GeoJsonInputException.class)
        .hasMessage(
            "regions.geojson:2: not valid JSON at column 15: Unexpected close marker '}':"
                + " expected ']' (for Array starting at [line: 2, column: 14])");
    Files.writeString(f, "# not JSON\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegionReader.read(f))
        .hasMessageStartingWith(
            "regions.geojson:1: not valid JSON at column 1: Unexpected character")
        .hasMessageNotContaining("Source");
  }

  @Test
  void aRegionWithoutCodeOrAreaIsRefusedWithItsIndex(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("regions.geojson");
    Files.writeString(
        f,
        collection("{\"name_en\":\"x\"}", "{\"type\":\"Point\",\"coordinates\":[37,47]}"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegionReader.read(f))
        .isInstanceOf(GeoJsonInputException.class)
        .hasMessage("regions.geojson: features[0].properties.iso_3166_2 is missing");
    Files.writeString(
        f,
        collection("{\"iso_3166_2\":\"UA-99\"}", "{\"type\":\"Point\",\"coordinates\":[37,47]}"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegionReader.read(f))
        .hasMessage(
            "regions.geojson: features[0].geometry must be a Polygon or MultiPolygon, was Point");
    // corners on one line: the repair leaves no area
    Files.writeString(
        f,
        collection(
            "{\"iso_3166_2\":\"UA-99\"}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[37,47],[38,48],[39,49],[37,47]]]}"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegionReader.read(f))
        .hasMessage("regions.geojson: features[0].geometry encloses no area");
  }

  @Test
  void projectedCoordinatesAreRefusedAsSuch(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mercator.geojson");
    Files.writeString(
        f,
        collection(
            "{\"iso_3166_2\":\"UA-14\"}",
            "{\"type\":\"Polygon\",\"coordinates\":[[[4100000.5,6000000],[4200000,6000000],"
                + "[4200000,6100000],[4100000.5,6000000]]]}"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RegionReader.read(f))
        .isInstanceOf(GeoJsonInputException.class)
        .hasMessage(
            "mercator.geojson: features[0].geometry: coordinates must be WGS 84 longitude and"
                + " latitude in degrees, found 4200000, 6100000 (a projected coordinate system"
                + " such as EPSG:3857?)");
  }
}
