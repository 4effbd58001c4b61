package org.trucewatch.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.trucewatch.geo.Distances;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Placement;
import org.trucewatch.geo.Side;
import org.trucewatch.incident.Incident;
import org.trucewatch.scoring.BackgroundArea;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.KnownFireArea;

/**
 * The terms together with the geography of their control map, prepared for many lookups: which
 * zones a point is in, which static source it is near, and how to name whose ground it is.
 */
public final class TruceContext {
  private final TruceTerms terms;
  private final GeoContext geo;
  private final Map<String, Zone> zones = new TreeMap<>();
  private final Map<String, PreparedGeometry> prepared = new TreeMap<>();
  private final List<PreparedGeometry> sectors = new ArrayList<>();
  // built on first use (some 50 ms), then shared by every run under these terms
  private BackgroundArea backgroundArea;

  public TruceContext(TruceTerms terms, GeoContext geo) {
    this.terms = Objects.requireNonNull(terms, "terms");
    this.geo = Objects.requireNonNull(geo, "geo");
    for (Zone z : terms.zones()) {
      zones.put(z.id(), z);
      prepared.put(z.id(), PreparedGeometryFactory.prepare(z.area()));
    }
    for (Sector s : terms.sectors()) {
      sectors.add(PreparedGeometryFactory.prepare(s.area()));
    }
  }

  public TruceTerms terms() {
    return terms;
  }

  public GeoContext geo() {
    return geo;
  }

  /** Where the background is known: the cells that meet the regions of the terms' geography. */
  public synchronized BackgroundArea backgroundArea() {
    if (backgroundArea == null) {
      backgroundArea = BackgroundArea.of(geo.regions());
    }
    return backgroundArea;
  }

  public Zone zone(String id) {
    return zones.get(id);
  }

  /** Whether a point with its placement is inside a zone. */
  public boolean inZone(String zoneId, double latitude, double longitude, Placement placement) {
    Zone z = zones.get(zoneId);
    if (z == null) {
      return false;
    }
    if (z.kind() == ZoneKind.BUFFER) {
      double d = placement.distanceToLineMetres();
      return !Double.isNaN(d) && Math.abs(d) <= z.widthMetres();
    }
    Geometry p = z.area().getFactory().createPoint(new Coordinate(longitude, latitude));
    return prepared.get(zoneId).covers(p);
  }

  /**
   * How far a point lies outside a zone, in metres: 0 inside it; for a buffer, how far beyond its
   * width from the line; for an area, the distance to its nearest edge. Infinite for an unknown
   * zone or a buffer when the point has no distance to the line.
   */
  public double metresOutsideZone(
      String zoneId, double latitude, double longitude, Placement placement) {
    Zone z = zones.get(zoneId);
    if (z == null) {
      return Double.POSITIVE_INFINITY;
    }
    if (inZone(zoneId, latitude, longitude, placement)) {
      return 0;
    }
    if (z.kind() == ZoneKind.BUFFER) {
      double d = placement.distanceToLineMetres();
      return Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.abs(d) - z.widthMetres();
    }
    // the nearest edge point in a plane where a degree of longitude is as long as at the point
    double k = Math.cos(Math.toRadians(latitude));
    Geometry local = z.area().copy();
    local.apply(
        (CoordinateFilter)
            c -> {
              c.x = (c.x - longitude) * k;
              c.y = c.y - latitude;
            });
    local.geometryChanged();
    Geometry origin = local.getFactory().createPoint(new Coordinate(0, 0));
    Coordinate nearest = DistanceOp.nearestPoints(local, origin)[0];
    return Distances.haversineMetres(
        longitude, latitude, longitude + nearest.x / k, latitude + nearest.y);
  }

  /**
   * The monitoring sector of a point: the first of the terms' sectors that covers it, or empty
   * outside them all (and always without sectors).
   */
  public Optional<Sector> sectorAt(double latitude, double longitude) {
    for (int i = 0; i < sectors.size(); i++) {
      Sector s = terms.sectors().get(i);
      if (sectors
          .get(i)
          .covers(s.area().getFactory().createPoint(new Coordinate(longitude, latitude)))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The ids of all zones that contain the point. */
  public List<String> zonesAt(double latitude, double longitude, Placement placement) {
    List<String> out = new ArrayList<>();
    for (String id : zones.keySet()) {
      if (inZone(id, latitude, longitude, placement)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * The known fire area that left out every detection of the incident, if one did (all of them in
   * the same area).
   */
  public Optional<KnownFireArea> knownFireAreaOf(Incident incident) {
    String rule = null;
    for (ClassifiedDetection d : incident.detections()) {
      String r = d.score().rule();
      if (!r.startsWith("known-fire-area:") || (rule != null && !rule.equals(r))) {
        return Optional.empty();
      }
      rule = r;
    }
    for (KnownFireArea a : terms.knownFireAreas()) {
      if (a.rule().equals(rule)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The nearest static source whose radius contains the point, if any. */
  public Optional<StaticSource> staticSourceAt(double latitude, double longitude) {
    StaticSource best = null;
    double bestD = Double.POSITIVE_INFINITY;
    for (StaticSource s : terms.staticSources()) {
      double d = Distances.haversineMetres(longitude, latitude, s.longitude(), s.latitude());
      if (d <= s.radiusMetres() && d < bestD) {
        best = s;
        bestD = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Neutral words for whose ground a side is: "ground held by the Government of Ukraine". */
  public String groundOf(Side side) {
    for (Party p : terms.parties()) {
      if (p.holds().equals(side.key())) {
        return "ground held by " + p.name();
      }
    }
    return switch (side) {
      case OUTSIDE_UKRAINE -> "ground outside Ukraine";
      case UNKNOWN -> "ground whose control is not known";
      default -> side.key().replace('_', ' ') + " ground";
    };
  }
}
