package org.trucewatch.cli;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.GeoTimeline;
import org.trucewatch.geo.Region;
import org.trucewatch.observation.Observation;
import org.trucewatch.run.ClassificationRun;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.scoring.BackgroundHistory;
import org.trucewatch.scoring.Cells;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.KnownFireArea;
import org.trucewatch.scoring.WarActivityClassifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code classify}: every input row once, with placement, score and the war-related flag. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description =
        "Places every FIRMS detection (side of the line, distance, oblast), scores its cell-day "
            + "against the background and says whether it is war-related. Ingest report on stderr.")
final class ClassifyCommand implements Callable<Integer> {
  static final String[] HEADER = {
    "file",
    "line",
    "latitude",
    "longitude",
    "acq_time_utc",
    "sensor",
    "side",
    "distance_to_line_m",
    "oblast_code",
    "oblast",
    "cell",
    "cell_day_count",
    "expected",
    "p_value",
    "excess",
    "war_related",
    "rule",
    "method_version",
    "control_map_date",
    "time_precision",
    "follows_war_day"
  };

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--fires",
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description = "FIRMS CSV files (any variant, plain or gzip); - reads standard input")
  List<Path> fires;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.csv",
      description = "Output CSV; - writes it to standard output")
  Path out;

  @Mixin ReferenceOptions reference;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    boolean toStdout = PathChecks.isStandardStream(out);
    if (!toStdout) {
      PathChecks.outputFile(out);
    }
    Prepared prepared = Prepared.of(reference, Reference.controlMaps(reference.control));
    Ingest.Read read = Ingest.read(fires, err);
    read.requireAKeptRow();
    ClassificationRun.Result result = prepared.classify(read.observations());
    if (toStdout) {
      // written whole before a byte goes out, as a file is: a failure leaves no partial table
      Path tmp = Files.createTempFile("trucewatch-classify-", ".csv");
      try {
        writeRows(result.detections(), prepared.geo(), tmp, List.of(), i -> List.of());
        PrintWriter stdout = spec.commandLine().getOut();
        try (var in = Files.newBufferedReader(tmp, StandardCharsets.UTF_8)) {
          in.transferTo(stdout);
        }
        stdout.flush();
      } finally {
        Files.deleteIfExists(tmp);
      }
    } else {
      write(result.detections(), prepared.geo(), out, List.of(), i -> List.of());
    }
    err.printf(
        Locale.ROOT,
        "classified %s, %d war-related; method %s; written to %s%n",
        Ingest.count(result.summary().detections(), "detection"),
        result.summary().warRelated(),
        MethodVersion.CURRENT,
        toStdout ? "standard output" : out);
    noteDaysBeforeTheMaps(result.detections(), prepared.geo(), err);
    return 0;
  }

  /**
   * Says on {@code err} how many detections are dated before the first control map: they are placed
   * on that map's line, which is not the line of their day (a map of another year given by mistake
   * shows here).
   */
  static void noteDaysBeforeTheMaps(
      List<ClassifiedDetection> detections, GeoTimeline geo, PrintWriter err) {
    List<ControlMap> maps = geo.controlMaps();
    if (maps.isEmpty() || maps.get(0).date() == null) {
      return;
    }
    LocalDate first = maps.get(0).date();
    long n = 0;
    LocalDate earliest = null;
    LocalDate latest = null;
    for (ClassifiedDetection d : detections) {
      LocalDate day = d.observation().utcDate();
      if (day.isBefore(first)) {
        n++;
        earliest = earliest == null || day.isBefore(earliest) ? day : earliest;
        latest = latest == null || day.isAfter(latest) ? day : latest;
      }
    }
    if (n > 0) {
      err.printf(
          Locale.ROOT,
          "note: %s (%s) %s dated before the first control map (%s, %s) and %s placed on its"
              + " line%n",
          Ingest.count(n, "detection"),
          earliest.equals(latest) ? earliest : earliest + " to " + latest,
          n == 1 ? "is" : "are",
          first,
          maps.get(0).source(),
          n == 1 ? "was" : "were");
    }
  }

  /**
   * Everything a classification needs besides the detections: read first, so that a mistake in the
   * control map, regions, background history or known fire areas is reported before a long ingest.
   */
  record Prepared(GeoTimeline geo, WarActivityClassifier classifier, List<KnownFireArea> areas) {
    static Prepared of(ReferenceOptions ref, List<ControlMap> controls) {
      return of(ref, controls, Reference.history(ref.baseline));
    }

    /** As above, on a background history already read. */
    static Prepared of(ReferenceOptions ref, List<ControlMap> controls, BackgroundHistory history) {
      List<Region> regions = Reference.regions(ref.regions);
      List<KnownFireArea> areas = Reference.knownFireAreas(ref.knownFireAreas, regions);
      GeoTimeline geo;
      try {
        geo = GeoTimeline.build(regions, controls);
      } catch (IllegalArgumentException e) {
        throw new InputFailure(e.getMessage(), e);
      }
      return new Prepared(geo, Reference.classifier(history), areas);
    }

    /** The same places and areas with another classifier. */
    Prepared on(WarActivityClassifier other) {
      return new Prepared(geo, other, areas);
    }

    ClassificationRun.Result classify(List<Observation> obs) {
      return ClassificationRun.run(obs, geo, classifier, areas);
    }
  }

  /**
   * Writes the rows to a temporary file beside {@code out}, then moves it into place; {@code
   * extraHeader} names columns after the classify columns, whose values {@code extra} gives for the
   * row at each index.
   */
  static void write(
      List<ClassifiedDetection> rows,
      GeoTimeline geo,
      Path out,
      List<String> extraHeader,
      java.util.function.IntFunction<List<String>> extra)
      throws IOException {
    Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".tmp");
    try {
      writeRows(rows, geo, tmp, extraHeader, extra);
    } catch (IOException | RuntimeException e) {
      if (Files.isRegularFile(tmp)) {
        Files.delete(tmp);
      }
      throw e;
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void writeRows(
      List<ClassifiedDetection> rows,
      GeoTimeline geo,
      Path tmp,
      List<String> extraHeader,
      java.util.function.IntFunction<List<String>> extra)
      throws IOException {
    try (CsvWriter w =
        CsvWriter.builder().lineDelimiter(de.siegmar.fastcsv.writer.LineDelimiter.LF).build(tmp)) {
      List<String> header = new java.util.ArrayList<>(List.of(HEADER));
      header.addAll(extraHeader);
      w.writeRecord(header);
      for (int i = 0; i < rows.size(); i++) {
        ClassifiedDetection d = rows.get(i);
        Observation o = d.observation();
        double dist = d.placement().distanceToLineMetres();
        List<String> record =
            new java.util.ArrayList<>(
                java.util.Arrays.asList(
                    o.provenance().file(),
                    Long.toString(o.provenance().line()),
                    Double.toString(o.latitude()),
                    Double.toString(o.longitude()),
                    o.time().toString(),
                    o.sensor().key(),
                    d.placement().side().key(),
                    Double.isNaN(dist) ? "" : Long.toString(Math.round(dist)),
                    d.placement().regionCode(),
                    d.placement().regionName(),
                    Cells.label(d.score().cellKey()),
                    Integer.toString(d.score().cellDayCount()),
                    String.format(Locale.ROOT, "%.4f", d.score().expected()),
                    String.format(Locale.ROOT, "%.3g", d.score().pValue()),
                    Integer.toString(d.score().excess()),
                    d.score().warRelated() ? "1" : "0",
                    d.score().rule(),
                    MethodVersion.CURRENT,
                    mapDate(geo, o),
                    o.timePrecision().name().toLowerCase(Locale.ROOT),
                    d.score().followedWarDay() == null
                        ? ""
                        : d.score().followedWarDay().toString()));
        record.addAll(extra.apply(i));
        w.writeRecord(record);
      }
    }
  }

  /** The date of the control map that placed a detection, or empty without one. */
  private static String mapDate(GeoTimeline geo, Observation o) {
    ControlMap m = geo.mapFor(o.utcDate());
    return m == null ? "" : m.date().toString();
  }
}
