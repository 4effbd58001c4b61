package org.trucewatch.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The jars a job sent to a Flink cluster takes with it: the job's own jar ({@code
 * trucewatch-stream.jar}) and the libraries its manifest names beside it in {@code lib/}, but for
 * Flink's own, which every Flink cluster has (a jar whose name starts with {@code flink-}, other
 * than a connector's: Flink's distribution carries no connector).
 */
final class JobJars {
  private JobJars() {}

  /**
   * The paths of the jars to send, the job's own first.
   *
   * @throws IllegalStateException when the job does not run from its jar (from a build's classes),
   *     so that there is no jar to send
   */
  static List<String> shipped() {
    Path self;
    try {
      self = Path.of(StreamMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      throw new IllegalStateException("cannot tell which jar the job runs from", e);
    }
    if (!Files.isRegularFile(self)) {
      throw new IllegalStateException(
          "--jobmanager sends the job's jar to the cluster, but the job runs from "
              + self
              + ", not from trucewatch-stream.jar (./trucewatch stream run builds and runs it)");
    }
    List<String> out = new ArrayList<>();
    out.add(self.toString());
    Path dir = self.toAbsolutePath().getParent();
    try (JarFile jar = new JarFile(self.toFile())) {
      String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      for (String entry : classPath == null ? new String[0] : classPath.trim().split("\\s+")) {
        Path lib = dir.resolve(entry).normalize();
        if (!flinks(lib.getFileName().toString())) {
          out.add(lib.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(self + ": cannot read its manifest", e);
    }
    return out;
  }

  /** Whether a library is one of Flink's own, which the cluster has: not to be sent. */
  static boolean flinks(String fileName) {
    return fileName.startsWith("flink-") && !fileName.startsWith("flink-connector-");
  }
}
