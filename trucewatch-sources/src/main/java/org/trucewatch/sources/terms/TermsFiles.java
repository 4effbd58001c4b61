package org.trucewatch.sources.terms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

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

  /**
   * Files given by name, as a store or a job keeps them with the terms.
   *
   * @param where said of a name that is not among them, such as {@code not stored with the terms}
   */
  static TermsFiles of(Map<String, byte[]> files, String where) {
    Map<String, byte[]> copy = Map.copyOf(files);
    return (name, kind) -> {
      byte[] bytes = copy.get(name);
      if (bytes == null) {
        throw new NoSuchFileException(name + " (" + where + ")");
      }
      return new ByteArrayInputStream(bytes);
    };
  }

  /** Files read from {@code from}, each kept as it was read. */
  static Keeping keeping(TermsFiles from) {
    return new Keeping(from);
  }

  /** One file that terms named, as it was read. */
  record Named(String name, Kind kind, byte[] content) {}

  /**
   * Reads from other files and keeps what each gave, so that the terms can be stored or sent with
   * the very files they named when they were read.
   */
  final class Keeping implements TermsFiles {
    private final TermsFiles from;
    private final Map<String, Named> kept = new TreeMap<>();

    private Keeping(TermsFiles from) {
      this.from = from;
    }

    @Override
    public InputStream open(String name, Kind kind) throws IOException {
      byte[] bytes;
      try (InputStream in = from.open(name, kind)) {
        bytes = in.readAllBytes();
      }
      kept.put(name, new Named(name, kind, bytes));
      return new ByteArrayInputStream(bytes);
    }

    /** The files read so far, by name. */
    public Map<String, Named> kept() {
      return Collections.unmodifiableMap(kept);
    }
  }
}
