package org.trucewatch.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.locationtech.jts.util.GeometricShapeFactory;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.StaticSource;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.assessment.Zone;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.geo.Region;
import org.trucewatch.geo.Side;
import org.trucewatch.reports.Verdicts;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.KnownFireArea;

/**
 * The web map's fixed layers and day list as one JSON document, made with each assessment: the line
 * of contact, the zones (simplified for the screen to about 100 m, as the report's map), the
 * background areas of the terms (static sources as circles of their radius, known fire areas as
 * their boxes), the report days with their totals, and the verdict colours. The oblasts, which do
 * not change with an assessment, are drawn on their own ({@link #oblasts}).
 */
final class MapLayers {
  /** Simplification tolerance in degrees for drawing (about 100 m); the line is not simplified. */
  static final double SCREEN_TOLERANCE = 0.001;

  /** Metres per degree of latitude, and of longitude at the equator, for drawing circles. */
  private static final double METRES_PER_DEGREE = 111_320;

  private static final GeometryFactory LON_LAT = new GeometryFactory();

  private MapLayers() {}

  /**
   * The map's document: the truce, its days (with how many versions of each day's figures were
   * stated, of {@code revisions}, and when the newest was) and fixed layers, as {@code extent} the
   * area of interest that ingest keeps, which is all the map asks the API for, and as {@code
   * newest_detections} the newest of {@code detections} of each satellite source, newest first.
   */
  static String render(
      TruceContext truce,
      PeriodReport report,
      AreaOfInterest area,
      Map<LocalDate, List<DayRevision>> revisions,
      List<ClassifiedDetection> detections) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    // how current the assessment is: found here, in one pass over what it holds already, so that
    // the map and /metrics read it rather than query every stored detection each time
    Map<String, Instant> newest = new HashMap<>();
    for (ClassifiedDetection d : detections) {
      newest.merge(
          d.observation().sensor().key(), d.observation().time(), (x, y) -> x.isAfter(y) ? x : y);
    }
    ArrayNode nd = root.putArray("newest_detections");
    newest.entrySet().stream()
        .sorted(
            Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            e -> nd.addObject().put("source", e.getKey()).put("acquired", e.getValue().toString()));
    TruceTerms t = truce.terms();
    ObjectNode tn = root.putObject("truce");
    tn.put("name", t.name());
    tn.put("start", t.start().toString());
    tn.put("end", t.end().toString());
    tn.put("time_zone", t.timeZone().getId());
    tn.put("sectors", t.sectors().size());
    // whose ground each side is, in the terms' neutral words, as the daily reports say it
    ObjectNode grounds = tn.putObject("grounds");
    for (Side s : Side.values()) {
      grounds.put(s.key(), truce.groundOf(s));
    }
    root.put("method_version", report.methodVersion());
    // what the map loads of a day: the area of interest (the country and a margin for what happens
    // across the border), not every detection that a store made before it may hold
    Envelope extent = area.box();
    root.putArray("extent")
        .add(extent.getMinX())
        .add(extent.getMinY())
        .add(extent.getMaxX())
        .add(extent.getMaxY());

    ObjectNode line = collection(root.putObject("line_of_contact"));
    ObjectNode lp = feature(line, truce.geo().lineOfContact().lonLat());
    lp.put("name", "line of contact at the start of the truce");
    lp.put("length_km", Math.round(truce.geo().lineOfContact().lengthKm()));
    lp.put("control_map_date", String.valueOf(t.controlMap().date()));
    ObjectNode zones = collection(root.putObject("zones"));
    for (Zone z : t.zones()) {
      ObjectNode p = feature(zones, simplify(z.area()));
      p.put("id", z.id());
      p.put("kind", z.kind().name().toLowerCase(java.util.Locale.ROOT));
      p.put("description", z.description());
    }
    ObjectNode sectors = collection(root.putObject("sectors"));
    for (Sector x : t.sectors()) {
      ObjectNode p = feature(sectors, simplify(x.area()));
      p.put("id", x.id());
      p.put("name", x.name());
    }
    ObjectNode background = collection(root.putObject("background_areas"));
    for (StaticSource src : t.staticSources()) {
      ObjectNode p = feature(background, circle(src));
      p.put("id", src.id());
      p.put("kind", "static_source");
      p.put("name", src.name());
      p.put("radius_m", src.radiusMetres());
    }
    for (KnownFireArea a : t.knownFireAreas()) {
      ObjectNode p =
          feature(
              background,
              LON_LAT.toGeometry(new Envelope(a.minLon(), a.maxLon(), a.minLat(), a.maxLat())));
      p.put("id", a.id());
      p.put("kind", "known_fire_area");
      p.put("reason", a.reason());
      p.put("from", a.from().toString());
      p.put("to", a.to() == null ? null : a.to().toString());
    }

