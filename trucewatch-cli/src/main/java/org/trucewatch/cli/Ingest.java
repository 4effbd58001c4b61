package org.trucewatch.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Rejection;
import org.trucewatch.run.InputFile;
import org.trucewatch.sources.firms.FirmsFiles;
import org.trucewatch.sources.firms.FirmsReader;

/**
 * Reads FIRMS files and prints each file's ingest report to standard error. A detection that an
 * earlier row, in this file or an earlier one, already gave ({@link Observation#identity()}, as the
 * store) is counted once: a second copy of a file, or two downloads that overlap, must not double a
 * cell-day's count. The file {@code -} is standard input, named {@code stdin} in provenance.
 */
final class Ingest {
  private static final int MAX_LISTED = 20;

  /** The command line's clock, the edge where the time of day enters. */
  static final Clock CLOCK = Clock.systemUTC();

  /** Everything read: observations in input order, labels where the files carry them. */
  record Read(List<Observation> observations, List<Integer> labels, List<InputFile> files) {
    /**
     * Fails when rows were read and every one was rejected (dates as a spreadsheet program writes
     * them, say): an output made of nothing would look like a day without fires. A file with a
     * header and no row is not such a failure.
     */
    void requireAKeptRow() {
      long rows = files.stream().mapToLong(InputFile::rowsRead).sum();
      if (rows > 0 && files.stream().mapToLong(InputFile::kept).sum() == 0) {
        throw new InputFailure(
            (files.size() == 1 ? files.get(0).name() + ": " : "")
                + (rows == 1 ? "the one row read was" : "all " + rows + " rows read were")
                + " rejected, none is left to use (see above)");
      }
    }
  }

  private Ingest() {}

  /** The name of an input in provenance and messages: its file name, or {@code stdin}. */
  static String name(Path f) {
    return PathChecks.isStandardStream(f) ? "stdin" : f.getFileName().toString();
  }

  /** Reads every row of the files (as {@code classify} and {@code evaluate} must). */
  static Read read(List<Path> files, PrintWriter err) {
    return read(files, null, err);
  }

  /**
   * Reads the files and keeps only the detections within {@code area}, when given, counting the
   * others per file ({@link InputFile#outsideArea()}).
   */
  static Read read(List<Path> files, AreaOfInterest area, PrintWriter err) {
    List<Observation> obs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<IngestReport> reports = new ArrayList<>();
    List<InputFile> inputs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long duplicates = 0;
    if (files.stream().filter(PathChecks::isStandardStream).count() > 1) {
      throw new InputFailure("-: standard input can be read once; give - once");
    }
    for (Path f : files) {
      FirmsFiles.Read read;
      try {
        if (PathChecks.isStandardStream(f)) {
          read = FirmsFiles.read(System.in, name(f), FirmsReader.latestDay(CLOCK));
        } else {
          PathChecks.inputFile(f);
          read = FirmsFiles.read(f, name(f), FirmsReader.latestDay(CLOCK));
        }
      } catch (UncheckedIOException e) {
        throw new InputFailure(e.getMessage(), e);
      }
      FirmsReader.Result r = read.result();
      long fileDuplicates = 0;
      long outside = 0;
      for (int i = 0; i < r.observations().size(); i++) {
        Observation o = r.observations().get(i);
        if (area != null && !area.contains(o.latitude(), o.longitude())) {
          outside++;
          continue;
        }
        if (!seen.add(o.identity())) {
          fileDuplicates++;
          continue;
        }
        obs.add(o);
        if (r.labels().length > 0) {
          labels.add(r.labels()[i]);
        }
      }
      duplicates += fileDuplicates;
      reports.add(r.report());
      inputs.add(read.file().withOutsideArea(outside));
      if (!r.report().rejections().isEmpty()
          || fileDuplicates > 0
          || outside > 0
          || files.size() == 1) {
        print(r.report(), err);
      }
      if (outside > 0) {
        err.printf(
            Locale.ROOT,
            "  %s beyond the area of interest (%s), not assessed%n",
            count(outside, "detection"),
            area);
      }
      if (fileDuplicates > 0) {
        err.printf(
            Locale.ROOT,
            "  %s %s an earlier row (same sensor, minute, position, brightness and FRP) and %s"
                + " counted once%n",
            count(fileDuplicates, "detection"),
            fileDuplicates == 1 ? "repeats" : "repeat",
            fileDuplicates == 1 ? "is" : "are");
      }
    }
    if (files.size() > 1) {
      long rows = reports.stream().mapToLong(IngestReport::rowsRead).sum();
      long kept = reports.stream().mapToLong(IngestReport::kept).sum();
      long rejected = reports.stream().mapToLong(x -> x.rejections().size()).sum();
      long outside = inputs.stream().mapToLong(InputFile::outsideArea).sum();
      err.printf(
          Locale.ROOT,
          "ingest %d files: %s read, %d kept, %d rejected%s%s%n",
          files.size(),
          count(rows, "row"),
          kept,
          rejected,
          duplicates == 0 ? "" : ", " + count(duplicates, "repeated detection") + " counted once",
          outside == 0 ? "" : ", " + outside + " beyond the area of interest");
    }
    if (reports.stream().allMatch(r -> r.format().equals(FirmsReader.UNKNOWN_FORMAT))) {
      // not one FIRMS file among the inputs (empty, unknown header, unreadable): an output made of
      // nothing would look like a day without fires
      throw new InputFailure(
          (files.size() == 1
                  ? name(files.get(0)) + " is not"
                  : "none of the " + files.size() + " files is")
              + " a FIRMS file this reader knows (see above)");
    }
    return new Read(obs, labels, inputs);
  }

  /** "1 row", "2 rows": a count with its noun. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String sha256(Path f) {
    try {
      return FirmsFiles.sha256(f);
    } catch (UncheckedIOException e) {
      throw new InputFailure(e.getMessage(), e);
    }
  }

  static void print(IngestReport r, PrintWriter err) {
    err.printf(
        Locale.ROOT,
        "ingest %s: format %s, %s read, %d kept, %d rejected%n",
        r.file(),
        r.format(),
        count(r.rowsRead(), "row"),
        r.kept(),
        r.rejections().size());
    for (Map.Entry<String, Long> e : r.rejectedByReason().entrySet()) {
      err.printf(Locale.ROOT, "  %-22s %d%n", e.getKey(), e.getValue());
    }
    int shown = 0;
    for (Rejection rej : r.rejections()) {
      if (shown++ == MAX_LISTED) {
        err.printf(Locale.ROOT, "  ... and %d more%n", r.rejections().size() - MAX_LISTED);
        break;
      }
      err.println("  " + rej.describe() + (rej.raw().isEmpty() ? "" : "  [" + rej.raw() + "]"));
    }
  }
}
