package org.trucewatch.assessment;

import java.time.Instant;

/**
 * One detection behind a finding, with the provenance that leads back to its input row.
 *
 * @param file input file name
 * @param line 1-based line in the file
 * @param contentHash SHA-256 of the row
 * @param time acquisition time
 * @param latitude latitude
 * @param longitude longitude
 * @param sensor sensor key
 * @param warRelated the classification of the detection
 * @param rule the classification rule that applied, or empty
 */
public record Evidence(
    String file,
    long line,
    String contentHash,
    Instant time,
    double latitude,
    double longitude,
    String sensor,
    boolean warRelated,
    String rule) {}
