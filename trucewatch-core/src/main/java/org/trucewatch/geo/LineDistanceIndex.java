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
 * Nearest point on a set of line segments, in projected metres, built once and then read by many
 * threads. A regular grid stores for each cell the segments that can be nearest to any point of the
 * cell: those within {@code d + 2h} of the cell centre, where {@code d} is the centre's distance to
 * the line and {@code h} half the cell diagonal (if a point is within {@code h} of the centre, its
 * nearest segment is within {@code d + 2h} of the centre). Candidates are sorted by their distance
 * to the centre, so a query stops as soon as no further candidate can be nearer. Points outside the
 * grid fall back to an R-tree search. Exact: the answer is the same as a scan of all segments.
 */
final class LineDistanceIndex {
  private final double[] sx1;
  private final double[] sy1;
  private final double[] sx2;
  private final double[] sy2;
  private static final int BLOCK = 8;
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

  LineDistanceIndex(MultiLineString line, Envelope extent, double cellSize) {
    List<double[]> segs = new ArrayList<>();
    for (int g = 0; g < line.getNumGeometries(); g++) {
      Coordinate[] cs = ((LineString) line.getGeometryN(g)).getCoordinates();
      for (int i = 1; i < cs.length; i++) {
        if (!cs[i - 1].equals2D(cs[i])) {
          segs.add(new double[] {cs[i - 1].x, cs[i - 1].y, cs[i].x, cs[i].y});
        }
      }
    }
    int n = segs.size();
    sx1 = new double[n];
    sy1 = new double[n];
    sx2 = new double[n];
    sy2 = new double[n];
    for (int i = 0; i < n; i++) {
      double[] s = segs.get(i);
      sx1[i] = s[0];
      sy1[i] = s[1];
      sx2[i] = s[2];
      sy2[i] = s[3];
      tree.insert(new Envelope(s[0], s[2], s[1], s[3]), i);
    }
    tree.build();
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
    // can need (within D + 2H + 2h of the block centre, D being the block centre's distance to the
    // line and H half the block diagonal); each cell then filters that short list.
    int blocksX = (cols + BLOCK - 1) / BLOCK;
    int blocksY = (rows + BLOCK - 1) / BLOCK;
    int[][] cellLists = new int[cols * rows][];
    float[][] cellDists = new float[cols * rows][];
    double blockHalfDiagonal = halfDiagonal * BLOCK;
    for (int by = 0; by < blocksY; by++) {
      for (int bx = 0; bx < blocksX; bx++) {
        double bcx = minX + (bx * BLOCK + BLOCK / 2.0) * cell;
        double bcy = minY + (by * BLOCK + BLOCK / 2.0) * cell;
        double d = nearestByTree(bcx, bcy, null);
        double radius = d + 2 * blockHalfDiagonal + 2 * halfDiagonal + 1;
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
            double cellRadius = nearest + 2 * halfDiagonal + 1;
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
    int from = offsets[cellIndex];
    int to = offsets[cellIndex + 1];
    double best = Double.POSITIVE_INFINITY;
    int bestSeg = -1;
    for (int i = from; i < to; i++) {
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
