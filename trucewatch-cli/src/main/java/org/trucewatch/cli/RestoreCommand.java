package org.trucewatch.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trucewatch.store.Database;
import org.trucewatch.store.Store;
import org.trucewatch.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code restore}: a new embedded store from a backup. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Makes a new embedded store in --db from a backup (trucewatch backup, serve --backup-dir)."
          + " The folder must not exist or must be empty; nothing is written unless the whole"
          + " backup is.",
      "A PostgreSQL store is restored with PostgreSQL's own tools (pg_restore)."
    })
final class RestoreCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FILE",
      description = "The backup, a zip file")
  Path from;

  @Override
  public Integer call() {
    Path folder = embedded(storeOption.db, "restore");
    PathChecks.inputFile(from);
    try {
      Store.restore(from, folder);
    } catch (StoreException e) {
      throw new InputFailure(e.getMessage(), e);
    }
    try (Store store = Serving.open(folder.toString())) {
      spec.commandLine()
          .getOut()
          .println("restored " + from + " into " + folder + ": " + counts(store));
    }
    return 0;
  }

  /** The folder of an embedded store; a PostgreSQL URL is an input failure naming its tools. */
  static Path embedded(String db, String what) {
    Database d;
    try {
      d = Database.parse(db);
    } catch (IllegalArgumentException e) {
      throw new InputFailure(e.getMessage(), e);
    }
    if (d.folder() == null) {
      throw new InputFailure(
          what
              + " works on an embedded store; a PostgreSQL store is backed up and restored with"
              + " PostgreSQL's own tools (pg_dump, pg_restore)");
    }
    return d.folder();
  }

  /** What a store holds, in a line: its observations, reports, ingests and tokens. */
  static String counts(Store store) {
    Map<String, Long> c = store.counts();
    return c.getOrDefault("observations", 0L)
        + " observations, "
        + c.getOrDefault("surveillance_reports", 0L)
        + " surveillance reports, "
        + c.getOrDefault("ingests", 0L)
        + " ingests, "
        + c.getOrDefault("tokens", 0L)
        + " tokens";
  }
}
