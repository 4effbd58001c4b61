package org.trucewatch.sources.firms;

import java.time.ZoneOffset;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;
import org.trucewatch.sources.csv.Values;

/**
 * The reduced yearly history files ({@code LATITUDE,LONGITUDE,ACQ_DATE}). They carry no instrument
 * column; the instrument is inferred from the coordinates' precision as FIRMS writes them: MODIS
 * with at most 4 decimals, VIIRS with 5 or more (the rule is documented in docs/methodology.md).
 */
final class HistoryRowMapper implements RowMapper {
  @Override
  public String format() {
    return "history";
  }

  @Override
  public Observation map(Row row, Provenance provenance) throws RowException {
    double lat = Values.latitude(row);
    double lon = Values.longitude(row);
    var date = Fields.date(row, "acq_date");
    return Observation.minimal(
        lat,
        lon,
        date.atStartOfDay().toInstant(ZoneOffset.UTC),
        TimePrecision.DAY,
        new Sensor(instrumentOf(row), ""),
        provenance);
  }

  /** MODIS when both coordinates have at most 4 decimals, VIIRS otherwise. */
  static Instrument instrumentOf(Row row) {
    int decimals = Math.max(decimals(row.get("latitude")), decimals(row.get("longitude")));
    return decimals >= 5 ? Instrument.VIIRS : Instrument.MODIS;
  }

  static int decimals(String v) {
    int dot = v.indexOf('.');
    return dot < 0 ? 0 : v.length() - dot - 1;
  }
}
