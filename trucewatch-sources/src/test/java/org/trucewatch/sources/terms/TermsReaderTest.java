package org.trucewatch.sources.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.assessment.ExampleCheck;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.ZoneKind;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.geo.Region;
import org.trucewatch.sources.geojson.RegionReader;

class TermsReaderTest {
  private static final Path DATA = Path.of("..", "data").toAbsolutePath().normalize();
  private static List<Region> regions;

  @BeforeAll
  static void load() throws Exception {
    regions = RegionReader.read(DATA.resolve("reference/ukraine-oblasts.geojson.gz"));
  }

  static final String GOOD =
      """
      truce: Test truce
      time_zone: Europe/Kyiv
      start: 2025-08-15T00:00
      duration_days: 30
      control_map: CONTROL
      parties:
        - {id: UA, name: the Government of Ukraine, holds: government_controlled}
        - {id: RU, name: the Russian Federation's armed forces, holds: occupied}
      zones:
        - id: buffer
          kind: buffer
          width_km: 15
        - id: box
          kind: exclusion
          geometry:
            type: Polygon
            coordinates: [[[34.45, 47.42], [34.72, 47.42], [34.72, 47.60], [34.45, 47.60], [34.45, 47.42]]]
      clauses:
        - id: C1
          type: thermal-activity-in-zone
          zones: [buffer, box]
      """;

