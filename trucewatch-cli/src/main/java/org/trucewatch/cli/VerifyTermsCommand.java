package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trucewatch.assessment.ExampleCheck;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.geo.ControlMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify-terms}: checks a terms file and runs its worked examples. */
@Command(
    name = "verify-terms",
    mixinStandardHelpOptions = true,
    description =
        "Reads a truce terms file (reporting any mistake with its line and key) and checks that "
            + "each worked example gets its expected verdict. Exit code 1 when an example fails.")
final class VerifyTermsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "Truce terms YAML")
  Path terms;

  @Option(
      names = "--regions",
      paramLabel = "FILE",
      description = "Regions GeoJSON (default: bundled)")
  Path regions;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TruceContext truce = Truces.load(terms, Reference.regions(regions));
    out.println(lineOfContact(truce.terms()));
    List<ExampleCheck.Outcome> outcomes = ExampleCheck.run(truce);
    int failed = 0;
    for (ExampleCheck.Outcome o : outcomes) {
      boolean ok = o.passed();
      failed += ok ? 0 : 1;
      out.printf(
          Locale.ROOT,
          "%s line %d: %s: expected %s, got %s%n",
          ok ? "ok  " : "FAIL",
          o.example().line(),
          o.example().name(),
          o.example().expect().key(),
          o.finding().verdict().key());
      if (!ok) {
        out.println("      " + o.finding().reasoning());
      }
    }
    out.printf(
        Locale.ROOT,
        "%s: %d clauses, %d zones,%s %d examples, %d failed%n",
        terms.getFileName(),
        truce.terms().clauses().size(),
        truce.terms().zones().size(),
        truce.terms().sectors().isEmpty()
            ? ""
            : " " + Ingest.count(truce.terms().sectors().size(), "sector") + ",",
        outcomes.size(),
        failed);
    if (failed > 0) {
      throw new InputFailure(failed + " of " + outcomes.size() + " examples failed");
    }
    return 0;
  }

  /**
   * Which map gives the line of contact for the whole truce, and how far its date lies from the day
   * the truce takes effect: a map of another month or year, given by mistake, shows here.
   */
  static String lineOfContact(TruceTerms t) {
    ControlMap map = t.controlMap();
    String line = "line of contact: " + map.source();
    if (map.date() == null) {
      return line + " (undated)";
    }
    LocalDate start = t.start().atZone(t.timeZone()).toLocalDate();
    long days = ChronoUnit.DAYS.between(map.date(), start);
    String when =
        days == 0
            ? "the day"
            : Ingest.count(Math.abs(days), "day") + (days > 0 ? " before" : " after") + " the day";
    return line
        + ", the map of "
        + map.date()
        + ", "
        + when
        + " the truce takes effect ("
        + start
        + ")";
  }
}
