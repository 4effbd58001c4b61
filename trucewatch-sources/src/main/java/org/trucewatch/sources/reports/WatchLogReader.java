package org.trucewatch.sources.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.Watch;
import org.trucewatch.run.InputFile;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;

/**
 * Reads the watch logs of surveillance sources (when each watched or was offline) from CSV, plain
 * or gzip, with a header row matched case-insensitively in any order (see docs/formats.md). A bad
 * row is rejected with file, line, column, reason and raw text and the other rows are kept; a row
 * that repeats an earlier period of the file is kept once, one that logs the same period with other
 * content is rejected, naming the earlier line. Never throws for bad content.
 */
public final class WatchLogReader {
  /** The format name in ingest reports. */
  public static final String FORMAT = "watch-log";

  /** The columns every file must have. */
  public static final List<String> REQUIRED =
      List.of("source_id", "source_kind", "from", "to", "status");

  /** The columns a file may have. */
  public static final List<String> OPTIONAL = List.of("member_state", "note");

  private static final int MAX_NOTE = 500;

  private WatchLogReader() {}

  /**
   * What one file gave.
   *
   * @param watches kept periods, in file order, each once
   * @param duplicates rows that repeated an earlier period of the file and were kept once
   * @param report rows read, kept and rejected
   */
  public record Result(List<Watch> watches, long duplicates, IngestReport report) {

    /**
     * The file as an input of the assessment, once an ingest keeps {@code kept} of its periods and
     * rejects {@code rejected} (the reader's rejections and its own): its ingest report and the
     * sources it logs.
     */
    public SurveillanceReportReader.Ingested ingested(
        String name, String sha256, List<Watch> kept, List<Rejection> rejected) {
      IngestReport ir =
          new IngestReport(
              name, report.format(), report.rowsRead(), kept.size() + duplicates, rejected);
      return new SurveillanceReportReader.Ingested(
          ir,
          InputFile.reports(
              name, sha256, ir, kept.stream().map(Watch::sourceKey).distinct().sorted().toList()));
    }
  }

  /** Reads a file from disk; its file name (without folders) is used in provenance. */
  public static Result read(Path path, Instant latest) {
    String name = path.getFileName().toString();
    try (InputStream in = Files.newInputStream(path)) {
      return read(name, in, latest);
    } catch (IOException e) {
      Rejection r =
          new Rejection(
              name, 0, "", "unreadable-file", "cannot read the file: " + e.getMessage(), "");
      return new Result(List.of(), 0, new IngestReport(name, FORMAT, 0, 0, List.of(r)));
    }
  }

  /**
   * Reads a stream (plain or gzip); {@code name} is used in provenance and messages. A period that
   * starts after {@code latest} (callers pass now plus a day) is rejected.
   */
  public static Result read(String name, InputStream raw, Instant latest) {
    KeyedRows.Read<Watch> r =
        KeyedRows.read(
            name,
            raw,
            "a watch log",
            REQUIRED,
            (row, p) -> map(row, p, latest),
            Watch::identity,
            Watch::sameContent,
            (given, earlier, text) -> conflicting(given, earlier, false, text));
    return new Result(
        r.kept(),
        r.duplicates(),
        new IngestReport(name, FORMAT, r.rows(), r.kept().size() + r.duplicates(), r.rejections()));
  }

  /** Whether a file's first line names every column a watch log must have; false if unreadable. */
  public static boolean hasWatchHeader(Path file) {
    try {
      return hasWatchHeader(file.getFileName().toString(), Files.newInputStream(file));
    } catch (IOException e) {
      return false;
    }
  }

  /** {@link #hasWatchHeader(Path)} of a stream named {@code name}; closes it. */
  public static boolean hasWatchHeader(String name, InputStream in) {
    return KeyedRows.hasHeader(name, in, REQUIRED);
  }

  /**
   * The rejection of a period logged again with other content (another kind, member state or note)
   * than an earlier row gave it.
   *
   * @param stored whether the earlier one is in the store (rather than in an input of this run)
   */
  public static Rejection conflicting(Watch given, Watch earlier, boolean stored, String raw) {
    return new Rejection(
        given.provenance().file(),
        given.provenance().line(),
        "note",
        "conflicting-watch",
        "source "
            + given.sourceId()
            + " "
            + given.status().key()
            + " from "
            + given.from()
            + " to "
            + given.to()
            + (stored ? " is stored" : " was given")
            + " with other content by "
            + earlier.provenance().file()
            + ":"
            + earlier.provenance().line(),
        raw);
  }

  private static Watch map(Row row, Provenance p, Instant latest) throws RowException {
    String sourceId = SourceFields.identifier(row, "source_id");
    SourceKind kind = SourceFields.kind(row);
    Instant from = SourceFields.instant(row, "from", latest);
    Instant to = SourceFields.instant(row, "to", latest);
    if (!to.isAfter(from)) {
      throw new RowException(
          "to",
          "invalid-to",
          "to must be after from (" + row.require("from") + "), was " + row.require("to"));
    }
    if (Duration.between(from, to).compareTo(Watch.MAX_PERIOD) > 0) {
      throw new RowException(
          "to",
          "invalid-to",
          "a row logs at most 31 days; split a longer period, was "
              + row.require("from")
              + " to "
              + row.require("to"));
    }
    String statusText = row.require("status");
    Watch.Status status = Watch.Status.ofKey(statusText);
    if (status == null) {
      throw new RowException(
          "status", "invalid-status", "status must be watching or offline, was " + statusText);
    }
    return new Watch(
        sourceId,
        kind,
        SourceFields.memberState(row),
        from,
        to,
        status,
        SourceFields.text(row, "note", MAX_NOTE),
        p);
  }
}
