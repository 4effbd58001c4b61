package org.trucewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.observation.Observation;
import org.trucewatch.run.Agreement;
import org.trucewatch.run.ClassificationRun;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.scoring.BackgroundHistory;
import org.trucewatch.scoring.Cells;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.SensorClass;
import org.trucewatch.scoring.WarActivityClassifier;
import org.trucewatch.sources.firms.FirmsReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: agreement of the classifier with a labelled file's {@code war_fire}, or what it
 * calls war-related in files of a peacetime year.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Classifies the detections of a labelled file%n"
            + "(columns LATITUDE,LONGITUDE,ACQ_TIME,date,war_fire) "
            + "and compares with its war_fire column: precision, recall, F1, accuracy, confusion counts, "
            + "overall, per month and per band of distance to the line of contact. --from/--to limit "
            + "the rows scored; every row is still context, and so are the earlier detections of "
            + "--context (by default the bundled development labels' detections before the "
            + "file's first day). "
            + "With --peacetime instead, classifies FIRMS files of years before the full-scale "
            + "invasion against a background without those years and counts what it calls "
            + "war-related: in a year of peace, false alarms. "
            + "Without --control, the bundled ISW/CTP control map of early 2023 places the detections "
            + "(the classifier takes a larger offset far from the line of contact).")
