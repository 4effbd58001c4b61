package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Geometry;
import org.trucewatch.assessment.ExampleCheck;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.geo.ControlMap;
import org.trucewatch.geo.Distances;
import org.trucewatch.geo.Region;
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
    sectors(truce).forEach(out::println);
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
   * A line for each monitoring sector: its area, the oblasts it reaches, and the sectors before it
   * that it overlaps (where the first in the list wins), so that a mistyped outline shows before
   * the reports count by it.
   */
  static List<String> sectors(TruceContext truce) {
    List<Sector> all = truce.terms().sectors();
    List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Sector s = all.get(i);
      List<String> oblasts = new java.util.ArrayList<>();
      for (Region r : truce.geo().regions()) {
        if (r.geometry().intersects(s.area())) {
          oblasts.add(r.name());
        }
      }
      StringBuilder line =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "sector %s (%s): about %,d km², in %s",
                  s.id(),
                  s.name(),
                  Math.round(squareKm(s.area())),
                  oblasts.isEmpty() ? "no oblast" : String.join(", ", oblasts)));
      for (Sector before : all.subList(0, i)) {
        Geometry both = before.area().intersection(s.area());
        if (both.getArea() > 0) {
          line.append(
              String.format(
                  Locale.ROOT,
                  "; overlaps sector %s over about %,d km², where %s comes first",
                  before.id(),
                  Math.round(squareKm(both)),
                  before.id()));
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The area of a longitude/latitude polygon in square kilometres, on a local equal-area plane
   * (longitude scaled by the cosine of the mean latitude): within a few per cent for a sector.
   */
  static double squareKm(Geometry lonLat) {
    double lat0 = Math.toRadians(lonLat.getEnvelopeInternal().centre().y);
    double kmPerDegree = Distances.EARTH_RADIUS_M * Math.PI / 180 / 1000;
    return lonLat.getArea() * Math.cos(lat0) * kmPerDegree * kmPerDegree;
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
