package org.trucewatch.sources.firms;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Rejection;
import org.trucewatch.sources.csv.CsvInput;
import org.trucewatch.sources.csv.Header;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;
import org.trucewatch.sources.csv.RowHash;

/**
 * Reads a FIRMS CSV file of any variant, plain or gzip (recognised by its magic bytes), choosing
 * the row mapper from the header. A bad row is rejected with file, line, column, reason and raw
 * text and the other rows are kept; a file that cannot be read at all gives a file-level rejection
 * (line 0 or the line where reading stopped). A zip archive (as FIRMS's archive download delivers
 * one) is not unpacked: it is rejected with the names of the CSV files it holds; JSON, XML and HTML
 * are named as such. Never throws for bad content.
 */
public final class FirmsReader {
  /** The format of an ingest report when no FIRMS header was found: nothing could be read. */
  public static final String UNKNOWN_FORMAT = "unknown";

  /** The first day of FIRMS data (MODIS on Terra); an earlier acquisition date is a mistake. */
  public static final LocalDate FIRST_DAY = LocalDate.of(2000, 11, 1);

  /** The latest acquisition date an input may hold: the day after today, UTC, by {@code clock}. */
  public static LocalDate latestDay(java.time.Clock clock) {
    return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(1);
  }

  private FirmsReader() {}

  /**
   * What one file gave.
   *
   * @param observations kept observations, in file order
   * @param labels per kept observation 1 (war-related), 0, or {@link #UNLABELLED} where the row has
   *     no label, for the labelled format; empty otherwise
   * @param report rows read, kept and rejected
   */
  public record Result(List<Observation> observations, int[] labels, IngestReport report) {}

  /** The label of a row that has none: a labelled file's row whose {@code war_fire} is missing. */
  public static final int UNLABELLED = -1;

  /**
   * Reads a file from disk; its file name (without folders) is used in provenance. Acquisition
   * dates must be on or after {@link #FIRST_DAY}; there is no latest date (see {@link #read(String,
   * InputStream, LocalDate)}).
   */
  public static Result read(Path path) {
    String name = path.getFileName().toString();
    try (InputStream in = Files.newInputStream(path)) {
      return read(name, in, null);
    } catch (IOException e) {
      return failed(name, "unreadable-file", "cannot read the file: " + e.getMessage(), 0);
    }
  }

  /** Reads a stream (plain or gzip) without a latest date; see the three-argument form. */
  public static Result read(String name, InputStream raw) {
    return read(name, raw, null);
  }

  /**
   * Reads a stream (plain or gzip); {@code name} is used in provenance and messages. A row dated
   * before {@link #FIRST_DAY} or after {@code latest} (when not {@code null}; callers pass the day
   * after today, UTC) is rejected as {@code invalid-date}: a mistyped year would otherwise stretch
   * the file's days and the report over decades.
   */
  public static Result read(String name, InputStream raw, LocalDate latest) {
    CsvInput.Opened opened = CsvInput.open(name, raw, "the FIRMS detections");
    if (opened.failure() != null) {
      return failed(opened.failure());
    }
    return parse(name, opened.body(), latest);
  }

