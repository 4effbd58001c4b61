package org.trucewatch.sources.terms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.trucewatch.assessment.Clause;
import org.trucewatch.assessment.Party;
import org.trucewatch.assessment.ReportedActivityInZoneClause;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.StaticSource;
import org.trucewatch.assessment.TermsExample;
import org.trucewatch.assessment.ThermalActivityInZoneClause;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.assessment.Zone;
import org.trucewatch.assessment.ZoneKind;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Region;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.scoring.KnownFireArea;
import org.trucewatch.sources.geojson.ControlMapReader;
import org.trucewatch.sources.geojson.GeoJsonInputException;

/**
 * Reads truce terms from YAML (documented in docs/truce-terms.md). Every mistake is reported with
 * the file, the line and the key: a missing or unknown key, an end before the start, a zone that is
 * not a polygon, an unknown clause type, a control map that cannot be read.
 */
public final class TermsReader {
  private static final Set<String> TOP =
      Set.of(
          "truce",
          "parties",
          "time_zone",
          "start",
          "end",
          "duration_days",
          "report_cutoff",
          "control_map",
          "zones",
          "clauses",
          "static_sources",
          KnownFireAreas.KEY,
          "examples",
          "sectors");
  private static final Set<String> PARTY = Set.of("id", "name", "holds");
  private static final Set<String> ZONE =
      Set.of("id", "kind", "width_km", "geometry", "file", "description");
  private static final Set<String> CLAUSE = Set.of("id", "type", "zones", "events", "description");
  private static final Set<String> SECTOR = Set.of("id", "name", "geometry", "file");
  private static final Set<String> SOURCE =
      Set.of("id", "name", "latitude", "longitude", "radius_m");
  private static final Set<String> EXAMPLE =
      Set.of(
          "name",
          "latitude",
          "longitude",
          "time",
          "sources",
          "war_related",
          "follows_war_day",
          "type",
          "clause",
          "expect",
          "event",
          "uncertainty_m");

  private TermsReader() {}

  /** Reads the terms and prepares them with the regions (whose union is the country outline). */
  public static TruceContext read(Path file, List<Region> regions) throws TermsException {
    return read(
        file.getFileName().toString(),
        readText(file),
        regions,
        TermsFiles.folder(file.toAbsolutePath().getParent()));
  }

