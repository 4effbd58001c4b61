package org.trucewatch.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Hand-built geography: a "country" of two regions side by side (30-32° E and 32-34° E, 47-49° N),
 * with the eastern third (33-35° E) occupied. The line of contact is the meridian 33° E inside the
 * country; the occupied area's other edges lie on the border or outside and do not count.
 */
class GeoContextTest {
  private static final GeometryFactory GF = new GeometryFactory();
  private static final Geometry WEST = box(30, 47, 32, 49);
  private static final Geometry EAST = box(32, 47, 34, 49);
  private static final Geometry OCCUPIED = box(33, 47, 35, 49);
  private static final GeoContext GEO =
      GeoContext.build(
          List.of(new Region("W", "West", WEST), new Region("E", "East", EAST)),
          new ControlMap(LocalDate.of(2025, 8, 14), OCCUPIED, "test"));

  static Geometry box(double x1, double y1, double x2, double y2) {
    return GF.toGeometry(new Envelope(x1, x2, y1, y2));
  }

  @Test
  void sideRegionAndSignedDistance() {
    Placement west = GEO.place(48, 31);
    assertThat(west.side()).isEqualTo(Side.GOVERNMENT_CONTROLLED);
    assertThat(west.regionCode()).isEqualTo("W");
    // two degrees of longitude west of the line at 48° N
    double expected = Distances.haversineMetres(31, 48, 33, 48);
    assertThat(west.distanceToLineMetres()).isCloseTo(-expected, within(expected * 0.005));

    Placement east = GEO.place(48, 33.5);
    assertThat(east.side()).isEqualTo(Side.OCCUPIED);
    assertThat(east.regionCode()).isEqualTo("E");
    assertThat(east.distanceToLineMetres()).isPositive();

    Placement outside = GEO.place(48, 36);
    assertThat(outside.side()).isEqualTo(Side.OUTSIDE_UKRAINE);
    assertThat(outside.region()).isNull();
  }

  @Test
  void aMapWhollyOutsideTheCountryIsRefusedWithItsName() {
    // the occupied box with longitude and latitude swapped: 47-49° E, 33-35° N
    ControlMap swapped = new ControlMap(LocalDate.of(2025, 8, 14), box(47, 33, 49, 35), "swapped");
    List<Region> regions = List.of(new Region("W", "West", WEST), new Region("E", "East", EAST));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeoContext.build(regions, swapped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("swapped: the occupied area lies wholly outside the country");
  }

  @Test
  void borderAndCoastAreNotPartOfTheLine() {
    LineOfContact line = GEO.lineOfContact();
    // only the 33° E meridian inside the country, shortened by the tolerance at both ends
    Envelope env = line.lonLat().getEnvelopeInternal();
    assertThat(env.getMinX()).isCloseTo(33, within(1e-6));
    assertThat(env.getMaxX()).isCloseTo(33, within(1e-6));
    assertThat(line.lengthKm()).isBetween(200.0, 225.0);
  }

  @Test
  void withoutControlMapSideIsUnknownAndDistanceEmpty() {
    GeoContext g = GeoContext.build(List.of(new Region("W", "West", WEST)), null);
    Placement p = g.place(48, 31);
    assertThat(p.side()).isEqualTo(Side.UNKNOWN);
    assertThat(p.distanceToLineMetres()).isNaN();
    assertThat(g.place(48, 40).side()).isEqualTo(Side.OUTSIDE_UKRAINE);
  }

  @Test
  void gridIndexGivesTheSameNearestDistanceAsAFullScan() {
    // a zig-zag line exercises many candidate segments per cell
    Coordinate[] cs = new Coordinate[200];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = new Coordinate(i * 3_000.0, (i % 2) * 4_000.0 + (i % 7) * 500.0);
    }
    var line =
        GF.createMultiLineString(
            new org.locationtech.jts.geom.LineString[] {GF.createLineString(cs)});
    LineDistanceIndex index =
        new LineDistanceIndex(
            line, null, new Envelope(-50_000, 650_000, -200_000, 200_000), 5_000, 1, 1);
    SplittableRandom rnd = new SplittableRandom(42);
    double[] out = new double[2];
    for (int k = 0; k < 5_000; k++) {
      double x = rnd.nextDouble(-100_000, 700_000);
      double y = rnd.nextDouble(-300_000, 300_000);
      double brute = line.distance(GF.createPoint(new Coordinate(x, y)));
      assertThat(index.nearest(x, y, out)).isCloseTo(brute, within(1e-6));
    }
  }

  @Test
  void projectionRoundTripsAndKeepsScaleWithinHalfAPercent() {
    ConformalProjection p = ConformalProjection.UKRAINE;
    double[] xy = new double[2];
    double[] ll = new double[2];
    for (double lat = 44; lat <= 53; lat += 1) {
      p.forward(35, lat, xy);
      p.inverse(xy[0], xy[1], ll);
      assertThat(ll[0]).isCloseTo(35, within(1e-9));
      assertThat(ll[1]).isCloseTo(lat, within(1e-9));
      p.forward(35.01, lat, ll);
      double planar = Math.hypot(ll[0] - xy[0], ll[1] - xy[1]);
      double sphere = Distances.haversineMetres(35, lat, 35.01, lat);
      assertThat(planar / sphere).isCloseTo(1.0, within(0.005));
    }
  }
}
