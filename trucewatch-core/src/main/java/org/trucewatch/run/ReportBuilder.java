package org.trucewatch.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.assessment.Zone;
import org.trucewatch.assessment.ZoneKind;
import org.trucewatch.geo.Side;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.PlacedReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.Watch;
import org.trucewatch.scoring.ClassifiedDetection;

/**
 * Turns a run into the period report: report days cut at the terms' cutoff in the truce's time
 * zone, counts per day, side and oblast, coverage, day-on-day changes, and the comparison of the
 * first N wholly observed truce days with the last N wholly observed days before the truce.
 */
public final class ReportBuilder {
  /** Detections of one source further apart than this belong to different passes. */
  static final Duration PASS_GAP = Duration.ofMinutes(20);

  private static final DateTimeFormatter HM =
      DateTimeFormatter.ofPattern("HH:mm", java.util.Locale.ROOT);

  /** The verdicts of notable findings, in the order a report lists them. */
  private static final List<Verdict> NOTABLE =
      List.of(Verdict.VIOLATION, Verdict.PROBABLE_VIOLATION, Verdict.POSSIBLE);

  private ReportBuilder() {}

  public static PeriodReport build(
      TruceRun.Result run,
      TruceContext truce,
      List<InputFile> inputs,
      InputFile termsFile,
      String methodVersion) {
    return build(run, truce, inputs, List.of(), termsFile, methodVersion);
  }

  /**
   * The report of a run whose incidents hold surveillance reports too; {@code reportInputs} are
   * their files, listed with the inputs.
   */
  public static PeriodReport build(
      TruceRun.Result run,
      TruceContext truce,
      List<InputFile> inputs,
      List<InputFile> reportInputs,
      InputFile termsFile,
      String methodVersion) {
    return build(run, truce, inputs, reportInputs, List.of(), termsFile, methodVersion);
  }

