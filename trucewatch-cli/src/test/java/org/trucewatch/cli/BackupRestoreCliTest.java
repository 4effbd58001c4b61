package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/**
 * {@code backup}, {@code restore} and {@code serve --backup-dir} on a store that holds a real FIRMS
 * file, its assessment and a token: the restored store is the store as it was.
 */
class BackupRestoreCliTest {
  private static final Path DAY =
      ServeCommandTest.FIRMS.resolve("J1_VIIRS_C2_Global_VJ114IMGTDL_NRT_2025226.txt.csv.gz");

  @Test
  void aBackupRestoresIntoTheStoreItWasTakenFrom(@TempDir Path dir) throws Exception {
    String db = dir.resolve("store").toString();
    String terms = DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString();
    CliTest.Run in = CliTest.run("ingest", "--db", db, "--terms", terms, DAY.toString());
    assertThat(in.code()).as(in.err()).isZero();
    String token = CliTest.run("token", "create", "liaison-nl", "--db", db).out().strip();

    Path zip = dir.resolve("backup.zip");
    CliTest.Run backup = CliTest.run("backup", "--db", db, "--out", zip.toString());
    assertThat(backup.code()).as(backup.err()).isZero();
    Matcher m =
        Pattern.compile(": (\\d+) observations, 0 surveillance reports, 1 ingests, 1 tokens")
            .matcher(backup.out());
    assertThat(m.find()).as(backup.out()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isGreaterThan(100);
    // a backup does not replace a file
    CliTest.Run again = CliTest.run("backup", "--db", db, "--out", zip.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains(zip + ": exists; a backup does not replace a file");

    String restored = dir.resolve("restored").toString();
    CliTest.Run restore = CliTest.run("restore", "--from", zip.toString(), "--db", restored);
    assertThat(restore.code()).as(restore.err()).isZero();
    assertThat(restore.out())
        .contains(m.group(1) + " observations, 0 surveillance reports, 1 ingests, 1 tokens");
    try (Store original = Store.open(db);
        Store copy = Store.open(restored)) {
      assertThat(copy.counts()).isEqualTo(original.counts());
      assertThat(copy.assessment()).isEqualTo(original.assessment());
      assertThat(copy.tokenName(token)).contains("liaison-nl");
    }
    // not into a store that exists, not from what is no backup, never into PostgreSQL
    CliTest.Run over = CliTest.run("restore", "--from", zip.toString(), "--db", db);
    assertThat(over.code()).isEqualTo(1);
    assertThat(over.err()).contains("is not empty; a restore makes a new store");
    CliTest.Run notZip =
        CliTest.run("restore", "--from", DAY.toString(), "--db", dir.resolve("x").toString());
    assertThat(notZip.code()).isEqualTo(1);
    assertThat(dir.resolve("x")).doesNotExist();
    CliTest.Run pg =
        CliTest.run("backup", "--db", "postgresql://u@127.0.0.1:5432/x", "--out", "y.zip");
    assertThat(pg.code()).isEqualTo(1);
    assertThat(pg.err()).contains("pg_dump");
    CliTest.Run nothing =
        CliTest.run("backup", "--db", dir.resolve("none").toString(), "--out", "z.zip");
    assertThat(nothing.code()).isEqualTo(1);
    assertThat(nothing.err()).contains("holds no store to back up");
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void serveBacksUpTheStoreItServesAtStart(@TempDir Path dir) throws Exception {
    String db = dir.resolve("store").toString();
    String terms = DemoReportTest.DATA.resolve("terms/demo-truce.yaml").toString();
    assertThat(CliTest.run("ingest", "--db", db, "--terms", terms, DAY.toString()).code()).isZero();
    Path backups = dir.resolve("backups");
    try (ServeCommandTest.Serving s =
        new ServeCommandTest.Serving(
            "serve", "--port", "0", "--db", db, "--backup-dir", backups.toString())) {
      assertThat(s.out.toString()).contains("  backups:         " + backups);
      long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (!Files.isDirectory(backups) || listZips(backups) == 0) {
        assertThat(System.nanoTime() - until).as("no backup").isNegative();
        Thread.sleep(50);
      }
    }
    Path zip;
    try (var files = Files.list(backups)) {
      zip = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
    }
    assertThat(zip.getFileName().toString()).matches("trucewatch-\\d{8}T\\d{6}Z\\.zip");
    String restored = dir.resolve("restored").toString();
    CliTest.Run restore = CliTest.run("restore", "--from", zip.toString(), "--db", restored);
    assertThat(restore.code()).as(restore.err()).isZero();
    try (Store original = Store.open(db);
        Store copy = Store.open(restored)) {
      assertThat(copy.counts()).isEqualTo(original.counts());
    }
  }

  private static long listZips(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".zip")).count();
    }
  }
}
