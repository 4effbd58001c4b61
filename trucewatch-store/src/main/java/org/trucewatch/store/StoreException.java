package org.trucewatch.store;

/** The store cannot be opened or used; the message says which database and why. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
