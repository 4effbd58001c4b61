package org.trucewatch.sources.terms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the files that terms name are read from: the control map ({@code control_map}) and zone
 * outlines ({@code zones[].file}), by the name written in the terms. Usually the terms file's
 * folder; the store serves the copies it keeps with the terms.
 */
@FunctionalInterface
public interface TermsFiles {
  /** The kind of a named file. */
  enum Kind {
    CONTROL_MAP,
    ZONE
  }

  /**
   * Opens the file named {@code name} (as written in the terms), plain or gzip.
   *
   * @throws java.nio.file.NoSuchFileException when there is no such file
   */
  InputStream open(String name, Kind kind) throws IOException;

  /** Files named relative to a folder. */
  static TermsFiles folder(Path dir) {
    Path base = dir.toAbsolutePath();
    return (name, kind) -> Files.newInputStream(base.resolve(name).normalize());
  }
}
