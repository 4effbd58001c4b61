package org.trucewatch.store;

/** The store cannot be opened or used; the message says which database and why. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * "the database refused a row: " and the database's reason, if {@code e} or one of its causes is
   * such a refusal (see {@link #refusal}).
   */
  public static java.util.Optional<String> refusedRow(Throwable e) {
    return refusal(e).map(why -> "the database refused a row: " + why);
  }

  /**
   * Why the database refused a row of a batch, if {@code e} or one of its causes is such a refusal:
   * PostgreSQL's driver gives the reason as the batch's next exception, its own message repeating
   * the whole statement with the row's values (longer than a line, so that the reason at its end
   * would be cut off, and left out of a logged stack trace).
   */
  static java.util.Optional<String> refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.BatchUpdateException b && b.getNextException() != null) {
        return java.util.Optional.of(b.getNextException().getMessage());
      }
    }
    return java.util.Optional.empty();
  }
}
