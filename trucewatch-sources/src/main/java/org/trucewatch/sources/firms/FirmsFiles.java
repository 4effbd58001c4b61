package org.trucewatch.sources.firms;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.run.InputFile;

/** What a FIRMS file is, as published with every output: name, hash, counts, sources, days. */
public final class FirmsFiles {
  private static final Pattern FIRMS_DAY = Pattern.compile("_(\\d{4})(\\d{3})\\.");

  private FirmsFiles() {}

  /** A FIRMS file read once: its rows, and its description with the SHA-256 of its bytes. */
  public record Read(FirmsReader.Result result, InputFile file) {}

  /**
   * Reads a file and hashes its bytes in the same pass; {@code name} is used in provenance, and
   * rows dated after {@code latest} (the day after today, UTC) are rejected ({@link
   * FirmsReader#read(String, InputStream, LocalDate)}).
   *
   * @throws UncheckedIOException when the file cannot be opened or read
   */
  public static Read read(Path path, String name, LocalDate latest) {
    InputStream in;
    try {
      in = Files.newInputStream(path);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot be read: " + e.getMessage(), e);
    }
    return read(in, path.toString(), name, latest);
  }

  /**
   * Reads a stream (standard input, say) as {@link #read(Path, String, LocalDate)} reads a file,
   * and closes it.
   *
   * @throws UncheckedIOException when the stream cannot be read
   */
  public static Read read(InputStream stream, String name, LocalDate latest) {
    return read(stream, name, name, latest);
  }

  private static Read read(InputStream stream, String where, String name, LocalDate latest) {
    MessageDigest md = sha256();
    try (InputStream in = new DigestInputStream(stream, md)) {
      // the reader closes what it is given; the rest of the file must still be hashed
      FirmsReader.Result r =
          FirmsReader.read(
              name,
              new FilterInputStream(in) {
                @Override
                public void close() {}
              },
              latest);
      in.transferTo(OutputStream.nullOutputStream());
      return new Read(r, describe(name, HexFormat.of().formatHex(md.digest()), r));
    } catch (IOException e) {
      throw new UncheckedIOException(where + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Describes a file that was read. The UTC days covered run from the first to the last detection,
   * widened to the day a FIRMS daily file names in its name ({@code _YYYYDDD.}), which also covers
   * a day without any detection.
   */
  public static InputFile describe(String name, String sha256, FirmsReader.Result r) {
    TreeSet<String> sources = new TreeSet<>();
    LocalDate first = null;
    LocalDate last = null;
    for (Observation o : r.observations()) {
      sources.add(o.sensor().key());
      LocalDate d = o.utcDate();
      first = first == null || d.isBefore(first) ? d : first;
      last = last == null || d.isAfter(last) ? d : last;
    }
    Matcher m = FIRMS_DAY.matcher(name);
    if (m.find()) {
      int day = Integer.parseInt(m.group(2));
      int year = Integer.parseInt(m.group(1));
      if (day >= 1 && day <= LocalDate.of(year, 1, 1).lengthOfYear()) {
        LocalDate named = LocalDate.ofYearDay(year, day);
        first = first == null || named.isBefore(first) ? named : first;
        last = last == null || named.isAfter(last) ? named : last;
      }
    }
    IngestReport rep = r.report();
    return new InputFile(
        name,
        sha256,
        rep.rowsRead(),
        rep.kept(),
        rep.rejections().size(),
        0,
        List.copyOf(sources),
        first,
        last);
  }

  /**
   * Whether an ingest refuses a file (of detections or of reports) whole: nothing of it can be
   * stored, and it is not a header of a known format without any row (FIRMS's answer for an area
   * and day without any detection), which is read and stored as such.
   */
  public static boolean refused(IngestReport r, boolean nothingKept) {
    boolean headerOnly =
        r.rowsRead() == 0
            && r.rejections().isEmpty()
            && !FirmsReader.UNKNOWN_FORMAT.equals(r.format());
    return nothingKept && !headerOnly;
  }

  /** Lowercase hex SHA-256 of a file's bytes. */
  public static String sha256(Path f) {
    MessageDigest md = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(f + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** Lowercase hex SHA-256 of bytes, as {@link #sha256(Path)} gives it for a file. */
  public static String sha256(byte[] content) {
    return HexFormat.of().formatHex(sha256().digest(content));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
