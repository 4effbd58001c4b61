package org.trucewatch.sources.baseline;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.BackgroundHistory;
import org.trucewatch.scoring.Cells;
import org.trucewatch.scoring.SensorClass;
import org.trucewatch.sources.Inputs;
import org.trucewatch.sources.csv.CsvInput;
import org.trucewatch.sources.firms.FirmsReader;

/**
 * The background history as a gzip CSV: {@code sensor,lon10,lat10,year,doy,count} (cell centre in
 * tenths of a degree), preceded by {@code #years,SENSOR,y1;y2;...} lines. Written sorted, so the
 * same history gives the same bytes.
 */
public final class BaselineFile {
  private BaselineFile() {}

  /** Which history years feed each sensor class. */
  public record YearSelection(Set<Integer> viirsYears, Set<Integer> modisYears) {
    /**
     * The default: VIIRS (S-NPP) 2012-2021 and MODIS 2001-2021, the years before the full-scale
     * invasion present in the history.
     */
    public static YearSelection peacetime() {
      Set<Integer> viirs = new java.util.TreeSet<>();
      Set<Integer> modis = new java.util.TreeSet<>();
      for (int y = 2001; y <= 2021; y++) {
        modis.add(y);
        if (y >= 2012) {
          viirs.add(y);
        }
      }
      return new YearSelection(viirs, modis);
    }

    boolean accepts(SensorClass c, int year) {
      return (c == SensorClass.VIIRS ? viirsYears : modisYears).contains(year);
    }
  }

  /** The result of building: the history and the ingest report of each input file. */
  public record Built(BackgroundHistory history, List<IngestReport> reports) {}

  /**
   * Builds the history from FIRMS files (any variant), keeping only the selected years; a year
   * counts as covered for a sensor class when the files hold detections of that class in it.
   */
  public static Built build(List<Path> files, YearSelection years) {
    BackgroundHistory.Builder b = new BackgroundHistory.Builder();
    List<IngestReport> reports = new ArrayList<>();
    for (Path f : files) {
      FirmsReader.Result r = FirmsReader.read(f);
      reports.add(r.report());
      for (Observation o : r.observations()) {
        SensorClass c = SensorClass.of(o.sensor().instrument());
        int year = o.utcDate().getYear();
        if (years.accepts(c, year)) {
          b.add(c, o.latitude(), o.longitude(), o.utcDate());
        }
      }
    }
    return new Built(b.build(), reports);
  }

  /** Writes the history atomically (to a temporary file, then moved into place). */
  public static void write(BackgroundHistory h, Path target) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp));
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      for (SensorClass c : SensorClass.values()) {
        StringBuilder sb = new StringBuilder("#years,").append(c.name()).append(',');
        List<String> ys = h.years(c).stream().map(String::valueOf).toList();
        sb.append(String.join(";", ys));
        w.write(sb.append('\n').toString());
      }
      w.write("sensor,lon10,lat10,year,doy,count\n");
      for (SensorClass c : SensorClass.values()) {
        List<Integer> cells = new ArrayList<>(h.cells(c));
        cells.sort(null);
        for (int cell : cells) {
          String prefix = c.name() + "," + Cells.tenthLon(cell) + "," + Cells.tenthLat(cell) + ",";
          StringBuilder sb = new StringBuilder();
          h.forEachEntry(
              c,
              cell,
              p ->
                  sb.append(prefix)
                      .append(BackgroundHistory.year(p))
                      .append(',')
                      .append(BackgroundHistory.dayOfYear(p))
                      .append(',')
                      .append(BackgroundHistory.count(p))
                      .append('\n'));
          w.write(sb.toString());
        }
      }
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a history file (plain or gzip). */
  public static BackgroundHistory read(Path path) throws IOException {
    try (InputStream in = Inputs.open(path)) {
      return read(path.getFileName().toString(), in);
    }
  }

  private static SensorClass sensor(String v) {
    for (SensorClass c : SensorClass.values()) {
      if (c.name().equalsIgnoreCase(v)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "sensor must be one of " + java.util.Arrays.toString(SensorClass.values()) + ", was " + v);
  }

  /** One line of a history file: a {@code #years} line, the header, or a cell-day count. */
  private static void add(BackgroundHistory.Builder b, CsvRecord r) {
    String first = r.getField(0);
    if (first.startsWith("#years")) {
      SensorClass c = sensor(r.getField(1));
      String list = r.getFieldCount() > 2 ? r.getField(2) : "";
      for (String y : list.split(";")) {
        if (!y.isBlank()) {
          b.coverYear(c, Integer.parseInt(y.trim()));
        }
      }
    } else if (!first.equals("sensor")) {
      SensorClass c = sensor(first);
      int cell = Cells.key(Integer.parseInt(r.getField(1)), Integer.parseInt(r.getField(2)));
      b.add(
          c,
          cell,
          Integer.parseInt(r.getField(3)),
          Integer.parseInt(r.getField(4)),
          Integer.parseInt(r.getField(5)));
    }
  }

  /** Reads a history from a stream (plain or gzip is decided by the caller). */
  public static BackgroundHistory read(String name, InputStream in) throws IOException {
    BackgroundHistory.Builder b = new BackgroundHistory.Builder();
    try (CsvReader<CsvRecord> csv =
        CsvReader.builder()
            .allowMissingFields(true)
            .allowExtraFields(true)
            .ofCsvRecord(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (CsvRecord r : csv) {
        try {
          add(b, r);
        } catch (RuntimeException e) {
          String raw = String.join(",", r.getFields());
          throw new IOException(
              name
                  + ":"
                  + r.getStartingLineNumber()
                  + ": not a baseline row ("
                  + e.getMessage()
                  + "): "
                  + (raw.length() > 200 ? raw.substring(0, 200) + "…" : raw),
              e);
        }
      }
    } catch (CsvParseException e) {
      CsvInput.rethrowError(e);
      throw new IOException(name + ": not a CSV file: " + e.getMessage(), e);
    }
    return b.build();
  }
}
