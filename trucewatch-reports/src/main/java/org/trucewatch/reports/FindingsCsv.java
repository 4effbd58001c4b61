package org.trucewatch.reports;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.StringWriter;
import java.util.Locale;
import org.trucewatch.assessment.Evidence;
import org.trucewatch.assessment.Finding;

/**
 * findings.csv: one row per finding and evidence detection, so every finding leads back to its
 * input rows (file, line, SHA-256 of the row).
 */
public final class FindingsCsv {
  static final String[] HEADER = {
    "finding_id",
    "incident_id",
    "clause_id",
    "verdict",
    "report_day",
    "first_utc",
    "latitude",
    "longitude",
    "side",
    "oblast_code",
    "oblast",
    "sector_id",
    "sector",
    "zones",
    "evidence_file",
    "evidence_line",
    "evidence_sha256",
    "evidence_time_utc",
    "evidence_sensor",
    "evidence_war_related",
    "evidence_rule",
    "evidence_kind",
    "reasoning",
    "method_version"
  };

  private FindingsCsv() {}

  public static String render(ReportInput in) {
    StringWriter sw = new StringWriter();
    try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(sw)) {
      w.writeRecord(HEADER);
      for (Finding f : in.findings()) {
        for (Evidence e : f.evidence()) {
          w.writeRecord(
              f.id(),
              f.incidentId(),
              f.clauseId(),
              f.verdict().key(),
              in.report().terms().reportDay(f.first()).toString(),
              f.first().toString(),
              String.format(Locale.ROOT, "%.6f", f.latitude()),
              String.format(Locale.ROOT, "%.6f", f.longitude()),
              f.side().key(),
              f.regionCode(),
              f.regionName(),
              f.sectorId(),
              f.sectorName(),
              String.join(";", f.zones()),
              e.file(),
              Long.toString(e.line()),
              e.contentHash(),
              e.time().toString(),
              e.sensor(),
              e.kind() == Evidence.Kind.REPORT ? "" : e.warRelated() ? "1" : "0",
              e.rule(),
              e.kind().key(),
              f.reasoning(),
              in.report().methodVersion());
        }
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("findings.csv could not be written", e);
    }
    return sw.toString();
  }
}
