package org.trucewatch.sources.csv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of an input row's text, in hex: the content hash of each row's provenance. One per
 * read, since a digest is not shared between threads.
 */
public final class RowHash {
  private static final HexFormat HEX = HexFormat.of();
  private final MessageDigest sha;

  public RowHash() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** The hash of {@code rawText}, the row's fields joined by commas. */
  public String of(String rawText) {
    return HEX.formatHex(sha.digest(rawText.getBytes(StandardCharsets.UTF_8)));
  }
}
