package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/**
 * {@code serve --backup-dir}: a backup when started, kept beside the newest earlier ones, that
 * opens as the store was.
 */
class BackupsTest {
  @Test
  void theFirstBackupIsTakenAtOnceAndTheOldestBeyondTwoWeeksAreRemoved(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("backups");
    Files.createDirectories(dir);
    // fifteen earlier backups (their contents do not matter here) and a file of the operator's
    for (int i = 0; i < 15; i++) {
      Files.writeString(
          dir.resolve(String.format(java.util.Locale.ROOT, "trucewatch-20250101T0000%02dZ.zip", i)),
          "old");
    }
    Files.writeString(dir.resolve("notes.txt"), "kept");
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      String token = store.createToken("liaison-nl");
      List<Path> kept;
      try (Backups b = Backups.start(store, dir, Duration.ofHours(1))) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (b.backups().stream().noneMatch(p -> !p.getFileName().toString().contains("2025"))) {
          assertThat(System.nanoTime() - until).as("no backup taken").isNegative();
          Thread.sleep(50);
        }
        kept = b.backups();
      }
      assertThat(kept).hasSize(Backups.KEEP);
      // the two oldest went, the operator's file stayed
      assertThat(dir.resolve("trucewatch-20250101T000000Z.zip")).doesNotExist();
      assertThat(dir.resolve("trucewatch-20250101T000001Z.zip")).doesNotExist();
      assertThat(dir.resolve("trucewatch-20250101T000002Z.zip")).exists();
      assertThat(dir.resolve("notes.txt")).exists();
      Path newest = kept.get(kept.size() - 1);
      Path restored = tmp.resolve("restored");
      Store.restore(newest, restored);
      try (Store copy = Store.open(restored.toString())) {
        assertThat(copy.tokenName(token)).contains("liaison-nl");
      }
    }
  }
}
