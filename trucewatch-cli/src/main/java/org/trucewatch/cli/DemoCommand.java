package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.server.Monitor;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the assessment of a hypothetical 30-day truce from 15 August 2025 on the bundled
 * real data: FIRMS VIIRS NRT of 11-24 August 2025 and the DeepState map of 14 August 2025.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Assesses a hypothetical 30-day truce from 15 August 2025 on the bundled FIRMS VIIRS NRT"
            + " detections of 11-24 August 2025 (NOAA-20 and S-NPP) and the DeepState map of 14"
            + " August 2025, and writes the report.%n"
            + "The terms: data/terms/demo-truce.yaml.%n"
            + "With --serve, loads the same into a fresh embedded store instead and serves the map,"
            + " API and OGC API.")
final class DemoCommand implements Callable<Integer> {
  static final String TERMS = "terms/demo-truce.yaml";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "${sys:trucewatch.home:-.}/data",
      description = "The bundled data folder (default: data/ of the installation)")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "demo-out",
      description = "Output folder (default: ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--serve",
      description = "Load the demo into a fresh embedded store and serve it (see serve --help)")
  boolean serve;

  @Option(
      names = "--db",
      paramLabel = "DIR|URL",
      description = "With --serve: the store to load into (default: a new temporary folder)")
  String db;

  @picocli.CommandLine.Mixin Mixin.HttpOptions http = new Mixin.HttpOptions();

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    Path firmsDir = data.resolve("firms/viirs-nrt");
    if (!Files.isDirectory(firmsDir)) {
      throw new InputFailure(
          firmsDir
              + ": bundled data not found; --data names the data/ folder of the repository (with"
              + " firms/viirs-nrt, frontline/daily and terms), or run ./trucewatch from the"
              + " repository root");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(firmsDir)) {
      files = s.filter(p -> p.toString().endsWith(".csv.gz")).sorted().toList();
    }
    if (serve) {
      http.checkAccessLog();
      return serve(files, stdout);
    }
    PeriodReport report =
        AssessCommand.run(data.resolve(TERMS), files, out, null, null, spec.commandLine().getErr());
    stdout.println("Truce Watch demo: " + files.size() + " FIRMS files, terms " + TERMS);
    stdout.println(AssessCommand.summary(report, out));
    return 0;
  }

  private int serve(List<Path> files, PrintWriter stdout) throws Exception {
    Path tmp = db == null ? Files.createTempDirectory("trucewatch-demo-") : null;
    Store store = Serving.open(db == null ? tmp.toString() : db);
    Monitor monitor = Serving.monitor(store);
    try {
      monitor.useTerms(data.resolve(TERMS));
      long stored = 0;
      for (Path f : files) {
        Monitor.IngestResult r =
            monitor.ingest(
                f, f.getFileName().toString(), Store.BY_DEMO, Store.IngestListener.NONE, false);
        stored += r.report().path("stored").asLong();
      }
      monitor.refreshIfStale();
      stdout.println(
          "Truce Watch demo: "
              + files.size()
              + " FIRMS files, "
              + stored
              + " new observations, terms "
              + TERMS);
    } catch (TermsException | RuntimeException e) {
      store.close();
      throw e instanceof TermsException ? new InputFailure(e.getMessage(), e) : e;
    }
    Serving.serve(monitor, http.options(), stdout, List.of(), () -> deleteTree(tmp));
    return 0;
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (java.io.IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
