package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.trucewatch.assessment.ExampleCheck;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.geo.Region;
import org.trucewatch.incident.IncidentClusterer;
import org.trucewatch.incident.IncidentParams;
import org.trucewatch.reports.ReportHtml;
import org.trucewatch.reports.ReportInput;
import org.trucewatch.reports.ReportWriter;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.run.ReportBuilder;
import org.trucewatch.run.SourceWatch;
import org.trucewatch.run.TruceRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code assess}: judges FIRMS detections against truce terms and writes the report. */
@Command(
    name = "assess",
    mixinStandardHelpOptions = true,
    description =
        "Places, scores and groups FIRMS detections (and the surveillance reports of --reports)"
            + " into incidents, judges them against the truce terms and writes into --out:%n"
            + "  report.html, method.html (the terms and the method), report.pdf, report.json,"
            + " incidents.geojson, findings.csv, sources.csv,%n"
            + "  and a daily report of each report day in days/.%n"
            + "Detections beyond the area of interest (the box around Ukraine widened by one degree)"
            + " are counted, not assessed.")
final class AssessCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--terms", required = true, paramLabel = "FILE", description = "Truce terms YAML")
  Path terms;

  @Option(
      names = "--fires",
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description = "FIRMS CSV files (any variant, plain or gzip); - reads standard input")
  List<Path> fires;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder")
  Path out;

  @Option(
      names = "--reports",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Surveillance reports CSV (observers, drones, cameras, acoustic sensors) and their"
              + " sources' watch logs, told apart by their header (plain or gzip;"
              + " docs/formats.md)")
  List<Path> reports = List.of();

  @Option(
      names = "--regions",
      paramLabel = "FILE",
      description = "Regions GeoJSON (default: bundled)")
  Path regions;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Background history (default: bundled)")
  Path baseline;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PeriodReport report =
        run(terms, fires, reports, out, regions, baseline, spec.commandLine().getErr());
    stdout.println(summary(report, out));
    return 0;
  }

  /** Runs the whole assessment and writes the report; returns the report. */
  static PeriodReport run(
      Path terms, List<Path> fires, Path out, Path regions, Path baseline, PrintWriter err)
      throws java.io.IOException {
    return run(terms, fires, List.of(), out, regions, baseline, err);
  }

  /**
   * Runs the whole assessment with surveillance reports too and writes the report; returns the
   * report.
   */
  static PeriodReport run(
      Path terms,
      List<Path> fires,
      List<Path> reportFiles,
      Path out,
      Path regions,
      Path baseline,
      PrintWriter err)
      throws java.io.IOException {
    PathChecks.outputFolder(out);
    List<Region> places = Reference.regions(regions);
    TruceContext truce = Truces.load(terms, places);
    Optional<String> failing = ExampleCheck.failures(truce);
    if (failing.isPresent()) {
      throw new InputFailure(terms.getFileName() + ": " + failing.get());
    }
    Ingest.Read read = Ingest.read(fires, AreaOfInterest.of(places), err);
    read.requireAKeptRow();
    SurveillanceInput.Read surveillance = SurveillanceInput.read(reportFiles, err);
    TruceRun.Result result =
        TruceRun.run(
            read.observations(),
            surveillance.reports(),
            truce,
            Reference.classifier(baseline),
            new IncidentClusterer(IncidentParams.DEFAULTS));
    InputFile termsFile = InputFile.terms(terms.getFileName().toString(), Ingest.sha256(terms));
    PeriodReport report =
        ReportBuilder.build(
            result,
            truce,
            read.files(),
            surveillance.files(),
            surveillance.watches(),
            termsFile,
            MethodVersion.CURRENT);
    ReportWriter.write(new ReportInput(report, result.incidents(), result.findings(), truce), out);
    return report;
  }

  static String summary(PeriodReport r, Path out) {
    PeriodReport.Summary s = r.summary();
    PeriodReport.Counts t = s.truce();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s (method %s)%n", r.terms().name(), r.methodVersion()));
    sb.append(
        String.format(
            Locale.ROOT,
            "report days %s to %s; truce days %d, observed %d, not observed %d%n",
            s.firstDay(),
            s.lastDay(),
            s.truceDays(),
            s.truceDaysObserved(),
            s.truceDays() - s.truceDaysObserved()));
    sb.append(
        String.format(
            Locale.ROOT,
            "observed truce days: %s, %d war-related, %s, %d in the buffer%n",
            Ingest.count(t.detections(), "detection"),
            t.warRelated(),
            Ingest.count(t.incidents(), "incident"),
            t.inBuffer()));
    sb.append(
        String.format(
            Locale.ROOT,
            "findings: %d violation, %d probable violation, %d possible, %d background,"
                + " %d inconclusive, %d out of scope%n",
            t.findings().get(Verdict.VIOLATION.key()),
            t.findings().get(Verdict.PROBABLE_VIOLATION.key()),
            t.findings().get(Verdict.POSSIBLE.key()),
            t.findings().get(Verdict.BACKGROUND.key()),
            t.findings().get(Verdict.INCONCLUSIVE.key()),
            t.findings().get(Verdict.OUT_OF_SCOPE.key())));
    if (s.comparedDays() > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "first %s: %s (%d war-related); last %s before: %d (%d)%n",
              Ingest.count(s.comparedDays(), "wholly observed truce day"),
              Ingest.count(s.truceFirstN().detections(), "detection"),
              s.truceFirstN().warRelated(),
              Ingest.count(s.comparedDays(), "day"),
              s.beforeLastN().detections(),
              s.beforeLastN().warRelated()));
    }
    if (s.detectionsOutsidePeriod() > 0) {
      long inPeriod = r.days().stream().mapToLong(d -> d.counts().detections()).sum();
      sb.append(
          String.format(
              Locale.ROOT,
              "%s of the inputs %s outside the report days (more than the truce's length before"
                  + " or after it)%s%n",
              Ingest.count(s.detectionsOutsidePeriod(), "detection"),
              s.detectionsOutsidePeriod() == 1 ? "lies" : "lie",
              inPeriod == 0
                  ? "; none lies within them: are these the inputs for this truce?"
                  : ""));
    }
    if (s.detectionsOutsideArea() > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%s of the inputs %s beyond the area of interest and %s not assessed%n",
              Ingest.count(s.detectionsOutsideArea(), "detection"),
              s.detectionsOutsideArea() == 1 ? "lies" : "lie",
              s.detectionsOutsideArea() == 1 ? "was" : "were"));
    }
    List<SourceWatch.Total> watch = SourceWatch.overTruce(r.days());
    if (!watch.isEmpty()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "watch logs of the truce days: %s, %.1f hours of watch, %s%n",
              Ingest.count(watch.size(), "surveillance source"),
              watch.stream().mapToLong(SourceWatch.Total::minutesWatching).sum() / 60.0,
              Ingest.count(
                  watch.stream().mapToInt(SourceWatch.Total::offline).sum(), "offline period")));
    }
    sb.append("report written to ")
        .append(out.resolve("report.html"))
        .append(String.format(Locale.ROOT, "%n"))
        .append(Ingest.count(r.days().size(), "daily report"))
        .append(" in ")
        .append(out.resolve(ReportHtml.DAYS_FOLDER));
    return sb.toString();
  }
}
