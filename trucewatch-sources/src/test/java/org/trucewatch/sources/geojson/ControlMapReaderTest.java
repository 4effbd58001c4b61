package org.trucewatch.sources.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.trucewatch.geo.ControlMap;

class ControlMapReaderTest {
  private static final String SQUARE =
      "{\"type\":\"Polygon\",\"coordinates\":[[[37,47],[39,47],[39,49],[37,49],[37,47]]]}";
  private static final LocalDate DAY = LocalDate.of(2025, 8, 14);

  private static ControlMap read(String name, String json) throws GeoJsonInputException {
    return ControlMapReader.read(
        name, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null);
  }

  @Test
  void aCollectionASingleFeatureAndABareGeometryGiveTheSameMap() throws GeoJsonInputException {
    String feature = "{\"type\":\"Feature\",\"properties\":{},\"geometry\":" + SQUARE + "}";
    ControlMap collection =
        read(
            "occupied_20250814.geojson",
            "{\"type\":\"FeatureCollection\",\"features\":[" + feature + "]}");
    ControlMap single = read("drawn-20250814.geojson", feature);
    ControlMap bare = read("bare_20250814.json", SQUARE);
    for (ControlMap m : new ControlMap[] {collection, single, bare}) {
      assertThat(m.date()).isEqualTo(DAY);
      assertThat(m.occupied().getArea()).isEqualTo(4.0);
      assertThat(m.occupied().equalsTopo(collection.occupied())).isTrue();
    }
    // the ISW/CTP map's date comes from its features' EditDate, which a single Feature keeps
    ControlMap edited =
        read(
            "edited.geojson",
            "{\"type\":\"Feature\",\"properties\":{\"EditDate\":\"2023-02-17T10:00:00Z\"},"
                + "\"geometry\":"
                + SQUARE
                + "}");
    assertThat(edited.date()).isEqualTo(LocalDate.of(2023, 2, 17));
  }

  @Test
  void whatIsNotAnAreaIsNamedWhereItIs() {
    assertThatThrownBy(
            () ->
                read("point_20250814.geojson", "{\"type\":\"Point\",\"coordinates\":[37.5,48.5]}"))
        .isInstanceOf(GeoJsonInputException.class)
        .hasMessage(
            "point_20250814.geojson: geometry must be a Polygon or MultiPolygon, was Point");
    assertThatThrownBy(
            () ->
                read(
                    "line_20250814.geojson",
                    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                        + "\"properties\":{},\"geometry\":"
                        + SQUARE
                        + "},{\"type\":\"Feature\",\"properties\":{},\"geometry\":"
                        + "{\"type\":\"LineString\",\"coordinates\":[[37,47],[39,49]]}}]}"))
        .hasMessage(
            "line_20250814.geojson: features[1].geometry must be a Polygon or MultiPolygon, was"
                + " LineString");
    assertThatThrownBy(
            () ->
                read(
                    "mixed_20250814.geojson",
                    "{\"type\":\"GeometryCollection\",\"geometries\":["
                        + SQUARE
                        + ",{\"type\":\"Point\",\"coordinates\":[30,50]}]}"))
        .hasMessage(
            "mixed_20250814.geojson: geometry must be a Polygon or MultiPolygon, was"
                + " GeometryCollection");
    // a ring whose corners lie on one line: repaired, it has no area left
    assertThatThrownBy(
            () ->
                read(
                    "flat_20250814.geojson",
                    "{\"type\":\"Polygon\",\"coordinates\":[[[37,47],[38,48],[39,49],[37,47]]]}"))
        .hasMessage("flat_20250814.geojson: the polygons enclose no area");
    // TopoJSON, which GIS tools also export, is not GeoJSON
    assertThatThrownBy(
            () -> read("map_20250814.topojson", "{\"type\":\"Topology\",\"objects\":{}}"))
        .hasMessage(
            "map_20250814.topojson: type must be FeatureCollection, Feature or a geometry such as"
                + " MultiPolygon, was Topology");
    assertThatThrownBy(() -> read("drawn.geojson", SQUARE))
        .hasMessage(
            "drawn.geojson: cannot tell the map's date: put it in the file name as YYYYMMDD (as"
                + " DeepState names its daily maps, such as occupied_20250814.geojson) or in an"
                + " EditDate property of its features");
    assertThatThrownBy(() -> read("list_20250814.json", "[1,2]"))
        .hasMessageEndingWith("was missing");
    assertThatThrownBy(
            () -> read("empty_20250814.geojson", "{\"type\":\"Feature\",\"properties\":{}}"))
        .hasMessage("empty_20250814.geojson: geometry is missing");
  }
}
