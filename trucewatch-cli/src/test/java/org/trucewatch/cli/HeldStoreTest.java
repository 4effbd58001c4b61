package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/**
 * An embedded store is open to one process at a time: while a server holds it (here this JVM), each
 * command run in another process says so, and what to do instead with the server running.
 */
class HeldStoreTest {
  private static final String VIIRS =
      Path.of(
              "..",
              "data",
              "firms",
              "viirs-nrt",
              "SUOMI_VIIRS_C2_Global_VNP14IMGTDL_NRT_2025229.txt.csv.gz")
          .toString();

  private static final String HELD =
      ": the store cannot be opened: another process (a running serve?) has it open; stop it"
          + " first, or use PostgreSQL (--db postgresql://...) for several processes";

  /** {@code args} run in a JVM of its own: its exit code and standard error. */
  private static CliTest.Run elsewhere(Path dir, String... args) throws Exception {
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p =
        CliTest.separateJvm(List.of(), args)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
    return new CliTest.Run(p.exitValue(), "", Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void eachCommandOnAStoreThatAServerHoldsSaysWhatToDoWhileItRuns(@TempDir Path dir)
      throws Exception {
    String db = dir.resolve("store").toString();
    CliTest.Run made = CliTest.run("ingest", "--db", db, VIIRS);
    assertThat(made.code()).as(made.err()).isZero();
    Path copy = dir.resolve("copy");
    Path zip = dir.resolve("backup.zip");
    try (Store held = Store.open(db)) {
      // each command, and what it adds to the reason
      java.util.Map<List<String>, String> advice = new java.util.LinkedHashMap<>();
      advice.put(
          List.of("ingest", "--db", db, VIIRS),
          ". A running server takes files at POST /api/v1/ingest.");
      advice.put(
          List.of("backup", "--db", db, "--out", zip.toString()),
          ". A running server backs its store up with serve --backup-dir DIR.");
      advice.put(
          List.of("copy", "--from", db, "--to", copy.toString()),
          ". A copy reads an embedded store that no server has open (docs/operations.md).");
      for (var e : advice.entrySet()) {
        CliTest.Run r = elsewhere(dir, e.getKey().toArray(String[]::new));
        assertThat(r.code()).as(e.getKey().get(0)).isEqualTo(1);
        assertThat(r.err()).contains("error: " + db + HELD + e.getValue());
      }

      // a token is made while the server is stopped: nothing else to do meanwhile
      CliTest.Run token = elsewhere(dir, "token", "create", "liaison-pl", "--db", db);
      assertThat(token.code()).isEqualTo(1);
      assertThat(token.err()).contains("error: " + db + HELD).doesNotContain(HELD + ".");

      assertThat(held.counts()).containsEntry("observations", 1095L);
    }
    assertThat(copy).doesNotExist();
    assertThat(zip).doesNotExist();
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("copy"));
    }
  }
}
