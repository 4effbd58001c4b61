package org.trucewatch.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.trucewatch.observation.Watch;

/**
 * What the watch logs say of one report day: for each surveillance source with a logged period in
 * the day, when it watched (its watching periods less its offline ones), when it was offline and
 * why, and how many reports it sent. A source without a logged period in the day is not listed: its
 * silence says nothing.
 */
public final class SourceWatch {
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  private SourceWatch() {}

  /**
   * The watch logs of one source in one report day.
   *
   * @param source the source key, such as {@code camera:CAM-07}
   * @param watching local time ranges in which it watched, in order
   * @param minutesWatching the minutes of those ranges
   * @param offline local time ranges in which it was offline, in order, each with the operator's
   *     note after a blank when there is one
   * @param reports the source's surveillance reports of the day
   * @param rows the logged periods these rest on, as {@code file:line}, in the order of the log
   */
  public record Watched(
      String source,
      List<String> watching,
      long minutesWatching,
      List<String> offline,
      int reports,
      List<String> rows) {
    public Watched {
      watching = List.copyOf(watching);
      offline = List.copyOf(offline);
      rows = List.copyOf(rows);
    }

    /** The watch of a source without the rows it rests on (for tests of sums). */
    public Watched(
        String source,
        List<String> watching,
        long minutesWatching,
        List<String> offline,
        int reports) {
      this(source, watching, minutesWatching, offline, reports, List.of());
    }
  }

  /**
   * What the watch logs say of one source over the truce's report days.
   *
   * @param source the source key
   * @param days the truce's report days in which it logged a period
   * @param minutesWatching its minutes of watch over those days
   * @param offline its offline periods over those days (a period over two days counts in each)
   * @param reports its reports on those days
   */
  public record Total(String source, int days, long minutesWatching, int offline, int reports) {}

  /**
   * The sources' watch over the report days of the truce (phase {@link PeriodReport.Phase#TRUCE}),
   * by source key: the sum of the days' {@link Watched}.
   */
  public static List<Total> overTruce(List<PeriodReport.Day> days) {
    Map<String, long[]> sums = new TreeMap<>();
    for (PeriodReport.Day d : days) {
      if (d.phase() != PeriodReport.Phase.TRUCE) {
        continue;
      }
      for (Watched w : d.watched()) {
        long[] x = sums.computeIfAbsent(w.source(), k -> new long[4]);
        x[0]++;
        x[1] += w.minutesWatching();
        x[2] += w.offline().size();
        x[3] += w.reports();
      }
    }
    List<Total> out = new ArrayList<>();
    sums.forEach(
        (source, x) -> out.add(new Total(source, (int) x[0], x[1], (int) x[2], (int) x[3])));
    return out;
  }

  /**
   * The sources with a logged period in {@code [from, to)}, by source key.
   *
   * @param watches every logged period of the input
   * @param reports the day's reports per source key
   * @param zone the truce's time zone, in which ranges are printed
   */
  public static List<Watched> of(
      List<Watch> watches, Instant from, Instant to, Map<String, Integer> reports, ZoneId zone) {
    Map<String, List<Watch>> bySource = new TreeMap<>();
    for (Watch w : watches) {
      if (w.from().isBefore(to) && w.to().isAfter(from)) {
        bySource.computeIfAbsent(w.sourceKey(), k -> new ArrayList<>()).add(w);
      }
    }
    List<Watched> out = new ArrayList<>();
    bySource.forEach(
        (source, ws) -> {
          List<Instant[]> on = new ArrayList<>();
          List<Instant[]> off = new ArrayList<>();
          List<Watch> offRows = new ArrayList<>();
          for (Watch w : ws) {
            Instant[] clipped = {
              w.from().isBefore(from) ? from : w.from(), w.to().isAfter(to) ? to : w.to()
            };
            if (w.status() == Watch.Status.WATCHING) {
              on.add(clipped);
            } else {
              off.add(clipped);
              offRows.add(w);
            }
          }
          List<Instant[]> watched = minus(union(on), union(off));
          long minutes =
              watched.stream().mapToLong(p -> Duration.between(p[0], p[1]).toMinutes()).sum();
          offRows.sort(Comparator.comparing(Watch::from).thenComparing(Watch::to));
          List<String> offline = new ArrayList<>();
          for (Watch w : offRows) {
            String range =
                range(
                        w.from().isBefore(from) ? from : w.from(),
                        w.to().isAfter(to) ? to : w.to(),
                        zone)
                    + (w.note().isEmpty() ? "" : " " + w.note());
            if (!offline.contains(range)) {
              offline.add(range);
            }
          }
          out.add(
              new Watched(
                  source,
                  watched.stream().map(p -> range(p[0], p[1], zone)).toList(),
                  minutes,
                  offline,
                  reports.getOrDefault(source, 0),
                  ws.stream()
                      .map(w -> w.provenance().file() + ":" + w.provenance().line())
                      .toList()));
        });
    return out;
  }

  /** The periods merged where they overlap or touch, in order. */
  static List<Instant[]> union(List<Instant[]> periods) {
    List<Instant[]> sorted = new ArrayList<>(periods);
    sorted.sort(Comparator.comparing((Instant[] p) -> p[0]));
    List<Instant[]> out = new ArrayList<>();
    for (Instant[] p : sorted) {
      Instant[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && !p[0].isAfter(last[1])) {
        last[1] = p[1].isAfter(last[1]) ? p[1] : last[1];
      } else {
        out.add(new Instant[] {p[0], p[1]});
      }
    }
    return out;
  }

  /** {@code a} less {@code b}, both merged and in order. */
  static List<Instant[]> minus(List<Instant[]> a, List<Instant[]> b) {
    List<Instant[]> out = new ArrayList<>();
    for (Instant[] p : a) {
      Instant start = p[0];
      for (Instant[] q : b) {
        if (!q[1].isAfter(start) || !q[0].isBefore(p[1])) {
          continue;
        }
        if (q[0].isAfter(start)) {
          out.add(new Instant[] {start, q[0]});
        }
        start = q[1].isAfter(start) ? q[1] : start;
      }
      if (start.isBefore(p[1])) {
        out.add(new Instant[] {start, p[1]});
      }
    }
    return out;
  }

  private static String range(Instant a, Instant b, ZoneId zone) {
    return HM.format(a.atZone(zone)) + "-" + HM.format(b.atZone(zone));
  }
}
