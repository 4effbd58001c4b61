package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.run.InputFile;
import org.trucewatch.sources.reports.SurveillanceReportReader;

/**
 * Reads the files of surveillance reports given to a command: each report once across the files (a
 * report that an earlier file gave with the same content is counted once; one with other content
 * under the same source and id is rejected, naming the file and line that gave it first), with an
 * ingest report per file on standard error.
 */
final class SurveillanceInput {
  private SurveillanceInput() {}

  /** The reports kept, in input order, and the files as published with every output. */
  record Read(List<SurveillanceReport> reports, List<InputFile> files) {}

  static Read read(List<Path> files, PrintWriter err) {
    List<SurveillanceReport> kept = new ArrayList<>();
    Map<String, SurveillanceReport> byIdentity = new HashMap<>();
    List<InputFile> inputs = new ArrayList<>();
    for (Path f : files) {
      PathChecks.inputFile(f);
      SurveillanceReportReader.Result r =
          SurveillanceReportReader.read(f, Ingest.CLOCK.instant().plus(Duration.ofDays(1)));
      IngestReport ir = r.report();
      if (ir.rejections().stream().anyMatch(x -> !x.ofRow()) && ir.rowsRead() == 0) {
        Ingest.print(ir, err);
        throw new InputFailure(
            Ingest.name(f) + " is not a file of surveillance reports (see above)");
      }
      List<Rejection> rejections = new ArrayList<>(ir.rejections());
      long repeated = r.duplicates();
      // the file's reports that no earlier file contradicts
      List<SurveillanceReport> fileKept = new ArrayList<>();
      for (SurveillanceReport x : r.reports()) {
        SurveillanceReport earlier = byIdentity.putIfAbsent(x.identity(), x);
        if (earlier == null || earlier.sameContent(x)) {
          fileKept.add(x);
          if (earlier == null) {
            kept.add(x);
          } else {
            repeated++;
          }
        } else {
          rejections.add(SurveillanceReportReader.conflicting(x, earlier, false, ""));
        }
      }
      SurveillanceReportReader.Ingested in =
          r.ingested(ir.file(), Ingest.sha256(f), fileKept, rejections);
      IngestReport merged = in.report();
      Ingest.print(merged, err);
      if (repeated > 0) {
        err.printf(
            Locale.ROOT,
            "  %s an earlier report (same source, id and content) and %s counted once%n",
            repeated == 1 ? "1 row repeats" : repeated + " rows repeat",
            repeated == 1 ? "is" : "are");
      }
      if (ir.rowsRead() > 0 && merged.kept() == 0) {
        throw new InputFailure(
            Ingest.name(f)
                + ": "
                + (ir.rowsRead() == 1
                    ? "the one row read was"
                    : "all " + ir.rowsRead() + " rows read were")
                + " rejected, none is left to use (see above)");
      }
      inputs.add(in.file());
    }
    return new Read(kept, inputs);
  }
}
