package org.trucewatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks where a command will write before it reads anything, so that a mistyped {@code --out}
 * stops the command at once with a reason instead of after a long ingest.
 */
final class Outputs {
  private Outputs() {}

  /** A file to be written (or replaced): not a folder, in a folder that exists. */
  static void checkFile(Path out) {
    if (Files.isDirectory(out)) {
      throw new InputFailure(out + ": is a folder; --out names the file to write");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InputFailure(out + ": cannot be written: the folder " + parent + " does not exist");
    }
  }

  /** A folder to write into (made when missing): not a file. */
  static void checkFolder(Path out) {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new InputFailure(out + ": is a file; --out names the folder to write the report into");
    }
  }
}
