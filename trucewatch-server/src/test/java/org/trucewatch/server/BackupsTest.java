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
    Backups b;
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      String token = store.createToken("liaison-nl");
      List<Path> kept;
      b = Backups.start(store, dir, Duration.ofHours(1));
      try {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (b.status().lastSuccess() == null) {
          assertThat(System.nanoTime() - until).as("no backup taken").isNegative();
          Thread.sleep(50);
        }
        kept = b.backups();
        assertThat(b.status().lastFile()).isEqualTo(kept.get(kept.size() - 1));
        assertThat(b.status().lastBytes()).isEqualTo(Files.size(b.status().lastFile()));
        assertThat(b.status().failures()).isZero();
        // the server reports on them
        Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
        try (Server s =
            Server.start(m, new Server.Options("127.0.0.1", 0, "", "").withBackups(b))) {
          String base = "http://127.0.0.1:" + s.port();
          com.fasterxml.jackson.databind.JsonNode health =
              ApiContract.json(Fixture.get(base + "/health")).path("backups");
          assertThat(health.path("last_file").asText())
              .isEqualTo(b.status().lastFile().getFileName().toString());
          assertThat(health.path("last_success").asText())
              .isEqualTo(b.status().lastSuccess().toString());
          assertThat(health.path("last_failure").isNull()).isTrue();
          assertThat(Fixture.get(base + "/metrics").body())
              .contains(
                  "trucewatch_backup_last_success_timestamp_seconds "
                      + (double) b.status().lastSuccess().getEpochSecond())
              .contains("trucewatch_backup_failures 0.0");
        }
      } finally {
        b.close();
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
    // a backup that fails (here, of a store that is closed) is counted, and the last one stands
    Backups.Status before = b.status();
    b.backUp();
    assertThat(b.status().failures()).isEqualTo(1);
    assertThat(b.status().lastFailure()).isNotNull();
    assertThat(b.status().lastError()).isNotBlank();
    assertThat(b.status().lastSuccess()).isEqualTo(before.lastSuccess());
  }
}
