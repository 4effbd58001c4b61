package org.trucewatch.observation;

import java.util.Objects;

/**
 * One input row (or a whole file) that could not become an observation, with enough detail to find
 * and fix it.
 *
 * @param file the input file name
 * @param line the 1-based line, or 0 when the problem concerns the file as a whole; for the
 *     {@linkplain #FILE_LEVEL_REASONS file-level reasons} the line where reading stopped
 * @param column the column name, or empty when no single column is at fault
 * @param reason a stable key counted per run, for example {@code latitude-out-of-range}
 * @param message a sentence naming the field and the value
 * @param raw an excerpt of the raw text (at most 200 characters); in it and in the message, control
 *     characters are written as escapes (backslash, u, four hex digits)
 */
public record Rejection(
    String file, long line, String column, String reason, String message, String raw) {
  private static final int MAX_RAW = 200;

  /**
   * Reasons that concern the file or its stream, not one data row: no header, an unknown header, a
   * zip archive, a cut-off gzip stream, unparseable CSV, a read error.
   */
  public static final java.util.Set<String> FILE_LEVEL_REASONS =
      java.util.Set.of(
          "empty-file",
          "unknown-format",
          "zip-archive",
          "truncated-gzip",
          "malformed-csv",
          "unreadable-file");

  /** Whether this rejects one data row (rather than the file or the rest of its stream). */
  public boolean ofRow() {
    return !FILE_LEVEL_REASONS.contains(reason);
  }

  public Rejection {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    raw = raw == null ? "" : raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw;
    // what a binary or damaged file holds must not reach a terminal as control characters
    raw = printable(raw);
    message = printable(message);
  }

  /**
   * The text with each control character written as an escape: backslash, u and four hex digits (a
   * tab as backslash and t).
   */
  static String printable(String text) {
    if (text.chars().noneMatch(Character::isISOControl)) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      if (c == '\t') {
        sb.append("\\t");
      } else if (Character.isISOControl(c)) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** {@code file:line: column: message} for people. */
  public String describe() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (!column.isEmpty()) {
      sb.append(column).append(": ");
    }
    sb.append(message);
    return sb.toString();
  }
}
