package org.trucewatch.sources.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.Releasability;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.run.InputFile;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;
import org.trucewatch.sources.csv.Values;

/**
 * Reads surveillance reports (observers, drones, fixed cameras, acoustic sensors) from CSV, plain
 * or gzip, with a header row whose column names are matched case-insensitively in any order (see
 * docs/formats.md). A bad row is rejected with file, line, column, reason and raw text and the
 * other rows are kept; a file that cannot be read gives a file-level rejection. A row that repeats
 * an earlier report of the file (same source and report id, same content) is kept once; one that
 * gives other content under the same ids is rejected, naming the earlier line. Never throws for bad
 * content.
 */
public final class SurveillanceReportReader {
  /** The format name in ingest reports. */
  public static final String FORMAT = "surveillance-reports";

  /** The columns every file must have. */
  public static final List<String> REQUIRED =
      List.of(
          "report_id",
          "source_id",
          "source_kind",
          "observed_at",
          "latitude",
          "longitude",
          "uncertainty_m",
          "event");

  /** The columns a file may have. */
  public static final List<String> OPTIONAL =
      List.of("count", "member_state", "description", "releasable_to");

  private static final Pattern SECONDS = Pattern.compile("T\\d{2}:\\d{2}:\\d{2}");
  private static final int MAX_DESCRIPTION = 2_000;

  private SurveillanceReportReader() {}

  /**
   * What one file gave.
   *
   * @param reports kept reports, in file order, each once
   * @param duplicates rows that repeated an earlier report of the file and were kept once
   * @param report rows read, kept and rejected
   */
  public record Result(List<SurveillanceReport> reports, long duplicates, IngestReport report) {

    /**
     * What an ingest that keeps {@code kept} of these reports says of the file: its report, with
     * the rows it rejected besides the reader's ({@code rejected} holds both), and the file as an
     * input of the assessment, naming the sources of the reports kept.
     */
    public Ingested ingested(
        String name, String sha256, List<SurveillanceReport> kept, List<Rejection> rejected) {
      IngestReport ir =
          new IngestReport(
              name, report.format(), report.rowsRead(), kept.size() + duplicates, rejected);
      return new Ingested(
          ir,
          InputFile.reports(
              name,
              sha256,
              ir,
              kept.stream().map(SurveillanceReport::sourceKey).distinct().sorted().toList()));
    }
  }

  /** What an ingest says of a file of reports: its ingest report, and the file as an input. */
  public record Ingested(IngestReport report, InputFile file) {}

  /** Reads a file from disk; its file name (without folders) is used in provenance. */
  public static Result read(Path path, Instant latest) {
    String name = path.getFileName().toString();
    try (InputStream in = Files.newInputStream(path)) {
      return read(name, in, latest);
    } catch (IOException e) {
      return failed(
          new Rejection(
              name, 0, "", "unreadable-file", "cannot read the file: " + e.getMessage(), ""));
    }
  }

  /**
   * Reads a stream (plain or gzip); {@code name} is used in provenance and messages. A report dated
   * after {@code latest} (callers pass now plus a day) is rejected: it cannot have been seen yet.
   */
  public static Result read(String name, InputStream raw, Instant latest) {
    KeyedRows.Read<SurveillanceReport> r =
        KeyedRows.read(
            name,
            raw,
            "surveillance reports",
            REQUIRED,
            (row, p) -> map(row, p, latest),
            SurveillanceReport::identity,
            // one file gives one release of a report; another file may change it
            (earlier, later) ->
                earlier.sameContent(later) && earlier.releasableTo().equals(later.releasableTo()),
            (given, earlier, text) -> conflicting(given, earlier, false, text));
    return new Result(
        r.kept(),
        r.duplicates(),
        new IngestReport(name, FORMAT, r.rows(), r.kept().size() + r.duplicates(), r.rejections()));
  }