  private static Path write(Path dir, String yaml) throws Exception {
    Path f = dir.resolve("terms.yaml");
    String control =
        DATA.resolve("frontline/daily/deepstatemap_data_20250814.geojson.gz").toString();
    Files.writeString(f, yaml.replace("CONTROL", control), StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void readsAGoodFile(@TempDir Path dir) throws Exception {
    TruceContext t = TermsReader.read(write(dir, GOOD), regions);
    assertThat(t.terms().start()).isEqualTo(Instant.parse("2025-08-14T21:00:00Z"));
    assertThat(t.terms().end()).isEqualTo(Instant.parse("2025-09-13T21:00:00Z"));
    assertThat(t.terms().reportCutoff()).hasToString("19:30");
    assertThat(t.terms().zones())
        .extracting(z -> z.kind())
        .containsExactly(ZoneKind.BUFFER, ZoneKind.EXCLUSION);
    assertThat(t.terms().zones().get(0).widthMetres()).isEqualTo(15_000);
    assertThat(t.terms().controlMap().date()).hasToString("2025-08-14");
    assertThat(t.terms().clauses()).hasSize(1);
  }

  @Test
  void theDemoTermsFileHasPassingExamples() throws Exception {
    TruceContext t = TermsReader.read(DATA.resolve("terms/demo-truce.yaml"), regions);
    List<ExampleCheck.Outcome> outcomes = ExampleCheck.run(t);
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(6);
    assertThat(outcomes)
        .allSatisfy(
            o ->
                assertThat(o.passed())
                    .as(o.example().name() + ": " + o.finding().reasoning())
                    .isTrue());
  }

  @Test
  void anExampleMayBeAFollowUpOfANamedWarDay(@TempDir Path dir) throws Exception {
    String example =
        """
        examples:
          - name: a follow-up
            latitude: 48.51493
            longitude: 37.27601
            time: 2025-08-16T02:10
            sources: [VIIRS/N20]
            war_related: WAR
            follows_war_day: DAY
            clause: C1
            expect: possible
        """;
    TruceContext t =
        TermsReader.read(
            write(dir, GOOD + example.replace("WAR", "true").replace("DAY", "2025-08-14")),
            regions);
    assertThat(t.terms().examples().get(0).followsWarDay()).hasToString("2025-08-14");
    assertThat(ExampleCheck.run(t).get(0).passed()).isTrue();

    refused(
        dir,
        GOOD + example.replace("WAR", "false").replace("DAY", "2025-08-14"),
        "terms.yaml:",
        "follows_war_day: needs war_related: true");
    refused(
        dir,
        GOOD + example.replace("WAR", "true").replace("DAY", "14 August"),
        "follows_war_day: must be a date YYYY-MM-DD, was 14 August");
  }

  static final String REPORTED =
      """
        - id: C2
          type: reported-activity-in-zone
          zones: [buffer]
          events: [explosion, gunfire, EVENT]
      examples:
        - {name: two cameras, latitude: 48.51493, longitude: 37.27601, time: 2025-08-16T02:10,
           sources: [camera:CAM-1, observer:OBS-2], event: explosion, clause: C2,
           expect: violation}
        - {name: one camera, latitude: 48.51493, longitude: 37.27601, time: 2025-08-16T02:10,
           sources: [camera:CAM-1], event: gunfire, uncertainty_m: 500, clause: C2,
           expect: probable-violation}
        - {name: a camera and a satellite, latitude: 48.51493, longitude: 37.27601,
           time: 2025-08-16T02:10, sources: [camera:CAM-1, VIIRS/N20], war_related: true,
           event: explosion, clause: C2, expect: violation}
        - {name: the thermal clause needs a satellite, latitude: 48.51493, longitude: 37.27601,
           time: 2025-08-16T02:10, sources: [camera:CAM-1], event: explosion, clause: C1,
           expect: out-of-scope}
      """;

  @Test
  void aClauseOfReportedActivityAndExamplesWithReports(@TempDir Path dir) throws Exception {
    TruceContext t =
        TermsReader.read(write(dir, GOOD + REPORTED.replace("EVENT", "weapons")), regions);
    assertThat(t.terms().clauses())
        .extracting(c -> c.type())
        .containsExactly("thermal-activity-in-zone", "reported-activity-in-zone");
    assertThat(
            ((org.trucewatch.assessment.ReportedActivityInZoneClause) t.terms().clauses().get(1))
                .events())
        .extracting(e -> e.key())
        .containsExactly("explosion", "gunfire", "weapons");
    assertThat(t.terms().examples().get(1).uncertaintyMetres()).isEqualTo(500);
    assertThat(ExampleCheck.run(t))
        .allSatisfy(o -> assertThat(o.passed()).as(o.example().name()).isTrue())
        .hasSize(4);

    refused(
        dir,
        GOOD + REPORTED.replace("EVENT", "shelling"),
        "terms.yaml:",
        "unknown event shelling; known: explosion, projectile");
    refused(
        dir,
        GOOD.replace("zones: [buffer, box]", "zones: [buffer, box]\n    events: [explosion]"),
        "only a clause of type reported-activity-in-zone lists events");
    refused(
        dir,
        GOOD
            + REPORTED
                .replace("EVENT", "weapons")
                .replace("events: [explosion, gunfire, weapons]", "description: no events"),
        "clauses[1].events: is missing");
    refused(
        dir,
        GOOD
            + REPORTED
                .replace("EVENT", "weapons")
                .replace("sources: [camera:CAM-1, VIIRS/N20]", "sources: [VIIRS/N20]"),
        "event is for an example with a report source (kind:id, such as camera:CAM-07)");
    refused(
        dir,
        GOOD
            + REPORTED
                .replace("EVENT", "weapons")
                .replace("uncertainty_m: 500", "uncertainty_m: -1"),
        "uncertainty_m: must be within 0..50000 metres, was -1");
  }

  private static void refused(Path dir, String yaml, String... fragments) throws Exception {
    Path f = write(dir, yaml);
    assertThatThrownBy(() -> TermsReader.read(f, regions))
        .isInstanceOf(TermsException.class)
        .satisfies(
            e -> {
              for (String frag : fragments) {
                assertThat(e.getMessage()).contains(frag);
              }
            });
  }

  @Test
  void endBeforeStartNamesTheKeyAndLine(@TempDir Path dir) throws Exception {
    refused(
        dir,
        GOOD.replace("duration_days: 30", "end: 2025-08-01T00:00"),
        "terms.yaml:4: end: the truce must end after it starts");
  }

  @Test
  void aStartTheClocksSkipOrRepeatIsRefusedNotMoved(@TempDir Path dir) throws Exception {
    // Kyiv: clocks forward at 03:00 on 30 March 2025, back at 04:00 on 26 October 2025
    refused(
        dir,
        GOOD.replace("start: 2025-08-15T00:00", "start: 2025-03-30T03:30"),
        "terms.yaml:3: start: 2025-03-30T03:30 does not exist in Europe/Kyiv");
    refused(
        dir,
        GOOD.replace("start: 2025-08-15T00:00", "start: 2025-10-26T03:30"),
        "terms.yaml:3: start: 2025-10-26T03:30 happens twice in Europe/Kyiv",
        "2025-10-26T03:30+03:00 for the first or 2025-10-26T03:30+02:00 for the second");
  }

  @Test
  void aControlMapOutsideTheCountryIsRefusedAtItsLine(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("swapped_20250814.geojson"),
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
            + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[47,37],[48,37],[48,38],"
            + "[47,38],[47,37]]]}}]}",
        StandardCharsets.UTF_8);
    refused(
        dir,
        GOOD.replace("control_map: CONTROL", "control_map: swapped_20250814.geojson"),
        "terms.yaml:5: control_map: the control map cannot be used: swapped_20250814.geojson: the"
            + " occupied area lies wholly outside the country's outline");
  }

  @Test
  void aZoneThatIsNotAPolygon(@TempDir Path dir) throws Exception {
    refused(
        dir,
        GOOD.replace(
            "type: Polygon\n      coordinates: [[[34.45, 47.42], [34.72, 47.42], [34.72, 47.60], [34.45, 47.60], [34.45, 47.42]]]",
            "type: LineString\n      coordinates: [[34.45, 47.42], [34.72, 47.42]]"),
        "terms.yaml:16: zones[1].geometry: must be a Polygon or MultiPolygon, was LineString");
    refused(
        dir,
        GOOD.replace(
            "type: Polygon\n      coordinates: [[[34.45, 47.42], [34.72, 47.42], [34.72, 47.60], [34.45, 47.60], [34.45, 47.42]]]",
            "type: GeometryCollection\n      geometries: [{type: Polygon, coordinates: [[[34.45, 47.42], [34.72, 47.42], [34.72, 47.60], [34.45, 47.42]]]}, {type: Point, coordinates: [34.5, 47.5]}]"),
        "terms.yaml:16: zones[1].geometry: must be a Polygon or MultiPolygon, was"
            + " GeometryCollection");
    refused(
        dir,
        GOOD.replace(
            "coordinates: [[[34.45, 47.42], [34.72, 47.42], [34.72, 47.60], [34.45, 47.60], [34.45, 47.42]]]",
            "coordinates: []"),
        "terms.yaml:16: zones[1].geometry: the polygon encloses no area (it has no coordinates)");
  }

  static final String SECTORS =
      """
      sectors:
        - id: north
          name: Sector North
          geometry:
            type: Polygon
            coordinates: [[[35.0, 48.5], [40.5, 48.5], [40.5, 50.5], [35.0, 50.5], [35.0, 48.5]]]
        - id: south
          name: Sector South
          file: south.geojson
      """;

  @Test
  void sectorsAreReadInTheirOrderAndAPointInTwoBelongsToTheFirst(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("south.geojson"),
        "{\"type\": \"Polygon\", \"coordinates\": [[[32.0, 46.0], [40.0, 46.0], [40.0, 49.0],"
            + " [32.0, 49.0], [32.0, 46.0]]]}",
        StandardCharsets.UTF_8);
    TruceContext t = TermsReader.read(write(dir, GOOD + SECTORS), regions);
    assertThat(t.terms().sectors())
        .extracting(Sector::id, Sector::name)
        .containsExactly(tuple("north", "Sector North"), tuple("south", "Sector South"));
    // Kramatorsk lies in both boxes, Zaporizhzhia in the south only, Kyiv in neither
    assertThat(t.sectorAt(48.72, 37.56)).map(Sector::id).contains("north");
    assertThat(t.sectorAt(47.84, 35.14)).map(Sector::id).contains("south");
    assertThat(t.sectorAt(50.45, 30.52)).isEmpty();
    assertThat(TermsReader.read(write(dir, GOOD), regions).sectorAt(48.72, 37.56)).isEmpty();
  }

