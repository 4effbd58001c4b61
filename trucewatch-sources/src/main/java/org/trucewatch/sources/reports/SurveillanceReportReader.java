package org.trucewatch.sources.reports;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.trucewatch.sources.csv.CsvInput;
import org.trucewatch.sources.csv.Header;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;
import org.trucewatch.sources.csv.RowHash;
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

  private static final Pattern MEMBER_STATE = Pattern.compile("[A-Z]{2}");
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
    CsvInput.Opened opened = CsvInput.open(name, raw, "the surveillance reports");
    if (opened.failure() != null) {
      return failed(opened.failure());
    }
    List<SurveillanceReport> kept = new ArrayList<>();
    Map<String, Integer> byIdentity = new HashMap<>();
    List<Rejection> rejections = new ArrayList<>();
    long rows = 0;
    long duplicates = 0;
    long lastLine = 0;
    RowHash rowHash = new RowHash();
    try (CsvReader<CsvRecord> csv = CsvInput.reader(opened.body())) {
      Iterator<CsvRecord> it = csv.iterator();
      if (!it.hasNext()) {
        return failed(
            new Rejection(name, 0, "", "empty-file", "the file is empty: no header line", ""));
      }
      CsvRecord headerRecord = it.next();
      lastLine = headerRecord.getStartingLineNumber();
      Header header = new Header(headerRecord.getFields());
      List<String> missing = REQUIRED.stream().filter(c -> !header.has(c)).toList();
      if (!missing.isEmpty()) {
        return failed(
            new Rejection(
                name,
                lastLine,
                "",
                "unknown-format",
                "the header is not that of surveillance reports: it lacks "
                    + String.join(", ", missing)
                    + " (see docs/formats.md)",
                String.join(",", headerRecord.getFields())));
      }
      while (it.hasNext()) {
        CsvRecord rec = it.next();
        rows++;
        lastLine = rec.getStartingLineNumber();
        String rawText = String.join(",", rec.getFields());
        Rejection width = CsvInput.wrongWidth(name, rec, header.size(), rawText);
        if (width != null) {
          rejections.add(width);
          continue;
        }
        try {
          String hash = rowHash.of(rawText);
          SurveillanceReport r =
              map(new Row(header, rec.getFields()), new Provenance(name, lastLine, hash), latest);
          Integer earlier = byIdentity.get(r.identity());
          if (earlier == null) {
            byIdentity.put(r.identity(), kept.size());
            kept.add(r);
          } else if (kept.get(earlier).sameContent(r)
              && kept.get(earlier).releasableTo().equals(r.releasableTo())) {
            // one file gives one release of a report; another file may change it
            duplicates++;
          } else {
            rejections.add(conflicting(r, kept.get(earlier), false, rawText));
          }
        } catch (RowException e) {
          rejections.add(
              new Rejection(name, lastLine, e.column(), e.reason(), e.getMessage(), rawText));
        }
      }
    } catch (UncheckedIOException e) {
      rejections.add(CsvInput.stopped(name, lastLine, e.getCause()));
    } catch (CsvParseException e) {
      rejections.add(CsvInput.malformed(name, lastLine, e));
    } catch (IOException e) {
      rejections.add(CsvInput.stopped(name, lastLine, e));
    }
    long keptRows = kept.size() + duplicates;
    return new Result(
        List.copyOf(kept), duplicates, new IngestReport(name, FORMAT, rows, keptRows, rejections));
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
    try (InputStream raw = in) {
      CsvInput.Opened opened = CsvInput.open(name, raw, "");
      if (opened.failure() != null) {
        return false;
      }
      try (CsvReader<CsvRecord> csv = CsvInput.reader(opened.body())) {
        Iterator<CsvRecord> it = csv.iterator();
        if (!it.hasNext()) {
          return false;
        }
        Header h = new Header(it.next().getFields());
        return REQUIRED.stream().allMatch(h::has);
      }
    } catch (IOException | UncheckedIOException | CsvParseException e) {
      return false;
    }
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
    String reportId = identifier(row, "report_id");
    String sourceId = identifier(row, "source_id");
    String kindText = row.require("source_kind");
    SourceKind kind = SourceKind.ofKey(kindText);
    if (kind == null) {
      throw new RowException(
          "source_kind",
          "invalid-source_kind",
          "source_kind must be one of observer, drone, camera, acoustic, was " + kindText);
    }
    String when = row.require("observed_at");
    Instant time;
    try {
      time = OffsetDateTime.parse(when).toInstant();
    } catch (DateTimeParseException e) {
      throw new RowException(
          "observed_at",
          "invalid-observed_at",
          (withoutOffset(when)
                  ? "observed_at has no UTC offset: add Z or the offset, such as"
                  : "observed_at must be an ISO 8601 date and time with its UTC offset, such as")
              + " 2025-08-16T21:40Z or 2025-08-17T00:40+03:00, was "
              + when);
    }
    if (latest != null && time.isAfter(latest)) {
      throw new RowException(
          "observed_at",
          "invalid-observed_at",
          "observed_at " + when + " is in the future: a report cannot be dated after " + latest);
    }
    TimePrecision precision =
        SECONDS.matcher(when).find() ? TimePrecision.SECOND : TimePrecision.MINUTE;
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
    String ms = row.get("member_state");
    ms = ms == null ? "" : ms.toUpperCase(Locale.ROOT);
    if (!ms.isEmpty() && !MEMBER_STATE.matcher(ms).matches()) {
      throw new RowException(
          "member_state",
          "invalid-member_state",
          "member_state must be a two-letter country code (ISO 3166-1), such as FR, was " + ms);
    }
    String description = row.get("description");
    description = description == null ? "" : description;
    if (description.length() > MAX_DESCRIPTION) {
      throw new RowException(
          "description",
          "invalid-description",
          "description must be at most "
              + MAX_DESCRIPTION
              + " characters, was "
              + description.length());
    }
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

  /** Whether a text is a valid date and time that only lacks its offset. */
  private static boolean withoutOffset(String text) {
    try {
      java.time.LocalDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** An id: letters, digits and {@code - _ . : /}, at most 64 characters. */
  private static String identifier(Row row, String column) throws RowException {
    String v = row.require(column);
    if (v.length() > 64 || !v.matches("[\\p{L}\\p{N}._:/-]+")) {
      throw new RowException(
          column,
          "invalid-" + column,
          column + " must be at most 64 letters, digits and the characters . _ : / -, was " + v);
    }
    return v;
  }

  private static Result failed(Rejection r) {
    return new Result(List.of(), 0, new IngestReport(r.file(), FORMAT, 0, 0, List.of(r)));
  }
}
