package org.trucewatch.observation;

import java.util.Objects;

/**
 * The detection confidence as the product states it. VIIRS gives a class (low, nominal, high);
 * MODIS gives a percentage, mapped to a class with the FIRMS thresholds (below 30 low, 30 to 79
 * nominal, 80 and above high).
 *
 * @param level the confidence class
 * @param percent the MODIS percentage 0-100, or -1 where the product gives only a class
 */
public record Confidence(Level level, int percent) {
  /** Confidence classes. */
  public enum Level {
    LOW,
    NOMINAL,
    HIGH
  }

  public Confidence {
    Objects.requireNonNull(level, "level");
    if (percent < -1 || percent > 100) {
      throw new IllegalArgumentException("confidence percent must be 0..100, was " + percent);
    }
  }

  /** A class-only confidence (VIIRS). */
  public static Confidence of(Level level) {
    return new Confidence(level, -1);
  }

  /** A MODIS percentage, with its class. */
  public static Confidence ofPercent(int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("confidence percent must be 0..100, was " + percent);
    }
    Level level = percent < 30 ? Level.LOW : percent < 80 ? Level.NOMINAL : Level.HIGH;
    return new Confidence(level, percent);
  }
}
