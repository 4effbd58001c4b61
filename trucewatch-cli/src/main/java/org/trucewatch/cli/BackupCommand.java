package org.trucewatch.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.trucewatch.store.Store;
import org.trucewatch.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backup}: a consistent copy of an embedded store, as a zip file. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a consistent copy of the embedded store into a zip file, which trucewatch restore"
          + " makes a store of again. The store must not be open in another process: a server"
          + " backs up the store it serves with serve --backup-dir.",
      "A PostgreSQL store is backed up with PostgreSQL's own tools (pg_dump)."
    })
final class BackupCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The zip file to write (it must not exist)")
  Path out;

  @Override
  public Integer call() {
    Path folder = RestoreCommand.embedded(storeOption.db, "backup");
    if (!Files.isRegularFile(folder.resolve("trucewatch.mv.db"))) {
      throw new InputFailure(folder + ": holds no store to back up");
    }
    try (Store store =
        Serving.open(
            storeOption.db, "A running server backs its store up with serve --backup-dir DIR.")) {
      store.backupTo(out);
      spec.commandLine()
          .getOut()
          .println("backed up " + folder + " to " + out + ": " + RestoreCommand.counts(store));
    } catch (StoreException e) {
      throw new InputFailure(e.getMessage(), e);
    }
    return 0;
  }
}
