package org.trucewatch.store;

/** The store cannot be opened or used; the message says which database and why. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether an embedded store could not be opened as another process holds it. */
  private final boolean held;

  public StoreException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private StoreException(String message, Throwable cause, boolean held) {
    super(message, cause);
    this.held = held;
  }

  /** An embedded store that another process holds open: {@link #held()} is true. */
  static StoreException held(String message, Throwable cause) {
    return new StoreException(message, cause, true);
  }

  /**
   * Whether the store was not opened because another process (a running server) holds it, an
   * embedded store being open to one process at a time: a command then says what to do instead.
   */
  public boolean held() {
    return held;
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
