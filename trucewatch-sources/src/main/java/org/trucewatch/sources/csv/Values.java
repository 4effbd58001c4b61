package org.trucewatch.sources.csv;

/** Parsers for numeric fields; each names the field and the value on failure. */
public final class Values {
  private Values() {}

  public static double latitude(Row row) throws RowException {
    return coordinate(row, "latitude", 90);
  }

  public static double longitude(Row row) throws RowException {
    return coordinate(row, "longitude", 180);
  }

  private static double coordinate(Row row, String column, double limit) throws RowException {
    String v = row.require(column);
    double d = number(column, v);
    if (!(d >= -limit && d <= limit)) {
      throw new RowException(
          column,
          "invalid-" + column,
          column + " must be within -" + (int) limit + ".." + (int) limit + ", was " + v);
    }
    return d;
  }

  public static double number(String column, String v) throws RowException {
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new RowException(column, "invalid-" + column, column + " is not a number: " + v);
    }
  }

  /** An optional non-negative number; NaN when the column is absent or empty. */
  public static double optionalNonNegative(Row row, String column) throws RowException {
    String v = row.get(column);
    if (v == null || v.isEmpty()) {
      return Double.NaN;
    }
    double d = number(column, v);
    if (d < 0) {
      throw new RowException(column, "invalid-" + column, column + " must not be negative: " + v);
    }
    return d;
  }
}
