package org.trucewatch.geo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The line of contact derived from a control map: the part of the occupied area's boundary that
 * lies inside Ukraine's outline by more than a tolerance, so that the international border and the
 * coast are not counted as a front. The tolerance absorbs the difference between the control map's
 * drawing of the border and the (generalised) outline.
 *
 * @param projected the line in {@link ConformalProjection#UKRAINE} metres
 * @param lonLat the same line in longitude/latitude degrees
 * @param toleranceMetres how far inside the outline a boundary part must be to count
 */
public record LineOfContact(
    MultiLineString projected, MultiLineString lonLat, double toleranceMetres) {

  /** The default tolerance: 3 km. */
  public static final double DEFAULT_TOLERANCE_METRES = 3_000;

  /** Derives the line from the occupied area and Ukraine's outline (both longitude/latitude). */
  public static LineOfContact derive(Geometry occupied, Geometry outline, double toleranceMetres) {
    ConformalProjection p = ConformalProjection.UKRAINE;
    Geometry occProj = transform(occupied, p, true);
    Geometry outlineProj = transform(outline, p, true);
    Geometry inner = outlineProj.buffer(-toleranceMetres);
    Geometry boundary = occProj.getBoundary();
    Geometry cut = OverlayNGRobust.overlay(boundary, inner, OverlayNG.INTERSECTION);
    GeometryFactory gf = occupied.getFactory();
    MultiLineString projected = toMultiLine(cut, gf);
    MultiLineString lonLat = (MultiLineString) transform(projected, p, false);
    return new LineOfContact(projected, lonLat, toleranceMetres);
  }

  /**
   * The band of the given width either side of the line, as a polygon in longitude/latitude
   * (buffered in the conformal projection, so the width is true to within its scale error).
   */
  public Geometry buffer(double widthMetres) {
    return transform(projected.buffer(widthMetres, 8), ConformalProjection.UKRAINE, false);
  }

  /** Length of the line in kilometres (planar, in the conformal projection). */
  public double lengthKm() {
    return projected.getLength() / 1000;
  }

  private static MultiLineString toMultiLine(Geometry g, GeometryFactory gf) {
    List<LineString> parts = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Geometry part = g.getGeometryN(i);
      if (part instanceof LineString ls && !ls.isEmpty()) {
        parts.add(ls);
      }
    }
    return gf.createMultiLineString(parts.toArray(new LineString[0]));
  }

  static Geometry transform(Geometry g, ConformalProjection p, boolean forward) {
    Geometry copy = g.copy();
    double[] out = new double[2];
    copy.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            Coordinate c = seq.getCoordinate(i);
            if (forward) {
              p.forward(c.x, c.y, out);
            } else {
              p.inverse(c.x, c.y, out);
            }
            seq.setOrdinate(i, 0, out[0]);
            seq.setOrdinate(i, 1, out[1]);
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    return copy;
  }
}
