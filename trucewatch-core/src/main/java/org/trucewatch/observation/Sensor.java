package org.trucewatch.observation;

import java.util.Objects;

/**
 * The instrument and platform that made a detection. Counts are compared with the background per
 * sensor, because each platform passes over separately and detects with its own sensitivity.
 *
 * @param instrument the instrument family
 * @param satellite the FIRMS satellite code ({@code N}, {@code N20}, {@code N21}, {@code T}, {@code
 *     A}, {@code Terra}, {@code Aqua}) or empty when the file does not say
 */
public record Sensor(Instrument instrument, String satellite) {
  public static final Sensor UNKNOWN = new Sensor(Instrument.UNKNOWN, "");

  public Sensor {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(satellite, "satellite");
  }

  /** A short stable key such as {@code VIIRS/N20}, used to count detections per pass stream. */
  public String key() {
    return satellite.isEmpty() ? instrument.name() : instrument.name() + "/" + satellite;
  }
}
