package org.trucewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.observation.Observation;
import org.trucewatch.run.Agreement;
import org.trucewatch.run.ClassificationRun;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.scoring.ClassifiedDetection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: agreement of the classifier with a labelled file's {@code war_fire}. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Classifies the detections of a labelled file (LATITUDE,LONGITUDE,ACQ_TIME,date,war_fire) "
            + "and compares with its war_fire column: precision, recall, F1, accuracy, confusion counts, "
            + "overall, per month and per band of distance to the line of contact. --from/--to limit "
            + "the rows scored; every row is still context. "
            + "Without --control, the bundled ISW/CTP control map of early 2023 places the detections "
            + "(the classifier takes a larger offset far from the line of contact).")
final class EvaluateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Labelled file")
  Path labels;

  @Option(names = "--from", paramLabel = "DATE", description = "First UTC date scored (inclusive)")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last UTC date scored (inclusive)")
  LocalDate to;

  @Option(names = "--json", description = "Print one JSON object on standard output")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "FILE.csv",
      description =
          "Also write every row as classify does, followed by its war_fire label and agreement"
              + " (tp, fp, fn or tn; empty for rows outside --from/--to), to map where the"
              + " classifier and the labels differ")
  Path csv;

  @Mixin ReferenceOptions reference;

  private String controlName;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (from != null && to != null && to.isBefore(from)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--to " + to + " is before --from " + from);
    }
    if (csv != null) {
      PathChecks.outputFile(csv);
    }
    // the small files first, so that a mistake in them is reported before a long ingest
    List<ControlMap> controls;
    if (reference.control.isEmpty()) {
      controls = List.of(Reference.bundledControlMap2023());
      controlName = Reference.BUNDLED_CONTROL_2023 + " (bundled)";
    } else {
      controls = Reference.controlMaps(reference.control);
      controlName =
          String.join(
              ", ", reference.control.stream().map(p -> p.getFileName().toString()).toList());
    }
    ClassifyCommand.Prepared prepared = ClassifyCommand.Prepared.of(reference, controls);
    Ingest.Read read = Ingest.read(List.of(labels), err);
    if (read.labels().size() != read.observations().size() || read.observations().isEmpty()) {
      throw new InputFailure(
          labels.getFileName() + ": not a labelled file with rows (needs a war_fire column)");
    }
    ClassificationRun.Result result = prepared.classify(read.observations());
    Agreement all = Agreement.EMPTY;
    Map<YearMonth, Agreement> perMonth = new TreeMap<>();
    Map<String, Agreement> perBand = new java.util.LinkedHashMap<>();
    String[] agreement = new String[read.observations().size()];
    for (String band : BANDS) {
      perBand.put(band, Agreement.EMPTY);
    }
    List<ClassifiedDetection> ds = result.detections();
    for (int i = 0; i < ds.size(); i++) {
      Observation o = ds.get(i).observation();
      LocalDate d = o.utcDate();
      if ((from != null && d.isBefore(from)) || (to != null && d.isAfter(to))) {
        continue;
      }
      boolean predicted = ds.get(i).score().warRelated();
      boolean actual = read.labels().get(i) == 1;
      agreement[i] = predicted ? (actual ? "tp" : "fp") : (actual ? "fn" : "tn");
      all = all.add(predicted, actual);
      perMonth.merge(
          YearMonth.from(d), Agreement.EMPTY.add(predicted, actual), EvaluateCommand::sum);
      perBand.merge(
          band(ds.get(i).placement().distanceToLineMetres()),
          Agreement.EMPTY.add(predicted, actual),
          EvaluateCommand::sum);
    }
    perBand.values().removeIf(a -> a.total() == 0);
    if (csv != null) {
      ClassifyCommand.write(
          ds,
          prepared.geo(),
          csv,
          List.of("war_fire", "agreement"),
          i ->
              List.of(
                  Integer.toString(read.labels().get(i)),
                  agreement[i] == null ? "" : agreement[i]));
    }
    if (json) {
      out.println(toJson(all, perMonth, perBand));
    } else {
      out.printf(
          Locale.ROOT,
          "method %s, labels %s, control map %s, rows scored %d%n",
          MethodVersion.CURRENT,
          labels.getFileName(),
          controlName,
          all.total());
      out.println("period    precision  recall     f1  accuracy      tp      fp      fn      tn");
      for (Map.Entry<YearMonth, Agreement> e : perMonth.entrySet()) {
        out.println(line(e.getKey().toString(), e.getValue()));
      }
      out.println(line("all", all));
      out.println();
      out.println("distance to the line of contact (on the control map of the detection's day)");
      out.println("band      precision  recall     f1  accuracy      tp      fp      fn      tn");
      perBand.forEach((band, a) -> out.println(line(band, a)));
    }
    return 0;
  }

  /**
   * The bands of distance to the line of contact that the agreement is broken down by: the
   * classifier's offsets change at 100 km (docs/methodology.md, section 3).
   */
  static final List<String> BANDS = List.of("0-10km", "10-50km", "50-100km", ">100km", "unknown");

  static String band(double metres) {
    double km = Math.abs(metres) / 1000;
    if (Double.isNaN(km)) {
      return "unknown";
    }
    return km <= 10 ? "0-10km" : km <= 50 ? "10-50km" : km <= 100 ? "50-100km" : ">100km";
  }

  private static Agreement sum(Agreement a, Agreement b) {
    return new Agreement(a.tp() + b.tp(), a.fp() + b.fp(), a.fn() + b.fn(), a.tn() + b.tn());
  }

  private static String line(String period, Agreement a) {
    return String.format(
        Locale.ROOT,
        "%-8s %10s %7s %6s %9s %7d %7d %7d %7d",
        period,
        ratio(a.precision()),
        ratio(a.recall()),
        ratio(a.f1()),
        ratio(a.accuracy()),
        a.tp(),
        a.fp(),
        a.fn(),
        a.tn());
  }

  private String toJson(
      Agreement all, Map<YearMonth, Agreement> perMonth, Map<String, Agreement> perBand)
      throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode root = m.createObjectNode();
    root.put("method_version", MethodVersion.CURRENT);
    root.put("labels", labels.getFileName().toString());
    root.put("control_map", controlName);
    root.put(
        "known_fire_areas",
        reference.knownFireAreas == null
            ? null
            : reference.knownFireAreas.getFileName().toString());
    root.put("from", from == null ? null : from.toString());
    root.put("to", to == null ? null : to.toString());
    fill(root, all);
    ArrayNode months = root.putArray("months");
    perMonth.forEach(
        (ym, a) -> {
          ObjectNode n = months.addObject();
          n.put("month", ym.toString());
          fill(n, a);
        });
    ArrayNode bands = root.putArray("distance_bands");
    perBand.forEach(
        (band, a) -> {
          ObjectNode n = bands.addObject();
          n.put("band", band);
          fill(n, a);
        });
    return m.writeValueAsString(root);
  }

  /** A ratio to three decimals, or {@code -} where it is undefined (no row to divide by). */
  private static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  /** A ratio, or null where it is undefined (no row to divide by): JSON has no NaN. */
  private static void ratio(ObjectNode n, String key, double value) {
    if (Double.isNaN(value)) {
      n.putNull(key);
    } else {
      n.put(key, value);
    }
  }

  private static void fill(ObjectNode n, Agreement a) {
    n.put("rows", a.total());
    ratio(n, "precision", a.precision());
    ratio(n, "recall", a.recall());
    ratio(n, "f1", a.f1());
    ratio(n, "accuracy", a.accuracy());
    n.put("tp", a.tp());
    n.put("fp", a.fp());
    n.put("fn", a.fn());
    n.put("tn", a.tn());
  }
}
