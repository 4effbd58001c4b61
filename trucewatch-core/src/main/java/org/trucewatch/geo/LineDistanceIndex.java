package org.trucewatch.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Distance to a line, built once and then read by many threads. The line is given twice, in
 * projected metres and in longitude/latitude, segment for segment.
 *
 * <p>A regular grid over the projected line stores for each cell the segments that can be nearest
 * to any point of the cell, sorted by their distance to the cell centre, so that a query checks a
 * few and stops as soon as no further candidate can be nearer. {@link #nearest} answers in the
 * plane and is exact: the same as a scan of all segments. {@link #sphericalMetres} answers on the
 * sphere, also exactly: the projection's scale varies between {@code kMin} and {@code kMax} over
 * the extent, so a planar distance {@code dp} bounds the true one between {@code dp / kMax} and
 * {@code dp / kMin}; the grid keeps every segment within {@code ratio × (d + h) + h} of a cell
 * centre ({@code ratio = kMax / kMin}, {@code d} the centre's planar distance, {@code h} half the
 * cell diagonal), and the query measures on the sphere every candidate that the bound cannot
 * exclude. Points outside the grid fall back to an R-tree search in the plane.
 */
final class LineDistanceIndex {
  private static final int BLOCK = 8;
  private final double[] sx1;
  private final double[] sy1;
  private final double[] sx2;
  private final double[] sy2;

  /** Unit vectors of the segment ends and the unit normals of their arcs: 9 values a segment. */
  private final double[] arcs;

  private final double kMax;
  private final double ratio;
  private final STRtree tree = new STRtree();
  private final double minX;
  private final double minY;
  private final double cell;
  private final double halfDiagonal;
  private final int cols;
  private final int rows;
  private final int[] offsets;
  private final int[] candidates;
  private final float[] centreDistances;

  /**
   * @param projected the line in projected metres
   * @param lonLat the same line in longitude/latitude, or {@code null} for planar queries only
   * @param extent the projected area the grid covers
   * @param cellSize the grid's cell size in metres
   * @param kMin the projection's smallest scale factor over the extent (1 for planar only)
   * @param kMax its largest
   */
  LineDistanceIndex(
      MultiLineString projected,
      MultiLineString lonLat,
      Envelope extent,
      double cellSize,
      double kMin,
      double kMax) {
    List<double[]> segs = new ArrayList<>();
    List<double[]> geo = new ArrayList<>();
    for (int g = 0; g < projected.getNumGeometries(); g++) {
      Coordinate[] cs = ((LineString) projected.getGeometryN(g)).getCoordinates();
      Coordinate[] ll =
          lonLat == null ? null : ((LineString) lonLat.getGeometryN(g)).getCoordinates();
      for (int i = 1; i < cs.length; i++) {
        if (!cs[i - 1].equals2D(cs[i])) {
          segs.add(new double[] {cs[i - 1].x, cs[i - 1].y, cs[i].x, cs[i].y});
          if (ll != null) {
            geo.add(new double[] {ll[i - 1].x, ll[i - 1].y, ll[i].x, ll[i].y});
          }
        }
      }
    }
    int n = segs.size();
    sx1 = new double[n];
    sy1 = new double[n];
    sx2 = new double[n];
    sy2 = new double[n];
    arcs = lonLat == null ? null : new double[9 * n];
    double[] a = new double[3];
    double[] b = new double[3];
    for (int i = 0; i < n; i++) {
      double[] s = segs.get(i);
      sx1[i] = s[0];
      sy1[i] = s[1];
      sx2[i] = s[2];
      sy2[i] = s[3];
      tree.insert(new Envelope(s[0], s[2], s[1], s[3]), i);
      if (arcs != null) {
        double[] g = geo.get(i);
        Distances.unitVector(g[0], g[1], a);
        Distances.unitVector(g[2], g[3], b);
        double nx = a[1] * b[2] - a[2] * b[1];
        double ny = a[2] * b[0] - a[0] * b[2];
        double nz = a[0] * b[1] - a[1] * b[0];
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        double inv = len == 0 ? 0 : 1 / len;
        System.arraycopy(
            new double[] {a[0], a[1], a[2], b[0], b[1], b[2], nx * inv, ny * inv, nz * inv},
            0,
            arcs,
            9 * i,
            9);
      }
    }
    tree.build();
    this.kMax = kMax;
    this.ratio = kMax / kMin;
    this.cell = cellSize;
    this.halfDiagonal = cellSize * Math.sqrt(0.5);
    this.minX = extent.getMinX();
    this.minY = extent.getMinY();
    this.cols = n == 0 ? 0 : (int) Math.ceil(extent.getWidth() / cellSize);
    this.rows = n == 0 ? 0 : (int) Math.ceil(extent.getHeight() / cellSize);
    this.offsets = new int[cols * rows + 1];
    IntList cand = new IntList();
    FloatList dists = new FloatList();
    // Two levels: a block of BLOCK x BLOCK cells first gathers the segments that any of its cells
    // can need, then each cell keeps those within its own radius, sorted.
    int blocksX = (cols + BLOCK - 1) / BLOCK;
    int blocksY = (rows + BLOCK - 1) / BLOCK;
    int[][] cellLists = new int[cols * rows][];
    float[][] cellDists = new float[cols * rows][];
    double h = halfDiagonal;
    double hb = halfDiagonal * BLOCK;
    for (int by = 0; by < blocksY; by++) {
      for (int bx = 0; bx < blocksX; bx++) {
        double bcx = minX + (bx * BLOCK + BLOCK / 2.0) * cell;
        double bcy = minY + (by * BLOCK + BLOCK / 2.0) * cell;
        double d = nearestByTree(bcx, bcy, null);
        double radius = ratio * (d + hb + h) + hb + h + 1;
        List<?> hits =
            tree.query(new Envelope(bcx - radius, bcx + radius, bcy - radius, bcy + radius));
        int[] block = new int[hits.size()];
        int bm = 0;
        for (Object o : hits) {
          int seg = (Integer) o;
          if (segmentDistance(bcx, bcy, seg, null) <= radius) {
            block[bm++] = seg;
          }
        }
        for (int r = by * BLOCK; r < Math.min(rows, (by + 1) * BLOCK); r++) {
          for (int c = bx * BLOCK; c < Math.min(cols, (bx + 1) * BLOCK); c++) {
            double cx = minX + (c + 0.5) * cell;
            double cy = minY + (r + 0.5) * cell;
            double nearest = Double.POSITIVE_INFINITY;
            double[] ds = new double[bm];
            for (int i = 0; i < bm; i++) {
              ds[i] = segmentDistance(cx, cy, block[i], null);
              nearest = Math.min(nearest, ds[i]);
            }
            double cellRadius = ratio * (nearest + h) + h + 1;
            long[] packed = new long[bm];
            int m = 0;
            for (int i = 0; i < bm; i++) {
              if (ds[i] <= cellRadius) {
                packed[m++] = ((long) Float.floatToIntBits((float) ds[i]) << 32) | block[i];
              }
            }
            Arrays.sort(packed, 0, m);
            int[] list = new int[m];
            float[] dl = new float[m];
            for (int i = 0; i < m; i++) {
              list[i] = (int) packed[i];
              dl[i] = Float.intBitsToFloat((int) (packed[i] >>> 32));
            }
            cellLists[r * cols + c] = list;
            cellDists[r * cols + c] = dl;
          }
        }
      }
    }
    for (int i = 0; i < cols * rows; i++) {
      offsets[i] = cand.size;
      for (int j = 0; j < cellLists[i].length; j++) {
        cand.add(cellLists[i][j]);
        dists.add(cellDists[i][j]);
      }
    }
    offsets[cols * rows] = cand.size;
    this.candidates = cand.toArray();
    this.centreDistances = dists.toArray();
  }

  boolean isEmpty() {
    return sx1.length == 0;
  }

  /**
   * Writes the nearest point on the line to {@code (x, y)} into {@code out} and returns the planar
   * distance; NaN when the line is empty.
   */
  double nearest(double x, double y, double[] out) {
    if (sx1.length == 0) {
      return Double.NaN;
    }
    int c = (int) Math.floor((x - minX) / cell);
    int r = (int) Math.floor((y - minY) / cell);
    if (c < 0 || r < 0 || c >= cols || r >= rows) {
      return nearestByTree(x, y, out);
    }
    int cellIndex = r * cols + c;
    double best = Double.POSITIVE_INFINITY;
    int bestSeg = -1;
    for (int i = offsets[cellIndex]; i < offsets[cellIndex + 1]; i++) {
      // float rounding of the stored centre distance is far below a metre at these scales
      if (centreDistances[i] - halfDiagonal > best + 1) {
        break;
      }
      int s = candidates[i];
      double d = segmentDistance(x, y, s, null);
      if (d < best) {
        best = d;
        bestSeg = s;
      }
    }
    return segmentDistance(x, y, bestSeg, out);
  }

  /**
   * Great-circle distance in metres from a point (projected {@code x, y}, unit vector {@code p}) to
   * the line; NaN when the line is empty.
   */
  double sphericalMetres(double x, double y, double[] p) {
    if (sx1.length == 0) {
      return Double.NaN;
    }
    int c = (int) Math.floor((x - minX) / cell);
    int r = (int) Math.floor((y - minY) / cell);
    if (c < 0 || r < 0 || c >= cols || r >= rows) {
      // outside the grid: the planar nearest segment, measured on the sphere
      double[] q = new double[2];
      nearestByTree(x, y, q);
      return arcMetres(p, nearestSegment(x, y, q));
    }
    int cellIndex = r * cols + c;
    double best = Double.POSITIVE_INFINITY;
    for (int i = offsets[cellIndex]; i < offsets[cellIndex + 1]; i++) {
      // no candidate from here on can be nearer than best on the sphere
      if ((centreDistances[i] - halfDiagonal - 1) / kMax > best) {
        break;
      }
      int s = candidates[i];
      if (segmentDistance(x, y, s, null) / kMax > best) {
        continue;
      }
      best = Math.min(best, arcMetres(p, s));
    }
    return best;
  }

  private int nearestSegment(double x, double y, double[] q) {
    double best = Double.POSITIVE_INFINITY;
    int bestSeg = 0;
    for (Object o : tree.query(new Envelope(q[0] - 1, q[0] + 1, q[1] - 1, q[1] + 1))) {
      int s = (Integer) o;
      double d = segmentDistance(x, y, s, null);
      if (d < best) {
        best = d;
        bestSeg = s;
      }
    }
    return bestSeg;
  }

  private double arcMetres(double[] p, int s) {
    int o = 9 * s;
    return Distances.arcMetres(
        p[0],
        p[1],
        p[2],
        arcs[o],
        arcs[o + 1],
        arcs[o + 2],
        arcs[o + 3],
        arcs[o + 4],
        arcs[o + 5],
        arcs[o + 6],
        arcs[o + 7],
        arcs[o + 8]);
  }

  private double nearestByTree(double x, double y, double[] out) {
    double radius = cell;
    while (true) {
      List<?> hits = tree.query(new Envelope(x - radius, x + radius, y - radius, y + radius));
      double best = Double.POSITIVE_INFINITY;
      int bestSeg = -1;
      for (Object o : hits) {
        int s = (Integer) o;
        double d = segmentDistance(x, y, s, null);
        if (d < best) {
          best = d;
          bestSeg = s;
        }
      }
      // a hit within the radius is the nearest: anything nearer would be inside the box too
      if (bestSeg >= 0 && best <= radius) {
        return segmentDistance(x, y, bestSeg, out);
      }
      radius *= 2;
    }
  }

  private double segmentDistance(double px, double py, int s, double[] out) {
    double ax = sx1[s];
    double ay = sy1[s];
    double dx = sx2[s] - ax;
    double dy = sy2[s] - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    double qx = ax + t * dx;
    double qy = ay + t * dy;
    if (out != null) {
      out[0] = qx;
      out[1] = qy;
    }
    double ex = px - qx;
    double ey = py - qy;
    return Math.sqrt(ex * ex + ey * ey);
  }

  private static final class IntList {
    int[] data = new int[1024];
    int size;

    void add(int v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }

  private static final class FloatList {
    float[] data = new float[1024];
    int size;

    void add(float v) {
      if (size == data.length) {
        data = Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    float[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