  @Test
  void aBadSectorNamesItsLineAndKey(@TempDir Path dir) throws Exception {
    refused(
        dir,
        GOOD + SECTORS.replace("file: south.geojson", "file: missing.geojson"),
        "sectors[1].file: the sector file does not exist");
    refused(
        dir,
        GOOD + SECTORS.replace("id: south", "id: north"),
        "sectors[1].id: another sector has the id north");
    refused(
        dir,
        GOOD + SECTORS.replace("id: south", "id: none"),
        "sectors[1].id: none names what lies in no sector");
    refused(
        dir,
        GOOD + SECTORS.replace("    name: Sector North\n", ""),
        "terms.yaml:23: sectors[0].name: is missing");
    refused(
        dir,
        GOOD + SECTORS.replace("name: Sector North", "name: " + "N".repeat(121)),
        "sectors[0].name: must have 1 to 120 characters, had 121");
    refused(
        dir,
        GOOD
            + SECTORS.replace(
                "type: Polygon\n      coordinates: [[[35.0, 48.5], [40.5, 48.5], [40.5, 50.5],"
                    + " [35.0, 50.5], [35.0, 48.5]]]",
                "type: Point\n      coordinates: [37.0, 49.0]"),
        "sectors[0].geometry: must be a Polygon or MultiPolygon, was Point");
  }

