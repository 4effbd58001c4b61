package org.trucewatch.sources.firms;

import java.time.ZoneOffset;
import org.trucewatch.observation.Confidence;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;
import org.trucewatch.sources.csv.Values;

/** The columns that the VIIRS and MODIS active-fire products share, read into an observation. */
final class ActiveFireRow {
  private ActiveFireRow() {}

  /** How a product writes its confidence. */
  interface ConfidenceColumn {
    Confidence read(Row row) throws RowException;
  }

  /** Reads the shared columns in order: position, date, time, then confidence and the rest. */
  static Observation read(
      Row row,
      Provenance provenance,
      Sensor sensor,
      ConfidenceColumn confidenceColumn,
      String brightness)
      throws RowException {
    double lat = Values.latitude(row);
    double lon = Values.longitude(row);
    var date = Fields.date(row, "acq_date");
    var time = Fields.time(row, "acq_time");
    Confidence confidence = confidenceColumn.read(row);
    return new Observation(
        lat,
        lon,
        date.atTime(time.time()).toInstant(ZoneOffset.UTC),
        time.precision(),
        sensor,
        confidence,
        Values.optionalNonNegative(row, brightness),
        Values.optionalNonNegative(row, "frp"),
        Values.optionalNonNegative(row, "scan"),
        Values.optionalNonNegative(row, "track"),
        Fields.dayNight(row),
        Fields.type(row),
        provenance);
  }
}
