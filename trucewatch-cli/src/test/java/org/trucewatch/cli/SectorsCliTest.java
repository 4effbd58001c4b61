package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assess} with monitoring sectors in the terms, on a real FIRMS file: the reports count by
 * sector in the terms' order, what lies in none last, and the counts add up to the day's; each
 * finding and incident names the sector of its place.
 */
class SectorsCliTest {
  private static final Path DATA = Path.of("..", "data");

  /** The demo's terms with two sectors, assessed on one day's real VIIRS file into {@code out}. */
  private static Path assessWithSectors(Path dir) throws Exception {
    String demo = SurveillanceReportsCliTest.demoTermsAnywhere();
    // the east of the front, and the south west of 35° E (Kherson), which leaves Zaporizhzhia out
    String sectors =
        "\nsectors:\n"
            + "  - id: east\n"
            + "    name: Sector East\n"
            + "    geometry:\n"
            + "      type: Polygon\n"
            + "      coordinates: [[[36.5, 47.5], [40.2, 47.5], [40.2, 50.5], [36.5, 50.5],"
            + " [36.5, 47.5]]]\n"
            + "  - id: south\n"
            + "    name: Sector South\n"
            + "    geometry:\n"
            + "      type: Polygon\n"
            + "      coordinates: [[[32.0, 46.0], [35.0, 46.0], [35.0, 48.5], [32.0, 48.5],"
            + " [32.0, 46.0]]]\n";
    Path terms = dir.resolve("terms.yaml");
    Files.writeString(terms, demo + sectors, StandardCharsets.UTF_8);
    CliTest.Run verified = CliTest.run("verify-terms", terms.toString());
    assertThat(verified.code()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("terms.yaml: 1 clauses, 2 zones, 2 sectors,");
    Path out = dir.resolve("out");
    CliTest.Run r =
        CliTest.run(
            "assess",
            "--terms",
            terms.toString(),
            "--fires",
            DATA.resolve("firms/viirs-nrt/J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025227.txt.csv.gz")
                .toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    return out;
  }

  @Test
  void verifyTermsDescribesEachSectorAndWhereOneOverlapsAnother(@TempDir Path dir)
      throws Exception {
    // a square degree at 48.5° N is about 111.2 x 73.7 km; the second overlaps the first by half
    String sectors =
        "\nsectors:\n"
            + "  - id: a\n"
            + "    name: Sector A\n"
            + "    geometry: {type: Polygon, coordinates: [[[37.0, 48.0], [38.0, 48.0], [38.0, 49.0],"
            + " [37.0, 49.0], [37.0, 48.0]]]}\n"
            + "  - id: b\n"
            + "    name: Sector B\n"
            + "    geometry: {type: Polygon, coordinates: [[[37.5, 48.0], [38.5, 48.0], [38.5, 49.0],"
            + " [37.5, 49.0], [37.5, 48.0]]]}\n";
    Path terms = dir.resolve("terms.yaml");
    Files.writeString(
        terms, SurveillanceReportsCliTest.demoTermsAnywhere() + sectors, StandardCharsets.UTF_8);
    CliTest.Run r = CliTest.run("verify-terms", terms.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().filter(l -> l.startsWith("sector ")).toList();
    assertThat(lines).hasSize(2);
    // a square degree and half of one; the oblasts as the bundled boundaries draw them
    assertThat(lines.get(0))
        .matches("sector a \\(Sector A\\): about 8,(19|20)\\d km², in .*Donetsk Oblast.*")
        .doesNotContain("overlaps");
    assertThat(lines.get(1))
        .matches(
            "sector b \\(Sector B\\): about 8,(19|20)\\d km², in .*Luhansk Oblast.*; overlaps"
                + " sector a over about 4,(09|10)\\d km², where a comes first");
  }

  /** The sector the terms above give a point: east first, then south, else none (empty). */
  private static String expectedSector(double lat, double lon) {
    if (lon >= 36.5 && lon <= 40.2 && lat >= 47.5 && lat <= 50.5) {
      return "east";
    }
    return lon >= 32.0 && lon <= 35.0 && lat >= 46.0 && lat <= 48.5 ? "south" : "";
  }

  @Test
  void theReportsCountEachDayBySectorAndTheSectorsAddUp(@TempDir Path dir) throws Exception {
    Path out = assessWithSectors(dir);
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    int days = 0;
    for (JsonNode d : json.get("days")) {
      JsonNode bySector = d.get("by_sector");
      if (d.get("detections").asInt() == 0) {
        continue;
      }
      days++;
      List<String> keys = new ArrayList<>();
      bySector.fieldNames().forEachRemaining(keys::add);
      // the terms' order, what lies in no sector last
      assertThat(keys).isSubsetOf("east", "south", "none");
      assertThat(keys)
          .isSortedAccordingTo(
              java.util.Comparator.comparingInt(List.of("east", "south", "none")::indexOf));
      int detections = 0;
      int incidents = 0;
      for (Iterator<JsonNode> it = bySector.elements(); it.hasNext(); ) {
        JsonNode p = it.next();
        detections += p.get("detections").asInt();
        incidents += p.get("incidents").asInt();
      }
      assertThat(detections).isEqualTo(d.get("detections").asInt());
      assertThat(incidents).isEqualTo(d.get("incidents").asInt());
    }
    assertThat(days).isPositive();
    JsonNode all = json.at("/summary/all_days/by_sector");
    assertThat(all.at("/east/name").asText()).isEqualTo("Sector East");
    assertThat(all.at("/east/detections").asInt()).isPositive();
    assertThat(all.at("/south/detections").asInt()).isPositive();
    assertThat(all.at("/none/name").asText()).isEqualTo("outside the sectors");
    assertThat(all.at("/none/detections").asInt()).isPositive();

    String page = Files.readString(out.resolve("days/2025-08-16.html"), StandardCharsets.UTF_8);
    assertThat(page).contains("By side, sector and oblast").contains("id=\"by-sector\"");
    assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8))
        .contains("Observed truce days by side, sector and oblast")
        .contains("<td>Sector East</td>");
  }

  @Test
  void eachFindingAndIncidentNamesTheSectorOfItsPlace(@TempDir Path dir) throws Exception {
    Path out = assessWithSectors(dir);
    Map<String, Integer> bySector = new TreeMap<>();
    try (CsvReader<NamedCsvRecord> csv =
        CsvReader.builder().ofNamedCsvRecord(out.resolve("findings.csv"))) {
      for (NamedCsvRecord f : csv) {
        String expected =
            expectedSector(
                Double.parseDouble(f.getField("latitude")),
                Double.parseDouble(f.getField("longitude")));
        assertThat(f.getField("sector_id")).as(f.getField("finding_id")).isEqualTo(expected);
        assertThat(f.getField("sector"))
            .isEqualTo(
                switch (expected) {
                  case "east" -> "Sector East";
                  case "south" -> "Sector South";
                  default -> "";
                });
        bySector.merge(expected, 1, Integer::sum);
      }
    }
    assertThat(bySector).containsKeys("east", "south", "");

    JsonNode incidents = new ObjectMapper().readTree(out.resolve("incidents.geojson").toFile());
    int n = 0;
    for (JsonNode i : incidents.get("features")) {
      JsonNode c = i.at("/geometry/coordinates");
      assertThat(i.at("/properties/sector_id").asText())
          .as(i.at("/properties/id").asText())
          .isEqualTo(expectedSector(c.get(1).asDouble(), c.get(0).asDouble()));
      n++;
    }
    assertThat(n).isPositive();

    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    JsonNode notable = json.get("notable_findings");
    assertThat(notable).isNotEmpty();
    for (JsonNode f : notable) {
      assertThat(f.get("sector_id").asText())
          .isEqualTo(expectedSector(f.get("latitude").asDouble(), f.get("longitude").asDouble()));
    }
    assertThat(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8))
        .contains("Kherson Oblast (sector: Sector South).")
        .contains("Zaporizhzhia Oblast. ")
        // the period's notable findings are listed by sector too
        .containsSubsequence(
            "<h3>Sector South (4 findings)</h3>", "<h3>Outside the sectors (2 findings)</h3>");

    // a day's page lists its notable findings sector by sector, each under its sector's name
    int listed = 0;
    for (JsonNode d : json.get("days")) {
      String day = d.get("date").asText();
      String page = Files.readString(out.resolve("days/" + day + ".html"), StandardCharsets.UTF_8);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "<h3>([^<]+) \\((\\d+) findings?\\)</h3><ol class=\"notable\""
                      + " data-sector=\"([^\"]+)\">(.*?)</ol>")
              .matcher(page);
      List<String> sectors = new ArrayList<>();
      while (m.find()) {
        String sector = m.group(3);
        sectors.add(sector);
        String items = m.group(4);
        int inList = items.split("<li class=\"finding\"", -1).length - 1;
        assertThat(inList).as(day + " " + sector).isEqualTo(Integer.parseInt(m.group(2)));
        if (sector.equals("none")) {
          assertThat(m.group(1)).isEqualTo("Outside the sectors");
          assertThat(items).doesNotContain("(sector: ");
        } else {
          assertThat(items.split("\\(sector: " + m.group(1) + "\\)\\.", -1)).hasSize(inList + 1);
        }
        listed += inList;
      }
      assertThat(sectors)
          .isSortedAccordingTo(
              java.util.Comparator.comparingInt(List.of("east", "south", "none")::indexOf));
    }
    assertThat(listed).isEqualTo(notable.size());
    // the Kherson findings lie in the south sector, those of Zaporizhzhia in none
    assertThat(Files.readString(out.resolve("days/2025-08-15.html"), StandardCharsets.UTF_8))
        .containsSubsequence(
            "<h3>Sector South (4 findings)</h3>", "<h3>Outside the sectors (2 findings)</h3>");
  }
}
