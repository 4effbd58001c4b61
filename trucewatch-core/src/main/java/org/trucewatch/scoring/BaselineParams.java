package org.trucewatch.scoring;

/**
 * How the expected background is computed from the history.
 *
 * @param windowDays half-width of the seasonal window: a day's expectation averages the history
 *     over {@code ±windowDays} days of the year
 * @param neighbourWeight weight of the eight neighbouring cells' mean in the expectation (0 = the
 *     cell alone), which keeps a cell that happened to burn in one past year from dominating
 */
public record BaselineParams(int windowDays, double neighbourWeight) {
  /** The defaults of method version tw-fire-7 (unchanged since tw-fire-1). */
  public static final BaselineParams DEFAULTS = new BaselineParams(15, 0.5);

  public BaselineParams {
    if (windowDays < 0 || windowDays > 90) {
      throw new IllegalArgumentException("windowDays must be 0..90, was " + windowDays);
    }
    if (!(neighbourWeight >= 0 && neighbourWeight <= 1)) {
      throw new IllegalArgumentException("neighbourWeight must be 0..1, was " + neighbourWeight);
    }
  }
}
