package org.trucewatch.sources.firms;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.trucewatch.observation.Confidence;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;

/** Parsers for the fields that FIRMS products share; each names the field and value on failure. */
final class Fields {
  private Fields() {}

  static LocalDate date(Row row, String column) throws RowException {
    String v = row.require(column);
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new RowException(
          column, "invalid-date", column + " is not a date of the form YYYY-MM-DD: " + v);
    }
  }

  /** A parsed acquisition time with its precision. */
  record Time(LocalTime time, TimePrecision precision) {}

  /** {@code HHMM}, {@code HMM} (or fewer digits, as FIRMS drops leading zeros), or HH:MM[:SS]. */
  static Time time(Row row, String column) throws RowException {
    String v = row.require(column);
    try {
      if (v.indexOf(':') >= 0) {
        String[] p = v.split(":", -1);
        if (p.length < 2 || p.length > 3) {
          throw new NumberFormatException();
        }
        int h = Integer.parseInt(p[0]);
        int m = Integer.parseInt(p[1]);
        int s = p.length == 3 ? Integer.parseInt(p[2]) : 0;
        return new Time(
            LocalTime.of(h, m, s), p.length == 3 ? TimePrecision.SECOND : TimePrecision.MINUTE);
      }
      if (v.length() > 4 || !v.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException();
      }
      int hhmm = Integer.parseInt(v);
      return new Time(LocalTime.of(hhmm / 100, hhmm % 100), TimePrecision.MINUTE);
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new RowException(
          column, "invalid-time", column + " is not a time of the form HHMM or HH:MM:SS: " + v);
    }
  }

  static Confidence viirsConfidence(Row row) throws RowException {
    String v = row.get("confidence");
    if (v == null || v.isEmpty()) {
      return null;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "l":
      case "low":
        return Confidence.of(Confidence.Level.LOW);
      case "n":
      case "nominal":
        return Confidence.of(Confidence.Level.NOMINAL);
      case "h":
      case "high":
        return Confidence.of(Confidence.Level.HIGH);
      default:
        throw new RowException(
            "confidence",
            "invalid-confidence",
            "confidence must be l, n, h, low, nominal or high, was " + v);
    }
  }

  static Confidence modisConfidence(Row row) throws RowException {
    String v = row.get("confidence");
    if (v == null || v.isEmpty()) {
      return null;
    }
    int p;
    try {
      p = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new RowException(
          "confidence", "invalid-confidence", "confidence must be a whole number 0-100, was " + v);
    }
    if (p < 0 || p > 100) {
      throw new RowException(
          "confidence", "invalid-confidence", "confidence must be within 0..100, was " + v);
    }
    return Confidence.ofPercent(p);
  }

  static char dayNight(Row row) throws RowException {
    String v = row.get("daynight");
    if (v == null || v.isEmpty()) {
      return '?';
    }
    if (v.equalsIgnoreCase("D")) {
      return 'D';
    }
    if (v.equalsIgnoreCase("N")) {
      return 'N';
    }
    throw new RowException("daynight", "invalid-daynight", "daynight must be D or N, was " + v);
  }

  /** What a satellite code may look like: FIRMS's own are N, N20, N21, 1, 2, T, A, Terra, Aqua. */
  private static final java.util.regex.Pattern SATELLITE =
      java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,8}");

  /**
   * The row's satellite code, empty when the column is absent or empty, through {@code normalise}
   * (which maps the spellings of one product to its code); a value that cannot be a satellite code
   * (more than 8 characters, or other than letters, digits and '-') rejects the row.
   */
  static String satellite(Row row, java.util.function.UnaryOperator<String> normalise)
      throws RowException {
    String raw = row.get("satellite");
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String code = normalise.apply(raw);
    if (!SATELLITE.matcher(code).matches()) {
      throw new RowException(
          "satellite",
          "invalid-satellite",
          "satellite must be a code of letters, digits and '-' of up to 8 characters (such as N,"
              + " N20, Terra), was "
              + raw);
    }
    return code;
  }

  static int type(Row row) throws RowException {
    String v = row.get("type");
    if (v == null || v.isEmpty()) {
      return -1;
    }
    if (v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '3') {
      return v.charAt(0) - '0';
    }
    throw new RowException("type", "invalid-type", "type must be 0, 1, 2 or 3, was " + v);
  }
}
