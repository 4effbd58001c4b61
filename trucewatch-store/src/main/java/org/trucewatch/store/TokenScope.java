package org.trucewatch.store;

import java.util.Locale;

/** What an API token may do. */
public enum TokenScope {
  /** Post files to ingest, and read what the server serves. */
  INGEST,
  /** Read what the server serves, where reading needs a token ({@code serve --private}). */
  READ,
  /**
   * Post analysts' reviews of findings, and read as the mission's staff: a token of the monitoring
   * centre's analysts, never a member state's.
   */
  REVIEW;

  /** The scope's name as stored and written: {@code ingest}, {@code read} or {@code review}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The scope of a key.
   *
   * @throws IllegalArgumentException naming the keys there are
   */
  public static TokenScope of(String key) {
    for (TokenScope s : values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    throw new IllegalArgumentException("a token's scope is ingest, read or review, was " + key);
  }
}
