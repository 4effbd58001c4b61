package org.trucewatch.sources.firms;

import java.util.Locale;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;

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
    return ActiveFireRow.read(
        row,
        provenance,
        new Sensor(Instrument.MODIS, Fields.satellite(row, ModisRowMapper::satellite)),
        Fields::modisConfidence,
        "brightness");
  }

  /** FIRMS writes {@code Terra}/{@code Aqua} (NRT) or {@code T}/{@code A} (standard). */
  static String satellite(String raw) {
    String s = raw.toUpperCase(Locale.ROOT);
    return switch (s) {
      case "T", "TERRA" -> "Terra";
      case "A", "AQUA" -> "Aqua";
      default -> raw;
    };
  }
}
