package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.trucewatch.store.Features;
import org.trucewatch.store.Rows;

/**
 * Which reviews are told to the receivers of alerts: those of a finding that alerts named, the one
 * reviewed or the one that stands for it since an ingest renamed it (a detection joined and made a
 * possible finding a violation, or a report made a probable violation possible).
 */
class StatementTest {
  private static Rows.Review review(String findingId, String verdict) {
    return new Rows.Review(
        7,
        findingId,
        "C1",
        verdict,
        "tw-fire-7",
        List.of("d1"),
        "upheld",
        "Seen on the frames.",
        "analyst-1",
        Instant.parse("2026-11-30T12:00:00Z"));
  }

  private static Features.Feature standing(String id, String verdict) {
    Map<String, Object> p = new HashMap<>();
    p.put("verdict", verdict);
    p.put("clause_id", "C1");
    p.put("report_day", "2025-08-17");
    p.put("oblast", "Donetsk Oblast");
    return new Features.Feature(id, 37.2761, 48.515, p);
  }

  private static Optional<String> told(Rows.Review r, Features.Feature f) {
    return Statement.reviewed(r, f, "demo-truce.yaml", Map.of());
  }

  @Test
  void aReviewIsToldWhenTheFindingReviewedOrTheOneStandingForItIsOneAlertsNamed() throws Exception {
    // a possible finding that a detection made a violation: the receivers were told of it
    Optional<String> grown = told(review("I-1/C1", "possible"), standing("I-2/C1", "violation"));
    assertThat(grown).isPresent();
    JsonNode n = Statement.JSON.readTree(grown.get());
    assertThat(n.path("review").path("finding_id").asText()).isEqualTo("I-1/C1");
    assertThat(n.path("review").path("verdict").asText()).isEqualTo("possible");
    assertThat(n.path("review").path("current_finding_id").asText()).isEqualTo("I-2/C1");
    assertThat(n.path("finding").path("finding_id").asText()).isEqualTo("I-2/C1");
    assertThat(n.path("text").asText())
        .isEqualTo(
            "Truce Watch: analyst review of a violation (clause C1, 2025-08-17, Donetsk Oblast):"
                + " upheld.");
    // a probable violation that stands as possible now: they were told of the one reviewed
    assertThat(told(review("I-1/C1", "probable-violation"), standing("I-2/C1", "possible")))
        .isPresent();
    // neither ever named by alerts
    assertThat(told(review("I-1/C1", "possible"), standing("I-2/C1", "background"))).isEmpty();
    assertThat(told(review("I-1/C1", "possible"), standing("I-1/C1", "possible"))).isEmpty();
  }
}
