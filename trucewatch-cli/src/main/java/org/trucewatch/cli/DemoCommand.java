package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.trucewatch.run.ClassificationRun;
import org.trucewatch.run.ClassifiedDetection;
import org.trucewatch.run.MethodVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: classifies the bundled 14 days of VIIRS detections (11-24 August 2025) against the
 * DeepState control map of 14 August 2025 and writes the classified CSV.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the satellite path on the bundled real data: FIRMS VIIRS NRT 11-24 August 2025",
      "(NOAA-20 and S-NPP) against the DeepState control map of 14 August 2025."
    })
final class DemoCommand implements Callable<Integer> {
  static final String CONTROL = "frontline/daily/deepstatemap_data_20250814.geojson.gz";

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
    PrintWriter err = spec.commandLine().getErr();
    Path firmsDir = data.resolve("firms/viirs-nrt");
    if (!Files.isDirectory(firmsDir)) {
      throw new InputFailure(firmsDir + ": bundled data not found; run from the repository root");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(firmsDir)) {
      files = s.filter(p -> p.toString().endsWith(".csv.gz")).sorted().toList();
    }
    Ingest.Read read = Ingest.read(files, err);
    ReferenceOptions ref = new ReferenceOptions();
    ref.control = data.resolve(CONTROL);
    ClassificationRun.Result result = ClassifyCommand.classify(read.observations(), ref);
    Files.createDirectories(out);
    Path csv = out.resolve("classified.csv");
    ClassifyCommand.write(result.detections(), csv);

    Map<String, int[]> bySide = new TreeMap<>();
    for (ClassifiedDetection d : result.detections()) {
      int[] c = bySide.computeIfAbsent(d.placement().side().key(), k -> new int[2]);
      c[0]++;
      if (d.score().warRelated()) {
        c[1]++;
      }
    }
    stdout.printf(
        Locale.ROOT,
        "Truce Watch demo (method %s): %d detections from %d files, control map %s%n",
        MethodVersion.CURRENT,
        result.summary().detections(),
        files.size(),
        CONTROL);
    stdout.println("side                     detections  war-related");
    bySide.forEach((k, v) -> stdout.printf(Locale.ROOT, "%-24s %10d %12d%n", k, v[0], v[1]));
    stdout.println("classified detections written to " + csv);
    return 0;
  }
}