  /**
   * The report of a run with surveillance reports and the watch logs of their sources; {@code
   * reportInputs} are the files of both, listed with the inputs.
   */
  public static PeriodReport build(
      TruceRun.Result run,
      TruceContext truce,
      List<InputFile> inputs,
      List<InputFile> reportInputs,
      List<Watch> watches,
      InputFile termsFile,
      String methodVersion) {
    TruceTerms t = truce.terms();
    String buffer =
        t.zones().stream()
            .filter(z -> z.kind() == ZoneKind.BUFFER)
            .map(Zone::id)
            .findFirst()
            .orElse(null);
    Map<LocalDate, List<ClassifiedDetection>> dets = new TreeMap<>();
    LocalDate truceFirst = t.reportDay(t.start());
    LocalDate truceLast = t.reportDay(t.end().minusNanos(1));
    // at most as many days before and after the truce as it lasts: earlier and later detections
    // inform the classification (persistence, follow-up) but are not reported day by day
    long span = ChronoUnit.DAYS.between(truceFirst, truceLast) + 1;
    LocalDate earliest = truceFirst.minusDays(span);
    LocalDate latest = truceLast.plusDays(span);
    LocalDate first = truceFirst;
    LocalDate last = truceLast;
    int outside = 0;
    for (ClassifiedDetection d : run.detections()) {
      LocalDate day = t.reportDay(d.observation().time());
      if (day.isBefore(earliest) || day.isAfter(latest)) {
        outside++;
        continue;
      }
      dets.computeIfAbsent(day, k -> new ArrayList<>()).add(d);
      first = day.isBefore(first) ? day : first;
      last = day.isAfter(last) ? day : last;
    }
    for (InputFile f : inputs) {
      if (f.firstDate() != null) {
        LocalDate day = t.reportDay(f.firstDate().atStartOfDay().toInstant(ZoneOffset.UTC));
        day = day.isBefore(earliest) ? earliest : day;
        first = day.isBefore(first) ? day : first;
      }
    }
    Map<LocalDate, List<Incident>> incs = new TreeMap<>();
    for (Incident i : run.incidents()) {
      incs.computeIfAbsent(t.reportDay(i.first()), k -> new ArrayList<>()).add(i);
    }
    // each surveillance report by the report day of its own time (an incident's first time may
    // fall in the day before)
    Map<LocalDate, List<PlacedReport>> reps = new TreeMap<>();
    for (Incident i : run.incidents()) {
      for (PlacedReport r : i.reports()) {
        reps.computeIfAbsent(t.reportDay(r.report().time()), k -> new ArrayList<>()).add(r);
      }
    }
    // each logged period under the report days it overlaps (a row logs at most 31 days)
    Map<LocalDate, List<Watch>> watchesByDay = new TreeMap<>();
    for (Watch w : watches) {
      LocalDate lastDay = t.reportDay(w.to().minusNanos(1));
      for (LocalDate day = t.reportDay(w.from()); !day.isAfter(lastDay); day = day.plusDays(1)) {
        watchesByDay.computeIfAbsent(day, k -> new ArrayList<>()).add(w);
      }
    }
    Map<LocalDate, List<Finding>> finds = new TreeMap<>();
    for (Finding f : run.findings()) {
      finds.computeIfAbsent(t.reportDay(f.first()), k -> new ArrayList<>()).add(f);
    }

    List<PeriodReport.Day> days = new ArrayList<>();
    PeriodReport.Day previous = null;
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      Instant from = t.reportDayStart(d);
      Instant to = t.reportDayEnd(d);
      List<ClassifiedDetection> ds = dets.getOrDefault(d, List.of());
      PeriodReport.Coverage cov = coverage(ds, inputs, from, to, t);
      PeriodReport.Counts counts =
          counts(
              ds, incs.getOrDefault(d, List.of()), finds.getOrDefault(d, List.of()), truce, buffer);
      PeriodReport.Phase phase =
          !to.isAfter(t.start())
              ? PeriodReport.Phase.BEFORE
              : from.isBefore(t.end()) ? PeriodReport.Phase.TRUCE : PeriodReport.Phase.AFTER;
      // only days that the inputs cover wholly are compared (tw-fire-6): a partly covered day's
      // counts are lower for the hours it misses, not for what happened
      PeriodReport.Change change = null;
      if (previous != null && whole(previous.coverage()) && whole(cov)) {
        PeriodReport.Counts p = previous.counts();
        change =
            new PeriodReport.Change(
                counts.detections() - p.detections(),
                counts.warRelated() - p.warRelated(),
                counts.incidents() - p.incidents(),
                violations(counts) - violations(p));
      }
      PeriodReport.Day day =
          new PeriodReport.Day(
              d,
              phase,
              from,
              to,
              cov,
              counts,
              change,
              reported(reps.getOrDefault(d, List.of()), truce),
              SourceWatch.of(
                  watchesByDay.getOrDefault(d, List.of()),
                  from,
                  to,
                  bySource(reps.getOrDefault(d, List.of())),
                  t.timeZone()));
      days.add(day);
      previous = day;
    }

