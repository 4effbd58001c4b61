package org.trucewatch.sources.geojson;

/** A GeoJSON input that cannot be used, with the file and what is wrong with it. */
public final class GeoJsonInputException extends Exception {
  private static final long serialVersionUID = 1L;

  public GeoJsonInputException(String message) {
    super(message);
  }

  public GeoJsonInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
