package org.trucewatch.cli;

/** An input that cannot be used: the command stops with exit code 1 and this one-line reason. */
final class InputFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  InputFailure(String message) {
    super(message);
  }

  InputFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
