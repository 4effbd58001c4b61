package org.trucewatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 database file. */
class H2StoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  Store openEmpty() {
    return Store.open(dir.resolve("db").toString());
  }

  @Override
  Store reopen() {
    return Store.open(dir.resolve("db").toString());
  }

  @Test
  void theDatabaseFolderIsCreatedOnFirstUse() {
    assertThat(Files.isRegularFile(dir.resolve("db").resolve("trucewatch.mv.db"))).isTrue();
    assertThat(store.database().dialect()).isEqualTo(Database.Dialect.H2);
  }

  @Test
  void aBackupTakenWhileTheStoreIsInUseOpensAsTheStoreWas(@TempDir Path backups) throws Exception {
    ingest(DAY_1);
    String token = store.createToken("liaison-nl");
    Map<String, Long> before = store.counts();
    assertThat(before.get("observations")).isGreaterThan(100);

    Path zip = backups.resolve("trucewatch-backup.zip");
    store.backupTo(zip);
    // whole, and nothing partial beside it
    try (var files = Files.list(backups)) {
      assertThat(files).containsExactly(zip);
    }
    // the store goes on, and what it takes after the backup is not in it
    store.createToken("liaison-be");
    assertThat(ingest(DAY_2).alreadyIngested()).isFalse();

    Path restored = backups.resolve("restored");
    Store.restore(zip, restored);
    try (Store copy = Store.open(restored.toString())) {
      assertThat(copy.counts()).isEqualTo(before);
      assertThat(copy.tokenName(token)).contains("liaison-nl");
      assertThat(copy.tokens()).extracting(Store.Token::name).containsExactly("liaison-nl");
      assertThat(copy.observations()).hasSize(before.get("observations").intValue());
    }
    // a backup does not replace a file
    assertThatThrownBy(() -> store.backupTo(zip))
        .isInstanceOf(StoreException.class)
        .hasMessage(zip + ": exists; a backup does not replace a file");
    // a restore makes a new store: not into one that has files, and not from what is no backup
    assertThatThrownBy(() -> Store.restore(zip, restored))
        .isInstanceOf(StoreException.class)
        .hasMessage(restored + ": is not empty; a restore makes a new store");
    Path notABackup = backups.resolve("notes.zip");
    Files.writeString(notABackup, "not a zip");
    Path nowhere = backups.resolve("nowhere");
    assertThatThrownBy(() -> Store.restore(notABackup, nowhere))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(notABackup + ": ");
    assertThat(nowhere).doesNotExist();
    try (var files = Files.list(backups)) {
      assertThat(files).containsExactlyInAnyOrder(zip, restored, notABackup);
    }
  }
}
