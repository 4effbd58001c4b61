package org.trucewatch.assessment;

import java.time.Instant;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.scoring.ClassifiedDetection;

/**
 * One observation behind a finding, with the provenance that leads back to its input row: a
 * satellite detection or a surveillance report.
 *
 * @param file input file name
 * @param line 1-based line in the file
 * @param contentHash SHA-256 of the row
 * @param time acquisition time, or the time the report gives
 * @param latitude latitude
 * @param longitude longitude
 * @param sensor the sensor key of a detection ({@code VIIRS/N20}) or the source of a report ({@code
 *     camera:CAM-07})
 * @param warRelated the classification of a detection; false for a report, which is not classified
 * @param rule the classification rule that applied to a detection, or empty; for a report, the
 *     event it reports ({@code explosion})
 * @param kind a detection or a report
 */
public record Evidence(
    String file,
    long line,
    String contentHash,
    Instant time,
    double latitude,
    double longitude,
    String sensor,
    boolean warRelated,
    String rule,
    Kind kind) {

  /** What kind of observation the evidence is. */
  public enum Kind {
    /** A satellite thermal anomaly. */
    DETECTION,
    /** A surveillance report. */
    REPORT;

    /** The key used in outputs: {@code detection} or {@code report}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The evidence of a classified detection. */
  public static Evidence of(ClassifiedDetection d) {
    Observation o = d.observation();
    return new Evidence(
        o.provenance().file(),
        o.provenance().line(),
        o.provenance().contentHash(),
        o.time(),
        o.latitude(),
        o.longitude(),
        o.sensor().key(),
        d.score().warRelated(),
        d.score().rule(),
        Kind.DETECTION);
  }

  /** The evidence of a surveillance report. */
  public static Evidence of(PlacedReport pr) {
    SurveillanceReport r = pr.report();
    return new Evidence(
        r.provenance().file(),
        r.provenance().line(),
        r.provenance().contentHash(),
        r.time(),
        r.latitude(),
        r.longitude(),
        r.sourceKey(),
        false,
        r.event().key(),
        Kind.REPORT);
  }
}