  @Test
  void aPlaceBeyondTheAreaOfInterestIsRefusedNamingASwapOfLatitudeAndLongitude(@TempDir Path dir)
      throws Exception {
    // the ZNPP box written latitude first, as a map's coordinate readout gives it: western Iran
    refused(
        dir,
        GOOD.replace(
            "[[[34.45, 47.42], [34.72, 47.42], [34.72, 47.60], [34.45, 47.60], [34.45, 47.42]]]",
            "[[[47.42, 34.45], [47.42, 34.72], [47.60, 34.72], [47.60, 34.45], [47.42, 34.45]]]"),
        "terms.yaml:16: zones[1].geometry: lies wholly outside the area of interest (longitude"
            + " 21.13 to 41.16, latitude 43.38 to 53.37), where no detection is assessed; with"
            + " latitude and longitude swapped it would meet it: GeoJSON gives longitude first");
    String works =
        "static_sources:\n  - {id: works, name: works, latitude: LAT, longitude: LON,"
            + " radius_m: 2000}\n";
    refused(
        dir,
        GOOD + works.replace("LAT", "33.4152").replace("LON", "47.8727"),
        "terms.yaml:23: static_sources[0]: latitude 33.4152, longitude 47.8727 lies outside the"
            + " area of interest (longitude 21.13 to 41.16, latitude 43.38 to 53.37), where no"
            + " detection is assessed; with latitude and longitude swapped it would lie in it");
    refused(
        dir,
        GOOD + works.replace("LAT", "-23.5").replace("LON", "-46.6"),
        "static_sources[0]: latitude -23.5, longitude -46.6 lies outside the area of interest");
    String example =
        """
        examples:
          - name: swapped
            latitude: 37.27601
            longitude: 48.51493
            time: 2025-08-16T02:10
            sources: [VIIRS/N20]
            clause: C1
            expect: background
        """;
    refused(
        dir,
        GOOD + example,
        "terms.yaml:23: examples[0]: latitude 37.27601, longitude 48.51493 lies outside",
        "swapped it would lie in it");
    // just across the border is inside: what happens there stays in view
    assertThat(
            TermsReader.read(
                    write(dir, GOOD + works.replace("LAT", "50.6").replace("LON", "36.6")), regions)
                .terms()
                .staticSources())
        .hasSize(1);
  }

  @Test
  void anUnknownClauseType(@TempDir Path dir) throws Exception {
    refused(
        dir,
        GOOD.replace("type: thermal-activity-in-zone", "type: no-artillery"),
        "terms.yaml:20: clauses[0].type: unknown clause type no-artillery");
  }

  @Test
  void aMissingControlMap(@TempDir Path dir) throws Exception {
    refused(
        dir, GOOD.replace("control_map: CONTROL\n", ""), "terms.yaml:1: control_map: is missing");
    refused(
        dir,
        GOOD.replace("control_map: CONTROL", "control_map: nowhere.geojson"),
        "terms.yaml:5: control_map: the control map file does not exist");
  }

