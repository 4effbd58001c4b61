package org.trucewatch.reports;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.StringWriter;
import org.trucewatch.incident.SourceRecord;

/**
 * sources.csv: each source's record in the report's incidents, one row per source: its detections
 * or reports, and how many of them lie in an incident that another independent source also saw.
 */
public final class SourcesCsv {
  static final String[] HEADER = {
    "source", "observations", "corroborated", "first_utc", "last_utc", "method_version"
  };

  private SourcesCsv() {}

  public static String render(ReportInput in) {
    StringWriter sw = new StringWriter();
    try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(sw)) {
      w.writeRecord(HEADER);
      for (SourceRecord r : SourceRecord.of(in.incidents())) {
        w.writeRecord(
            r.source(),
            Integer.toString(r.observations()),
            Integer.toString(r.corroborated()),
            r.first().toString(),
            r.last().toString(),
            in.report().methodVersion());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("sources.csv could not be written", e);
    }
    return sw.toString();
  }
}
