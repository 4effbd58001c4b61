package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.sources.firms.FirmsReader;
import org.trucewatch.store.Store;
import org.trucewatch.store.StoreException;

/**
 * An ingest killed with SIGKILL (kill -9) leaves all of its rows or none: a separate JVM ingests
 * into the embedded store and is killed mid-file (after a batch is written, before the commit) or
 * right after the commit; the store opened afterwards holds none or all of the file's rows.
 */
class KilledIngestTest {
  /** A file of more than one batch, so that "mid-file" has rows written and rows to come. */
  static final Path FILE =
      Fixture.FIRMS.resolve("SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025229.txt.csv.gz");

  @TempDir Path dir;

  /**
   * Starts the child, waits for {@code marker} on its output, checks that the store cannot be
   * opened by a second process meanwhile, then kills the child with SIGKILL.
   */
  private List<String> runAndKill(String mode, String marker) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            IngestChild.class.getName(),
            dir.resolve("db").toString(),
            FILE.toString(),
            mode);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        seen.add(line);
        if (line.startsWith(marker)) {
          break;
        }
      }
      assertThat(seen).as("child output").anyMatch(l -> l.startsWith(marker));
      assertThatThrownBy(() -> Store.open(dir.resolve("db").toString()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("another process")
          .matches(e -> ((StoreException) e).held(), "held by another process");
      p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no commit
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(137);
    } finally {
      p.destroyForcibly();
    }
    return seen;
  }

  @Test
  void killedBeforeTheCommitLeavesNothingAndTheFileCanBeIngestedAgain() throws Exception {
    int rows = FirmsReader.read(FILE).observations().size();
    assertThat(rows).isGreaterThan(Store.BATCH);

    List<String> out = runAndKill("stall", "written ");

    assertThat(out).contains("written " + Store.BATCH).doesNotContain("committed");
    try (Store store = Store.open(dir.resolve("db").toString())) {
      assertThat(store.counts()).containsEntry("observations", 0L).containsEntry("ingests", 0L);
      Monitor m = new Monitor(store, Fixture.regions(), null);
      m.ingest(FILE, FILE.getFileName().toString(), "retry", Store.IngestListener.NONE, false);
      assertThat(store.counts().get("observations")).isEqualTo(rows);
    }
  }

  @Test
  void killedAfterTheCommitKeepsEveryRow() throws Exception {
    int rows = FirmsReader.read(FILE).observations().size();

    runAndKill("complete", "committed");

    try (Store store = Store.open(dir.resolve("db").toString())) {
      assertThat(store.counts())
          .containsEntry("observations", (long) rows)
          .containsEntry("ingests", 1L);
    }
  }
}
