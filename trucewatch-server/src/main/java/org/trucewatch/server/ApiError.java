package org.trucewatch.server;

/**
 * An error for the client: an HTTP status, a stable code and a message in words, sent as {@code
 * {"code": ..., "message": ...}}, never a stack trace or a class name.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;

  ApiError(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  static ApiError badRequest(String code, String message) {
    return new ApiError(400, code, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  static ApiError unavailable(String message) {
    return new ApiError(503, "unavailable", message);
  }
}
