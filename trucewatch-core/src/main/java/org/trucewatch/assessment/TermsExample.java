package org.trucewatch.assessment;

import java.time.Instant;

/**
 * A worked example in a terms file: one observation per source in, the verdict out, checked by
 * {@code verify-terms}.
 *
 * @param name a short description
 * @param line the line of the example in the terms file
 * @param latitude the detection's latitude
 * @param longitude the detection's longitude
 * @param time the acquisition time
 * @param sources the sources that saw it: sensor keys ({@code VIIRS/N20}) give a satellite
 *     detection each, report sources ({@code camera:CAM-07}) a surveillance report each
 * @param warRelated whether the classifier called it war-related
 * @param followsWarDay when war-related by the follow-up rule alone, the war day it follows (UTC);
 *     otherwise {@code null} (war-related by its own excess)
 * @param type the FIRMS type, or -1
 * @param clauseId the clause to assess it under
 * @param expect the expected verdict
 * @param event what the example's reports report, or {@code null} when it has none
 * @param uncertaintyMetres the stated location uncertainty of its reports
 */
public record TermsExample(
    String name,
    int line,
    double latitude,
    double longitude,
    Instant time,
    java.util.List<String> sources,
    boolean warRelated,
    java.time.LocalDate followsWarDay,
    int type,
    String clauseId,
    Verdict expect,
    org.trucewatch.observation.ReportedEvent event,
    double uncertaintyMetres) {

  /**
   * Whether a source names a surveillance source ({@code kind:id}, such as {@code camera:CAM-07})
   * rather than a satellite sensor.
   */
  public static boolean isReportSource(String source) {
    int colon = source.indexOf(':');
    return colon > 0
        && org.trucewatch.observation.SourceKind.ofKey(source.substring(0, colon)) != null
        && colon < source.length() - 1;
  }
}
