package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.scoring.BackgroundHistory;
import org.trucewatch.scoring.SensorClass;
import org.trucewatch.sources.baseline.BaselineFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code baseline}: rebuilds the background-history file from FIRMS history files. */
@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    description =
        "Builds the background-history file from FIRMS files (any variant; the yearly 3-column "
            + "history files included): counts per sensor class, 0.1° cell, year and day, for the "
            + "peacetime years (VIIRS 2012-2021, MODIS 2001-2021).")
final class BaselineCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--history",
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description = "FIRMS history files")
  List<Path> history;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .csv.gz")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PathChecks.outputFile(out);
    history.forEach(PathChecks::inputFile);
    BaselineFile.Built built = BaselineFile.build(history, BaselineFile.YearSelection.peacetime());
    for (IngestReport r : built.reports()) {
      Ingest.print(r, err);
    }
    BackgroundHistory h = built.history();
    if (java.util.Arrays.stream(SensorClass.values()).mapToLong(h::total).sum() == 0) {
      throw new InputFailure(
          "no detection of the peacetime years (VIIRS 2012-2021, MODIS 2001-2021) in the files;"
              + " an empty background is not written");
    }
    BaselineFile.write(h, out);
    for (SensorClass c : SensorClass.values()) {
      err.printf(
          Locale.ROOT,
          "%s: %d detections in %d cells over years %s%n",
          c,
          h.total(c),
          h.cells(c).size(),
          h.years(c));
    }
    err.println("written to " + out);
    return 0;
  }
}