  /** The text of a YAML file, or an error naming the file. */
  static String readText(Path file) throws TermsException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TermsException(file.getFileName() + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads terms given as text; the files they name (control map, zone outlines) come from {@code
   * files}.
   */
  public static TruceContext read(String name, String yaml, List<Region> regions, TermsFiles files)
      throws TermsException {
    YamlNode top = compose(name, yaml);
    Map<String, YamlNode> m = top.mapping(TOP);
    String truce = require(m, "truce", top).text();
    ZoneId zone;
    YamlNode tz = require(m, "time_zone", top);
    try {
      zone = ZoneId.of(tz.text());
    } catch (DateTimeException e) {
      throw tz.error("not a time zone (use an IANA name such as Europe/Kyiv): " + tz.text());
    }
    Instant start = instant(require(m, "start", top), zone);
    Instant end;
    if (m.containsKey("end") && m.containsKey("duration_days")) {
      throw m.get("duration_days").error("give either end or duration_days, not both");
    } else if (m.containsKey("end")) {
      end = instant(m.get("end"), zone);
    } else if (m.containsKey("duration_days")) {
      YamlNode d = m.get("duration_days");
      double days = d.number();
      if (days <= 0 || days != Math.rint(days)) {
        throw d.error("must be a whole number of days > 0, was " + d.text());
      }
      end = start.atZone(zone).plusDays((long) days).toInstant();
    } else {
      throw top.error("end (or duration_days) is missing");
    }
    if (!end.isAfter(start)) {
      YamlNode e = m.containsKey("end") ? m.get("end") : m.get("duration_days");
      throw e.error("the truce must end after it starts (start " + m.get("start").text() + ")");
    }
    LocalTime cutoff = LocalTime.of(19, 30);
    if (m.containsKey("report_cutoff")) {
      YamlNode c = m.get("report_cutoff");
      try {
        cutoff = LocalTime.parse(c.text());
      } catch (DateTimeParseException e) {
        throw c.error("must be a local time HH:MM, was " + c.text());
      }
    }
    YamlNode cm = require(m, "control_map", top);
    ControlMap map;
    try (InputStream in = files.open(cm.text(), TermsFiles.Kind.CONTROL_MAP)) {
      map = ControlMapReader.read(fileName(cm.text()), in, null);
    } catch (NoSuchFileException e) {
      throw cm.error("the control map file does not exist: " + e.getFile());
    } catch (IOException e) {
      throw cm.error("the control map cannot be read: " + e.getMessage());
    } catch (GeoJsonInputException e) {
      throw cm.error("the control map cannot be read: " + e.getMessage());
    }
    GeoContext geo;
    AreaOfInterest area;
    try {
      geo = GeoContext.build(regions, map);
      area = AreaOfInterest.of(regions);
    } catch (IllegalArgumentException e) {
      throw cm.error("the control map cannot be used: " + e.getMessage());
    }

    List<Party> parties = new ArrayList<>();
    Set<String> partyIds = new HashSet<>();
    for (YamlNode p : require(m, "parties", top).sequence()) {
      Map<String, YamlNode> pm = p.mapping(PARTY);
      YamlNode holds = require(pm, "holds", p);
      if (!Set.of("occupied", "government_controlled").contains(holds.text())) {
        throw holds.error("must be occupied or government_controlled, was " + holds.text());
      }
      parties.add(
          new Party(id(pm, p, partyIds, "party"), require(pm, "name", p).text(), holds.text()));
    }

    List<Zone> zones = new ArrayList<>();
    Set<String> zoneIds = new HashSet<>();
    for (YamlNode z : m.containsKey("zones") ? m.get("zones").sequence() : List.<YamlNode>of()) {
      zones.add(zone(z, files, geo, area, zoneIds));
    }

    List<Sector> sectors = new ArrayList<>();
    Set<String> sectorIds = new HashSet<>();
    for (YamlNode x :
        m.containsKey("sectors") ? m.get("sectors").sequence() : List.<YamlNode>of()) {
      Map<String, YamlNode> xm = x.mapping(SECTOR);
      String id = id(xm, x, sectorIds, "sector");
      if (id.equals("none")) {
        throw xm.get("id").error("none names what lies in no sector; give the sector another id");
      }
      YamlNode sectorName = require(xm, "name", x);
      if (sectorName.text().isBlank() || sectorName.text().length() > Sector.MAX_NAME_LENGTH) {
        throw sectorName.error(
            "must have 1 to "
                + Sector.MAX_NAME_LENGTH
                + " characters, had "
                + sectorName.text().strip().length());
      }
      sectors.add(new Sector(id, sectorName.text(), polygons(xm, x, files, area, "a sector")));
    }

    List<Clause> clauses = new ArrayList<>();
    Set<String> clauseIds = new HashSet<>();
    for (YamlNode c : require(m, "clauses", top).sequence()) {
      Map<String, YamlNode> cmap = c.mapping(CLAUSE);
      String id = id(cmap, c, clauseIds, "clause");
      YamlNode type = require(cmap, "type", c);
      boolean reported = type.text().equals(ReportedActivityInZoneClause.TYPE);
      if (!reported && !type.text().equals(ThermalActivityInZoneClause.TYPE)) {
        throw type.error(
            "unknown clause type "
                + type.text()
                + "; known: "
                + ThermalActivityInZoneClause.TYPE
                + ", "
                + ReportedActivityInZoneClause.TYPE);
      }
      List<String> zs = new ArrayList<>();
      for (YamlNode zref : require(cmap, "zones", c).sequence()) {
        if (!zoneIds.contains(zref.text())) {
          throw zref.error("no zone with id " + zref.text());
        }
        zs.add(zref.text());
      }
      if (zs.isEmpty()) {
        throw cmap.get("zones").error("a clause needs at least one zone");
      }
      if (!reported) {
        if (cmap.containsKey("events")) {
          throw cmap.get("events")
              .error(
                  "only a clause of type " + ReportedActivityInZoneClause.TYPE + " lists events");
        }
        clauses.add(new ThermalActivityInZoneClause(id, zs, description(cmap)));
        continue;
      }
      Set<ReportedEvent> events = EnumSet.noneOf(ReportedEvent.class);
      for (YamlNode ev : require(cmap, "events", c).sequence()) {
        events.add(event(ev));
      }
      if (events.isEmpty()) {
        throw cmap.get("events").error("a clause of reported activity needs at least one event");
      }
      clauses.add(new ReportedActivityInZoneClause(id, zs, events, description(cmap)));
    }

    // static sources and known fire areas are one layer of the map: their ids are shared
    Set<String> backgroundIds = new HashSet<>();
    List<StaticSource> sources = new ArrayList<>();
    for (YamlNode s :
        m.containsKey("static_sources")
            ? m.get("static_sources").sequence()
            : List.<YamlNode>of()) {
      Map<String, YamlNode> sm = s.mapping(SOURCE);
      double lat = require(sm, "latitude", s).number();
      double lon = require(sm, "longitude", s).number();
      if (lat < -90 || lat > 90) {
        throw sm.get("latitude").error("must be within -90..90, was " + lat);
      }
      if (lon < -180 || lon > 180) {
        throw sm.get("longitude").error("must be within -180..180, was " + lon);
      }
      requireInArea(s, area, lat, lon);
      double radius = require(sm, "radius_m", s).number();
      if (radius <= 0) {
        throw sm.get("radius_m").error("must be > 0, was " + radius);
      }
      sources.add(
          new StaticSource(
              id(sm, s, backgroundIds, KnownFireAreas.BACKGROUND_AREA),
              require(sm, "name", s).text(),
              lat,
              lon,
              radius));
    }

    List<KnownFireArea> knownFireAreas =
        m.containsKey(KnownFireAreas.KEY)
            ? KnownFireAreas.parse(m.get(KnownFireAreas.KEY), backgroundIds, area)
            : List.of();

    List<TermsExample> examples = new ArrayList<>();
    for (YamlNode e :
        m.containsKey("examples") ? m.get("examples").sequence() : List.<YamlNode>of()) {
      Map<String, YamlNode> em = e.mapping(EXAMPLE);
      List<String> srcs = new ArrayList<>();
      for (YamlNode s : require(em, "sources", e).sequence()) {
        srcs.add(s.text());
      }
      YamlNode clause = require(em, "clause", e);
      if (!clauseIds.contains(clause.text())) {
        throw clause.error("no clause with id " + clause.text());
      }
      YamlNode expect = require(em, "expect", e);
      Verdict v;
      try {
        v = Verdict.ofKey(expect.text());
      } catch (IllegalArgumentException ex) {
        throw expect.error("not a verdict: " + expect.text());
      }
      boolean war = em.containsKey("war_related") && em.get("war_related").bool();
      java.time.LocalDate follows = null;
      if (em.containsKey("follows_war_day")) {
        YamlNode f = em.get("follows_war_day");
        if (!war) {
          throw f.error("needs war_related: true (a follow-up is war-related)");
        }
        follows = KnownFireAreas.date(f);
      }
      double lat = require(em, "latitude", e).number();
      double lon = require(em, "longitude", e).number();
      requireInArea(e, area, lat, lon);
      boolean withReports = srcs.stream().anyMatch(TermsExample::isReportSource);
      ReportedEvent event = null;
      double uncertainty = 0;
      if (withReports) {
        event = event(require(em, "event", e));
        if (em.containsKey("uncertainty_m")) {
          YamlNode u = em.get("uncertainty_m");
          uncertainty = u.number();
          if (!(uncertainty >= 0 && uncertainty <= SurveillanceReport.MAX_UNCERTAINTY_METRES)) {
            throw u.error(
                "must be within 0.."
                    + (int) SurveillanceReport.MAX_UNCERTAINTY_METRES
                    + " metres, was "
                    + u.text());
          }
        }
      } else {
        for (String key : List.of("event", "uncertainty_m")) {
          if (em.containsKey(key)) {
            throw em.get(key)
                .error(
                    key
                        + " is for an example with a report source (kind:id, such as"
                        + " camera:CAM-07)");
          }
        }
      }
      examples.add(
          new TermsExample(
              require(em, "name", e).text(),
              e.line(),
              lat,
              lon,
              instant(require(em, "time", e), zone),
              srcs,
              war,
              follows,
              em.containsKey("type") ? (int) em.get("type").number() : -1,
              clause.text(),
              v,
              event,
              uncertainty));
    }
    try {
      TruceTerms terms =
          new TruceTerms(
              truce,
              parties,
              start,
              end,
              zone,
              cutoff,
              map,
              zones,
              clauses,
              sources,
              knownFireAreas,
              examples,
              sectors);
      return new TruceContext(terms, geo);
    } catch (IllegalArgumentException e) {
      throw top.error(e.getMessage());
    }
  }

  /** Parses YAML text into its top node; syntax errors name the file and line. */
  static YamlNode compose(String name, String yaml) throws TermsException {
    Node root;
    try {
      root =
          new Compose(LoadSettings.builder().setLabel(name).build())
              .composeString(yaml)
              .orElseThrow(() -> new TermsException(name + ":1: the file is empty"));
    } catch (MarkedYamlEngineException e) {
      int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
      throw new TermsException(name + ":" + line + ": not valid YAML: " + e.getProblem(), e);
    } catch (YamlEngineException e) {
      throw new TermsException(name + ": not valid YAML: " + e.getMessage(), e);
    }
    return new YamlNode(name, "", root);
  }

  /** The last segment of a name written in the terms (a path relative to the terms). */
  private static String fileName(String written) {
    String n = written.replace('\\', '/');
    return n.substring(n.lastIndexOf('/') + 1);
  }

  /** A zone's or clause's {@code description}, or empty when it has none. */
  private static String description(Map<String, YamlNode> m) throws TermsException {
    return m.containsKey("description") ? m.get("description").text() : "";
  }

  private static Zone zone(
      YamlNode z, TermsFiles files, GeoContext geo, AreaOfInterest area, Set<String> zoneIds)
      throws TermsException {
    Map<String, YamlNode> zm = z.mapping(ZONE);
    String id = id(zm, z, zoneIds, "zone");
    YamlNode kindNode = require(zm, "kind", z);
    ZoneKind kind;
    try {
      kind = ZoneKind.valueOf(kindNode.text().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw kindNode.error("must be buffer, withdrawal or exclusion, was " + kindNode.text());
    }
    String description = description(zm);
    if (kind == ZoneKind.BUFFER) {
      YamlNode w = require(zm, "width_km", z);
      double km = w.number();
      if (km <= 0) {
        throw w.error("must be > 0, was " + w.text());
      }
      if (zm.containsKey("geometry") || zm.containsKey("file")) {
        throw z.error("a buffer zone is derived from the line; give width_km only");
      }
      return new Zone(id, kind, km * 1000, geo.lineOfContact().buffer(km * 1000), description);
    }
    if (!zm.containsKey("geometry") && !zm.containsKey("file")) {
      throw z.error("a " + kindNode.text() + " zone needs geometry or file");
    }
    Geometry g = polygons(zm, z, files, area, "a zone");
    return new Zone(id, kind, Double.NaN, g, description);
  }

  /**
   * The polygons of a zone or sector: its {@code geometry} (GeoJSON Polygon or MultiPolygon) or the
   * polygons of its {@code file}, which must meet the area of interest.
   *
   * @param what {@code a zone} or {@code a sector}, for messages
   */
  private static Geometry polygons(
      Map<String, YamlNode> zm, YamlNode z, TermsFiles files, AreaOfInterest area, String what)
      throws TermsException {
    Geometry g;
    if (zm.containsKey("geometry")) {
      YamlNode gn = zm.get("geometry");
      try {
        String json = new ObjectMapper().writeValueAsString(gn.plain());
        g = new GeoJsonReader(new GeometryFactory()).read(json);
      } catch (Exception e) {
        throw gn.error("not a GeoJSON geometry: " + e.getMessage());
      }
      if (!(g instanceof org.locationtech.jts.geom.Polygonal)) {
        throw gn.error("must be a Polygon or MultiPolygon, was " + g.getGeometryType());
      }
      if (g.isEmpty()) {
        throw gn.error("the polygon encloses no area (it has no coordinates)");
      }
      if (!g.isValid()) {
        throw gn.error("the polygon is not valid (it crosses itself or is not closed)");
      }
    } else if (zm.containsKey("file")) {
      YamlNode fn = zm.get("file");
      try (InputStream in = files.open(fn.text(), TermsFiles.Kind.ZONE)) {
        g = ControlMapReader.read(fileName(fn.text()), in, java.time.LocalDate.EPOCH).occupied();
      } catch (NoSuchFileException e) {
        throw fn.error(
            "the "
                + what.substring(what.indexOf(' ') + 1)
                + " file does not exist: "
                + e.getFile());
      } catch (IOException | GeoJsonInputException e) {
        throw fn.error("cannot be read as polygons: " + e.getMessage());
      }
    } else {
      throw z.error(what + " needs geometry or file");
    }
    requireMeetsArea(
        zm.containsKey("geometry") ? zm.get("geometry") : zm.get("file"),
        area,
        g.getEnvelopeInternal(),
        "GeoJSON gives longitude first");
    return g;
  }

  /**
   * An error on {@code at} unless the position lies in the area of interest: beyond it no detection
   * is assessed, so a static source or an example there is a mistake, most often latitude and
   * longitude swapped, which the error then names.
   */
  static void requireInArea(YamlNode at, AreaOfInterest area, double lat, double lon)
      throws TermsException {
    if (!area.contains(lat, lon)) {
      throw at.error(
          String.format(
              java.util.Locale.ROOT,
              "latitude %s, longitude %s lies outside the area of interest (%s), where no detection"
                  + " is assessed%s",
              lat,
              lon,
              area,
              area.contains(lon, lat)
                  ? "; with latitude and longitude swapped it would lie in it"
                  : ""));
    }
  }

  /**
   * An error on {@code at} unless the box meets the area of interest: a zone or known fire area
   * wholly beyond it can never hold an assessed detection. When the box with its two axes swapped
   * would meet the area, the error says so, with {@code order} (how the coordinates are written).
   */
  static void requireMeetsArea(YamlNode at, AreaOfInterest area, Envelope box, String order)
      throws TermsException {
    Envelope within = area.box();
    if (!within.intersects(box)) {
      Envelope swapped = new Envelope(box.getMinY(), box.getMaxY(), box.getMinX(), box.getMaxX());
      throw at.error(
          String.format(
              java.util.Locale.ROOT,
              "lies wholly outside the area of interest (%s), where no detection is assessed%s",
              area,
              within.intersects(swapped)
                  ? "; with latitude and longitude swapped it would meet it: " + order
                  : ""));
    }
  }

  private static Instant instant(YamlNode n, ZoneId zone) throws TermsException {
    String v = n.text();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      LocalDateTime local;
      try {
        local = LocalDateTime.parse(v);
      } catch (DateTimeParseException e2) {
        throw n.error("must be a local date-time YYYY-MM-DDTHH:MM (or with an offset), was " + v);
      }
      // a time the clocks skip or pass twice would otherwise be moved or chosen silently
      List<java.time.ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
      if (offsets.isEmpty()) {
        throw n.error(
            v
                + " does not exist in "
                + zone
                + ": the clocks go forward that night; give a time that exists, or an offset");
      }
      if (offsets.size() > 1) {
        throw n.error(
            v
                + " happens twice in "
                + zone
                + ": the clocks go back that night; give the offset, "
                + v
                + offsets.get(0)
                + " for the first or "
                + v
                + offsets.get(1)
                + " for the second");
      }
      return local.atZone(zone).toInstant();
    }
  }

  /**
   * The longest id of anything the terms name (party, zone, clause, static source, known fire
   * area): ids are written into stored rows and rules, whose columns are sized for it.
   */
  public static final int MAX_ID_LENGTH = KnownFireArea.MAX_ID_LENGTH;

  /**
   * The required {@code id} of an entry: not blank, at most {@link #MAX_ID_LENGTH} characters, and
   * not yet in {@code taken} (to which it is added; {@code what} names the entries in the error).
   */
  static String id(Map<String, YamlNode> m, YamlNode parent, Set<String> taken, String what)
      throws TermsException {
    YamlNode id = require(m, "id", parent);
    String text = id.text();
    if (text.isBlank()) {
      throw id.error("must not be empty");
    }
    if (text.length() > MAX_ID_LENGTH) {
      throw id.error(
          "must have at most " + MAX_ID_LENGTH + " characters, had " + text.length() + ": " + text);
    }
    if (!taken.add(text)) {
      throw id.error("another " + what + " has the id " + text);
    }
    return text;
  }

  static YamlNode require(Map<String, YamlNode> m, String key, YamlNode parent)
      throws TermsException {
    YamlNode n = m.get(key);
    if (n == null) {
      throw parent.missing(key);
    }
    return n;
  }

  private static ReportedEvent event(YamlNode node) throws TermsException {
    ReportedEvent e = ReportedEvent.ofKey(node.text());
    if (e == null) {
      throw node.error(
          "unknown event "
              + node.text()
              + "; known: explosion, projectile, gunfire, flare, fire, weapons, other");
    }
    return e;
  }
}
