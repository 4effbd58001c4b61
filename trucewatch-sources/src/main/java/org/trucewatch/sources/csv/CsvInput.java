package org.trucewatch.sources.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.trucewatch.observation.Rejection;

/**
 * Opens a CSV input, plain or gzip (recognised by its magic bytes), and names what it is when it is
 * not CSV at all: an empty file, a zip archive (with the CSV files it holds), JSON, XML or HTML.
 * Shared by the readers of every CSV format, so that each rejects a bad file in the same words.
 */
public final class CsvInput {
  private CsvInput() {}

  /**
   * An opened input: the decompressed body, or the file-level rejection that stops reading it.
   *
   * @param body the text, positioned at its start; {@code null} when {@code failure} is set
   * @param failure why the file cannot be read, or {@code null}
   */
  public record Opened(InputStream body, Rejection failure) {}

  /**
   * Opens a stream; {@code name} is used in rejections and {@code what} names what the file should
   * hold, for advice such as "give the FIRMS detections as CSV".
   */
  public static Opened open(String name, InputStream raw, String what) {
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
    String notCsv = notCsvMessage(firstCharacter(body), what);
    if (notCsv != null) {
      return failed(name, "unknown-format", notCsv, 1);
    }
    return new Opened(body, null);
  }

  /** A FastCSV reader of the body that keeps rows of any width, skips empty lines and a BOM. */
  public static CsvReader<CsvRecord> reader(InputStream body) {
    return CsvReader.builder()
        .allowExtraFields(true)
        .allowMissingFields(true)
        .skipEmptyLines(true)
        .detectBomHeader(true) // files saved again by spreadsheet programs start with one
        .ofCsvRecord(body, StandardCharsets.UTF_8);
  }

  /**
   * The rejection of a row whose number of columns is not the header's, or {@code null} when it is.
   */
  public static Rejection wrongWidth(String name, CsvRecord rec, int columns, String raw) {
    if (rec.getFieldCount() == columns) {
      return null;
    }
    return new Rejection(
        name,
        rec.getStartingLineNumber(),
        "",
        "wrong-column-count",
        "expected " + columns + " columns, found " + rec.getFieldCount(),
        raw);
  }

  private static Opened failed(String name, String reason, String message, long line) {
    return new Opened(null, new Rejection(name, line, "", reason, message, ""));
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
  private static String notCsvMessage(int first, String what) {
    return switch (first) {
      case '{', '[' ->
          "the file is JSON, not CSV: give " + what + " as CSV (a GeoJSON file is not one)";
      case '<' ->
          "the file is XML or HTML (a KML download, or a web page saved in place of the CSV), not"
              + " CSV: give "
              + what
              + " as CSV";
      default -> null;
    };
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

  /**
   * The rejection of a stream that stopped after {@code lastLine}: a cut-off or corrupt gzip
   * stream, or a read error. The rows up to there are kept.
   */
  public static Rejection stopped(String name, long lastLine, IOException e) {
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

  /**
   * Throws what made the parser fail when it is an {@link Error} (an {@link OutOfMemoryError},
   * say), which FastCSV wraps as a parse failure: it says nothing of the file, and must not be told
   * as a malformed one.
   */
  public static void rethrowError(CsvParseException e) {
    if (e.getCause() instanceof Error error) {
      throw error;
    }
  }

  /**
   * The rejection of CSV that cannot be parsed after {@code lastLine} (an unclosed quote); an
   * {@link Error} the parser met is thrown instead ({@link #rethrowError}).
   */
  public static Rejection malformed(String name, long lastLine, CsvParseException e) {
    rethrowError(e);
    return new Rejection(
        name,
        lastLine + 1,
        "",
        "malformed-csv",
        "the CSV cannot be parsed after line " + lastLine + ": " + rootMessage(e),
        "");
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
