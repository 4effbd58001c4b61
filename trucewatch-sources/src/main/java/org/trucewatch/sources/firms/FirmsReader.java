package org.trucewatch.sources.firms;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Rejection;

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

  private static final java.util.HexFormat HEX = java.util.HexFormat.of();

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
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    BufferedInputStream body;
    try {
      in.mark(4);
      int b1 = in.read();
      int b2 = in.read();
      int b3 = in.read();
      int b4 = in.read();
      in.reset();
      if (b1 == -1) {
        return failed(name, "empty-file", "the file is empty: no header line", 0);
      }
      if (b1 == 'P' && b2 == 'K' && b3 == 3 && b4 == 4) {
        return failed(name, "zip-archive", zipMessage(in), 0);
      }
      body =
          (b1 == 0x1f && b2 == 0x8b)
              ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16)
              : in;
    } catch (EOFException e) {
      return failed(
          name, "truncated-gzip", "the gzip stream ends before its header is complete", 0);
    } catch (IOException e) {
      return failed(name, "unreadable-file", "cannot read the file: " + e.getMessage(), 0);
    }
    String notCsv = notCsvMessage(firstCharacter(body));
    if (notCsv != null) {
      return failed(name, "unknown-format", notCsv, 1);
    }
    return parse(name, body, latest);
  }

  /**
   * The first character of the text after a byte order mark and white space, or -1 when there is
   * none in the first kilobyte or it cannot be read (the parse then reports why). The stream is
   * reset to where it was.
   */
  private static int firstCharacter(BufferedInputStream in) {
    in.mark(1024);
    try {
      for (int i = 0; i < 1024; i++) {
        int b = in.read();
        if (b != 0xEF && b != 0xBB && b != 0xBF && b != ' ' && b != '\t' && b != '\r'
            && b != '\n') {
          return b;
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    } finally {
      try {
        in.reset();
      } catch (IOException e) {
        // only after a read failed; the parse meets the same failure and reports it
      }
    }
  }

  /**
   * Why a file that starts with {@code first} is not CSV at all, or {@code null}: FIRMS also
   * delivers JSON and KML, and a download that failed may save a web page in place of the CSV.
   */
  private static String notCsvMessage(int first) {
    return switch (first) {
      case '{', '[' ->
          "the file is JSON, not CSV: download the FIRMS detections as CSV (a GeoJSON control"
              + " map is not a FIRMS file)";
      case '<' ->
          "the file is XML or HTML (a KML download, or a web page saved in place of the CSV), not"
              + " CSV: download the FIRMS detections as CSV";
      default -> null;
    };
  }

  private static Result parse(String name, InputStream body, LocalDate latest) {
    List<Observation> kept = new ArrayList<>();
    IntArray labels = new IntArray();
    List<Rejection> rejections = new ArrayList<>();
    long rows = 0;
    long lastLine = 0;
    String format = UNKNOWN_FORMAT;
    MessageDigest sha = sha256();
    CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .allowExtraFields(true)
            .allowMissingFields(true)
            .skipEmptyLines(true)
            .detectBomHeader(true) // files saved again by spreadsheet programs start with one
            .ofCsvRecord(body, StandardCharsets.UTF_8);
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
        if (rec.getFieldCount() != header.size()) {
          rejections.add(
              new Rejection(
                  name,
                  lastLine,
                  "",
                  "wrong-column-count",
                  "expected " + header.size() + " columns, found " + rec.getFieldCount(),
                  rawText));
          continue;
        }
        Row row = new Row(header, rec.getFields());
        try {
          String hash = HEX.formatHex(sha.digest(rawText.getBytes(StandardCharsets.UTF_8)));
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
      rejections.add(ioRejection(name, lastLine, e.getCause()));
    } catch (CsvParseException e) {
      rejections.add(
          new Rejection(
              name,
              lastLine + 1,
              "",
              "malformed-csv",
              "the CSV cannot be parsed after line " + lastLine + ": " + rootMessage(e),
              ""));
    } catch (IOException e) {
      rejections.add(ioRejection(name, lastLine, e));
    }
    return new Result(
        List.copyOf(kept),
        labels.toArray(),
        new IngestReport(name, format, rows, kept.size(), rejections));
  }

  /**
   * What to do with a zip archive, as FIRMS's archive download delivers one: name the CSV files it
   * holds, which this reader takes once unpacked.
   */
  private static String zipMessage(InputStream in) {
    List<String> csv = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String entry = e.getName();
        if (!e.isDirectory() && entry.toLowerCase(Locale.ROOT).matches(".*\\.csv(\\.gz)?")) {
          csv.add(entry);
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // a damaged archive: the advice below still holds
    }
    String advice = "the file is a zip archive, not a CSV file: unpack it and give the CSV files";
    if (csv.isEmpty()) {
      return advice + " it holds (none was found in it)";
    }
    int shown = Math.min(csv.size(), 5);
    return advice
        + " it holds ("
        + String.join(", ", csv.subList(0, shown))
        + (csv.size() > shown ? " and " + (csv.size() - shown) + " more" : "")
        + ")";
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

  private static Rejection ioRejection(String name, long lastLine, IOException e) {
    if (e instanceof EOFException || e instanceof ZipException) {
      return new Rejection(
          name,
          lastLine + 1,
          "",
          "truncated-gzip",
          "the gzip stream is cut off or corrupt after line "
              + lastLine
              + "; rows up to there are kept",
          "");
    }
    return new Rejection(
        name,
        lastLine + 1,
        "",
        "unreadable-file",
        "reading stopped after line " + lastLine + ": " + e.getMessage(),
        "");
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
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
    return new Result(
        List.of(),
        new int[0],
        new IngestReport(
            name,
            UNKNOWN_FORMAT,
            0,
            0,
            List.of(new Rejection(name, line, "", reason, message, ""))));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
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
