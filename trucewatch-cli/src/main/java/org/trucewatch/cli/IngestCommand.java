package org.trucewatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.trucewatch.server.Alerts;
import org.trucewatch.server.FirmsFetch;
import org.trucewatch.server.Monitor;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ingest}: FIRMS files, reports and watch logs into a store from the command line, as the
 * API does.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Stores FIRMS files, files of surveillance reports and watch logs (told apart by their"
            + " header) in the store (each file in one transaction; the same file or the "
            + "same rows again change nothing; detections beyond the area of interest, the box around "
            + "Ukraine widened by one degree, are counted, not stored) and re-assesses when the store holds terms. Prints one "
            + "ingest report (JSON) per file. A FILE of - is read from standard input. With"
            + " --firms-source, also asks FIRMS's area API once for each source and ingests each"
            + " answer.")
final class IngestCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE",
      description =
          "FIRMS CSV files, surveillance reports or watch logs, plain or gzip; - reads standard"
              + " input (FIRMS)")
  List<Path> files = List.of();

  @picocli.CommandLine.Mixin FirmsOptions firms = new FirmsOptions();

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "The name under which standard input is stored (default stdin), such as the FIRMS file"
              + " name, whose day (_YYYYDDD.) then counts as covered")
  String stdinName;

  @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

  @Option(names = "--terms", paramLabel = "FILE", description = "Truce terms YAML to store and use")
  Path terms;

  @picocli.CommandLine.Mixin Mixin.AlertOptions alertOptions = new Mixin.AlertOptions();

  /**
   * The delays between attempts of an alert for a command that ends: shorter than the server's, as
   * the command waits for its alerts before it exits.
   */
  static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));

  /**
   * How long at most the command gives its alerts before it exits; it exits sooner when each
   * receiver behind has failed through the retry delays. A receiver not given all of them is given
   * the rest by the next serve or ingest that names it.
   */
  static final Duration GIVE = Duration.ofMinutes(1);

  @Override
  public Integer call() throws Exception {
    java.util.Optional<FirmsFetch.Settings> firmsSettings = firms.settings(FirmsFetch.HOURLY);
    if (files.isEmpty() && firmsSettings.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give a FILE to ingest, or --firms-source");
    }
    long stdin = files.stream().filter(PathChecks::isStandardStream).count();
    if (stdin > 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "-: standard input can be read once; give - once");
    }
    if (stdinName != null && stdin == 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--name names standard input; give - among the files");
    }
    if (stdinName != null && (stdinName.isBlank() || stdinName.contains("/"))) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--name must be a file name without a folder, was " + stdinName);
    }
    for (Path f : files) {
      if (!PathChecks.isStandardStream(f)) {
        PathChecks.inputFile(f);
      }
    }
    List<Mixin.AlertOptions.Asked> asked = alertOptions.check(RETRY_DELAYS);
    int refused = 0;
    int failed = 0;
    try (Store store =
        Serving.open(storeOption.db, "A running server takes files at POST /api/v1/ingest.")) {
      List<Mixin.AlertOptions.Opened> alerts = new ArrayList<>();
      asked.forEach(a -> alerts.add(a.start(store)));
      Monitor monitor = Serving.monitor(store);
      alerts.forEach(a -> monitor.listen(a.alerts()));
      try {
        refused = ingest(monitor);
        if (firmsSettings.isPresent()) {
          failed = askFirms(FirmsFetch.of(monitor, firmsSettings.get()));
        }
        monitor.refreshIfStale();
      } finally {
        // the alerts read the store's logs: given out before the store closes
        alerts.forEach(this::deliver);
      }
    }
    if (refused > 0) {
      throw new InputFailure(refused + " of " + files.size() + " files had no readable row");
    }
    if (failed > 0) {
      throw new InputFailure(
          failed
              + " of "
              + firmsSettings.get().sources().size()
              + " requests to FIRMS failed; the answers taken in are stored");
    }
    return 0;
  }

  /** Takes in each file under the terms given or stored; the number of files refused. */
  private int ingest(Monitor monitor) throws java.io.IOException {
    int refused = 0;
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
      Monitor.IngestResult r;
      try {
        r =
            PathChecks.isStandardStream(f)
                ? monitor.ingest(
                    System.in,
                    stdinName == null ? Ingest.name(f) : stdinName,
                    Store.BY_COMMAND_LINE,
                    Store.IngestListener.NONE,
                    false)
                : monitor.ingest(
                    f,
                    f.getFileName().toString(),
                    Store.BY_COMMAND_LINE,
                    Store.IngestListener.NONE,
                    false);
      } catch (java.io.UncheckedIOException e) {
        throw new InputFailure(e.getMessage(), e);
      }
      spec.commandLine().getOut().println(r.report().toString());
      if (r.refused()) {
        refused++;
      }
    }
    return refused;
  }

  /**
   * Asks FIRMS once for each source and ingests each answer, printing its ingest report (a request
   * that failed on standard error); the number that failed.
   */
  private int askFirms(FirmsFetch fetch) {
    int failed = 0;
    try (fetch) {
      for (FirmsFetch.Answer a : fetch.round()) {
        if (a.report() != null) {
          spec.commandLine().getOut().println(a.report().toString());
        } else {
          spec.commandLine().getErr().println("FIRMS " + a.source() + ": " + a.error());
          failed++;
        }
      }
    }
    return failed;
  }

  /**
   * Waits until the receiver is given every alert, or a while; says on standard error how many it
   * was not given (they stay in the store's log, and the next start gives them) and how many it
   * refused.
   */
  private void deliver(Mixin.AlertOptions.Opened opened) {
    Alerts<?> w = opened.alerts();
    try {
      // each attempt ends within its timeouts; what is not given by then waits in the log
      w.awaitSettled(GIVE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    w.close();
    long waiting = w.pending();
    if (waiting > 0) {
      spec.commandLine()
          .getErr()
          .println(
              "warning: "
                  + waiting
                  + " alert"
                  + (waiting == 1 ? " was" : "s were")
                  + " not yet delivered to "
                  + opened.to()
                  + "; the files are stored, and the next serve or ingest with the same receiver"
                  + " gives them");
    }
    if (w.failed() > 0) {
      spec.commandLine()
          .getErr()
          .println(
              "warning: "
                  + w.failed()
                  + " alert"
                  + (w.failed() == 1 ? " was" : "s were")
                  + " refused by "
                  + opened.to()
                  + " and passed over; /api/v1/reports says which days changed");
    }
  }
}
