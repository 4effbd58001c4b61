package org.trucewatch.sources.firms;

import java.util.Locale;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;

/**
 * VIIRS 375 m active fires (VNP14IMG, VJ114IMG, VJ214IMG; NRT and standard): {@code bright_ti4},
 * {@code bright_ti5}, confidence as a class, optional {@code instrument} and {@code type}.
 */
final class ViirsRowMapper implements RowMapper {
  @Override
  public String format() {
    return "viirs";
  }

  @Override
  public Observation map(Row row, Provenance provenance) throws RowException {
    return ActiveFireRow.read(
        row,
        provenance,
        new Sensor(Instrument.VIIRS, Fields.satellite(row, ViirsRowMapper::satellite)),
        Fields::viirsConfidence,
        "bright_ti4");
  }

  /** FIRMS writes {@code N} (S-NPP), {@code N20}, {@code N21}; some archive files {@code 1}. */
  static String satellite(String raw) {
    String s = raw.toUpperCase(Locale.ROOT);
    return switch (s) {
      case "1", "NPP", "SUOMI NPP", "SNPP" -> "N";
      case "NOAA-20", "NOAA20", "J1" -> "N20";
      case "NOAA-21", "NOAA21", "J2" -> "N21";
      default -> s;
    };
  }
}
