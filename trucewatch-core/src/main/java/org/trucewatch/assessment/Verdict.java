package org.trucewatch.assessment;

import java.util.Locale;

/** The assessment of one incident under one clause. */
public enum Verdict {
  /** War-related activity in a forbidden zone during the truce, corroborated by two sources. */
  VIOLATION,
  /** War-related activity in a forbidden zone during the truce, seen by one source. */
  PROBABLE_VIOLATION,
  /**
   * Activity in a forbidden zone during the truce that is not assessed as war-related but stands
   * above the seasonal background, or that may continue war-related activity from before the truce.
   */
  POSSIBLE,
  /** Consistent with the normal background or a known static heat source. */
  BACKGROUND,
  /** Outside the clause's time or zones. */
  OUT_OF_SCOPE,
  /** The evidence does not allow a verdict; the reasoning says why. */
  INCONCLUSIVE;

  /** The key used in outputs: {@code probable-violation}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a key as written in outputs and terms files. */
  public static Verdict ofKey(String key) {
    return valueOf(key.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