  private static Result parse(String name, InputStream body, LocalDate latest) {
    List<Observation> kept = new ArrayList<>();
    IntArray labels = new IntArray();
    List<Rejection> rejections = new ArrayList<>();
    long rows = 0;
    long lastLine = 0;
    String format = UNKNOWN_FORMAT;
    RowHash rowHash = new RowHash();
    CsvReader<CsvRecord> csv = CsvInput.reader(body);
    try (csv) {
      Iterator<CsvRecord> it = csv.iterator();
      if (!it.hasNext()) {
        return failed(name, "empty-file", "the file is empty: no header line", 0);
      }
      CsvRecord headerRecord = it.next();
      lastLine = headerRecord.getStartingLineNumber();
      Header header = new Header(headerRecord.getFields());
      RowMapper mapper = mapperFor(header);
      if (mapper == null) {
        rejections.add(
            new Rejection(
                name,
                lastLine,
                "",
                "unknown-format",
                unknownHeaderMessage(headerRecord.getFields()),
                String.join(",", headerRecord.getFields())));
        return new Result(List.of(), new int[0], new IngestReport(name, format, 0, 0, rejections));
      }
      format = mapper.format();
      boolean withLabels = mapper instanceof LabelledRowMapper;
      String dateColumn = header.has("acq_date") ? "acq_date" : "date";
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
        Row row = new Row(header, rec.getFields());
        try {
          String hash = rowHash.of(rawText);
          Observation o = mapper.map(row, new Provenance(name, lastLine, hash));
          checkDate(o.utcDate(), dateColumn, latest);
          int label = withLabels ? mapper.label(row) : UNLABELLED;
          kept.add(o);
          if (withLabels) {
            labels.add(label);
          }
        } catch (RowException e) {
          rejections.add(
              new Rejection(name, lastLine, e.column(), e.reason(), e.getMessage(), rawText));
        } catch (IllegalArgumentException e) {
          rejections.add(new Rejection(name, lastLine, "", "invalid-row", e.getMessage(), rawText));
        }
      }
    } catch (UncheckedIOException e) {
      rejections.add(CsvInput.stopped(name, lastLine, e.getCause()));
    } catch (CsvParseException e) {
      rejections.add(CsvInput.malformed(name, lastLine, e));
    } catch (IOException e) {
      rejections.add(CsvInput.stopped(name, lastLine, e));
    }
    return new Result(
        List.copyOf(kept),
        labels.toArray(),
        new IngestReport(name, format, rows, kept.size(), rejections));
  }

  private static String unknownHeaderMessage(List<String> fields) {
    String line = String.join(",", fields);
    if (fields.size() == 1) {
      for (String sep : List.of(";", "\t")) {
        if (line.contains(sep)) {
          String shown = sep.equals("\t") ? "tabs" : "'" + sep + "'";
          return "the columns are separated by "
              + shown
              + ", not commas: FIRMS files are comma-separated with points as decimal separators;"
              + " save the file again as such CSV";
        }
      }
    }
    // the header itself is the rejection's raw text, not repeated here
    return "the header is not a FIRMS header this reader knows (needs latitude, longitude and"
        + " acq_date or date)";
  }

  private static void checkDate(LocalDate d, String column, LocalDate latest) throws RowException {
    if (d.isBefore(FIRST_DAY)) {
      throw new RowException(
          column,
          "invalid-date",
          column + " " + d + " is before " + FIRST_DAY + ", the first day of FIRMS data");
    }
    if (latest != null && d.isAfter(latest)) {
      throw new RowException(
          column,
          "invalid-date",
          column + " " + d + " is after " + latest + ": a detection cannot be dated in the future");
    }
  }

  static RowMapper mapperFor(Header h) {
    boolean position = h.has("latitude") && h.has("longitude");
    if (!position) {
      return null;
    }
    RowMapper product = productMapper(h);
    if (h.has("war_fire") && (h.has("date") || h.has("acq_date")) && h.has("acq_time")) {
      return new LabelledRowMapper(product);
    }
    if (product != null) {
      return product;
    }
    if (h.has("acq_date") && !h.has("acq_time")) {
      return new HistoryRowMapper();
    }
    return null;
  }

  /** The mapper of a whole VIIRS or MODIS row, or {@code null} when the columns are not one. */
  private static RowMapper productMapper(Header h) {
    if (!h.has("acq_date")) {
      return null;
    }
    if (h.has("bright_ti4")) {
      return new ViirsRowMapper();
    }
    return h.has("brightness") ? new ModisRowMapper() : null;
  }

  private static Result failed(String name, String reason, String message, long line) {
    return failed(new Rejection(name, line, "", reason, message, ""));
  }

  private static Result failed(Rejection r) {
    return new Result(
        List.of(), new int[0], new IngestReport(r.file(), UNKNOWN_FORMAT, 0, 0, List.of(r)));
  }

  private static final class IntArray {
    private int[] data = new int[256];
    private int size;

    void add(int v) {
      if (size == data.length) {
        data = java.util.Arrays.copyOf(data, size * 2);
      }
      data[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }
}
