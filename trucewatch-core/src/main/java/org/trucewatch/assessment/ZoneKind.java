package org.trucewatch.assessment;

/** Kinds of zones a truce defines. */
public enum ZoneKind {
  /** A band of a given width either side of the line of contact at the truce's start. */
  BUFFER,
  /** A named area from which forces are to withdraw. */
  WITHDRAWAL,
  /** A named area where activity is excluded altogether (for example around a power plant). */
  EXCLUSION
}
