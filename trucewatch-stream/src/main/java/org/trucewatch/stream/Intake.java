package org.trucewatch.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.Watch;
import org.trucewatch.reports.IngestJson;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.Restatement;
import org.trucewatch.sources.firms.FirmsFiles;
import org.trucewatch.sources.reports.SurveillanceReportReader;
import org.trucewatch.sources.reports.WatchLogReader;

/**
 * What the job has taken in: each file once, each detection once (an overlapping download gives
 * some again), each surveillance report once. It takes files as the server's ingest does, and says
 * of each what the server's ingest answers (docs/server.md, "Ingest"): stored, already ingested, or
 * refused whole, with every rejected row by file, line and field. Nothing here is Flink's, so that
 * it is tested on its own.
 */
public final class Intake {
  private final AreaOfInterest area;
  private final Set<String> files = new HashSet<>();
  private final Map<String, Observation> detections = new LinkedHashMap<>();
  private final Map<String, SurveillanceReport> reports = new LinkedHashMap<>();
  private final Map<String, Watch> watches = new LinkedHashMap<>();
  private final List<InputFile> firmsFiles = new ArrayList<>();
  private final List<InputFile> reportFiles = new ArrayList<>();

  /** What became of one file: its ingest report, and whether anything of it was taken in. */
  public record Taken(ObjectNode report, boolean stored) {}

  /**
   * @param area detections beyond it (most of a FIRMS file of the whole world) are counted, not
   *     kept
   */
  public Intake(AreaOfInterest area) {
    this.area = area;
  }

  /**
   * Takes one file: FIRMS detections (any variant), surveillance reports or a watch log, told apart
   * by the header. A file given before (the same bytes) changes nothing.
   *
   * @param now rows dated after the day after it are rejected
   */
  public Taken take(String name, byte[] content, Instant now) {
    if (SurveillanceReportReader.hasReportsHeader(name, new ByteArrayInputStream(content))) {
      return takeReports(name, content, now);
    }
    if (WatchLogReader.hasWatchHeader(name, new ByteArrayInputStream(content))) {
      return takeWatches(name, content, now);
    }
    LocalDate latest = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
    FirmsFiles.Read read = FirmsFiles.read(new ByteArrayInputStream(content), name, latest);
    List<Observation> inside = new ArrayList<>();
    for (Observation o : read.result().observations()) {
      if (area.contains(o.latitude(), o.longitude())) {
        inside.add(o);
      }
    }
    long outside = read.result().observations().size() - inside.size();
    InputFile f = read.file().withOutsideArea(outside);
    ObjectNode report = IngestJson.head(name, f, read.result().report());
    report.put("outside_area", outside);
    if (FirmsFiles.refused(read.result().report(), read.result().observations().isEmpty())) {
      return refused(report);
    }
    if (!files.add(f.sha256())) {
      return already(report, inside.size());
    }
    firmsFiles.add(f);
    int stored = 0;
    for (Observation o : inside) {
      if (detections.putIfAbsent(o.identity(), o) == null) {
        stored++;
      }
    }
    return taken(report, stored, inside.size() - stored);
  }

  private Taken takeReports(String name, byte[] content, Instant now) {
    SurveillanceReportReader.Result r =
        SurveillanceReportReader.read(
            name, new ByteArrayInputStream(content), now.plus(java.time.Duration.ofDays(1)));
    List<Rejection> rejected = new ArrayList<>(r.report().rejections());
    List<SurveillanceReport> kept = new ArrayList<>();
    for (SurveillanceReport x : r.reports()) {
      SurveillanceReport earlier = reports.get(x.identity());
      if (earlier != null && !earlier.sameContent(x)) {
        // other content under the ids of a report taken in before: a correction needs its own id
        rejected.add(SurveillanceReportReader.conflicting(x, earlier, true, ""));
      } else {
        kept.add(x);
      }
    }
    String sha256 = FirmsFiles.sha256(content);
    SurveillanceReportReader.Ingested in = r.ingested(name, sha256, kept, rejected);
    IngestReport ir = in.report();
    InputFile f = in.file();
    ObjectNode report = IngestJson.head(name, f, ir);
    if (FirmsFiles.refused(ir, kept.isEmpty())) {
      return refused(report);
    }
    if (!files.add(sha256)) {
      return already(report, f.kept());
    }
    reportFiles.add(f);
    int stored = 0;
    int released = 0;
    for (SurveillanceReport x : kept) {
      SurveillanceReport earlier = reports.put(x.identity(), x);
      if (earlier == null) {
        stored++;
      } else if (!earlier.releasableTo().equals(x.releasableTo())) {
        // the same report with another release: released anew, as the store does
        released++;
      } else {
        // the same report given again: the first keeps its provenance
        reports.put(x.identity(), earlier);
      }
    }
    report.put("released_anew", released);
    return taken(report, stored + released, f.kept() - stored - released);
  }

  private Taken takeWatches(String name, byte[] content, Instant now) {
    WatchLogReader.Result r =
        WatchLogReader.read(
            name, new ByteArrayInputStream(content), now.plus(java.time.Duration.ofDays(1)));
    List<Rejection> rejected = new ArrayList<>(r.report().rejections());
    List<Watch> kept = new ArrayList<>();
    for (Watch x : r.watches()) {
      Watch earlier = watches.get(x.identity());
      if (earlier != null && !earlier.sameContent(x)) {
        rejected.add(WatchLogReader.conflicting(x, earlier, true, ""));
      } else {
        kept.add(x);
      }
    }
    String sha256 = FirmsFiles.sha256(content);
    SurveillanceReportReader.Ingested in = r.ingested(name, sha256, kept, rejected);
    ObjectNode report = IngestJson.head(name, in.file(), in.report());
    if (FirmsFiles.refused(in.report(), kept.isEmpty())) {
      return refused(report);
    }
    if (!files.add(sha256)) {
      return already(report, in.file().kept());
    }
    reportFiles.add(in.file());
    int stored = 0;
    for (Watch x : kept) {
      if (watches.putIfAbsent(x.identity(), x) == null) {
        stored++;
      }
    }
    return taken(report, stored, in.file().kept() - stored);
  }

  private static Taken refused(ObjectNode report) {
    report.put("status", "refused");
    report.put("stored", 0);
    return new Taken(report, false);
  }

  private static Taken already(ObjectNode report, long duplicates) {
    report.put("status", "already-ingested");
    report.put("stored", 0);
    report.put("duplicates", duplicates);
    return new Taken(report, false);
  }

  private Taken taken(ObjectNode report, long stored, long duplicates) {
    report.put("status", "ingested");
    report.put("ingest_id", filesTaken());
    report.put("stored", stored);
    report.put("duplicates", duplicates);
    return new Taken(report, true);
  }

  /** How many files were taken in: the number each file's ingest report gives as its id. */
  public long filesTaken() {
    return firmsFiles.size() + reportFiles.size();
  }

  /** Everything taken in, as the whole path takes it. */
  public Restatement.Inputs inputs(InputFile terms) {
    return new Restatement.Inputs(
        List.copyOf(detections.values()),
        List.copyOf(reports.values()),
        List.copyOf(watches.values()),
        List.copyOf(firmsFiles),
        List.copyOf(reportFiles),
        terms);
  }
}