final class EvaluateCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** What the classifier is measured on: one of the two. */
  static final class Input {
    @Option(
        names = "--labels",
        required = true,
        paramLabel = "FILE",
        description = "Labelled file; - reads standard input")
    Path labels;

    @Option(
        names = "--peacetime",
        required = true,
        arity = "1..*",
        paramLabel = "FILE",
        description =
            "FIRMS files (any variant) of years before the full-scale invasion, such as the yearly"
                + " history files of 2012-2021: every detection is taken as not war-related, and"
                + " the years of the files are left out of the background, so that it never saw"
                + " them")
    List<Path> peacetime;
  }

  @ArgGroup(multiplicity = "1")
  Input input;

  @Option(names = "--from", paramLabel = "DATE", description = "First UTC date scored (inclusive)")
  LocalDate from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last UTC date scored (inclusive)")
  LocalDate to;

  @Option(names = "--json", description = "Print one JSON object on standard output")
  boolean json;

  @Option(
      names = "--out",
      paramLabel = "CSV",
      description =
          "Also write every row as classify does, followed by its war_fire label and agreement"
              + " (tp, fp, fn or tn; empty for rows outside --from/--to), to map where the"
              + " classifier and the labels differ")
  Path csv;

  @Option(
      names = "--context",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "With --labels: FIRMS files (any variant; a labelled file's labels are not read) whose"
              + " detections dated before the labelled file's first day are classified with it"
              + " and not scored, since the classifier's rules look back on earlier days. Default:"
              + " the bundled detections of the development labels (24 February - 31 August"
              + " 2022) dated before that day")
  List<Path> context;

  @Option(
      names = "--no-context",
      description = "With --labels: classify the labelled file's detections alone")
  boolean noContext;

  @Mixin ReferenceOptions reference;

  private String controlName;

  /** With --labels: the earlier detections classified with the labelled file, not scored. */
  private Context contextUsed = Context.NONE;

  /**
   * Detections classified with a labelled file as its past: where they come from, how many, and
   * their first and last UTC day.
   */
  record Context(String source, List<Observation> detections) {
    static final Context NONE = new Context("", List.of());

    LocalDate first() {
      return firstDay(detections);
    }

    LocalDate last() {
      return lastDay(detections);
    }
  }

  /** The earliest UTC day of the detections (there must be some). */
  private static LocalDate firstDay(List<Observation> detections) {
    return detections.stream().map(Observation::utcDate).min(LocalDate::compareTo).orElseThrow();
  }

  /** The latest UTC day of the detections (there must be some). */
  private static LocalDate lastDay(List<Observation> detections) {
    return detections.stream().map(Observation::utcDate).max(LocalDate::compareTo).orElseThrow();
  }

  /** With --peacetime: the years of the files, left out of the background. */
  private NavigableSet<Integer> leftOut;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (from != null && to != null && to.isBefore(from)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--to " + to + " is before --from " + from);
    }
    if (context != null && noContext) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--context and --no-context exclude each other");
    }
    if ((context != null || noContext) && input.peacetime != null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--context and --no-context go with --labels, not --peacetime");
    }
    if (input.labels != null
        && PathChecks.isStandardStream(input.labels)
        && context != null
        && context.stream().anyMatch(PathChecks::isStandardStream)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "standard input (-) can be read once: for --labels or --context");
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
    boolean peacetime = input.peacetime != null;
    BackgroundHistory history = Reference.history(reference.baseline);
    ClassifyCommand.Prepared prepared = ClassifyCommand.Prepared.of(reference, controls, history);
    Ingest.Read read;
    List<Integer> labels;
    if (peacetime) {
      read = Ingest.read(input.peacetime, err);
      read.requireAKeptRow();
      if (read.observations().isEmpty()) {
        throw new InputFailure("the peacetime files hold no detection");
      }
      leftOut = new TreeSet<>();
      read.observations().forEach(o -> leftOut.add(o.utcDate().getYear()));
      prepared = prepared.on(withoutYears(history, leftOut, read.observations()));
      labels = java.util.Collections.nCopies(read.observations().size(), 0);
    } else {
      read = Ingest.read(List.of(input.labels), err);
      if (read.labels().size() != read.observations().size()) {
        throw new InputFailure(
            Ingest.name(input.labels) + ": not a labelled file (needs a war_fire column)");
      }
      if (read.observations().isEmpty()) {
        throw new InputFailure(
            Ingest.name(input.labels) + ": no labelled row to score (see above)");
      }
      if (read.labels().stream().allMatch(l -> l == FirmsReader.UNLABELLED)) {
        throw new InputFailure(
            Ingest.name(input.labels)
                + ": no labelled row to score ("
                + Ingest.count(read.labels().size(), "row")
                + " without a war_fire value)");
      }
      labels = read.labels();
      contextUsed = context(read.observations(), err);
    }
    List<Observation> classified = read.observations();
    if (!contextUsed.detections().isEmpty()) {
      classified = new java.util.ArrayList<>(read.observations());
      classified.addAll(contextUsed.detections());
    }
    ClassificationRun.Result result = prepared.classify(classified);
    Agreement all = Agreement.EMPTY;
    Map<YearMonth, Agreement> perMonth = new TreeMap<>();
    Map<String, Agreement> perBand = new java.util.LinkedHashMap<>();
    Map<String, Long> perRule = new TreeMap<>();
    Map<Integer, Long> perCell = new java.util.HashMap<>();
    String[] agreement = new String[read.observations().size()];
    for (String band : BANDS) {
      perBand.put(band, Agreement.EMPTY);
    }
    // the labelled rows come first; the context after them is classified, never scored
    List<ClassifiedDetection> ds = result.detections().subList(0, read.observations().size());
    long unlabelled = 0;
    for (int i = 0; i < ds.size(); i++) {
      Observation o = ds.get(i).observation();
      LocalDate d = o.utcDate();
      if ((from != null && d.isBefore(from)) || (to != null && d.isAfter(to))) {
        continue;
      }
      if (labels.get(i) == FirmsReader.UNLABELLED) {
        // a row without a label (NA, NaN or empty) was classified with the rest, and is not scored
        unlabelled++;
        continue;
      }
      boolean predicted = ds.get(i).score().warRelated();
      boolean actual = labels.get(i) == 1;
      agreement[i] = predicted ? (actual ? "tp" : "fp") : (actual ? "fn" : "tn");
      all = all.add(predicted, actual);
      perMonth.merge(
          YearMonth.from(d), Agreement.EMPTY.add(predicted, actual), EvaluateCommand::sum);
      perBand.merge(
          band(ds.get(i).placement().distanceToLineMetres()),
          Agreement.EMPTY.add(predicted, actual),
          EvaluateCommand::sum);
      if (predicted) {
        perRule.merge(ds.get(i).score().rule(), 1L, Long::sum);
        perCell.merge(ds.get(i).score().cellKey(), 1L, Long::sum);
      }
    }
    perBand.values().removeIf(a -> a.total() == 0);
    if (unlabelled > 0) {
      err.printf(
          Locale.ROOT,
          "note: %s of %s %s no war_fire value (empty, NA or NaN): classified with the rest, not"
              + " scored%n",
          Ingest.count(unlabelled, "row"),
          Ingest.name(input.labels),
          unlabelled == 1 ? "has" : "have");
    }
    if (all.total() == 0 && (from != null || to != null)) {
      // a mistyped period would otherwise give empty measures without a word (both inputs were
      // refused above when they held no detection)
      err.printf(
          Locale.ROOT,
          "warning: no row of %s is dated within --from/--to; its rows are of %s to %s%n",
          peacetime ? "the files" : Ingest.name(input.labels),
          firstDay(read.observations()),
          lastDay(read.observations()));
    }
    if (csv != null) {
      ClassifyCommand.write(
          ds,
          prepared.geo(),
          csv,
          peacetime ? List.of() : List.of("war_fire", "agreement"),
          i ->
              peacetime
                  ? List.of()
                  : List.of(
                      labels.get(i) == FirmsReader.UNLABELLED
                          ? ""
                          : Integer.toString(labels.get(i)),
                      agreement[i] == null ? "" : agreement[i]));
    }
    if (peacetime) {
      if (json) {
        out.println(peacetimeJson(all, perMonth, perBand, perRule, topCells(perCell)));
      } else {
        printPeacetime(out, all, perMonth, perBand, perRule, topCells(perCell));
      }
      return 0;
    }
    if (json) {
      out.println(toJson(all, perMonth, perBand, unlabelled));
    } else {
      out.printf(
          Locale.ROOT,
          "method %s, labels %s, control map %s, rows scored %d%s%n",
          MethodVersion.CURRENT,
          Ingest.name(input.labels),
          controlName,
          all.total(),
          unlabelled == 0 ? "" : " (and " + Ingest.count(unlabelled, "row") + " without a label)");
      if (!contextUsed.detections().isEmpty()) {
        out.printf(
            Locale.ROOT,
            "context: %s of %s to %s from %s, before the labelled file's first day;"
                + " classified with it, not scored%n",
            Ingest.count(contextUsed.detections().size(), "detection"),
            contextUsed.first(),
            contextUsed.last(),
            contextUsed.source());
      }
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
   * The context of a labelled file: the detections of {@code --context}, or by default of the
   * bundled development labels, dated before the file's first UTC day. The classifier's rules look
   * back (a cell recurs when its excess days lie 7 to 89 days apart, and a day follows a war day of
   * up to ten days before), so a file that begins where the development labels end would otherwise
   * start with no past. Only earlier days are taken, so no detection is counted twice.
   */
  private Context context(List<Observation> labelled, PrintWriter err) {
    if (noContext) {
      return Context.NONE;
    }
    LocalDate first = firstDay(labelled);
    List<Observation> candidates;
    String source;
    if (context == null) {
      candidates = Reference.bundledDevelopmentDetections();
      source = Reference.BUNDLED_DEVELOPMENT_LABELS + " (bundled)";
    } else {
      candidates = Ingest.read(context, err).observations();
      source = String.join(", ", context.stream().map(Ingest::name).toList());
    }
    List<Observation> earlier =
        candidates.stream().filter(o -> o.utcDate().isBefore(first)).toList();
    return earlier.isEmpty() ? Context.NONE : new Context(source, earlier);
  }

  /**
   * The classifier on the history without the given years; refused when a sensor class that the
   * detections need would keep no year.
   */
  private static WarActivityClassifier withoutYears(
      BackgroundHistory history, Set<Integer> leftOut, List<Observation> detections) {
    BackgroundHistory rest = history.without(leftOut);
    Set<SensorClass> needed = EnumSet.noneOf(SensorClass.class);
    detections.forEach(o -> needed.add(SensorClass.of(o.sensor().instrument())));
    for (SensorClass c : needed) {
      if (!history.years(c).isEmpty() && rest.years(c).isEmpty()) {
        throw new InputFailure(
            "leaving the years of the peacetime files ("
                + yearList(leftOut)
                + ") out of the background leaves no "
                + c
                + " year in it");
      }
    }
    return Reference.classifier(rest);
  }

  private static String yearList(Set<Integer> years) {
    return String.join(", ", years.stream().sorted().map(String::valueOf).toList());
  }

  private List<String> peacetimeNames() {
    return input.peacetime.stream().map(Ingest::name).toList();
  }

  private void printPeacetime(
      PrintWriter out,
      Agreement all,
      Map<YearMonth, Agreement> perMonth,
      Map<String, Agreement> perBand,
      Map<String, Long> perRule,
      List<Map.Entry<Integer, Long>> topCells) {
    out.printf(
        Locale.ROOT,
        "method %s, peacetime files %s, control map %s, rows scored %d%n",
        MethodVersion.CURRENT,
        String.join(", ", peacetimeNames()),
        controlName,
        all.total());
    out.printf(Locale.ROOT, "background without %s (the years of the files)%n", yearList(leftOut));
    out.println("period        rows  war-related   share");
    perMonth.forEach((ym, a) -> out.println(peacetimeLine(ym.toString(), a)));
    out.println(peacetimeLine("all", all));
    out.println();
    out.println("distance to the line of contact (on the control map of the detection's day)");
    out.println("band          rows  war-related   share");
    perBand.forEach((band, a) -> out.println(peacetimeLine(band, a)));
    out.println();
    out.println(
        "war-related by rule: "
            + listOrNone(
                perRule.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
    out.println(
        "cells with the most war-related detections: "
            + listOrNone(
                topCells.stream().map(e -> Cells.label(e.getKey()) + " " + e.getValue()).toList()));
  }

  private static String listOrNone(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }

  /** How many cells the peacetime output names, those with the most war-related detections. */
  static final int TOP_CELLS = 10;

  /** The cells with the most war-related detections, most first (ties by cell). */
  private static List<Map.Entry<Integer, Long>> topCells(Map<Integer, Long> perCell) {
    return perCell.entrySet().stream()
        .sorted(
            Map.Entry.<Integer, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_CELLS)
        .toList();
  }

  private static String peacetimeLine(String period, Agreement a) {
    return String.format(
        Locale.ROOT, "%-8s %9d %12d %7s", period, a.total(), a.fp(), ratio(share(a)));
  }

  /** The share of the rows called war-related. */
  private static double share(Agreement a) {
    return a.total() == 0 ? Double.NaN : (double) (a.tp() + a.fp()) / a.total();
  }

  private String peacetimeJson(
      Agreement all,
      Map<YearMonth, Agreement> perMonth,
      Map<String, Agreement> perBand,
      Map<String, Long> perRule,
      List<Map.Entry<Integer, Long>> topCells)
      throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.put("method_version", MethodVersion.CURRENT);
    ArrayNode files = root.putArray("peacetime");
    peacetimeNames().forEach(files::add);
    ArrayNode years = root.putArray("background_years_left_out");
    leftOut.forEach(years::add);
    measures(root, all, perMonth, perBand, EvaluateCommand::fillPeacetime);
    ObjectNode rules = root.putObject("war_related_by_rule");
    perRule.forEach(rules::put);
    ArrayNode cells = root.putArray("war_related_top_cells");
    topCells.forEach(
        e ->
            cells
                .addObject()
                .put("cell", Cells.label(e.getKey()))
                .put("war_related", e.getValue()));
    return JSON.writeValueAsString(root);
  }

  private static void fillPeacetime(ObjectNode n, Agreement a) {
    n.put("rows", a.total());
    n.put("war_related", a.fp());
    ratio(n, "war_related_share", share(a));
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
      Agreement all,
      Map<YearMonth, Agreement> perMonth,
      Map<String, Agreement> perBand,
      long unlabelled)
      throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.put("method_version", MethodVersion.CURRENT);
    root.put("labels", Ingest.name(input.labels));
    root.put("unlabelled", unlabelled);
    if (contextUsed.detections().isEmpty()) {
      root.putNull("context");
    } else {
      root.putObject("context")
          .put("source", contextUsed.source())
          .put("detections", contextUsed.detections().size())
          .put("first_day", contextUsed.first().toString())
          .put("last_day", contextUsed.last().toString());
    }
    measures(root, all, perMonth, perBand, EvaluateCommand::fill);
    return JSON.writeValueAsString(root);
  }

  /**
   * Adds the reference data, the period scored, and the measures overall, per month and per
   * distance band, each written by {@code fill}.
   */
  private void measures(
      ObjectNode root,
      Agreement all,
      Map<YearMonth, Agreement> perMonth,
      Map<String, Agreement> perBand,
      BiConsumer<ObjectNode, Agreement> fill) {
    root.put("control_map", controlName);
    root.put(
        "known_fire_areas",
        reference.knownFireAreas == null
            ? null
            : reference.knownFireAreas.getFileName().toString());
    root.put("from", from == null ? null : from.toString());
    root.put("to", to == null ? null : to.toString());
    fill.accept(root, all);
    ArrayNode months = root.putArray("months");
    perMonth.forEach(
        (ym, a) -> {
          ObjectNode n = months.addObject();
          n.put("month", ym.toString());
          fill.accept(n, a);
        });
    ArrayNode bands = root.putArray("distance_bands");
    perBand.forEach(
        (band, a) -> {
          ObjectNode n = bands.addObject();
          n.put("band", band);
          fill.accept(n, a);
        });
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
