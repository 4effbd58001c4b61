package org.trucewatch.observation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one input gave: rows read, observations kept, and every rejection with counts per reason.
 *
 * @param file the input file name
 * @param format the detected format, for example {@code viirs}, {@code modis}, {@code history}
 * @param rowsRead data rows read (header excluded)
 * @param kept rows that became observations
 * @param rejections every rejected row or file-level problem, in input order
 */
public record IngestReport(
    String file, String format, long rowsRead, long kept, List<Rejection> rejections) {
  public IngestReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    rejections = List.copyOf(rejections);
  }

  /** Rejection counts per reason key, sorted by key. */
  public Map<String, Long> rejectedByReason() {
    Map<String, Long> counts = new TreeMap<>();
    for (Rejection r : rejections) {
      counts.merge(r.reason(), 1L, Long::sum);
    }
    return counts;
  }

  /**
   * Number of rejected data rows (file-level problems excluded): with {@link #kept()} it adds up to
   * {@link #rowsRead()}.
   */
  public long rejectedRows() {
    return rejections.stream().filter(Rejection::ofRow).count();
  }
}
