package org.trucewatch.assessment;

import org.trucewatch.incident.Incident;

/** One rule of the truce: what is forbidden where and when. Each kind is a small class. */
public interface Clause {
  /** The clause's id in the terms. */
  String id();

  /** The clause's type as written in the terms, for example {@code thermal-activity-in-zone}. */
  String type();

  /** What the clause forbids, in the terms' own words; empty when the terms give none. */
  String description();

  /** Assesses one incident; never throws for any incident. */
  Finding assess(Incident incident, TruceContext truce);
}