    List<LocalDate> truceObserved = new ArrayList<>();
    List<LocalDate> beforeObserved = new ArrayList<>();
    List<LocalDate> truceWhole = new ArrayList<>();
    List<LocalDate> beforeWhole = new ArrayList<>();
    int truceDays = 0;
    for (PeriodReport.Day day : days) {
      boolean observed = !day.coverage().status().equals("not-observed");
      if (day.phase() == PeriodReport.Phase.TRUCE) {
        truceDays++;
        if (observed) {
          truceObserved.add(day.date());
        }
        if (whole(day.coverage())) {
          truceWhole.add(day.date());
        }
      } else if (day.phase() == PeriodReport.Phase.BEFORE) {
        if (observed) {
          beforeObserved.add(day.date());
        }
        if (whole(day.coverage())) {
          beforeWhole.add(day.date());
        }
      }
    }
    int n = Math.min(truceWhole.size(), beforeWhole.size());
    List<LocalDate> allDays = days.stream().map(PeriodReport.Day::date).toList();
    PeriodReport.Summary summary =
        new PeriodReport.Summary(
            first,
            last,
            truceDays,
            truceObserved.size(),
            beforeObserved.size(),
            n,
            countsOver(truceObserved, dets, incs, finds, truce, buffer),
            countsOver(truceWhole.subList(0, n), dets, incs, finds, truce, buffer),
            countsOver(
                beforeWhole.subList(beforeWhole.size() - n, beforeWhole.size()),
                dets,
                incs,
                finds,
                truce,
                buffer),
            countsOver(allDays, dets, incs, finds, truce, buffer),
            outside,
            inputs.stream().mapToLong(InputFile::outsideArea).sum());
    LocalDate from = first;
    LocalDate to = last;
    List<Finding> notable =
        run.findings().stream()
            .filter(f -> NOTABLE.contains(f.verdict()))
            .filter(
                f -> !t.reportDay(f.first()).isBefore(from) && !t.reportDay(f.first()).isAfter(to))
            .sorted(
                Comparator.comparingInt((Finding f) -> NOTABLE.indexOf(f.verdict()))
                    .thenComparing(Finding::first)
                    .thenComparing(Finding::id))
            .toList();
    return new PeriodReport(
        methodVersion, t, termsFile, inputs, days, summary, notable, List.copyOf(reportInputs));
  }

  /** A day's surveillance reports per event, in the order of {@link ReportedEvent}. */
  private static List<PeriodReport.Reported> reported(
      List<PlacedReport> reports, TruceContext truce) {
    List<PeriodReport.Reported> out = new ArrayList<>();
    for (ReportedEvent e : ReportedEvent.values()) {
      int n = 0;
      long counted = 0;
      long inZones = 0;
      TreeSet<String> sources = new TreeSet<>();
      for (PlacedReport pr : reports) {
        SurveillanceReport r = pr.report();
        if (r.event() != e) {
          continue;
        }
        n++;
        counted += r.count();
        sources.add(r.sourceKey());
        if (!truce.zonesAt(r.latitude(), r.longitude(), pr.placement()).isEmpty()) {
          inZones += r.count();
        }
      }
      if (n > 0) {
        out.add(new PeriodReport.Reported(e.key(), n, counted, List.copyOf(sources), inZones));
      }
    }
    return out;
  }

  /** The reports per source key. */
  private static Map<String, Integer> bySource(List<PlacedReport> reports) {
    Map<String, Integer> out = new TreeMap<>();
    for (PlacedReport pr : reports) {
      out.merge(pr.report().sourceKey(), 1, Integer::sum);
    }
    return out;
  }

  /** Whether the inputs cover a report day wholly. */
  private static boolean whole(PeriodReport.Coverage c) {
    return c.status().equals("observed");
  }

  static int violations(PeriodReport.Counts c) {
    return c.findings().get(Verdict.VIOLATION.key())
        + c.findings().get(Verdict.PROBABLE_VIOLATION.key());
  }

  private static PeriodReport.Counts countsOver(
      List<LocalDate> days,
      Map<LocalDate, List<ClassifiedDetection>> dets,
      Map<LocalDate, List<Incident>> incs,
      Map<LocalDate, List<Finding>> finds,
      TruceContext truce,
      String buffer) {
    List<ClassifiedDetection> ds = new ArrayList<>();
    List<Incident> is = new ArrayList<>();
    List<Finding> fs = new ArrayList<>();
    for (LocalDate d : days) {
      ds.addAll(dets.getOrDefault(d, List.of()));
      is.addAll(incs.getOrDefault(d, List.of()));
      fs.addAll(finds.getOrDefault(d, List.of()));
    }
    return counts(ds, is, fs, truce, buffer);
  }

  private static PeriodReport.Counts counts(
      List<ClassifiedDetection> ds,
      List<Incident> is,
      List<Finding> fs,
      TruceContext truce,
      String buffer) {
    Map<String, Integer> byVerdict = new LinkedHashMap<>();
    for (Verdict v : Verdict.values()) {
      byVerdict.put(v.key(), 0);
    }
    Map<String, int[]> side = new TreeMap<>();
    Map<String, int[]> oblast = new TreeMap<>();
    Map<String, String> oblastNames = new TreeMap<>();
    // by sector in the terms' order, "none" last
    boolean sectors = !truce.terms().sectors().isEmpty();
    Map<String, int[]> sector = new TreeMap<>(Comparator.comparingInt(k -> sectorOrder(truce, k)));
    int war = 0;
    int inBuffer = 0;
    for (ClassifiedDetection d : ds) {
      Observation o = d.observation();
      boolean b =
          buffer != null && truce.inZone(buffer, o.latitude(), o.longitude(), d.placement());
      int w = d.score().warRelated() ? 1 : 0;
      war += w;
      inBuffer += b ? 1 : 0;
      bump(side, d.placement().side().key(), 1, w, b ? 1 : 0, 0, 0);
      String code = d.placement().regionCode().isEmpty() ? "none" : d.placement().regionCode();
      oblastNames.put(
          code,
          d.placement().regionCode().isEmpty()
              ? "outside the oblasts"
              : d.placement().regionName());
      bump(oblast, code, 1, w, b ? 1 : 0, 0, 0);
      if (sectors) {
        bump(sector, sectorOf(truce, o.latitude(), o.longitude()), 1, w, b ? 1 : 0, 0, 0);
      }
    }
    for (Incident i : is) {
      bump(side, i.place().side().key(), 0, 0, 0, 1, 0);
      String code = i.place().regionCode().isEmpty() ? "none" : i.place().regionCode();
      oblastNames.putIfAbsent(
          code, i.place().regionCode().isEmpty() ? "outside the oblasts" : i.place().regionName());
      bump(oblast, code, 0, 0, 0, 1, 0);
      if (sectors) {
        bump(sector, sectorOf(truce, i.latitude(), i.longitude()), 0, 0, 0, 1, 0);
      }
    }
    for (Finding f : fs) {
      byVerdict.merge(f.verdict().key(), 1, Integer::sum);
      if (f.verdict() == Verdict.VIOLATION || f.verdict() == Verdict.PROBABLE_VIOLATION) {
        bump(side, f.side().key(), 0, 0, 0, 0, 1);
        String code = f.regionCode().isEmpty() ? "none" : f.regionCode();
        oblastNames.putIfAbsent(
            code, f.regionCode().isEmpty() ? "outside the oblasts" : f.regionName());
        bump(oblast, code, 0, 0, 0, 0, 1);
        if (sectors) {
          bump(sector, f.sectorId().isEmpty() ? NO_SECTOR : f.sectorId(), 0, 0, 0, 0, 1);
        }
      }
    }
    Map<String, PeriodReport.Part> bySide = new LinkedHashMap<>();
    for (Side s : Side.values()) {
      int[] c = side.getOrDefault(s.key(), new int[5]);
      bySide.put(s.key(), new PeriodReport.Part(truce.groundOf(s), c[0], c[1], c[2], c[3], c[4]));
    }
    Map<String, PeriodReport.Part> byOblast = new LinkedHashMap<>();
    oblast.forEach(
        (k, c) ->
            byOblast.put(
                k, new PeriodReport.Part(oblastNames.get(k), c[0], c[1], c[2], c[3], c[4])));
    Map<String, PeriodReport.Part> bySector = new LinkedHashMap<>();
    sector.forEach(
        (k, c) ->
            bySector.put(
                k,
                new PeriodReport.Part(
                    k.equals(NO_SECTOR)
                        ? "outside the sectors"
                        : truce.terms().sectors().get(sectorOrder(truce, k)).name(),
                    c[0],
                    c[1],
                    c[2],
                    c[3],
                    c[4])));
    return new PeriodReport.Counts(
        ds.size(), war, inBuffer, is.size(), byVerdict, bySide, byOblast, bySector);
  }

  /** The key of what lies in no sector. */
  private static final String NO_SECTOR = "none";

  private static String sectorOf(TruceContext truce, double latitude, double longitude) {
    return truce.sectorAt(latitude, longitude).map(Sector::id).orElse(NO_SECTOR);
  }

  /** A sector key's place in the terms' order; {@code none} after every sector. */
  private static int sectorOrder(TruceContext truce, String key) {
    List<Sector> all = truce.terms().sectors();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id().equals(key)) {
        return i;
      }
    }
    return all.size();
  }

  private static void bump(Map<String, int[]> m, String k, int d, int w, int b, int i, int v) {
    int[] c = m.computeIfAbsent(k, x -> new int[5]);
    c[0] += d;
    c[1] += w;
    c[2] += b;
    c[3] += i;
    c[4] += v;
  }

  private static PeriodReport.Coverage coverage(
      List<ClassifiedDetection> ds,
      List<InputFile> inputs,
      Instant from,
      Instant to,
      TruceTerms t) {
    TreeSet<String> sources = new TreeSet<>();
    long coveredSeconds = 0;
    List<Instant[]> covered = new ArrayList<>();
    for (InputFile f : inputs) {
      if (f.firstDate() == null) {
        continue;
      }
      Instant a = f.firstDate().atStartOfDay().toInstant(ZoneOffset.UTC);
      Instant b = f.lastDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      if (a.isBefore(to) && b.isAfter(from)) {
        sources.addAll(f.sources());
        covered.add(new Instant[] {a.isAfter(from) ? a : from, b.isBefore(to) ? b : to});
      }
    }
    covered.sort(Comparator.comparing(x -> x[0]));
    Instant reach = from;
    for (Instant[] c : covered) {
      Instant s = c[0].isAfter(reach) ? c[0] : reach;
      if (c[1].isAfter(s)) {
        coveredSeconds += Duration.between(s, c[1]).getSeconds();
        reach = c[1];
      }
    }
    long total = Duration.between(from, to).getSeconds();
    String status =
        coveredSeconds == 0 ? "not-observed" : coveredSeconds >= total ? "observed" : "partial";
    // passes: per source, detections less than PASS_GAP apart are one pass
    Map<String, List<Instant>> bySource = new TreeMap<>();
    for (ClassifiedDetection d : ds) {
      bySource
          .computeIfAbsent(d.observation().sensor().key(), k -> new ArrayList<>())
          .add(d.observation().time());
    }
    List<Instant[]> passes = new ArrayList<>();
    List<String> passLabels = new ArrayList<>();
    bySource.forEach(
        (src, times) -> {
          times.sort(null);
          Instant prev = null;
          for (Instant x : times) {
            if (prev == null || Duration.between(prev, x).compareTo(PASS_GAP) > 0) {
              passes.add(new Instant[] {x});
              passLabels.add(HM.format(x.atZone(t.timeZone())) + " " + src);
            }
            prev = x;
          }
        });
    passLabels.sort(null);
    List<String> gaps = new ArrayList<>();
    Instant gapStart = null;
    for (Instant slot = from; slot.isBefore(to); slot = slot.plus(Duration.ofHours(1))) {
      Instant slotEnd = slot.plus(Duration.ofHours(1));
      Instant s0 = slot;
      boolean seen = passes.stream().anyMatch(p -> !p[0].isBefore(s0) && p[0].isBefore(slotEnd));
      if (!seen && gapStart == null) {
        gapStart = slot;
      } else if (seen && gapStart != null) {
        gaps.add(range(gapStart, slot, t));
        gapStart = null;
      }
    }
    if (gapStart != null) {
      gaps.add(range(gapStart, to, t));
    }
    return new PeriodReport.Coverage(status, List.copyOf(sources), passLabels, gaps);
  }

  private static String range(Instant a, Instant b, TruceTerms t) {
    return HM.format(a.atZone(t.timeZone())) + "-" + HM.format(b.atZone(t.timeZone()));
  }
}
