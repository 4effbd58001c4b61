package org.trucewatch.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.trucewatch.store.Database;
import org.trucewatch.store.StoreCopy;
import org.trucewatch.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code copy}: a whole store into a new one, between the embedded database and PostgreSQL. */
@Command(
    name = "copy",
    mixinStandardHelpOptions = true,
    description = {
      "Copies a whole store into a new, empty one: the embedded store into PostgreSQL when the"
          + " mission moves to a database server, or a PostgreSQL store into an embedded one."
          + " Everything goes with it, with the same ids: observations, ingests, terms, each"
          + " day's versions, reviews, tokens, the logs of alerts and statements.",
      "The copy is written in one transaction and each table is checked against its source"
          + " (rows and SHA-256) before it is committed; nothing is written unless the whole"
          + " store is. Stop the server of an embedded store first; a PostgreSQL store is read"
          + " in one snapshot while its server goes on."
    })
final class CopyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DIR|URL",
      description = "The store to copy: an embedded store's folder or a postgresql:// URL")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR|URL",
      description =
          "The new store: a folder that does not exist or is empty, or a postgresql:// URL of a"
              + " database whose store holds no row (its schema is made when there is none)")
  String to;

  @Override
  public Integer call() {
    StoreCopy.Result r;
    try {
      r = StoreCopy.copy(Database.parse(from), Database.parse(to), Clock.systemUTC());
    } catch (StoreException e) {
      throw new InputFailure(
          Serving.whenHeld(
              e, "A copy reads an embedded store that no server has open (docs/operations.md)."),
          e);
    } catch (IllegalArgumentException e) {
      throw new InputFailure(e.getMessage(), e);
    }
    var out = spec.commandLine().getOut();
    out.println(
        "copied "
            + r.from()
            + " to "
            + r.to()
            + ": "
            + r.rows()
            + " rows in "
            + r.tables().size()
            + " tables, each checked against its source (rows and SHA-256)");
    for (StoreCopy.Table t : r.tables()) {
      if (t.rows() > 0) {
        out.println("  " + t.name() + " " + t.rows());
      }
    }
    return 0;
  }
}
