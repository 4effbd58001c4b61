package org.trucewatch.sources.firms;

import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Sensor;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;
import org.trucewatch.sources.csv.Values;

/**
 * The Economist's labelled file ({@code LATITUDE,LONGITUDE,ACQ_TIME,date,war_fire}). It mixes S-NPP
 * VIIRS and MODIS detections without naming the instrument, which is inferred from the coordinates'
 * precision as in the history files ({@link HistoryRowMapper#instrumentOf}). The label is {@code 1}
 * or {@code 0}; {@code TRUE} and {@code FALSE}, as R writes a logical column, are read the same.
 * The date may also be named {@code ACQ_DATE}, as in FIRMS's own files. A row without a label
 * (empty, {@code NA} or {@code NaN}) is kept, unlabelled: it is a detection all the same.
 *
 * <p>A labelled file whose rows are whole FIRMS rows (VIIRS or MODIS columns with {@code acq_date},
 * and a {@code war_fire} column added) is read as those rows are, with their instrument, satellite,
 * confidence and type, and the label.
 */
final class LabelledRowMapper implements RowMapper {
  // a whole number with or without a fraction of zeros (1.0: pandas writes a column with a missing
  // value as floats)
  private static final Pattern ONE = Pattern.compile("1(\\.0+)?");
  private static final Pattern ZERO = Pattern.compile("0(\\.0+)?");
  // a missing label: empty (pandas writes NaN so), NA (R) or NaN
  private static final Pattern MISSING = Pattern.compile("|NA|(?i:nan)");

  private final RowMapper fullRows;

  /**
   * @param fullRows the mapper of the FIRMS product whose columns the rows carry, or {@code null}
   *     for the reduced labelled file
   */
  LabelledRowMapper(RowMapper fullRows) {
    this.fullRows = fullRows;
  }

  @Override
  public String format() {
    return fullRows == null ? "labelled" : "labelled-" + fullRows.format();
  }

  @Override
  public Observation map(Row row, Provenance provenance) throws RowException {
    if (fullRows != null) {
      return fullRows.map(row, provenance);
    }
    double lat = Values.latitude(row);
    double lon = Values.longitude(row);
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
    String v = row.get("war_fire");
    if (v == null || MISSING.matcher(v).matches()) {
      return FirmsReader.UNLABELLED;
    }
    if (v.equalsIgnoreCase("true") || ONE.matcher(v).matches()) {
      return 1;
    }
    if (v.equalsIgnoreCase("false") || ZERO.matcher(v).matches()) {
      return 0;
    }
    throw new RowException(
        "war_fire", "invalid-label", "war_fire must be 0 or 1 (or TRUE or FALSE), was " + v);
  }
}
