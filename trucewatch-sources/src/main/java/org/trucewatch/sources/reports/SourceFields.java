package org.trucewatch.sources.reports;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;

/** The columns that files of surveillance sources share, each parsed with its own message. */
final class SourceFields {
  private static final Pattern MEMBER_STATE = Pattern.compile("[A-Z]{2}");

  private SourceFields() {}

  /** An id: letters, digits and {@code - _ . : /}, at most 64 characters. */
  static String identifier(Row row, String column) throws RowException {
    String v = row.require(column);
    if (v.length() > 64 || !v.matches("[\\p{L}\\p{N}._:/-]+")) {
      throw new RowException(
          column,
          "invalid-" + column,
          column + " must be at most 64 letters, digits and the characters . _ : / -, was " + v);
    }
    return v;
  }

  /** The column {@code source_kind}. */
  static SourceKind kind(Row row) throws RowException {
    String text = row.require("source_kind");
    SourceKind kind = SourceKind.ofKey(text);
    if (kind == null) {
      throw new RowException(
          "source_kind",
          "invalid-source_kind",
          "source_kind must be one of observer, drone, camera, acoustic, was " + text);
    }
    return kind;
  }

  /** The optional column {@code member_state}, upper case, or empty. */
  static String memberState(Row row) throws RowException {
    String ms = row.get("member_state");
    ms = ms == null ? "" : ms.toUpperCase(Locale.ROOT);
    if (!ms.isEmpty() && !MEMBER_STATE.matcher(ms).matches()) {
      throw new RowException(
          "member_state",
          "invalid-member_state",
          "member_state must be a two-letter country code (ISO 3166-1), such as FR, was " + ms);
    }
    return ms;
  }

  /**
   * A date and time with its UTC offset in {@code column}, not after {@code latest} (callers pass
   * now plus a day; {@code null} for no bound).
   */
  static Instant instant(Row row, String column, Instant latest) throws RowException {
    String when = row.require(column);
    Instant time;
    try {
      time = OffsetDateTime.parse(when).toInstant();
    } catch (DateTimeParseException e) {
      throw new RowException(
          column,
          "invalid-" + column,
          (withoutOffset(when)
                  ? column + " has no UTC offset: add Z or the offset, such as"
                  : column + " must be an ISO 8601 date and time with its UTC offset, such as")
              + " 2025-08-16T21:40Z or 2025-08-17T00:40+03:00, was "
              + when);
    }
    if (latest != null && time.isAfter(latest)) {
      throw new RowException(
          column,
          "invalid-" + column,
          column + " " + when + " is in the future: it cannot be dated after " + latest);
    }
    return time;
  }

  /** An optional free text of at most {@code max} characters, or empty. */
  static String text(Row row, String column, int max) throws RowException {
    String v = row.get(column);
    v = v == null ? "" : v;
    if (v.length() > max) {
      throw new RowException(
          column,
          "invalid-" + column,
          column + " must be at most " + max + " characters, was " + v.length());
    }
    return v;
  }

  /** Whether a text is a valid date and time that only lacks its offset. */
  private static boolean withoutOffset(String text) {
    try {
      LocalDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
