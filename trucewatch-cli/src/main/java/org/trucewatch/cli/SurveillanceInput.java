package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.Watch;
import org.trucewatch.run.InputFile;
import org.trucewatch.sources.reports.SurveillanceReportReader;
import org.trucewatch.sources.reports.WatchLogReader;

/**
 * Reads the files of surveillance sources given to a command: files of reports, and watch logs
 * (told apart by their header). Each report and each logged period is kept once across the files
 * (one that an earlier file gave with the same content is counted once; one with other content
 * under the same identity is rejected, naming the file and line that gave it first), with an ingest
 * report per file on standard error.
 */
final class SurveillanceInput {
  private SurveillanceInput() {}

  /** The reports and periods kept, in input order, and the files as published with every output. */
  record Read(List<SurveillanceReport> reports, List<Watch> watches, List<InputFile> files) {}

  static Read read(List<Path> files, PrintWriter err) {
    Instant latest = Ingest.CLOCK.instant().plus(Duration.ofDays(1));
    Kept<SurveillanceReport> reports =
        new Kept<>(
            SurveillanceReport::identity,
            SurveillanceReport::sameContent,
            (x, earlier) -> SurveillanceReportReader.conflicting(x, earlier, false, ""),
            "an earlier report (same source, id and content)");
    Kept<Watch> watches =
        new Kept<>(
            Watch::identity,
            Watch::sameContent,
            (x, earlier) -> WatchLogReader.conflicting(x, earlier, false, ""),
            "an earlier logged period (same source, times, status and note)");
    List<InputFile> inputs = new ArrayList<>();
    for (Path f : files) {
      PathChecks.inputFile(f);
      // a file with the columns of both is read as reports, as the server's ingest reads it
      if (!SurveillanceReportReader.hasReportsHeader(f) && WatchLogReader.hasWatchHeader(f)) {
        WatchLogReader.Result r = WatchLogReader.read(f, latest);
        List<Rejection> rejections = new ArrayList<>(r.report().rejections());
        List<Watch> fileKept = watches.add(r.watches(), rejections);
        inputs.add(
            watches.report(
                f,
                r.report(),
                r.duplicates(),
                r.ingested(r.report().file(), Ingest.sha256(f), fileKept, rejections),
                err));
        continue;
      }
      SurveillanceReportReader.Result r = SurveillanceReportReader.read(f, latest);
      IngestReport ir = r.report();
      if (ir.rejections().stream().anyMatch(x -> !x.ofRow()) && ir.rowsRead() == 0) {
        Ingest.print(ir, err);
        throw new InputFailure(
            Ingest.name(f)
                + " is neither a file of surveillance reports nor a watch log (see above)");
      }
      List<Rejection> rejections = new ArrayList<>(ir.rejections());
      List<SurveillanceReport> fileKept = reports.add(r.reports(), rejections);
      inputs.add(
          reports.report(
              f,
              ir,
              r.duplicates(),
              r.ingested(ir.file(), Ingest.sha256(f), fileKept, rejections),
              err));
    }
    return new Read(reports.kept, watches.kept, inputs);
  }

  /** What the files so far kept of one kind of record, each once by its identity. */
  private static final class Kept<T> {
    final List<T> kept = new ArrayList<>();
    private final Map<String, T> byIdentity = new HashMap<>();
    private final Function<T, String> identity;
    private final BiPredicate<T, T> same;
    private final BiFunction<T, T, Rejection> conflict;
    private final String repeats;
    private long repeated;

    Kept(
        Function<T, String> identity,
        BiPredicate<T, T> same,
        BiFunction<T, T, Rejection> conflict,
        String repeats) {
      this.identity = identity;
      this.same = same;
      this.conflict = conflict;
      this.repeats = repeats;
    }

    /**
     * Adds a file's records; returns those that no earlier file contradicts, and adds a rejection
     * for each that one does.
     */
    List<T> add(List<T> records, List<Rejection> rejections) {
      repeated = 0;
      List<T> fileKept = new ArrayList<>();
      for (T x : records) {
        T earlier = byIdentity.putIfAbsent(identity.apply(x), x);
        if (earlier == null || same.test(earlier, x)) {
          fileKept.add(x);
          if (earlier == null) {
            kept.add(x);
          } else {
            repeated++;
          }
        } else {
          rejections.add(conflict.apply(x, earlier));
        }
      }
      return fileKept;
    }

    /**
     * Prints a file's ingest report, with how many rows repeated earlier ones; fails when none of
     * its rows is left; returns the file as an input.
     */
    InputFile report(
        Path f,
        IngestReport read,
        long duplicates,
        SurveillanceReportReader.Ingested in,
        PrintWriter err) {
      IngestReport merged = in.report();
      Ingest.print(merged, err);
      long n = repeated + duplicates;
      if (n > 0) {
        err.printf(
            Locale.ROOT,
            "  %s %s and %s counted once%n",
            n == 1 ? "1 row repeats" : n + " rows repeat",
            repeats,
            n == 1 ? "is" : "are");
      }
      if (read.rowsRead() > 0 && merged.kept() == 0) {
        throw new InputFailure(
            Ingest.name(f)
                + ": "
                + (read.rowsRead() == 1
                    ? "the one row read was"
                    : "all " + read.rowsRead() + " rows read were")
                + " rejected, none is left to use (see above)");
      }
      return in.file();
    }
  }
}
