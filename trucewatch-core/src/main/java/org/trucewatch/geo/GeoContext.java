package org.trucewatch.geo;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * The geography of one control-map date, built once and shared read-only between threads: the
 * occupied area, Ukraine's outline (the union of the regions), the regions, and the line of
 * contact. {@link #place} answers whose ground a point is on, its signed distance to the line and
 * its region.
 *
 * <p>Two acceleration structures make placement cheap: a raster of 0.05° cells that records, for
 * each cell lying wholly inside one side and one region, that side and region (other cells fall
 * back to exact point-in-polygon tests), and a {@link LineDistanceIndex} over the projected line.
 */
public final class GeoContext {
  private static final double RASTER_STEP = 0.05;
  private static final double DISTANCE_CELL_METRES = 5_000;
  private static final byte MIXED = -1;
  private static final short NO_REGION = -2;
  private static final short MIXED_REGION = -1;

  private final ControlMap controlMap;
  private final List<Region> regions;
  private final Geometry outline;
  private final LineOfContact line;
  private final IndexedPointInAreaLocator occupiedLocator;
  private final IndexedPointInAreaLocator outlineLocator;
  private final IndexedPointInAreaLocator[] regionLocators;
  private final Envelope[] regionEnvelopes;
  private final LineDistanceIndex lineIndex;
  private final double rx0;
  private final double ry0;
  private final int rw;
  private final int rh;
  private final byte[] rasterSide;
  private final short[] rasterRegion;

  private GeoContext(List<Region> regions, ControlMap controlMap, double toleranceMetres) {
    this.regions = List.copyOf(regions);
    this.controlMap = controlMap;
    GeometryFactory gf =
        regions.isEmpty() ? new GeometryFactory() : regions.get(0).geometry().getFactory();
    this.outline =
        UnaryUnionOp.union(regions.stream().map(r -> r.geometry().buffer(0)).toList(), gf);
    this.outlineLocator = new IndexedPointInAreaLocator(outline);
    this.regionLocators = new IndexedPointInAreaLocator[regions.size()];
    this.regionEnvelopes = new Envelope[regions.size()];
    for (int i = 0; i < regions.size(); i++) {
      regionLocators[i] = new IndexedPointInAreaLocator(regions.get(i).geometry());
      regionEnvelopes[i] = regions.get(i).geometry().getEnvelopeInternal();
    }
    Envelope extent = new Envelope(outline.getEnvelopeInternal());
    if (controlMap != null) {
      Geometry occupied = controlMap.occupied();
      if (!occupied.isEmpty()
          && (!occupied.getEnvelopeInternal().intersects(outline.getEnvelopeInternal())
              || !occupied.intersects(outline))) {
        // nothing to place against, and the line of contact cannot be derived
        throw new IllegalArgumentException(
            controlMap.source()
                + ": the occupied area lies wholly outside the country's outline (are longitude"
                + " and latitude swapped, or is it not in WGS 84 degrees?)");
      }
      this.occupiedLocator = new IndexedPointInAreaLocator(controlMap.occupied());
      this.line = LineOfContact.derive(controlMap.occupied(), outline, toleranceMetres);
      extent.expandToInclude(controlMap.occupied().getEnvelopeInternal());
      Envelope projected = projectedEnvelope(extent, 100_000);
      double[] k = scaleRange(extent);
      this.lineIndex =
          new LineDistanceIndex(
              line.projected(), line.lonLat(), projected, DISTANCE_CELL_METRES, k[0], k[1]);
    } else {
      this.occupiedLocator = null;
      this.line = null;
      this.lineIndex = null;
    }
    extent.expandBy(RASTER_STEP);
    this.rx0 = extent.getMinX();
    this.ry0 = extent.getMinY();
    this.rw = (int) Math.ceil(extent.getWidth() / RASTER_STEP);
    this.rh = (int) Math.ceil(extent.getHeight() / RASTER_STEP);
    this.rasterSide = new byte[rw * rh];
    this.rasterRegion = new short[rw * rh];
    fillRaster(gf);
  }

  /**
   * Builds the context for a control map (or none) and a set of regions whose union is the
   * country's outline.
   */
  public static GeoContext build(List<Region> regions, ControlMap controlMap) {
    return build(regions, controlMap, LineOfContact.DEFAULT_TOLERANCE_METRES);
  }

  /** As {@link #build(List, ControlMap)} with an explicit border tolerance for the line. */
  public static GeoContext build(
      List<Region> regions, ControlMap controlMap, double lineToleranceMetres) {
    Objects.requireNonNull(regions, "regions");
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("at least one region is needed to form the outline");
    }
    return new GeoContext(regions, controlMap, lineToleranceMetres);
  }

  /** The control map, or {@code null}. */
  public ControlMap controlMap() {
    return controlMap;
  }

  /** The line of contact, or {@code null} without a control map. */
  public LineOfContact lineOfContact() {
    return line;
  }

  /** The country outline (union of the regions). */
  public Geometry outline() {
    return outline;
  }

  /** The regions. */
  public List<Region> regions() {
    return regions;
  }

  /** Places a point given in degrees. */
  public Placement place(double latitude, double longitude) {
    int cx = (int) Math.floor((longitude - rx0) / RASTER_STEP);
    int cy = (int) Math.floor((latitude - ry0) / RASTER_STEP);
    byte sideCode = MIXED;
    short regionCode = MIXED_REGION;
    if (cx >= 0 && cy >= 0 && cx < rw && cy < rh) {
      int idx = cy * rw + cx;
      sideCode = rasterSide[idx];
      regionCode = rasterRegion[idx];
    } else {
      regionCode = NO_REGION;
    }
    Coordinate c = null;
    Side side;
    if (sideCode != MIXED) {
      side = Side.values()[sideCode];
    } else {
      c = new Coordinate(longitude, latitude);
      side = exactSide(c);
    }
    Region region;
    if (regionCode >= 0) {
      region = regions.get(regionCode);
    } else if (regionCode == NO_REGION) {
      region = null;
    } else {
      if (c == null) {
        c = new Coordinate(longitude, latitude);
      }
      region = exactRegion(c);
    }
    double distance = Double.NaN;
    if (lineIndex != null && !lineIndex.isEmpty()) {
      distance = distanceToLine(latitude, longitude);
      if (side != Side.OCCUPIED) {
        distance = -distance;
      }
    }
    return new Placement(side, distance, region);
  }

  /**
   * Unsigned great-circle distance in metres to the line of contact (NaN without one): exact on the
   * sphere, the line's segments taken as great-circle arcs.
   */
  public double distanceToLine(double latitude, double longitude) {
    if (lineIndex == null || lineIndex.isEmpty()) {
      return Double.NaN;
    }
    double[] xy = new double[2];
    ConformalProjection.UKRAINE.forward(longitude, latitude, xy);
    double[] p = new double[3];
    Distances.unitVector(longitude, latitude, p);
    return lineIndex.sphericalMetres(xy[0], xy[1], p);
  }

  /**
   * Planar distance in metres to the line in the conformal projection (NaN without a line): what a
   * GIS computes with a planar distance in that projection; it differs from {@link #distanceToLine}
   * by the projection's scale error. Used to check other tools, not to publish.
   */
  public double planarDistanceToLine(double latitude, double longitude) {
    if (lineIndex == null || lineIndex.isEmpty()) {
      return Double.NaN;
    }
    double[] xy = new double[2];
    ConformalProjection.UKRAINE.forward(longitude, latitude, xy);
    return lineIndex.nearest(xy[0], xy[1], null);
  }

  private Side exactSide(Coordinate c) {
    if (occupiedLocator != null && occupiedLocator.locate(c) != Location.EXTERIOR) {
      return Side.OCCUPIED;
    }
    if (outlineLocator.locate(c) != Location.EXTERIOR) {
      return occupiedLocator == null ? Side.UNKNOWN : Side.GOVERNMENT_CONTROLLED;
    }
    return Side.OUTSIDE_UKRAINE;
  }

  private Region exactRegion(Coordinate c) {
    for (int i = 0; i < regionLocators.length; i++) {
      if (regionEnvelopes[i].contains(c) && regionLocators[i].locate(c) != Location.EXTERIOR) {
        return regions.get(i);
      }
    }
    return null;
  }

  private void fillRaster(GeometryFactory gf) {
    PreparedGeometryFactory pgf = new PreparedGeometryFactory();
    PreparedGeometry occ = controlMap == null ? null : pgf.create(controlMap.occupied());
    PreparedGeometry out = pgf.create(outline);
    PreparedGeometry[] reg = new PreparedGeometry[regions.size()];
    for (int i = 0; i < reg.length; i++) {
      reg[i] = pgf.create(regions.get(i).geometry());
    }
    for (int y = 0; y < rh; y++) {
      for (int x = 0; x < rw; x++) {
        double lon = rx0 + x * RASTER_STEP;
        double lat = ry0 + y * RASTER_STEP;
        Envelope env = new Envelope(lon, lon + RASTER_STEP, lat, lat + RASTER_STEP);
        Geometry rect = gf.toGeometry(env);
        int idx = y * rw + x;
        rasterSide[idx] = rasterSideOf(rect, occ, out);
        rasterRegion[idx] = rasterRegionOf(rect, env, reg);
      }
    }
  }

  private byte rasterSideOf(Geometry rect, PreparedGeometry occ, PreparedGeometry out) {
    boolean occupiedFree = true;
    if (occ != null) {
      if (occ.containsProperly(rect)) {
        return (byte) Side.OCCUPIED.ordinal();
      }
      occupiedFree = !occ.intersects(rect);
    }
    if (!occupiedFree) {
      return MIXED;
    }
    if (out.containsProperly(rect)) {
      return (byte) (occ == null ? Side.UNKNOWN : Side.GOVERNMENT_CONTROLLED).ordinal();
    }
    if (!out.intersects(rect)) {
      return (byte) Side.OUTSIDE_UKRAINE.ordinal();
    }
    return MIXED;
  }

  private short rasterRegionOf(Geometry rect, Envelope env, PreparedGeometry[] reg) {
    boolean touchesAny = false;
    for (int i = 0; i < reg.length; i++) {
      if (!regionEnvelopes[i].intersects(env)) {
        continue;
      }
      if (reg[i].containsProperly(rect)) {
        return (short) i;
      }
      if (!touchesAny && reg[i].intersects(rect)) {
        touchesAny = true;
      }
    }
    return touchesAny ? MIXED_REGION : NO_REGION;
  }

  /** The smallest and largest scale factor of the projection over the latitudes of an extent. */
  private static double[] scaleRange(Envelope lonLat) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    // 1.5° of margin covers the grid's 100 km margin
    for (double lat = lonLat.getMinY() - 1.5; lat <= lonLat.getMaxY() + 1.5; lat += 0.05) {
      double k = ConformalProjection.UKRAINE.scale(lat);
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
    return new double[] {lo * (1 - 1e-9), hi * (1 + 1e-9)};
  }

  private static Envelope projectedEnvelope(Envelope lonLat, double marginMetres) {
    ConformalProjection p = ConformalProjection.UKRAINE;
    Envelope e = new Envelope();
    double[] xy = new double[2];
    int steps = 32;
    for (int i = 0; i <= steps; i++) {
      double lon = lonLat.getMinX() + lonLat.getWidth() * i / steps;
      for (int j = 0; j <= steps; j++) {
        double lat = lonLat.getMinY() + lonLat.getHeight() * j / steps;
        p.forward(lon, lat, xy);
        e.expandToInclude(xy[0], xy[1]);
      }
    }
    e.expandBy(marginMetres);
    return e;
  }
}
