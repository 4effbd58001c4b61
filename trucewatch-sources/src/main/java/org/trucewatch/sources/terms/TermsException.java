package org.trucewatch.sources.terms;

/** A terms file that cannot be used; the message names the file, the line and the key. */
public final class TermsException extends Exception {
  private static final long serialVersionUID = 1L;

  public TermsException(String message) {
    super(message);
  }

  public TermsException(String message, Throwable cause) {
    super(message, cause);
  }
}
