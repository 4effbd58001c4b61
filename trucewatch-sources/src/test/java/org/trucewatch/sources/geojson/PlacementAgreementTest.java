package org.trucewatch.sources.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.Distances;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Placement;
import org.trucewatch.geo.Region;
import org.trucewatch.geo.Side;
import org.trucewatch.observation.Observation;
import org.trucewatch.sources.firms.FirmsReader;

/**
 * Placement of every bundled VIIRS detection (15,334, 11-24 August 2025) against the DeepState map
 * of 14 August 2025, checked against an independent computation on the same polygons: whose ground
 * by JTS's general point-in-polygon predicate on the unindexed polygons, and the distance to the
 * line by a scan of every segment on the sphere (cross-track distance to great-circle arcs), with
 * none of the projection, raster or grid index that placement uses.
 */
class PlacementAgreementTest {
  private static final Path DATA = Path.of("..", "data");
  private static List<Region> regions;
  private static ControlMap map;
  private static GeoContext geo;
  private static List<Observation> detections;

  @BeforeAll
  static void load() throws Exception {
    regions = RegionReader.read(DATA.resolve("reference/ukraine-oblasts.geojson.gz"));
    map =
        ControlMapReader.read(
            DATA.resolve("frontline/daily/deepstatemap_data_20250814.geojson.gz"));
    geo = GeoContext.build(regions, map);
    detections = new ArrayList<>();
    try (Stream<Path> files = Files.list(DATA.resolve("firms/viirs-nrt"))) {
      for (Path f : files.sorted().toList()) {
        detections.addAll(FirmsReader.read(f).observations());
      }
    }
  }

  @Test
  void controlMapDateComesFromTheFileName() {
    assertThat(map.date()).hasToString("2025-08-14");
  }

  @Test
  void sameSideForEveryDetectionFartherThan100mFromABoundary() throws IOException {
    GeometryFactory gf = map.occupied().getFactory();
    Geometry outline =
        UnaryUnionOp.union(regions.stream().map(r -> r.geometry().buffer(0)).toList());
    Geometry boundaries =
        gf.createGeometryCollection(
            new Geometry[] {map.occupied().getBoundary(), outline.getBoundary()});
    int compared = 0;
    for (Observation o : detections) {
      Point p = gf.createPoint(new Coordinate(o.longitude(), o.latitude()));
      Coordinate[] near = DistanceOp.nearestPoints(boundaries, p);
      double toBoundary =
          Distances.haversineMetres(near[0].x, near[0].y, o.longitude(), o.latitude());
      if (toBoundary <= 100) {
        continue;
      }
      Side expected =
          map.occupied().covers(p)
              ? Side.OCCUPIED
              : outline.covers(p) ? Side.GOVERNMENT_CONTROLLED : Side.OUTSIDE_UKRAINE;
      Placement placed = geo.place(o.latitude(), o.longitude());
      assertThat(placed.side()).as("%s", o.provenance()).isEqualTo(expected);
      compared++;
    }
    assertThat(compared).isGreaterThan(15_000);
  }

  @Test
  void distanceToTheLineWithinOnePercentOr100m() {
    List<double[]> arcs = new ArrayList<>();
    var line = geo.lineOfContact().lonLat();
    for (int g = 0; g < line.getNumGeometries(); g++) {
      Coordinate[] cs = ((LineString) line.getGeometryN(g)).getCoordinates();
      for (int i = 1; i < cs.length; i++) {
        arcs.add(new double[] {cs[i - 1].x, cs[i - 1].y, cs[i].x, cs[i].y});
      }
    }
    double worst = 0;
    for (int k = 0; k < detections.size(); k += 3) {
      Observation o = detections.get(k);
      double brute = Double.POSITIVE_INFINITY;
      for (double[] a : arcs) {
        brute = Math.min(brute, SphericalReference.distanceToArc(o.longitude(), o.latitude(), a));
      }
      double placed = Math.abs(geo.place(o.latitude(), o.longitude()).distanceToLineMetres());
      double tolerance = Math.max(100, 0.01 * brute);
      assertThat(placed)
          .as("%s", o.provenance())
          .isCloseTo(brute, org.assertj.core.data.Offset.offset(tolerance));
      worst = Math.max(worst, Math.abs(placed - brute) / Math.max(brute, 1));
    }
    assertThat(worst).isLessThan(0.01);
  }
}
