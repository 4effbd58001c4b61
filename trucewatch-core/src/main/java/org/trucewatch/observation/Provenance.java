package org.trucewatch.observation;

import java.util.Objects;

/**
 * Where an observation came from: the input file (its name as given), the 1-based line in that
 * file, and a content hash of the raw line, so that every published number can be traced to a row.
 *
 * @param file the input file name
 * @param line the 1-based physical line number of the row in the (decompressed) file
 * @param contentHash lowercase hex SHA-256 of the raw row text, or empty when unknown
 */
public record Provenance(String file, long line, String contentHash) {
  public Provenance {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(contentHash, "contentHash");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, was " + line);
    }
  }
}
