package org.trucewatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
