package org.trucewatch.bench.compare;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.GeoContext;
import org.trucewatch.geo.Placement;
import org.trucewatch.geo.Region;
import org.trucewatch.scoring.Cells;
import org.trucewatch.sources.geojson.ControlMapReader;
import org.trucewatch.sources.geojson.RegionReader;

/**
 * Truce Watch's run of the comparison job, on the code path that {@code classify} uses ({@link
 * GeoContext#place}): for every detection its side, distance to the line and oblast, then
 * detections per 0.1° cell and day. Prints {@code load_s}, {@code job_s} and the row count; writes
 * {@code PREFIX-placed.csv} and {@code PREFIX-cells.csv} for the comparison (not timed). Usage:
 * {@code TruceWatchJob INPUT.csv REGIONS CONTROL PREFIX}
 */
public final class TruceWatchJob {
  private TruceWatchJob() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Columns in = Columns.read(Path.of(args[0]));
    List<Region> regions = RegionReader.read(Path.of(args[1]));
    ControlMap map = ControlMapReader.read(Path.of(args[2]));
    long t1 = System.nanoTime();

    GeoContext geo = GeoContext.build(regions, map);
    long tIndex = System.nanoTime();
    int n = in.size;
    byte[] side = new byte[n];
    double[] dist = new double[n];
    short[] oblast = new short[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              Placement p = geo.place(in.lat[i], in.lon[i]);
              side[i] = (byte) p.side().ordinal();
              dist[i] = p.distanceToLineMetres();
              oblast[i] = (short) (p.region() == null ? -1 : regions.indexOf(p.region()));
            });
    long[] keys = new long[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(i -> keys[i] = ((long) Cells.key(in.lat[i], in.lon[i]) << 32) | in.day[i]);
    Arrays.parallelSort(keys);
    long t2 = System.nanoTime();

    System.out.printf(
        Locale.ROOT,
        "rows %d load_s %.3f job_s %.3f index_s %.3f per_row_us %.4f%n",
        n,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (tIndex - t1) / 1e9,
        (t2 - tIndex) / 1e3 / n);
    try (BufferedWriter w =
        Files.newBufferedWriter(Path.of(args[3] + "-placed.csv"), StandardCharsets.UTF_8)) {
      w.write("id,side,distance_m,oblast,planar_distance_m\n");
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < n; i++) {
        sb.setLength(0);
        sb.append(in.id[i])
            .append(',')
            .append(geo.regions().isEmpty() ? "" : sideKey(side[i]))
            .append(',')
            .append(String.format(Locale.ROOT, "%.3f", Math.abs(dist[i])))
            .append(',')
            .append(oblast[i] < 0 ? "" : regions.get(oblast[i]).code())
            .append(',')
            .append(
                String.format(Locale.ROOT, "%.3f", geo.planarDistanceToLine(in.lat[i], in.lon[i])))
            .append('\n');
        w.write(sb.toString());
      }
    }
    try (BufferedWriter w =
        Files.newBufferedWriter(Path.of(args[3] + "-cells.csv"), StandardCharsets.UTF_8)) {
      w.write("lon10,lat10,day,count\n");
      for (int i = 0; i < n; ) {
        int j = i;
        while (j < n && keys[j] == keys[i]) {
          j++;
        }
        int cell = (int) (keys[i] >>> 32);
        w.write(
            Cells.tenthLon(cell)
                + ","
                + Cells.tenthLat(cell)
                + ","
                + LocalDate.ofEpochDay((int) keys[i])
                + ","
                + (j - i)
                + "\n");
        i = j;
      }
    }
  }

  static String sideKey(byte ordinal) {
    return org.trucewatch.geo.Side.values()[ordinal].key();
  }

  /** The input as primitive columns. */
  static final class Columns {
    long[] id;
    double[] lat;
    double[] lon;
    int[] day;
    int size;

    static Columns read(Path csv) throws IOException {
      Columns c = new Columns();
      int cap = 1 << 20;
      c.id = new long[cap];
      c.lat = new double[cap];
      c.lon = new double[cap];
      c.day = new int[cap];
      try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
        boolean header = true;
        for (CsvRecord rec : r) {
          if (header) {
            header = false;
            continue;
          }
          if (c.size == c.id.length) {
            int m = c.size * 2;
            c.id = Arrays.copyOf(c.id, m);
            c.lat = Arrays.copyOf(c.lat, m);
            c.lon = Arrays.copyOf(c.lon, m);
            c.day = Arrays.copyOf(c.day, m);
          }
          c.id[c.size] = Long.parseLong(rec.getField(0));
          c.lat[c.size] = Double.parseDouble(rec.getField(1));
          c.lon[c.size] = Double.parseDouble(rec.getField(2));
          c.day[c.size] = (int) LocalDate.parse(rec.getField(3)).toEpochDay();
          c.size++;
        }
      }
      return c;
    }
  }
}
