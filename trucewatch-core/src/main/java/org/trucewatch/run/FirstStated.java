package org.trucewatch.run;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.trucewatch.assessment.Evidence;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.Verdict;

/**
 * The findings of violation and probable violation that an assessment states for the first time.
 * Incident ids change when an incident gains members, so a finding is told by its evidence: it is
 * first stated when none of its evidence rows (by the SHA-256 of the row) was evidence of a
 * violation or probable-violation finding in the assessment before. A fire that spreads over more
 * pixels, a second satellite's pass or a report that corroborates a probable violation is then not
 * a new finding; a finding whose verdict rises from possible or background to violation is.
 */
public final class FirstStated {
  private FirstStated() {}

  /** Whether a verdict is one that alerts name: violation or probable violation. */
  public static boolean serious(Verdict v) {
    return v == Verdict.VIOLATION || v == Verdict.PROBABLE_VIOLATION;
  }

  /** The row hashes of the evidence of the serious findings among {@code findings}. */
  public static Set<String> evidence(Collection<Finding> findings) {
    Set<String> out = new HashSet<>();
    for (Finding f : findings) {
      if (serious(f.verdict())) {
        f.evidence().forEach(e -> out.add(e.contentHash()));
      }
    }
    return out;
  }

  /**
   * The serious findings among {@code findings}, in their order, none of whose evidence rows is in
   * {@code before} (the {@link #evidence} of the assessment before; empty for the first).
   */
  public static List<Finding> of(List<Finding> findings, Set<String> before) {
    return findings.stream()
        .filter(f -> serious(f.verdict()))
        .filter(f -> f.evidence().stream().map(Evidence::contentHash).noneMatch(before::contains))
        .toList();
  }
}
