package org.trucewatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Rejection;
import org.trucewatch.run.InputFile;
import org.trucewatch.sources.firms.FirmsReader;

/** Reads FIRMS files and prints each file's ingest report to standard error. */
final class Ingest {
  private static final int MAX_LISTED = 20;

  /** Everything read: observations in input order, labels where the files carry them. */
  record Read(List<Observation> observations, List<Integer> labels, List<InputFile> files) {}

  private Ingest() {}

  static Read read(List<Path> files, PrintWriter err) {
    List<Observation> obs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<IngestReport> reports = new ArrayList<>();
    List<InputFile> inputs = new ArrayList<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new InputFailure(f + ": no such file");
      }
      FirmsReader.Result r = FirmsReader.read(f);
      obs.addAll(r.observations());
      for (int l : r.labels()) {
        labels.add(l);
      }
      reports.add(r.report());
      inputs.add(describe(f, r));
      if (!r.report().rejections().isEmpty() || files.size() == 1) {
        print(r.report(), err);
      }
    }
    if (files.size() > 1) {
      long rows = reports.stream().mapToLong(IngestReport::rowsRead).sum();
      long kept = reports.stream().mapToLong(IngestReport::kept).sum();
      long rejected = reports.stream().mapToLong(x -> x.rejections().size()).sum();
      err.printf(
          Locale.ROOT,
          "ingest %d files: %d rows read, %d kept, %d rejected%n",
          files.size(),
          rows,
          kept,
          rejected);
    }
    return new Read(obs, labels, inputs);
  }

  private static final Pattern FIRMS_DAY = Pattern.compile("_(\\d{4})(\\d{3})\\.");

  /** The file as published with outputs: name, hash, counts, sources and UTC dates covered. */
  static InputFile describe(Path f, FirmsReader.Result r) {
    TreeSet<String> sources = new TreeSet<>();
    LocalDate first = null;
    LocalDate last = null;
    for (Observation o : r.observations()) {
      sources.add(o.sensor().key());
      LocalDate d = o.utcDate();
      first = first == null || d.isBefore(first) ? d : first;
      last = last == null || d.isAfter(last) ? d : last;
    }
    // a FIRMS daily file names its day (YYYYDDD), which also covers a day with no detection
    Matcher m = FIRMS_DAY.matcher(f.getFileName().toString());
    if (m.find()) {
      LocalDate named =
          LocalDate.ofYearDay(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      first = first == null || named.isBefore(first) ? named : first;
      last = last == null || named.isAfter(last) ? named : last;
    }
    IngestReport rep = r.report();
    return new InputFile(
        f.getFileName().toString(),
        sha256(f),
        rep.rowsRead(),
        rep.kept(),
        rep.rejections().size(),
        List.copyOf(sources),
        first,
        last);
  }

  static String sha256(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InputFailure(f + ": cannot be read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  static void print(IngestReport r, PrintWriter err) {
    err.printf(
        Locale.ROOT,
        "ingest %s: format %s, %d rows read, %d kept, %d rejected%n",
        r.file(),
        r.format(),
        r.rowsRead(),
        r.kept(),
        r.rejections().size());
    for (Map.Entry<String, Long> e : r.rejectedByReason().entrySet()) {
      err.printf(Locale.ROOT, "  %-22s %d%n", e.getKey(), e.getValue());
    }
    int shown = 0;
    for (Rejection rej : r.rejections()) {
      if (shown++ == MAX_LISTED) {
        err.printf(Locale.ROOT, "  ... and %d more%n", r.rejections().size() - MAX_LISTED);
        break;
      }
      err.println("  " + rej.describe() + (rej.raw().isEmpty() ? "" : "  [" + rej.raw() + "]"));
    }
  }
}
