package org.trucewatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.trucewatch.server.Monitor;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ingest}: FIRMS files into a store from the command line, as the API does. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Stores FIRMS files in the store (each file in one transaction; the same file or the "
            + "same rows again change nothing; detections beyond the area of interest, the box around "
            + "Ukraine widened by one degree, are counted, not stored) and re-assesses when the store holds terms. Prints one "
            + "ingest report (JSON) per file.")
final class IngestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "FIRMS CSV files")
  List<Path> files;

  @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

  @Option(names = "--terms", paramLabel = "FILE", description = "Truce terms YAML to store and use")
  Path terms;

  @Override
  public Integer call() throws Exception {
    for (Path f : files) {
      PathChecks.inputFile(f);
    }
    int refused = 0;
    try (Store store = Serving.open(storeOption.db)) {
      Monitor monitor = Serving.monitor(store);
      try {
        if (terms != null) {
          monitor.useTerms(terms);
        } else {
          monitor.useStoredTerms();
        }
      } catch (TermsException e) {
        throw new InputFailure(e.getMessage(), e);
      }
      for (Path f : files) {
        Monitor.IngestResult r =
            monitor.ingest(
                f, f.getFileName().toString(), "local", Store.IngestListener.NONE, false);
        spec.commandLine().getOut().println(r.report().toString());
        if (r.refused()) {
          refused++;
        }
      }
      monitor.refreshIfStale();
    }
    if (refused > 0) {
      throw new InputFailure(refused + " of " + files.size() + " files had no readable row");
    }
    return 0;
  }
}
