package org.trucewatch.sources.csv;

/** A field of one row could not be read; carries the column, a stable reason key and a message. */
public final class RowException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String column;
  private final String reason;

  public RowException(String column, String reason, String message) {
    super(message, null, false, false);
    this.column = column;
    this.reason = reason;
  }

  public String column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
