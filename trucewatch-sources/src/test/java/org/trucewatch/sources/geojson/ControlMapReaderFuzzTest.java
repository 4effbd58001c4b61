package org.trucewatch.sources.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import org.trucewatch.geo.ControlMap;

/**
 * Any bytes given as a control map give a map with a valid, two-dimensional occupied area, or a
 * {@link GeoJsonInputException} naming the file, never another exception (self-intersecting rings,
 * points, empty or huge coordinates included). Regression inputs under
 * src/test/resources/org/trucewatch/sources/geojson/ControlMapReaderFuzzTestInputs; {@code
 * JAZZER_FUZZ=1} fuzzes it (docs/development.md).
 */
class ControlMapReaderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  @DictionaryEntries({
    "FeatureCollection", "Feature", "features", "geometry", "properties", "type", "coordinates",
    "Polygon", "MultiPolygon", "Point", "LineString", "GeometryCollection", "EditDate", "1e308",
    "-0.0"
  })
  void anyBytesGiveAMapOrAGeoJsonInputException(byte[] data) {
    try {
      ControlMap m =
          ControlMapReader.read(
              "map.geojson", new ByteArrayInputStream(data), LocalDate.of(2025, 8, 14));
      assertThat(m.occupied().getDimension()).isEqualTo(2);
      assertThat(m.occupied().isValid()).isTrue();
    } catch (GeoJsonInputException e) {
      assertThat(e.getMessage()).startsWith("map.geojson");
    }
  }
}