  @Test
  void unknownKeysBadZonesAndReferences(@TempDir Path dir) throws Exception {
    refused(
        dir,
        GOOD.replace("truce: Test truce", "truce: Test truce\ncolour: blue"),
        "terms.yaml:2: colour: unknown key");
    refused(
        dir,
        GOOD.replace("time_zone: Europe/Kyiv", "time_zone: Mars/Olympus"),
        "terms.yaml:2: time_zone: not a time zone");
    refused(
        dir,
        GOOD.replace("zones: [buffer, box]", "zones: [buffer, nowhere]"),
        "terms.yaml:21: clauses[0].zones[1]: no zone with id nowhere");
    refused(dir, GOOD.replace("width_km: 15", "width_km: -2"), "zones[0].width_km: must be > 0");
    refused(
        dir,
        GOOD.replace("start: 2025-08-15T00:00", "start: 15 August"),
        "terms.yaml:3: start: must be a local date-time");
    refused(dir, "truce: [unclosed", "terms.yaml:", "not valid YAML");
  }

  @Test
  void everyIdIsUniqueNotEmptyAndAtMost48Characters(@TempDir Path dir) throws Exception {
    String id49 = "x".repeat(49);
    String works =
        "static_sources:\n  - {id: ID, name: works, latitude: 48.0, longitude: 35.0,"
            + " radius_m: 2000}\n";
    String[][] cases = {
      // at most 48 characters, not empty
      {
        GOOD.replace("id: C1", "id: " + id49),
        "terms.yaml:19: clauses[0].id: must have at most 48 characters, had 49: " + id49
      },
      {
        GOOD.replace("id: box", "id: " + id49).replace("[buffer, box]", "[buffer, " + id49 + "]"),
        "terms.yaml:13: zones[1].id: must have at most 48 characters, had 49"
      },
      {
        GOOD.replace("{id: RU,", "{id: " + id49 + ","),
        "terms.yaml:8: parties[1].id: must have at most 48 characters"
      },
      {
        GOOD + works.replace("ID", id49),
        "terms.yaml:23: static_sources[0].id: must have at most 48 characters"
      },
      {GOOD.replace("id: C1", "id: ' '"), "clauses[0].id: must not be empty"},
      // unique per kind, and across static sources and known fire areas (one map layer)
      {
        GOOD.replace("{id: RU,", "{id: UA,"),
        "terms.yaml:8: parties[1].id: another party has the id UA"
      },
      {
        GOOD.replace("id: box", "id: buffer"),
        "terms.yaml:13: zones[1].id: another zone has the id buffer"
      },
      {
        GOOD + "  - {id: C1, type: thermal-activity-in-zone, zones: [box]}\n",
        "terms.yaml:22: clauses[1].id: another clause has the id C1"
      },
      {
        GOOD + works.replace("ID", "cement") + AREAS,
        "terms.yaml:30: known_fire_areas[1].id: another static source or known fire area has the"
            + " id cement"
      },
    };
    for (String[] c : cases) {
      refused(dir, c[0], c[1]);
    }
    String id48 = "x".repeat(48);
    assertThat(
            TermsReader.read(write(dir, GOOD.replace("id: C1", "id: " + id48)), regions)
                .terms()
                .clauses())
        .extracting(c -> c.id())
        .containsExactly(id48);
  }

  static final String AREAS =
      """
      known_fire_areas:
        - id: chornobyl-2022
          reason: forest fires in the Chornobyl exclusion zone
          bbox: [29.455, 51.3, 30.24, 51.55]
          from: 2022-06-01
          to: 2022-11-01
        - id: cement
          reason: cement works
          bbox: [26.5, 48.72, 26.7, 48.78]
          from: 2023-01-01
      """;

