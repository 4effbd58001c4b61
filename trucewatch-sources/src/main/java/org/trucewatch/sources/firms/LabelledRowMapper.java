package org.trucewatch.sources.firms;

import java.time.ZoneOffset;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;

/**
 * The Economist's labelled file ({@code LATITUDE,LONGITUDE,ACQ_TIME,date,war_fire}). It mixes S-NPP
 * VIIRS and MODIS detections without naming the instrument, which is inferred from the coordinates'
 * precision as in the history files ({@link HistoryRowMapper#instrumentOf}). The label is {@code 1}
 * or {@code 0}; {@code TRUE} and {@code FALSE}, as R writes a logical column, are read the same.
 * The date may also be named {@code ACQ_DATE}, as in FIRMS's own files.
 */
final class LabelledRowMapper implements RowMapper {
  @Override
  public String format() {
    return "labelled";
  }

  @Override
  public Observation map(Row row, Provenance provenance) throws RowException {
    double lat = Fields.latitude(row);
    double lon = Fields.longitude(row);
    var date = Fields.date(row, row.has("date") ? "date" : "acq_date");
    var time = Fields.time(row, "acq_time");
    return Observation.minimal(
        lat,
        lon,
        date.atTime(time.time()).toInstant(ZoneOffset.UTC),
        time.precision(),
        new Sensor(HistoryRowMapper.instrumentOf(row), ""),
        provenance);
  }

  @Override
  public int label(Row row) throws RowException {
    String v = row.require("war_fire");
    if (v.equals("1") || v.equalsIgnoreCase("true")) {
      return 1;
    }
    if (v.equals("0") || v.equalsIgnoreCase("false")) {
      return 0;
    }
    throw new RowException(
        "war_fire", "invalid-label", "war_fire must be 0 or 1 (or TRUE or FALSE), was " + v);
  }
}
