package org.trucewatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks where a command will read and write before it reads anything, so that a mistyped path
 * stops the command at once with a reason instead of after a long ingest.
 */
final class PathChecks {
  private PathChecks() {}

  /**
   * Whether the path is {@code -}: standard input for {@code --fires}, {@code --labels}, {@code
   * --peacetime}, {@code --context} and the files of {@code ingest}, standard output for {@code
   * classify --out}.
   */
  static boolean isStandardStream(Path p) {
    return p.toString().equals("-");
  }

  /** A file to be written (or replaced): not a folder, in a folder that exists. */
  static void outputFile(Path out) {
    if (isStandardStream(out)) {
      throw new InputFailure(
          "--out -: this command does not write to standard output; name the file to write");
    }
    if (Files.isDirectory(out)) {
      throw new InputFailure(out + ": is a folder; --out names the file to write");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InputFailure(out + ": cannot be written: the folder " + parent + " does not exist");
    }
  }

  /**
   * A file to be read: it exists, is not a folder and can be read; the message says which of these
   * fails.
   */
  static void inputFile(Path in) {
    if (isStandardStream(in)) {
      throw new InputFailure(
          "-: standard input is read only by --fires of classify and assess, by --labels,"
              + " --peacetime and --context of evaluate and by ingest; name the file");
    }
    if (Files.isDirectory(in)) {
      throw new InputFailure(in + ": is a folder; name the files in it");
    }
    if (!Files.exists(in)) {
      throw new InputFailure(in + ": no such file");
    }
    if (!Files.isReadable(in)) {
      throw new InputFailure(in + ": cannot be read: permission denied");
    }
  }

  /** A folder to write into (made when missing): not a file. */
  static void outputFolder(Path out) {
    if (isStandardStream(out)) {
      throw new InputFailure("--out -: a report is several files; name the folder to write into");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new InputFailure(out + ": is a file; --out names the folder to write the report into");
    }
  }
}
