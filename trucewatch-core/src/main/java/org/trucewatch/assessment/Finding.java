package org.trucewatch.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.trucewatch.geo.Side;
import org.trucewatch.incident.Incident;

/**
 * The assessment of one incident under one clause: the verdict, the reasoning in neutral words
 * (facts first; an inference says that it is one), the evidence, and whose ground it happened on.
 *
 * @param id {@code incidentId/clauseId}, stable across re-runs
 * @param incidentId the incident
 * @param clauseId the clause
 * @param verdict the verdict
 * @param reasoning the reasoning, in sentences
 * @param evidence the detections behind it
 * @param side whose ground the incident's position is on
 * @param regionCode the oblast code, or empty
 * @param regionName the oblast name, or empty
 * @param sectorId the id of the terms' monitoring sector the incident's position is in, or empty
 *     outside every sector (and always without sectors)
 * @param sectorName that sector's name, or empty
 * @param zones the ids of the clause's zones the incident is in
 * @param first the incident's first acquisition time
 * @param latitude the incident's latitude
 * @param longitude the incident's longitude
 */
public record Finding(
    String id,
    String incidentId,
    String clauseId,
    Verdict verdict,
    String reasoning,
    List<Evidence> evidence,
    Side side,
    String regionCode,
    String regionName,
    String sectorId,
    String sectorName,
    List<String> zones,
    Instant first,
    double latitude,
    double longitude) {
  public Finding {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(sectorId, "sectorId");
    Objects.requireNonNull(sectorName, "sectorName");
    evidence = List.copyOf(evidence);
    zones = List.copyOf(zones);
  }

  /**
   * The finding of a clause on an incident: its id is {@code incidentId/clauseId}, and whose
   * ground, oblast, first time and position are the incident's; its sector is the one of the
   * incident's position ({@link TruceContext#sectorAt}).
   */
  public static Finding of(
      Incident incident,
      TruceContext truce,
      String clauseId,
      Verdict verdict,
      List<String> zones,
      String reasoning,
      List<Evidence> evidence) {
    Optional<Sector> sector = truce.sectorAt(incident.latitude(), incident.longitude());
    return new Finding(
        incident.id() + "/" + clauseId,
        incident.id(),
        clauseId,
        verdict,
        reasoning,
        evidence,
        incident.place().side(),
        incident.place().regionCode(),
        incident.place().regionName(),
        sector.map(Sector::id).orElse(""),
        sector.map(Sector::name).orElse(""),
        zones,
        incident.first(),
        incident.latitude(),
        incident.longitude());
  }

  /**
   * The most serious of an incident's findings (verdicts are declared from most to least serious),
   * or {@code null} for none.
   */
  public static Finding mostSerious(List<Finding> findings) {
    Finding w = null;
    for (Finding f : findings) {
      if (w == null || f.verdict().ordinal() < w.verdict().ordinal()) {
        w = f;
      }
    }
    return w;
  }
}
