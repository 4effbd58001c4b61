package org.trucewatch.observation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing seen at a time and a place by a source: here a satellite thermal anomaly (a FIRMS
 * pixel). Optional numeric attributes are {@code NaN} when the product does not carry them.
 *
 * @param latitude pixel centre latitude, WGS 84 degrees, -90..90
 * @param longitude pixel centre longitude, WGS 84 degrees, -180..180
 * @param time acquisition instant (UTC)
 * @param timePrecision how precise {@code time} is
 * @param sensor instrument and platform
 * @param confidence detection confidence, or {@code null} when the product has none
 * @param brightnessKelvin the fire channel brightness temperature (VIIRS I-4, MODIS 21/22), or NaN
 * @param frpMegawatts fire radiative power, or NaN
 * @param scanKm pixel size along scan in km, or NaN
 * @param trackKm pixel size along track in km, or NaN
 * @param daytime {@code 'D'}, {@code 'N'} or {@code '?'} when unknown
 * @param type FIRMS type (0 vegetation fire, 1 volcano, 2 other static land source, 3 offshore), or
 *     -1 when the product does not carry it
 * @param provenance file, line and content hash of the input row
 */
public record Observation(
    double latitude,
    double longitude,
    Instant time,
    TimePrecision timePrecision,
    Sensor sensor,
    Confidence confidence,
    double brightnessKelvin,
    double frpMegawatts,
    double scanKm,
    double trackKm,
    char daytime,
    int type,
    Provenance provenance) {

  /** FIRMS type value for "other static land source" (industry, gas flares). */
  public static final int TYPE_STATIC_LAND_SOURCE = 2;

  public Observation {
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be within -90..90, was " + latitude);
    }
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be within -180..180, was " + longitude);
    }
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(timePrecision, "timePrecision");
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(provenance, "provenance");
    if (frpMegawatts < 0) {
      throw new IllegalArgumentException("frp must not be negative, was " + frpMegawatts);
    }
    if (daytime != 'D' && daytime != 'N' && daytime != '?') {
      throw new IllegalArgumentException("daynight must be D or N, was " + daytime);
    }
    if (type < -1 || type > 3) {
      throw new IllegalArgumentException("type must be 0..3, was " + type);
    }
  }

  /** A detection with position, time and provenance only (the reduced history and label files). */
  public static Observation minimal(
      double latitude,
      double longitude,
      Instant time,
      TimePrecision precision,
      Sensor sensor,
      Provenance provenance) {
    return new Observation(
        latitude,
        longitude,
        time,
        precision,
        sensor,
        null,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        '?',
        -1,
        provenance);
  }

  /**
   * The identity of a detection across rows and files: sensor, acquisition minute (or day, for the
   * files that give only a date), position to 1e-5° (about a metre), brightness and FRP. The same
   * detection in another file, in another column order, compression or time format ({@code 0009},
   * {@code 00:09}, {@code 00:09:00}: FIRMS times are whole minutes), has the same identity; the
   * store and the command line keep one detection per identity. A file with only a date (the
   * reduced history files) gives one identity to two detections of one pixel on one day.
   */
  public String identity() {
    String when =
        timePrecision == TimePrecision.DAY
            ? "d" + utcDate().toEpochDay()
            : "m" + Math.floorDiv(time.getEpochSecond(), 60);
    return String.format(
        Locale.ROOT,
        "%s|%s|%.5f|%.5f|%.2f|%.2f",
        sensor.key(),
        when,
        latitude,
        longitude,
        brightnessKelvin,
        frpMegawatts);
  }

  /** The UTC date of acquisition. */
  public LocalDate utcDate() {
    return LocalDate.ofInstant(time, ZoneOffset.UTC);
  }
}
