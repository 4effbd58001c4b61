package org.trucewatch.geo;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * Where a mission looks: the box around the regions (Ukraine's oblasts) widened by {@link
 * #MARGIN_DEGREES} on every side, so that what happens across the border stays in view. FIRMS
 * publishes its daily files for the whole world; detections beyond this box are counted where they
 * are read and go no further (not stored, not assessed, not drawn).
 */
public final class AreaOfInterest {
  /** How far beyond the regions' box the area reaches, in degrees. */
  public static final double MARGIN_DEGREES = 1.0;

  private final Envelope box;

  private AreaOfInterest(Envelope box) {
    this.box = box;
  }

  /** The regions' box widened by the margin, clipped to valid longitudes and latitudes. */
  public static AreaOfInterest of(List<Region> regions) {
    Envelope all = new Envelope();
    regions.forEach(r -> all.expandToInclude(r.geometry().getEnvelopeInternal()));
    if (all.isNull()) {
      throw new IllegalArgumentException("no regions: the area of interest would be empty");
    }
    all.expandBy(MARGIN_DEGREES);
    return new AreaOfInterest(
        new Envelope(
            Math.max(-180, all.getMinX()),
            Math.min(180, all.getMaxX()),
            Math.max(-90, all.getMinY()),
            Math.min(90, all.getMaxY())));
  }

  /** Whether a position (degrees) lies in the area; its edges belong to it. */
  public boolean contains(double latitude, double longitude) {
    return box.covers(longitude, latitude);
  }

  /** The area as a box in longitude and latitude (a copy). */
  public Envelope box() {
    return new Envelope(box);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "longitude %.2f to %.2f, latitude %.2f to %.2f",
        box.getMinX(),
        box.getMaxX(),
        box.getMinY(),
        box.getMaxY());
  }
}
