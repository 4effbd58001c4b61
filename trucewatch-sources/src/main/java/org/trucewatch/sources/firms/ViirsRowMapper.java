package org.trucewatch.sources.firms;

import java.time.ZoneOffset;
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
    double lat = Fields.latitude(row);
    double lon = Fields.longitude(row);
    var date = Fields.date(row, "acq_date");
    var time = Fields.time(row, "acq_time");
    String sat = row.get("satellite");
    return new Observation(
        lat,
        lon,
        date.atTime(time.time()).toInstant(ZoneOffset.UTC),
        time.precision(),
        new Sensor(Instrument.VIIRS, satellite(sat)),
        Fields.viirsConfidence(row),
        Fields.optionalNonNegative(row, "bright_ti4"),
        Fields.optionalNonNegative(row, "frp"),
        Fields.optionalNonNegative(row, "scan"),
        Fields.optionalNonNegative(row, "track"),
        Fields.dayNight(row),
        Fields.type(row),
        provenance);
  }

  /** FIRMS writes {@code N} (S-NPP), {@code N20}, {@code N21}; some archive files {@code 1}. */
  static String satellite(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String s = raw.toUpperCase(Locale.ROOT);
    return switch (s) {
      case "1", "NPP", "SUOMI NPP", "SNPP" -> "N";
      case "NOAA-20", "NOAA20", "J1" -> "N20";
      case "NOAA-21", "NOAA21", "J2" -> "N21";
      default -> s;
    };
  }
}
