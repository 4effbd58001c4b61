package org.trucewatch.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.trucewatch.geo.Placement;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.Confidence;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Releasability;
import org.trucewatch.observation.Sensor;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.scoring.Cells;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.Score;

/** Runs the worked examples of a terms file through their clauses. */
public final class ExampleCheck {
  private ExampleCheck() {}

  /** The outcome of one example. */
  public record Outcome(TermsExample example, Finding finding) {
    public boolean passed() {
      return finding.verdict() == example.expect();
    }
  }

  public static List<Outcome> run(TruceContext truce) {
    List<Outcome> out = new ArrayList<>();
    for (TermsExample e : truce.terms().examples()) {
      Clause clause =
          truce.terms().clauses().stream()
              .filter(c -> c.id().equals(e.clauseId()))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no clause " + e.clauseId()));
      out.add(new Outcome(e, clause.assess(incidentOf(e, truce), truce)));
    }
    return out;
  }

  /**
   * What is wrong when a worked example does not get its expected verdict, in one line, or empty
   * when every example passes. Findings made with such terms would contradict the terms' own
   * examples, so the commands that assess refuse them.
   */
  public static Optional<String> failures(TruceContext truce) {
    List<Outcome> outcomes = run(truce);
    List<String> failed = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (!o.passed()) {
        failed.add(
            "line "
                + o.example().line()
                + ": expected "
                + o.example().expect().key()
                + ", got "
                + o.finding().verdict().key());
      }
    }
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        failed.size()
            + " of "
            + outcomes.size()
            + " worked examples "
            + (failed.size() == 1 ? "does" : "do")
            + " not get the expected verdict ("
            + String.join("; ", failed)
            + "), so the findings would contradict the terms; trucewatch verify-terms shows why");
  }

  /**
   * One detection per satellite source and one report per report source, at the example's place and
   * time.
   */
  static Incident incidentOf(TermsExample e, TruceContext truce) {
    Placement place = truce.geo().place(e.latitude(), e.longitude());
    List<ClassifiedDetection> ds = new ArrayList<>();
    TreeSet<String> sources = new TreeSet<>();
    int line = 1;
    List<PlacedReport> reports = new ArrayList<>();
    for (String s : e.sources()) {
      if (TermsExample.isReportSource(s)) {
        int colon = s.indexOf(':');
        SurveillanceReport r =
            new SurveillanceReport(
                "example-" + e.line() + "-" + line,
                s.substring(colon + 1),
                SourceKind.ofKey(s.substring(0, colon)),
                "",
                e.time(),
                TimePrecision.MINUTE,
                e.latitude(),
                e.longitude(),
                e.uncertaintyMetres(),
                e.event(),
                1,
                "",
                Releasability.MISSION,
                new Provenance("example:" + e.line(), line++, ""));
        reports.add(new PlacedReport(r, place));
        sources.add(r.sourceKey());
        continue;
      }
      String[] parts = s.split("/", 2);
      Instrument inst;
      try {
        inst = Instrument.valueOf(parts[0]);
      } catch (IllegalArgumentException ex) {
        inst = Instrument.UNKNOWN;
      }
      Sensor sensor = new Sensor(inst, parts.length > 1 ? parts[1] : "");
      sources.add(sensor.key());
      Observation o =
          new Observation(
              e.latitude(),
              e.longitude(),
              e.time(),
              TimePrecision.MINUTE,
              sensor,
              Confidence.of(Confidence.Level.NOMINAL),
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              '?',
              e.type(),
              new Provenance("example:" + e.line(), line++, ""));
      boolean followUp = e.followsWarDay() != null;
      Score score =
          new Score(
              Cells.key(e.latitude(), e.longitude()),
              1,
              0,
              e.warRelated() ? 0 : 1,
              e.warRelated() && !followUp ? 1 : 0,
              e.warRelated(),
              e.warRelated(),
              followUp ? "follow-up" : e.warRelated() ? "excess" : "",
              e.followsWarDay());
      ds.add(new ClassifiedDetection(o, place, score));
    }
    return new Incident(
        "example-" + e.line(),
        ds,
        e.time(),
        e.time(),
        e.latitude(),
        e.longitude(),
        place,
        sources,
        reports);
  }
}
