package org.trucewatch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.trucewatch.assessment.Party;
import org.trucewatch.assessment.ReportedActivityInZoneClause;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.StaticSource;
import org.trucewatch.assessment.ThermalActivityInZoneClause;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Zone;
import org.trucewatch.assessment.ZoneKind;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.scoring.KnownFireArea;

/** method.html from terms with every kind of entry the terms may hold, whatever the demo's are. */
class MethodHtmlTest {
  private static final GeometryFactory GF = new GeometryFactory();

  private static Polygon box(double minLon, double minLat, double maxLon, double maxLat) {
    return (Polygon) GF.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
  }

  private static TruceTerms terms() {
    return new TruceTerms(
        "Truce of <Kherson> & Zaporizhzhia",
        List.of(
            new Party("UA", "the Government of Ukraine", "government_controlled"),
            new Party("RU", "the Russian Federation's armed forces", "occupied")),
        Instant.parse("2025-08-14T21:00:00Z"),
        Instant.parse("2025-09-13T21:00:00Z"),
        ZoneId.of("Europe/Kyiv"),
        LocalTime.of(19, 30),
        new ControlMap(LocalDate.of(2025, 8, 14), box(35, 47, 36, 48), "control.geojson"),
        List.of(
            new Zone("buffer-5km", ZoneKind.BUFFER, 5_000, box(34, 46, 37, 49), "5 km band"),
            new Zone("heavy", ZoneKind.WITHDRAWAL, Double.NaN, box(33, 46, 34, 47), "")),
        List.of(
            new ThermalActivityInZoneClause("C1", List.of("buffer-5km"), "no fire in the band"),
            new ReportedActivityInZoneClause(
                "C2",
                List.of("buffer-5km", "heavy"),
                EnumSet.of(ReportedEvent.WEAPONS, ReportedEvent.EXPLOSION),
                "no weapons in the withdrawal zone")),
        List.of(new StaticSource("plant", "A plant", 47.5, 35.25, 1_200)),
        List.of(
            new KnownFireArea(
                "reeds",
                "reed burning <listed by the mission>",
                33.1,
                46.2,
                33.4,
                46.5,
                LocalDate.of(2025, 8, 1),
                null),
            new KnownFireArea(
                "field",
                "stubble",
                34.1,
                46.1,
                34.2,
                46.2,
                LocalDate.of(2025, 8, 20),
                LocalDate.of(2025, 8, 22))),
        List.of(),
        List.of(
            new Sector("north", "Northern sector", box(35, 47.5, 36, 48)),
            new Sector("south", "Southern sector", box(35, 47, 36, 47.5))));
  }

  @Test
  void everyEntryOfTheTermsIsListedAndTheMethodFollows() throws Exception {
    String page = MethodHtml.render(terms(), "terms.yaml", "ab".repeat(32), "tw-fire-7");
    // one XHTML document, whatever the terms' names hold
    DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    assertThat(page)
        .contains("Truce of &lt;Kherson&gt; &amp; Zaporizhzhia<br/>Method version tw-fire-7.")
        .contains("read from terms.yaml (SHA-256 <code>" + "ab".repeat(32) + "</code>)")
        .contains(
            "<li>the Russian Federation&#39;s armed forces: holds the occupied area of the control"
                + " map (<code>occupied</code>)</li>")
        .contains("control map control.geojson of 2025-08-14")
        .contains(
            "<tr><td>buffer-5km</td><td>buffer</td><td>5 km either side of the line of"
                + " contact</td><td>5 km band</td></tr>")
        .contains(
            "<tr><td>heavy</td><td>withdrawal</td><td>an area drawn in the terms</td><td></td>"
                + "</tr>")
        .contains(
            "<tr><td>C1</td><td>no fire in the band</td><td><code>thermal-activity-in-zone"
                + "</code></td><td>buffer-5km</td><td>(thermal anomalies)</td></tr>")
        // a clause of reports names its events, in their order
        .contains(
            "<tr><td>C2</td><td>no weapons in the withdrawal zone</td><td><code>"
                + "reported-activity-in-zone</code></td><td>buffer-5km, heavy</td>"
                + "<td>explosion, weapons</td></tr>")
        .contains(
            "<tr><td>plant</td><td>A plant</td><td>47.5000° N 35.2500° E</td>"
                + "<td>1,200 m</td></tr>")
        // a known fire area with an open end, and one of three days
        .contains(
            "<tr><td>reeds</td><td>reed burning &lt;listed by the mission&gt;</td>"
                + "<td>33.1000, 46.2000 to 33.4000, 46.5000</td><td>2025-08-01 on</td></tr>")
        .contains("<td>2025-08-20 to 2025-08-22</td>")
        .contains("<li>Northern sector (north)</li><li>Southern sector (south)</li>")
        .contains("<strong>Verdicts.</strong>");
    assertThat(page.indexOf("<h2 id=\"terms\">The terms</h2>"))
        .isPositive()
        .isLessThan(page.indexOf("<div id=\"method\">"));
  }

  @Test
  void termsWithoutBackgroundAreasOrSectorsLeaveTheirSectionsOut() {
    TruceTerms t = terms();
    TruceTerms bare =
        new TruceTerms(
            t.name(),
            t.parties(),
            t.start(),
            t.end(),
            t.timeZone(),
            t.reportCutoff(),
            t.controlMap(),
            t.zones(),
            t.clauses(),
            List.of(),
            List.of(),
            List.of());
    String page = MethodHtml.render(bare, "terms.yaml", "00".repeat(32), "tw-fire-7");
    assertThat(page)
        .contains("<h3>Clauses</h3>")
        .doesNotContain("<h3>Static heat sources</h3>")
        .doesNotContain("<h3>Known fire areas</h3>")
        .doesNotContain("<h3>Monitoring sectors</h3>");
  }
}
