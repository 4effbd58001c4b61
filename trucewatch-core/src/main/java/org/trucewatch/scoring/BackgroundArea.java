package org.trucewatch.scoring;

import java.util.BitSet;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.trucewatch.geo.Region;

/**
 * Where the background is known: the 0.1° cells that meet one of the regions (the country whose
 * history the background was learnt from). A cell further out has no history, so no expectation to
 * compare with; its detections are not scored (method tw-fire-3).
 */
public final class BackgroundArea {
  private final int minLon;
  private final int minLat;
  private final int width;
  private final BitSet cells;

  private BackgroundArea(int minLon, int minLat, int width, BitSet cells) {
    this.minLon = minLon;
    this.minLat = minLat;
    this.width = width;
    this.cells = cells;
  }

  /** The cells that meet at least one region. */
  public static BackgroundArea of(List<Region> regions) {
    Envelope all = new Envelope();
    regions.forEach(r -> all.expandToInclude(r.geometry().getEnvelopeInternal()));
    if (all.isNull()) {
      return new BackgroundArea(0, 0, 1, new BitSet());
    }
    int x0 = (int) Math.round(all.getMinX() * 10) - 1;
    int y0 = (int) Math.round(all.getMinY() * 10) - 1;
    int x1 = (int) Math.round(all.getMaxX() * 10) + 1;
    int y1 = (int) Math.round(all.getMaxY() * 10) + 1;
    int w = x1 - x0 + 1;
    BitSet in = new BitSet();
    GeometryFactory gf = new GeometryFactory();
    for (Region r : regions) {
      PreparedGeometry p = PreparedGeometryFactory.prepare(r.geometry());
      Envelope e = r.geometry().getEnvelopeInternal();
      for (int x = (int) Math.round(e.getMinX() * 10); x <= Math.round(e.getMaxX() * 10); x++) {
        for (int y = (int) Math.round(e.getMinY() * 10); y <= Math.round(e.getMaxY() * 10); y++) {
          int bit = (y - y0) * w + (x - x0);
          if (in.get(bit)) {
            continue;
          }
          Geometry box =
              gf.toGeometry(
                  new Envelope((x - 0.5) / 10, (x + 0.5) / 10, (y - 0.5) / 10, (y + 0.5) / 10));
          if (p.intersects(box)) {
            in.set(bit);
          }
        }
      }
    }
    return new BackgroundArea(x0, y0, w, in);
  }

  /** Whether the cell (a {@link Cells} key) meets a region. */
  public boolean contains(int cellKey) {
    int x = Cells.tenthLon(cellKey) - minLon;
    int y = Cells.tenthLat(cellKey) - minLat;
    return x >= 0 && x < width && y >= 0 && cells.get(y * width + x);
  }
}
