package org.trucewatch.sources.firms;

import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;

/** Turns one row of a FIRMS product into an observation, or says which field is wrong. */
interface RowMapper {
  /** The format name reported in the ingest report. */
  String format();

  Observation map(Row row, Provenance provenance) throws RowException;

  /**
   * The label of a labelled row (1 or 0), or {@link FirmsReader#UNLABELLED} for formats without
   * labels and for a labelled row whose label is missing.
   */
  default int label(Row row) throws RowException {
    return FirmsReader.UNLABELLED;
  }
}
