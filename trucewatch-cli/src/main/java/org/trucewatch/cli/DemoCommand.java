package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.trucewatch.run.PeriodReport;
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
    description = {
      "Assesses a hypothetical 30-day truce from 15 August 2025 (data/terms/demo-truce.yaml) on",
      "the bundled FIRMS VIIRS NRT detections of 11-24 August 2025 (NOAA-20 and S-NPP) and the",
      "DeepState map of 14 August 2025, and writes the report."
    })
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

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    Path firmsDir = data.resolve("firms/viirs-nrt");
    if (!Files.isDirectory(firmsDir)) {
      throw new InputFailure(firmsDir + ": bundled data not found; run from the repository root");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(firmsDir)) {
      files = s.filter(p -> p.toString().endsWith(".csv.gz")).sorted().toList();
    }
    PeriodReport report =
        AssessCommand.run(data.resolve(TERMS), files, out, null, null, spec.commandLine().getErr());
    stdout.println("Truce Watch demo: " + files.size() + " FIRMS files, terms " + TERMS);
    stdout.println(AssessCommand.summary(report, out));
    return 0;
  }
}
