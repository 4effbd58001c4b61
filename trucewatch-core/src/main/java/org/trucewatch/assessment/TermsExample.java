package org.trucewatch.assessment;

import java.time.Instant;

/**
 * A worked example in a terms file: one detection in, the verdict out, checked by {@code
 * verify-terms}.
 *
 * @param name a short description
 * @param line the line of the example in the terms file
 * @param latitude the detection's latitude
 * @param longitude the detection's longitude
 * @param time the acquisition time
 * @param sources the sources that saw it (one or more sensor keys)
 * @param warRelated whether the classifier called it war-related
 * @param followsWarDay when war-related by the follow-up rule alone, the war day it follows (UTC);
 *     otherwise {@code null} (war-related by its own excess)
 * @param type the FIRMS type, or -1
 * @param clauseId the clause to assess it under
 * @param expect the expected verdict
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
    Verdict expect) {}