  /**
   * Whether a file's first line names every column a file of reports must have (as {@link #read}
   * reads it: plain or gzip, any case and order), so that a command that takes either kind of file
   * can tell a file of reports from a FIRMS file. False for a file that cannot be read.
   */
  public static boolean hasReportsHeader(Path file) {
    try {
      return hasReportsHeader(file.getFileName().toString(), Files.newInputStream(file));
    } catch (IOException e) {
      return false;
    }
  }

  /** {@link #hasReportsHeader(Path)} of a stream named {@code name}; closes it. */
  public static boolean hasReportsHeader(String name, InputStream in) {
    return KeyedRows.hasHeader(name, in, REQUIRED);
  }

  /**
   * The rejection of a report that gives other content under the source and report id of an earlier
   * one, which a second row does not change.
   *
   * @param given the report rejected
   * @param earlier the report kept under those ids
   * @param stored whether the earlier one is in the store (rather than in an input of this run)
   * @param raw the rejected row's text, or empty
   */
  public static Rejection conflicting(
      SurveillanceReport given, SurveillanceReport earlier, boolean stored, String raw) {
    return new Rejection(
        given.provenance().file(),
        given.provenance().line(),
        "report_id",
        "conflicting-report",
        "report "
            + given.reportId()
            + " of source "
            + given.sourceId()
            + (stored ? " is stored" : " was given")
            + (given.sameContent(earlier) ? " with another release by " : " with other content by ")
            + earlier.provenance().file()
            + ":"
            + earlier.provenance().line()
            + (given.sameContent(earlier)
                ? "; a file gives one release of a report"
                : "; a correction is a report with an id of its own"),
        raw);
  }

  private static SurveillanceReport map(Row row, Provenance p, Instant latest) throws RowException {
    String reportId = SourceFields.identifier(row, "report_id");
    String sourceId = SourceFields.identifier(row, "source_id");
    SourceKind kind = SourceFields.kind(row);
    Instant time = SourceFields.instant(row, "observed_at", latest);
    TimePrecision precision =
        SECONDS.matcher(row.require("observed_at")).find()
            ? TimePrecision.SECOND
            : TimePrecision.MINUTE;
    double lat = Values.latitude(row);
    double lon = Values.longitude(row);
    String u = row.require("uncertainty_m");
    double uncertainty = Values.number("uncertainty_m", u);
    if (!(uncertainty >= 0 && uncertainty <= SurveillanceReport.MAX_UNCERTAINTY_METRES)) {
      throw new RowException(
          "uncertainty_m",
          "invalid-uncertainty_m",
          "uncertainty_m must be within 0.."
              + (int) SurveillanceReport.MAX_UNCERTAINTY_METRES
              + " metres, was "
              + u);
    }
    String eventText = row.require("event");
    ReportedEvent event = ReportedEvent.ofKey(eventText);
    if (event == null) {
      throw new RowException(
          "event",
          "invalid-event",
          "event must be one of explosion, projectile, gunfire, flare, fire, weapons, other, was "
              + eventText);
    }
    int count = 1;
    String c = row.get("count");
    if (c != null && !c.isEmpty()) {
      try {
        count = Integer.parseInt(c);
      } catch (NumberFormatException e) {
        count = 0;
      }
      if (count < 1) {
        throw new RowException(
            "count", "invalid-count", "count must be a whole number of at least 1, was " + c);
      }
    }
    String ms = SourceFields.memberState(row);
    String description = SourceFields.text(row, "description", MAX_DESCRIPTION);
    Releasability releasableTo;
    try {
      releasableTo = Releasability.parse(row.get("releasable_to"));
    } catch (IllegalArgumentException e) {
      throw new RowException("releasable_to", "invalid-releasable_to", e.getMessage());
    }
    return new SurveillanceReport(
        reportId,
        sourceId,
        kind,
        ms,
        time,
        precision,
        lat,
        lon,
        uncertainty,
        event,
        count,
        description,
        releasableTo,
        p);
  }

  private static Result failed(Rejection r) {
    return new Result(List.of(), 0, new IngestReport(r.file(), FORMAT, 0, 0, List.of(r)));
  }
}
