package org.trucewatch.geo;

/** Whose ground a point is on, according to the control map of the day. */
public enum Side {
  /** Inside the area shown as occupied on the control map. */
  OCCUPIED,
  /** Inside Ukraine and outside the occupied area: held by the Government of Ukraine. */
  GOVERNMENT_CONTROLLED,
  /** Outside Ukraine's outline and outside the occupied area. */
  OUTSIDE_UKRAINE,
  /** No control map was given, so whose ground it is cannot be said. */
  UNKNOWN;

  /** Lowercase key used in CSV and JSON output. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
