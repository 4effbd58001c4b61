package org.trucewatch.sources.firms;

import java.time.ZoneOffset;
import java.util.Locale;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;

/**
 * MODIS 1 km active fires (MCD14DL NRT, MCD14ML standard): {@code brightness}, {@code bright_t31},
 * confidence as a percentage 0-100, optional {@code instrument} and {@code type}.
 */
final class ModisRowMapper implements RowMapper {
  @Override
  public String format() {
    return "modis";
  }

  @Override
  public Observation map(Row row, Provenance provenance) throws RowException {
    double lat = Fields.latitude(row);
    double lon = Fields.longitude(row);
    var date = Fields.date(row, "acq_date");
    var time = Fields.time(row, "acq_time");
    return new Observation(
        lat,
        lon,
        date.atTime(time.time()).toInstant(ZoneOffset.UTC),
        time.precision(),
        new Sensor(Instrument.MODIS, satellite(row.get("satellite"))),
        Fields.modisConfidence(row),
        Fields.optionalNonNegative(row, "brightness"),
        Fields.optionalNonNegative(row, "frp"),
        Fields.optionalNonNegative(row, "scan"),
        Fields.optionalNonNegative(row, "track"),
        Fields.dayNight(row),
        Fields.type(row),
        provenance);
  }

  /** FIRMS writes {@code Terra}/{@code Aqua} (NRT) or {@code T}/{@code A} (standard). */
  static String satellite(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    String s = raw.toUpperCase(Locale.ROOT);
    return switch (s) {
      case "T", "TERRA" -> "Terra";
      case "A", "AQUA" -> "Aqua";
      default -> raw;
    };
  }
}
