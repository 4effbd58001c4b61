package org.trucewatch.bench.compare;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.trucewatch.observation.Observation;
import org.trucewatch.sources.firms.FirmsReader;

/**
 * Writes the job's input: {@code id,lat,lon,day} for {@code rows} detections, the real detections
 * of the given FIRMS files first and then copies of them moved by up to ±0.02° (seeded, so the same
 * arguments give the same file). Usage: {@code MakeInput ROWS OUT.csv FIRMS_FILE...}
 */
public final class MakeInput {
  private MakeInput() {}

  /** Six decimals, without the cost of String.format. */
  static String micro(double v) {
    long m = Math.round(Math.abs(v) * 1e6);
    String frac = Long.toString(1_000_000 + m % 1_000_000).substring(1);
    return (v < 0 ? "-" : "") + (m / 1_000_000) + "." + frac;
  }

  public static void main(String[] args) throws IOException {
    long rows = Long.parseLong(args[0]);
    Path out = Path.of(args[1]);
    List<Observation> base = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      base.addAll(FirmsReader.read(Path.of(args[i])).observations());
    }
    if (base.isEmpty()) {
      throw new IllegalArgumentException("no detections in the base files");
    }
    SplittableRandom rnd = new SplittableRandom(20250814L);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("id,lat,lon,day\n");
      StringBuilder sb = new StringBuilder(64);
      for (long id = 0; id < rows; id++) {
        Observation o = base.get((int) (id % base.size()));
        double lat = o.latitude();
        double lon = o.longitude();
        if (id >= base.size()) {
          lat += rnd.nextDouble(-0.02, 0.02);
          lon += rnd.nextDouble(-0.02, 0.02);
        }
        sb.setLength(0);
        sb.append(id)
            .append(',')
            .append(micro(lat))
            .append(',')
            .append(micro(lon))
            .append(',')
            .append(o.utcDate())
            .append('\n');
        w.write(sb.toString());
      }
    }
    Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