  @Test
  void readsKnownFireAreasInTheTermsAndInAFileOfTheirOwn(@TempDir Path dir) throws Exception {
    TruceContext t = TermsReader.read(write(dir, GOOD + AREAS), regions);
    assertThat(t.terms().knownFireAreas()).hasSize(2);
    assertThat(t.terms().knownFireAreas().get(0).to()).hasToString("2022-11-01");
    assertThat(t.terms().knownFireAreas().get(1).to()).isNull();
    Path own = dir.resolve("areas.yaml");
    Files.writeString(own, AREAS, StandardCharsets.UTF_8);
    assertThat(KnownFireAreas.read(own, AreaOfInterest.of(regions)))
        .isEqualTo(t.terms().knownFireAreas());
    assertThat(TermsReader.read(write(dir, GOOD), regions).terms().knownFireAreas()).isEmpty();
  }

  @Test
  void aBadKnownFireAreaNamesLineFieldAndValue(@TempDir Path dir) throws Exception {
    String[][] cases = {
      {
        area("[29.4, 51.3, 30.2]", "2022-06-01", "2022-11-01"),
        ":4: known_fire_areas[0].bbox: ",
        "had 3 values"
      },
      {
        area("[30.2, 51.3, 29.4, 51.5]", "2022-06-01", "2022-11-01"),
        ":4: known_fire_areas[0].bbox: ",
        "were 30.2 and 29.4"
      },
      {
        area("[29.4, 51.3, 30.2, 95]", "2022-06-01", "2022-11-01"),
        ":4: known_fire_areas[0].bbox: ",
        "were 51.3 and 95"
      },
      {
        area("[29.4, 51.3, 30.2, 51.5]", "2022-13-01", "2022-11-01"),
        ":5: known_fire_areas[0].from: ",
        "was 2022-13-01"
      },
      {
        area("[29.4, 51.3, 30.2, 51.5]", "2022-06-01", "2022-05-01"),
        ":6: known_fire_areas[0].to: ",
        "is before from"
      },
      {
        area("[29.4, 51.3, x, 51.5]", "2022-06-01", "2022-11-01"),
        ":4: known_fire_areas[0].bbox[2]: ",
        "must be a number, was x"
      },
      {
        area("[51.3, 29.4, 51.5, 30.2]", "2022-06-01", "2022-11-01"),
        ":4: known_fire_areas[0].bbox: ",
        "lies wholly outside the area of interest (longitude 21.13 to 41.16, latitude 43.38 to"
            + " 53.37), where no detection is assessed; with latitude and longitude swapped it"
            + " would meet it: bbox is [min_lon, min_lat, max_lon, max_lat]"
      },
      {
        AREAS.replace("id: cement", "id: chornobyl-2022"),
        ":7: known_fire_areas[1].id: ",
        "another static source or known fire area has the id chornobyl-2022"
      },
      {
        AREAS.replace("id: cement", "id: " + "c".repeat(49)),
        ":7: known_fire_areas[1].id: ",
        "must have at most 48 characters, had 49"
      },
      {
        AREAS.replace("reason: cement works", "reason: cement works\n    colour: grey"),
        ":9: known_fire_areas[1].colour: ",
        "unknown key"
      },
    };
    Path f = dir.resolve("areas.yaml");
    for (String[] c : cases) {
      Files.writeString(f, c[0], StandardCharsets.UTF_8);
      assertThatThrownBy(() -> KnownFireAreas.read(f, AreaOfInterest.of(regions)))
          .as(c[0])
          .isInstanceOf(TermsException.class)
          .hasMessageStartingWith("areas.yaml" + c[1])
          .hasMessageContaining(c[2]);
    }
    // far away, with nothing that a swap would mend
    Files.writeString(
        f, area("[-60.5, -10.2, -60.1, -9.9]", "2022-06-01", "2022-11-01"), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> KnownFireAreas.read(f, AreaOfInterest.of(regions)))
        .hasMessage(
            "areas.yaml:4: known_fire_areas[0].bbox: lies wholly outside the area of interest"
                + " (longitude 21.13 to 41.16, latitude 43.38 to 53.37), where no detection is"
                + " assessed");
  }

  private static String area(String bbox, String from, String to) {
    return String.join(
        "\n",
        "known_fire_areas:",
        "  - id: a",
        "    reason: r",
        "    bbox: " + bbox,
        "    from: " + from,
        "    to: " + to,
        "");
  }
}
