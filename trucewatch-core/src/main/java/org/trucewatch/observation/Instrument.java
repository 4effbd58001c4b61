package org.trucewatch.observation;

/** The sensor family of a satellite thermal-anomaly product ({@link SourceKind} is a report's). */
public enum Instrument {
  /** VIIRS I-band 375 m (S-NPP, NOAA-20, NOAA-21). */
  VIIRS,
  /** MODIS 1 km (Terra, Aqua). */
  MODIS,
  /** A satellite detection whose instrument the file does not say. */
  UNKNOWN
}
