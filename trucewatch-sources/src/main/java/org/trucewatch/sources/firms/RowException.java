package org.trucewatch.sources.firms;

/** A field of one row could not be read; carries the column, a stable reason key and a message. */
final class RowException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String column;
  private final String reason;

  RowException(String column, String reason, String message) {
    super(message, null, false, false);
    this.column = column;
    this.reason = reason;
  }

  String column() {
    return column;
  }

  String reason() {
    return reason;
  }
}
