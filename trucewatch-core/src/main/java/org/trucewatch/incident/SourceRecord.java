package org.trucewatch.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one source's observations came to in a set of incidents: how many it gave, and how many of
 * them lie in an incident that another independent source also saw (a corroborated incident). It is
 * the source's record, for analysts who weigh its next report, not a grade: a source is often alone
 * because no other was there to see (a satellite sees a place only when it passes over, and not
 * through cloud), and sharing an incident says that two sources saw something there and then, not
 * that they saw the same thing (the clauses decide which sources corroborate which activity).
 *
 * @param source the source key: a sensor ({@code VIIRS/N20}) or a report source ({@code
 *     camera:CAM-07})
 * @param observations its detections or reports in the incidents
 * @param corroborated how many of those lie in a corroborated incident
 * @param first the time of its earliest observation among them
 * @param last the time of its latest
 */
public record SourceRecord(
    String source, int observations, int corroborated, Instant first, Instant last) {
  public SourceRecord {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (observations < 1 || corroborated < 0 || corroborated > observations) {
      throw new IllegalArgumentException(
          "a source's record needs 0 <= corroborated <= observations and one observation, was "
              + corroborated
              + " of "
              + observations);
    }
  }

  /** Each source's record over {@code incidents}, in the order of the source keys. */
  public static List<SourceRecord> of(List<Incident> incidents) {
    Map<String, SourceRecord> bySource = new TreeMap<>();
    for (Incident i : incidents) {
      int shared = i.corroborated() ? 1 : 0;
      i.detections()
          .forEach(
              d -> add(bySource, d.observation().sensor().key(), shared, d.observation().time()));
      i.reports().forEach(r -> add(bySource, r.report().sourceKey(), shared, r.report().time()));
    }
    return new ArrayList<>(bySource.values());
  }

  private static void add(Map<String, SourceRecord> bySource, String key, int shared, Instant t) {
    bySource.merge(
        key,
        new SourceRecord(key, 1, shared, t, t),
        (a, b) ->
            new SourceRecord(
                key,
                a.observations + 1,
                a.corroborated + shared,
                a.first.isBefore(t) ? a.first : t,
                a.last.isAfter(t) ? a.last : t));
  }
}
