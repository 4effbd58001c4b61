package org.trucewatch.observation;

/** How precisely the source gives the acquisition time. */
public enum TimePrecision {
  /** Only the UTC date is known; the instant is the start of that day. */
  DAY,
  /** Hours and minutes (FIRMS {@code HHMM}). */
  MINUTE,
  /** Hours, minutes and seconds. */
  SECOND
}
