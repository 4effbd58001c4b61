package org.trucewatch.sources.firms;

import java.util.Locale;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;

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

  /**
   * FIRMS writes {@code N} (Suomi NPP), {@code N20}, {@code N21}; other files write NOAA-20 and
   * NOAA-21 by their numbers before launch, JPSS-1 and JPSS-2: {@code 1} and {@code 2} (FIRMS's
   * VIIRS attributes: "N = Suomi NPP, 1 = NOAA-20 (designated JPSS-1 prior to launch)").
   */
  static String satellite(String raw) {
    String s = raw.toUpperCase(Locale.ROOT);
    return switch (s) {
      case "NPP", "SUOMI NPP", "SNPP", "S-NPP" -> "N";
      case "1", "J1", "JPSS-1", "NOAA-20", "NOAA20" -> "N20";
      case "2", "J2", "JPSS-2", "NOAA-21", "NOAA21" -> "N21";
      default -> s;
    };
  }
}
