package org.trucewatch.run;

import java.time.LocalDate;
import java.util.List;
import org.trucewatch.observation.IngestReport;

/**
 * One input file of a run, as published with every output: its name and hash, its ingest counts,
 * and which sources and UTC dates it covers.
 *
 * @param name file name
 * @param sha256 SHA-256 of the file as read (compressed bytes for gzip files)
 * @param rowsRead data rows read
 * @param kept rows kept
 * @param rejected rows rejected
 * @param outsideArea kept rows whose detection lies beyond the area of interest ({@link
 *     org.trucewatch.geo.AreaOfInterest}) and went no further; 0 where every kept row is used
 * @param sources sensor keys present in the file
 * @param firstDate first UTC date covered, or {@code null} when unknown
 * @param lastDate last UTC date covered, or {@code null} when unknown
 */
public record InputFile(
    String name,
    String sha256,
    long rowsRead,
    long kept,
    long rejected,
    long outsideArea,
    List<String> sources,
    LocalDate firstDate,
    LocalDate lastDate) {
  public InputFile {
    sources = List.copyOf(sources);
  }

  /** A terms file: named and hashed, without rows. */
  public static InputFile terms(String name, String sha256) {
    return new InputFile(name, sha256, 0, 0, 0, 0, List.of(), null, null);
  }

  /**
   * A file of surveillance reports: without dates, since it does not count towards a day's coverage
   * (that of the satellite files).
   */
  public static InputFile reports(
      String name, String sha256, IngestReport report, List<String> sources) {
    return new InputFile(
        name,
        sha256,
        report.rowsRead(),
        report.kept(),
        report.rejectedRows(),
        0,
        sources,
        null,
        null);
  }

  /** This file with {@code n} kept rows beyond the area of interest. */
  public InputFile withOutsideArea(long n) {
    return new InputFile(name, sha256, rowsRead, kept, rejected, n, sources, firstDate, lastDate);
  }
}