    ArrayNode days = root.putArray("days");
    for (PeriodReport.Day d : report.days()) {
      ObjectNode dn = days.addObject();
      dn.put("date", d.date().toString());
      dn.put("phase", d.phase().key());
      dn.put("status", d.coverage().status());
      dn.put("from", d.from().toString());
      dn.put("to", d.to().toString());
      dn.put("detections", d.counts().detections());
      dn.put("war_related", d.counts().warRelated());
      dn.put("incidents", d.counts().incidents());
      dn.put("reports", d.reported().stream().mapToInt(PeriodReport.Reported::reports).sum());
      dn.put("sources_watching", d.watched().stream().filter(w -> w.minutesWatching() > 0).count());
      dn.put("sources_offline", d.watched().stream().filter(w -> !w.offline().isEmpty()).count());
      ObjectNode fs = dn.putObject("findings");
      d.counts().findings().forEach(fs::put);
      List<DayRevision> versions = revisions.getOrDefault(d.date(), List.of());
      dn.put("versions", versions.size());
      if (versions.isEmpty()) {
        dn.putNull("last_stated");
      } else {
        dn.put("last_stated", versions.get(versions.size() - 1).stated().toString());
      }
    }
    ObjectNode colours = root.putObject("verdict_colours");
    for (Verdict v : Verdict.values()) {
      colours.put(v.key(), Verdicts.COLOUR.get(v));
    }
    try {
      return m.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("map layers could not be written", e);
    }
  }

  /**
   * The oblasts as a FeatureCollection for drawing (simplified to about 100 m), with their codes
   * and names: the same with or without an assessment.
   */
  static String oblasts(List<Region> regions) {
    ObjectNode oblasts = collection(new ObjectMapper().createObjectNode());
    for (Region r : regions) {
      ObjectNode p = feature(oblasts, simplify(r.geometry()));
      p.put("code", r.code());
      p.put("name", r.name());
    }
    return oblasts.toString();
  }

  private static ObjectNode collection(ObjectNode n) {
    n.put("type", "FeatureCollection");
    n.putArray("features");
    return n;
  }

  private static ObjectNode feature(ObjectNode collection, Geometry g) {
    ObjectNode f = ((ArrayNode) collection.get("features")).addObject();
    f.put("type", "Feature");
    GeoJsonWriter w = new GeoJsonWriter(6);
    w.setEncodeCRS(false);
    try {
      f.set("geometry", new ObjectMapper().readTree(w.write(g)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("geometry could not be written", e);
    }
    return f.putObject("properties");
  }

  /** A static source's circle, as a 32-sided polygon in longitude and latitude. */
  private static Geometry circle(StaticSource src) {
    GeometricShapeFactory f = new GeometricShapeFactory(LON_LAT);
    f.setNumPoints(32);
    f.setCentre(new Coordinate(src.longitude(), src.latitude()));
    double dLat = 2 * src.radiusMetres() / METRES_PER_DEGREE;
    f.setHeight(dLat);
    f.setWidth(dLat / Math.cos(Math.toRadians(src.latitude())));
    return f.createEllipse();
  }

  private static Geometry simplify(Geometry g) {
    return TopologyPreservingSimplifier.simplify(g, SCREEN_TOLERANCE);
  }
}
