package org.trucewatch.assessment;

import java.util.ArrayList;
import java.util.List;
import org.trucewatch.incident.Incident;

/** Assesses every incident under every clause of the terms. */
public final class Assessor {
  private Assessor() {}

  /** One finding per incident and clause, in incident order, then clause order. */
  public static List<Finding> assess(List<Incident> incidents, TruceContext truce) {
    List<Finding> out = new ArrayList<>();
    for (Incident i : incidents) {
      for (Clause c : truce.terms().clauses()) {
        out.add(c.assess(i, truce));
      }
    }
    return out;
  }
}
