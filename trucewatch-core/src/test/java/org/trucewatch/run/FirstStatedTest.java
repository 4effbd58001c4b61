package org.trucewatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trucewatch.assessment.Evidence;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.geo.Side;

class FirstStatedTest {
  private static final Instant T = Instant.parse("2025-08-16T10:12:00Z");

  private static Evidence row(String hash) {
    return new Evidence(
        "f.csv", 2, hash, T, 48.0, 37.0, "VIIRS/N20", true, "excess", Evidence.Kind.DETECTION);
  }

  private static Finding finding(String incident, Verdict v, String... hashes) {
    return new Finding(
        incident + "/C1",
        incident,
        "C1",
        v,
        "",
        java.util.Arrays.stream(hashes).map(FirstStatedTest::row).toList(),
        Side.OCCUPIED,
        "UA-14",
        "Donetsk Oblast",
        "",
        "",
        List.of("buffer"),
        T,
        48.0,
        37.0);
  }

  @Test
  void aFindingIsFirstStatedWhenNoneOfItsEvidenceWasEvidenceOfASeriousFindingBefore() {
    List<Finding> before =
        List.of(
            finding("I-a", Verdict.PROBABLE_VIOLATION, "a1", "a2"),
            finding("I-b", Verdict.POSSIBLE, "b1"),
            finding("I-c", Verdict.VIOLATION, "c1"),
            finding("I-d", Verdict.BACKGROUND, "d1"));
    Set<String> serious = FirstStated.evidence(before);
    assertThat(serious).containsExactlyInAnyOrder("a1", "a2", "c1");

    Finding grown = finding("I-a2", Verdict.VIOLATION, "a1", "a2", "a3"); // more pixels
    Finding risen = finding("I-b", Verdict.VIOLATION, "b1"); // possible before
    Finding fresh = finding("I-e", Verdict.PROBABLE_VIOLATION, "e1");
    Finding quiet = finding("I-f", Verdict.POSSIBLE, "f1");
    Finding fell = finding("I-c", Verdict.BACKGROUND, "c1");
    List<Finding> now = List.of(grown, risen, fresh, quiet, fell);
    assertThat(FirstStated.of(now, serious)).containsExactly(risen, fresh);
    // the first assessment states every serious finding for the first time
    assertThat(FirstStated.of(now, Set.of())).containsExactly(grown, risen, fresh);
    // and an assessment of the same findings again states none
    assertThat(FirstStated.of(now, FirstStated.evidence(now))).isEmpty();
  }
}
