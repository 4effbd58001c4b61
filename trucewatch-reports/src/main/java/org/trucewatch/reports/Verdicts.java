package org.trucewatch.reports;

import java.util.Map;
import org.trucewatch.assessment.Verdict;

/** Display order and colours of verdicts. */
public final class Verdicts {
  /** Colour per verdict, chosen to stay distinct for the common forms of colour blindness. */
  public static final Map<Verdict, String> COLOUR =
      Map.of(
          Verdict.VIOLATION, "#b2182b",
          Verdict.PROBABLE_VIOLATION, "#ef8a62",
          Verdict.POSSIBLE, "#e6c229",
          Verdict.INCONCLUSIVE, "#5e3c99",
          Verdict.BACKGROUND, "#4d4d4d",
          Verdict.OUT_OF_SCOPE, "#bababa");

  private Verdicts() {}
}
