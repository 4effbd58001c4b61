package org.trucewatch.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.PeriodReport;

/** A day's versions as alerts and the streaming job write them, and read back. */
class ReportJsonTest {
  private static DayRevision version(int detections, Instant stated) {
    Map<String, Integer> findings = new LinkedHashMap<>();
    findings.put("violation", 2);
    findings.put("background", detections / 10);
    return new DayRevision(
        stated, "tw-fire-7", 4, "partial", detections, 7, 3, 5, findings, 1, null);
  }

  @Test
  void aVersionReadsBackAsWritten() throws Exception {
    DayRevision v = version(120, Instant.parse("2025-08-16T09:30:00.125Z"));
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ReportJson.revision(n, v);
    // through text, as a job keeps it
    JsonNode back = new ObjectMapper().readTree(n.toString());
    DayRevision read = ReportJson.revision(back);
    assertThat(read).isEqualTo(v);
    assertThat(read.findings().keySet()).containsExactly("violation", "background");
  }

  @Test
  void aVersionWithoutAFieldIsRefusedNamingIt() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ReportJson.revision(n, version(10, Instant.parse("2025-08-16T09:30:00Z")));
    n.remove("in_buffer");
    assertThatThrownBy(() -> ReportJson.revision(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("in_buffer is missing");
    n.put("in_buffer", 3);
    n.put("stated", "yesterday");
    assertThatThrownBy(() -> ReportJson.revision(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stated: not an instant");
  }

  @Test
  void aDayStatedNamesItsVersionAndTheOneBefore() {
    DayRevision first = version(10, Instant.parse("2025-08-16T09:30:00Z"));
    DayRevision second = version(30, Instant.parse("2025-08-16T12:30:00Z"));
    ObjectNode once = JsonNodeFactory.instance.objectNode();
    ReportJson.dayStated(once, LocalDate.of(2025, 8, 16), List.of(first));
    assertThat(once.path("date").asText()).isEqualTo("2025-08-16");
    assertThat(once.path("version").asInt()).isEqualTo(1);
    assertThat(once.path("change").asText()).isEqualTo("first-stated");
    assertThat(once.path("previous").isNull()).isTrue();

    ObjectNode twice = JsonNodeFactory.instance.objectNode();
    ReportJson.dayStated(twice, LocalDate.of(2025, 8, 16), List.of(first, second));
    assertThat(twice.path("version").asInt()).isEqualTo(2);
    assertThat(twice.path("change").asText()).isEqualTo("revised");
    assertThat(ReportJson.revision(twice.path("figures"))).isEqualTo(second);
    assertThat(ReportJson.revision(twice.path("previous"))).isEqualTo(first);
  }

  @Test
  void aDayRevisedNamesTheAreasWhoseCountsEachVersionChanged() {
    PeriodReport.Part donetsk = new PeriodReport.Part("Donetsk Oblast", 10, 7, 3, 5, 2);
    PeriodReport.Part fewer = new PeriodReport.Part("Donetsk Oblast", 10, 7, 3, 4, 2);
    PeriodReport.Part zaporizhzhia = new PeriodReport.Part("Zaporizhzhia Oblast", 0, 0, 0, 1, 0);
    Instant t = Instant.parse("2025-08-16T09:30:00Z");
    DayRevision first =
        version(10, t)
            .withAreas(new DayRevision.Areas(Map.of(), Map.of("UA-14", donetsk), Map.of()));
    Map<String, PeriodReport.Part> moved = new LinkedHashMap<>();
    moved.put("UA-14", fewer);
    moved.put("UA-23", zaporizhzhia);
    // the same totals, one incident now in Zaporizhzhia Oblast
    DayRevision second =
        version(10, t.plusSeconds(60)).withAreas(new DayRevision.Areas(Map.of(), moved, Map.of()));
    DayRevision third = version(30, t.plusSeconds(120)).withAreas(second.areas());
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ReportJson.dayStated(n, LocalDate.of(2025, 8, 16), List.of(first, second));
    assertThat(n.at("/figures/areas_changed").toString())
        .isEqualTo("[\"Donetsk Oblast\",\"Zaporizhzhia Oblast\"]");
    assertThat(n.at("/previous/areas_changed").isNull()).isTrue();
    ReportJson.dayStated(n, LocalDate.of(2025, 8, 16), List.of(first, second, third));
    assertThat(n.at("/figures/areas_changed").toString()).isEqualTo("[]");
    assertThat(n.at("/previous/areas_changed").size()).isEqualTo(2);
    // a version kept without its counts by area names none
    ReportJson.dayStated(n, LocalDate.of(2025, 8, 16), List.of(first.withAreas(null), second));
    assertThat(n.at("/figures/areas_changed").isNull()).isTrue();
  }

  @Test
  void countsByOblastReadBackAsWrittenInTheirOrder() throws Exception {
    Map<String, PeriodReport.Part> parts = new LinkedHashMap<>();
    parts.put("UA-23", new PeriodReport.Part("Zaporizhzhia Oblast", 12, 4, 2, 3, 1));
    parts.put("UA-14", new PeriodReport.Part("Donetsk Oblast", 40, 31, 9, 7, 0));
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ReportJson.parts(n, parts);
    Map<String, PeriodReport.Part> back =
        ReportJson.parts(new ObjectMapper().readTree(n.toString()));
    assertThat(back).isEqualTo(parts);
    assertThat(back.keySet()).containsExactly("UA-23", "UA-14");
    ((ObjectNode) n.path("UA-14")).remove("violations");
    assertThatThrownBy(() -> ReportJson.parts(n))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("violations is missing");
  }
}
