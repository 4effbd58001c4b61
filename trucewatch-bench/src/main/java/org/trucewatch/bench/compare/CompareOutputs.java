package org.trucewatch.bench.compare;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Checks a contender's outputs against Truce Watch's: the same side and oblast for every detection,
 * the distance within a tolerance, and the same detections per cell and day. Prints one line and
 * exits with 1 on any disagreement, so that no speed ratio is printed for different answers. Usage:
 * {@code CompareOutputs REFERENCE_PREFIX OTHER_PREFIX TOLERANCE} where the tolerance is {@code 1m}
 * (absolute) or {@code 0.5%} (relative, with 1 m at least).
 */
public final class CompareOutputs {
  private CompareOutputs() {}

  public static void main(String[] args) throws IOException {
    String tol = args[2];
    boolean relative = tol.endsWith("%");
    double t = Double.parseDouble(tol.substring(0, tol.length() - 1));
    int refColumn = args.length > 3 && args[3].equals("planar") ? 4 : 2;
    long rows = 0;
    long sideDiff = 0;
    long oblastDiff = 0;
    long distDiff = 0;
    double worstAbs = 0;
    double worstRel = 0;
    String firstProblem = null;
    try (CsvReader<CsvRecord> a =
            CsvReader.builder().ofCsvRecord(Path.of(args[0] + "-placed.csv"));
        CsvReader<CsvRecord> b =
            CsvReader.builder().ofCsvRecord(Path.of(args[1] + "-placed.csv"))) {
      Iterator<CsvRecord> ia = a.iterator();
      Iterator<CsvRecord> ib = b.iterator();
      ia.next();
      ib.next();
      while (ia.hasNext() && ib.hasNext()) {
        CsvRecord x = ia.next();
        CsvRecord y = ib.next();
        rows++;
        if (!x.getField(0).equals(y.getField(0))) {
          throw new IllegalStateException(
              "rows out of step at id " + x.getField(0) + " / " + y.getField(0));
        }
        if (!x.getField(1).equals(y.getField(1))) {
          sideDiff++;
          firstProblem =
              firstProblem == null
                  ? "id " + x.getField(0) + " side " + x.getField(1) + " vs " + y.getField(1)
                  : firstProblem;
        }
        if (!x.getField(3).equals(y.getField(3))) {
          oblastDiff++;
          firstProblem =
              firstProblem == null
                  ? "id " + x.getField(0) + " oblast " + x.getField(3) + " vs " + y.getField(3)
                  : firstProblem;
        }
        double dx = Double.parseDouble(x.getField(refColumn));
        double dy = Double.parseDouble(y.getField(2));
        double abs = Math.abs(dx - dy);
        double rel = dx > 0 ? abs / dx : 0;
        worstAbs = Math.max(worstAbs, abs);
        worstRel = Math.max(worstRel, rel);
        boolean ok = relative ? abs <= Math.max(1, dx * t / 100) : abs <= t;
        if (!ok) {
          distDiff++;
          firstProblem =
              firstProblem == null
                  ? "id " + x.getField(0) + " distance " + dx + " vs " + dy
                  : firstProblem;
        }
      }
      if (ia.hasNext() || ib.hasNext()) {
        throw new IllegalStateException("the outputs have different row counts");
      }
    }
    boolean cellsSame = sameLines(Path.of(args[0] + "-cells.csv"), Path.of(args[1] + "-cells.csv"));
    boolean agree = sideDiff == 0 && oblastDiff == 0 && distDiff == 0 && cellsSame;
    System.out.printf(
        Locale.ROOT,
        "%s rows %d: side differs %d, oblast differs %d, %s distance beyond %s %d (worst %.3f m, %.4f %%),"
            + " cell-day counts %s%s%n",
        agree ? "AGREE" : "DISAGREE",
        rows,
        sideDiff,
        oblastDiff,
        refColumn == 4 ? "planar" : "great-circle",
        tol,
        distDiff,
        worstAbs,
        worstRel * 100,
        cellsSame ? "identical" : "differ",
        firstProblem == null ? "" : "; first: " + firstProblem);
    System.exit(agree ? 0 : 1);
  }

  /** Whether two CSV files hold the same data rows (header skipped), compared in sorted order. */
  private static boolean sameLines(Path a, Path b) throws IOException {
    java.util.List<String> la = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(a));
    java.util.List<String> lb = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(b));
    if (la.isEmpty() || lb.isEmpty()) {
      return la.size() == lb.size();
    }
    la = la.subList(1, la.size());
    lb = lb.subList(1, lb.size());
    java.util.List<String> sa = new java.util.ArrayList<>(la);
    java.util.List<String> sb = new java.util.ArrayList<>(lb);
    sa.replaceAll(s -> s.replace("\"", ""));
    sb.replaceAll(s -> s.replace("\"", ""));
    java.util.Collections.sort(sa);
    java.util.Collections.sort(sb);
    return sa.equals(sb);
  }
}
