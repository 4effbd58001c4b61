package org.trucewatch.sources;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens input files, plain or gzip, recognising gzip by its magic bytes rather than its name. */
public final class Inputs {
  private Inputs() {}

  /** Opens a file for reading, decompressing it when it is gzip. */
  public static InputStream open(Path path) throws IOException {
    return open(Files.newInputStream(path));
  }

  /** Wraps a stream for reading, decompressing it when it is gzip. */
  public static InputStream open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }
}
