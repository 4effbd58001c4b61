package org.trucewatch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.trucewatch.assessment.Party;
import org.trucewatch.assessment.StaticSource;
import org.trucewatch.assessment.ThermalActivityInZoneClause;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Zone;
import org.trucewatch.assessment.ZoneKind;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Region;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.Confidence;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Releasability;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.Sensor;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.scoring.Cells;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.KnownFireArea;
import org.trucewatch.scoring.Score;

/**
 * Hand-built geography and truce shared by the tests: a country of two regions (30-34° E, 47-49°
 * N), the eastern part from 33° E occupied, so the line of contact is the 33° E meridian; a truce
 * of 10 days from 2025-08-15 00:00 Kyiv time with a 15 km buffer and an exclusion box.
 */
public final class Fixtures {
  public static final GeometryFactory GF = new GeometryFactory();
  public static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  public static final Instant START = LocalDate.of(2025, 8, 15).atStartOfDay(KYIV).toInstant();

  private Fixtures() {}

  public static Geometry box(double x1, double y1, double x2, double y2) {
    return GF.toGeometry(new Envelope(x1, x2, y1, y2));
  }

  public static GeoContext geo() {
    return GeoContext.build(
        List.of(
            new Region("W", "West", box(30, 47, 32, 49)),
            new Region("E", "East", box(32, 47, 34, 49))),
        new ControlMap(LocalDate.of(2025, 8, 14), box(33, 47, 35, 49), "test-map"));
  }

  public static TruceContext truce() {
    return truce(List.of());
  }

  /** The test truce with these known fire areas. */
  public static TruceContext truce(List<KnownFireArea> knownFireAreas) {
    GeoContext geo = geo();
    TruceTerms terms =
        new TruceTerms(
            "Test truce",
            List.of(
                new Party("A", "Party A", "government_controlled"),
                new Party("B", "Party B", "occupied")),
            START,
            START.plus(java.time.Duration.ofDays(10)),
            KYIV,
            LocalTime.of(19, 30),
            geo.controlMap(),
            List.of(
                new Zone("buffer", ZoneKind.BUFFER, 15_000, geo.lineOfContact().buffer(15_000), ""),
                new Zone("box", ZoneKind.EXCLUSION, Double.NaN, box(31.0, 47.9, 31.2, 48.1), "")),
            List.of(new ThermalActivityInZoneClause("C1", List.of("buffer", "box"))),
            List.of(new StaticSource("plant", "Test plant", 48.5, 32.95, 2_000)),
            knownFireAreas,
            List.of());
    return new TruceContext(terms, geo);
  }

  public static Observation obs(double lat, double lon, Instant t, String satellite, int line) {
    return new Observation(
        lat,
        lon,
        t,
        TimePrecision.MINUTE,
        new Sensor(Instrument.VIIRS, satellite),
        Confidence.of(Confidence.Level.NOMINAL),
        330,
        5,
        0.4,
        0.4,
        'N',
        -1,
        new Provenance("f.csv", line, "hash" + line));
  }

  public static ClassifiedDetection classified(
      Observation o, GeoContext geo, boolean war, int excess) {
    return new ClassifiedDetection(
        o,
        geo.place(o.latitude(), o.longitude()),
        new Score(
            Cells.key(o.latitude(), o.longitude()),
            1,
            0.1,
            war ? 1e-6 : 0.5,
            excess,
            war,
            war,
            war ? "excess" : ""));
  }

  /** A report of {@code count} events by a source of a kind, placed on {@link #geo()}. */
  public static PlacedReport report(
      double lat,
      double lon,
      Instant t,
      String source,
      SourceKind kind,
      ReportedEvent event,
      int count,
      double uncertaintyMetres,
      int line) {
    SurveillanceReport r =
        new SurveillanceReport(
            "R" + line,
            source,
            kind,
            "",
            t,
            TimePrecision.MINUTE,
            lat,
            lon,
            uncertaintyMetres,
            event,
            count,
            "",
            Releasability.MISSION,
            new Provenance("reports.csv", line, "rhash" + line));
    return new PlacedReport(r, geo().place(lat, lon));
  }
}
