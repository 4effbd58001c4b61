package org.trucewatch.scoring;

import org.trucewatch.observation.Instrument;

/**
 * The background is learned separately for the two instrument families, because VIIRS (375 m)
 * detects several times more small fires than MODIS (1 km) over the same ground.
 */
public enum SensorClass {
  VIIRS,
  MODIS;

  /** The class whose background applies to an instrument; an unknown instrument counts as VIIRS. */
  public static SensorClass of(Instrument instrument) {
    return instrument == Instrument.MODIS ? MODIS : VIIRS;
  }
}
