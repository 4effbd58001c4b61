package org.trucewatch.sources.reports;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Rejection;
import org.trucewatch.sources.csv.CsvInput;
import org.trucewatch.sources.csv.Header;
import org.trucewatch.sources.csv.Row;
import org.trucewatch.sources.csv.RowException;
import org.trucewatch.sources.csv.RowHash;

/**
 * The reading that files of surveillance sources share: a CSV file (plain or gzip) with a header
 * whose required columns are matched case-insensitively in any order, each row mapped to a record
 * with its provenance, a bad row rejected with its line, column, reason and raw text while the
 * others are kept, and each record once by its identity: a row that repeats an earlier one is
 * counted, one that gives other content under the same identity is rejected.
 */
final class KeyedRows {
  private KeyedRows() {}

  /** Maps one row to a record. */
  interface Mapper<T> {
    T map(Row row, Provenance provenance) throws RowException;
  }

  /** The rejection of a row that gives other content under an earlier row's identity. */
  interface Conflict<T> {
    Rejection of(T given, T earlier, String raw);
  }

  /**
   * What a file gave.
   *
   * @param kept records in file order, each once
   * @param duplicates rows that repeated an earlier record and were counted once
   * @param rows data rows read
   * @param rejections rows rejected, and the file's own rejection if it could not be read
   * @param failed whether the file gave no rows at all (empty, unreadable, another format)
   */
  record Read<T>(
      List<T> kept, long duplicates, long rows, List<Rejection> rejections, boolean failed) {}

  /**
   * Reads {@code raw} named {@code name}.
   *
   * @param what the files' kind in messages, such as {@code surveillance reports}
   * @param same whether a later record with an earlier one's identity repeats it
   */
  static <T> Read<T> read(
      String name,
      InputStream raw,
      String what,
      List<String> required,
      Mapper<T> mapper,
      Function<T, String> identity,
      BiPredicate<T, T> same,
      Conflict<T> conflict) {
    CsvInput.Opened opened = CsvInput.open(name, raw, "the " + what);
    if (opened.failure() != null) {
      return failed(opened.failure());
    }
    List<T> kept = new ArrayList<>();
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
      List<String> missing = required.stream().filter(c -> !header.has(c)).toList();
      if (!missing.isEmpty()) {
        return failed(
            new Rejection(
                name,
                lastLine,
                "",
                "unknown-format",
                "the header is not that of "
                    + what
                    + ": it lacks "
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
          T r =
              mapper.map(
                  new Row(header, rec.getFields()),
                  new Provenance(name, lastLine, rowHash.of(rawText)));
          Integer earlier = byIdentity.get(identity.apply(r));
          if (earlier == null) {
            byIdentity.put(identity.apply(r), kept.size());
            kept.add(r);
          } else if (same.test(kept.get(earlier), r)) {
            duplicates++;
          } else {
            rejections.add(conflict.of(r, kept.get(earlier), rawText));
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
    return new Read<>(List.copyOf(kept), duplicates, rows, rejections, false);
  }

  /**
   * Whether the first line of {@code in} (plain or gzip) names every column of {@code required}, in
   * any case and order; false for a stream that cannot be read. Closes it.
   */
  static boolean hasHeader(String name, InputStream in, List<String> required) {
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
        return required.stream().allMatch(h::has);
      }
    } catch (CsvParseException e) {
      CsvInput.rethrowError(e);
      return false;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private static <T> Read<T> failed(Rejection r) {
    return new Read<>(List.of(), 0, 0, List.of(r), true);
  }
}
