package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.assessment.Evidence;
import org.trucewatch.assessment.ExampleCheck;
import org.trucewatch.assessment.Finding;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.geo.AreaOfInterest;
import org.trucewatch.geo.Region;
import org.trucewatch.geo.Side;
import org.trucewatch.incident.Incident;
import org.trucewatch.incident.SourceRecord;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.Watch;
import org.trucewatch.reports.IncidentsGeoJson;
import org.trucewatch.reports.IngestJson;
import org.trucewatch.reports.ReportHtml;
import org.trucewatch.reports.ReportInput;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.FirstStated;
import org.trucewatch.run.InputFile;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.run.ReportBuilder;
import org.trucewatch.run.Restatement;
import org.trucewatch.run.TruceRun;
import org.trucewatch.scoring.ClassifiedDetection;
import org.trucewatch.scoring.WarActivityClassifier;
import org.trucewatch.sources.firms.FirmsFiles;
import org.trucewatch.sources.firms.FirmsReader;
import org.trucewatch.sources.reports.SurveillanceReportReader;
import org.trucewatch.sources.reports.WatchLogReader;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.sources.terms.TermsFiles;
import org.trucewatch.sources.terms.TermsReader;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * The monitoring service behind the server: takes in FIRMS files, keeps the truce terms, and keeps
 * the stored assessment current. The assessment is the same code path as the command line ({@link
 * TruceRun}, {@link ReportBuilder}), re-run over every stored observation after each ingest of a
 * new file (which changes the report's inputs even when it adds no observation), and written to the
 * store in one transaction.
 */
public final class Monitor {
  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

  private final Store store;
  private final List<Region> regions;
  private final AreaOfInterest area;
  private final WarActivityClassifier classifier;
  private final ObjectMapper json = new ObjectMapper();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  // read without the lock by the HTTP threads while a re-assessment holds it
  private volatile TruceContext truce;
  private long termsId;

  public Monitor(Store store, List<Region> regions, WarActivityClassifier classifier) {
    this.store = store;
    this.regions = List.copyOf(regions);
    this.area = AreaOfInterest.of(regions);
    this.classifier = classifier;
  }

  public Store store() {
    return store;
  }

  public List<Region> regions() {
    return regions;
  }

  /** Where the mission looks: what an ingest stores, and what is asked of FIRMS. */
  public AreaOfInterest area() {
    return area;
  }

  /**
   * Told of each assessment that states the figures of report days anew ({@link #refresh}), once it
   * is stored. A listener must not block: the assessment waits for it.
   */
  public interface Listener {
    void stated(DaysStated stated);

    /** Told of an analyst's review once it is stored ({@link #review}); nothing by default. */
    default void reviewed(Rows.Review review) {}
  }

  /**
   * The report days whose figures an assessment stated anew, with every version of each (oldest
   * first; the last is the one just stated).
   *
   * @param stated when the assessment was made
   * @param methodVersion its method version
   * @param terms the name of the terms it applied
   * @param lastIngestId the newest ingest it included
   * @param days each day stated anew, with all its versions under these terms
   * @param firstStated of those days, the findings of violation and probable violation stated for
   *     the first time ({@link FirstStated}), by report day; a day without any is not a key
   * @param grounds each side's key to its ground in the terms' neutral words, such as {@code ground
   *     held by the Government of Ukraine}, for alerts that name whose ground a finding is on
   * @param withdrawn of those days, the Cancels the assessment issued (each withdraws the CAP
   *     message of a finding of violation or probable violation on whose evidence no such finding
   *     rests any more), by the report day of the withdrawn finding; a day without any is not a key
   * @param issued every CAP message the assessment issued, in that order (Alerts and Updates in the
   *     order of its findings, then the Cancels); an assessment that states no day anew may still
   *     issue some (the first after the store began to keep them, say), and then {@code days} is
   *     empty
   */
  public record DaysStated(
      Instant stated,
      String methodVersion,
      String terms,
      long lastIngestId,
      SortedMap<LocalDate, List<DayRevision>> days,
      SortedMap<LocalDate, List<Finding>> firstStated,
      Map<String, String> grounds,
      SortedMap<LocalDate, List<Rows.AlertMessage>> withdrawn,
      List<Rows.AlertMessage> issued) {
    public DaysStated {
      grounds = Map.copyOf(grounds);
      issued = List.copyOf(issued);
      days = Collections.unmodifiableSortedMap(new TreeMap<>(days));
      firstStated = onDaysStated(days, firstStated, "findings first stated");
      withdrawn = onDaysStated(days, withdrawn, "findings withdrawn");
    }

    /** Days stated anew without findings withdrawn. */
    public DaysStated(
        Instant stated,
        String methodVersion,
        String terms,
        long lastIngestId,
        SortedMap<LocalDate, List<DayRevision>> days,
        SortedMap<LocalDate, List<Finding>> firstStated,
        Map<String, String> grounds) {
      this(
          stated,
          methodVersion,
          terms,
          lastIngestId,
          days,
          firstStated,
          grounds,
          Collections.emptySortedMap(),
          List.of());
    }

    private static <T> SortedMap<LocalDate, List<T>> onDaysStated(
        SortedMap<LocalDate, List<DayRevision>> days,
        SortedMap<LocalDate, List<T>> byDay,
        String what) {
      TreeMap<LocalDate, List<T>> copy = new TreeMap<>();
      byDay.forEach((day, xs) -> copy.put(day, List.copyOf(xs)));
      if (!days.keySet().containsAll(copy.keySet())) {
        throw new IllegalArgumentException(what + " on days not stated anew: " + copy.keySet());
      }
      return Collections.unmodifiableSortedMap(copy);
    }

    /** How many findings of {@code verdict} the days' Cancels withdraw. */
    public int withdrawn(Verdict verdict) {
      return (int)
          withdrawn.values().stream()
              .flatMap(List::stream)
              .filter(m -> m.verdict().equals(verdict.key()))
              .count();
    }

    /** How many findings of {@code verdict} the days state for the first time. */
    public int firstStated(Verdict verdict) {
      return (int)
          firstStated.values().stream()
              .flatMap(List::stream)
              .filter(f -> f.verdict() == verdict)
              .count();
    }

    /** The days whose figures were stated for the first time (their only version). */
    public List<LocalDate> first() {
      return days.entrySet().stream()
          .filter(e -> e.getValue().size() == 1)
          .map(Map.Entry::getKey)
          .toList();
    }

    /** The days whose figures were revised (a version after the first). */
    public List<LocalDate> revised() {
      return days.entrySet().stream()
          .filter(e -> e.getValue().size() > 1)
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  /** Adds a listener for the assessments to come. */
  public void listen(Listener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  /** The listeners added. */
  public List<Listener> listeners() {
    return List.copyOf(listeners);
  }

  /**
   * Keeps an analyst's review of finding {@code findingId} as it stands or as it stood before a
   * re-assessment superseded it ({@link Store#review}); of a finding of violation or probable
   * violation, whose alerts went to the webhooks and e-mail, it is also a statement of the log they
   * follow ({@link Statement#reviewed}), kept in the same transaction. Empty when there is no such
   * finding.
   *
   * @throws IllegalArgumentException naming the field and the value when the status or note cannot
   *     be
   * @throws Store.SupersededFinding when the finding was superseded and none stands for it now
   */
  public Optional<Rows.ReviewKept> review(
      String findingId, String status, String note, String reviewer) {
    String terms =
        store.assessment().flatMap(a -> store.terms(a.termsId())).map(Rows.Terms::name).orElse("");
    Map<String, String> grounds = grounds();
    // the finding as the review's transaction reads it: where it lies, whose ground, its verdict
    Optional<Rows.ReviewKept> kept =
        store.review(
            findingId, status, note, reviewer, (r, f) -> Statement.reviewed(r, f, terms, grounds));
    kept.ifPresent(
        r -> {
          for (Listener l : listeners) {
            try {
              l.reviewed(r.review());
            } catch (RuntimeException e) {
              LOG.error("a listener of the reviews failed", e);
            }
          }
        });
    return kept;
  }

  /** Each side's key to its ground in the words of the terms in force (none before any). */
  private Map<String, String> grounds() {
    TruceContext t = truce;
    Map<String, String> grounds = new HashMap<>();
    if (t != null) {
      for (Side side : Side.values()) {
        grounds.put(side.key(), t.groundOf(side));
      }
    }
    return grounds;
  }

  /** The terms in force, or {@code null} before any were given. */
  public TruceContext truce() {
    return truce;
  }

  /**
   * Takes terms from a file, stores them with the files they name (control map, zone outlines) as
   * they are now, and re-assesses when they differ from the terms of the stored assessment.
   */
  public synchronized void useTerms(Path file) throws TermsException, IOException {
    String name = file.getFileName().toString();
    String yaml = Files.readString(file, StandardCharsets.UTF_8);
    TermsFiles.Keeping keeping =
        TermsFiles.keeping(TermsFiles.folder(file.toAbsolutePath().getParent()));
    TruceContext t = TermsReader.read(name, yaml, regions, keeping);
    List<Rows.TermsFile> named = new ArrayList<>();
    for (TermsFiles.Named n : keeping.kept().values()) {
      named.add(
          new Rows.TermsFile(n.name(), n.kind().name().toLowerCase(Locale.ROOT), n.content()));
    }
    Optional<String> failing = ExampleCheck.failures(t);
    if (failing.isPresent()) {
      throw new TermsException(name + ": " + failing.get());
    }
    termsId = store.putTerms(name, yaml, named);
    truce = t;
    refreshIfStale();
  }

  /**
   * Takes the terms in use (see {@link Store#currentTerms}), with the files stored with them, if
   * any; re-assesses when the stored assessment is older than the newest ingest or was made with
   * other terms. Returns whether terms were found.
   */
  public synchronized boolean useStoredTerms() throws TermsException {
    Optional<Rows.Terms> stored = store.currentTerms();
    if (stored.isEmpty()) {
      return false;
    }
    Rows.Terms t = stored.get();
    Map<String, byte[]> files = new HashMap<>();
    t.files().forEach(f -> files.put(f.name(), f.content()));
    truce =
        TermsReader.read(
            t.name(), t.yaml(), regions, TermsFiles.of(files, "not stored with the terms"));
    // terms stored before a change of method may now fail an example: say so, but keep serving
    ExampleCheck.failures(truce)
        .ifPresent(m -> LOG.warn("the stored terms {}: {}; serve --terms FILE", t.name(), m));
    termsId = t.id();
    refreshIfStale();
    return true;
  }

  /** What an ingest gave: the JSON report and whether the file was refused as a whole. */
  public record IngestResult(ObjectNode report, boolean refused) {}

  /**
   * Ingests one FIRMS file: reads it, stores its observations in one transaction, and re-assesses.
   * A file with rows of which none is usable (or empty, or of no known format) is refused and
   * nothing is stored; a header without rows is ingested with nothing to store; a file with some
   * bad rows keeps the good ones and lists the bad. Detections beyond the {@link AreaOfInterest} of
   * the regions (most of a FIRMS file of the whole world) are counted and not stored.
   */
  public IngestResult ingest(Path file, String name, String tokenName, Store.IngestListener l) {
    return ingest(file, name, tokenName, l, true);
  }

  /**
   * Ingests one file posted with an ingest token, and re-assesses. The token of a member state's
   * liaison ingests that member state's surveillance reports and watch logs only: a row that names
   * another provider, or none, is rejected and the others stored.
   */
  public IngestResult ingest(Path file, String name, Store.Token holder, Store.IngestListener l) {
    if (SurveillanceReportReader.hasReportsHeader(file)) {
      return ingestReports(file, name, holder.name(), holder.member(), true);
    }
    if (WatchLogReader.hasWatchHeader(file)) {
      return ingestWatches(file, name, holder.name(), holder.member(), true);
    }
    return ingest(file, name, holder.name(), l, true);
  }

  /**
   * Ingests one FIRMS file; re-assesses only when {@code reassess} (call {@link #refreshIfStale}
   * after a batch of files).
   */
  public IngestResult ingest(
      Path file, String name, String tokenName, Store.IngestListener l, boolean reassess) {
    if (SurveillanceReportReader.hasReportsHeader(file)) {
      return ingestReports(file, name, tokenName, null, reassess);
    }
    if (WatchLogReader.hasWatchHeader(file)) {
      return ingestWatches(file, name, tokenName, null, reassess);
    }
    return ingest(
        FirmsFiles.read(file, name, FirmsReader.latestDay(store.clock())),
        name,
        tokenName,
        l,
        reassess);
  }

  /**
   * Ingests a FIRMS file read from a stream (standard input, say), named {@code name}, as {@link
   * #ingest(Path, String, String, Store.IngestListener, boolean)} ingests a file; closes the
   * stream.
   */
  public IngestResult ingest(
      InputStream stream, String name, String tokenName, Store.IngestListener l, boolean reassess) {
    return ingest(
        FirmsFiles.read(stream, name, FirmsReader.latestDay(store.clock())),
        name,
        tokenName,
        l,
        reassess);
  }

  private IngestResult ingest(
      FirmsFiles.Read read,
      String name,
      String tokenName,
      Store.IngestListener l,
      boolean reassess) {
    FirmsReader.Result r = read.result();
    List<Observation> inside =
        r.observations().stream().filter(o -> area.contains(o.latitude(), o.longitude())).toList();
    long outside = r.observations().size() - inside.size();
    InputFile f = read.file().withOutsideArea(outside);
    ObjectNode report = IngestJson.head(name, f, r.report());
    JsonNode rejections = report.get("rejections");
    report.put("outside_area", outside);
    if (FirmsFiles.refused(r.report(), r.observations().isEmpty())) {
      return refusal(report);
    }
    Rows.IngestOutcome out =
        store.ingest(
            Rows.IngestRequest.of(f, r.report().format(), tokenName, rejections.toString()),
            inside,
            l);
    return stored(report, out, f.kept() - outside, reassess);
  }

  /**
   * Ingests a file of surveillance reports: reads it, stores its reports in one transaction and
   * re-assesses. Reports that give other content under the source and report id of a stored one
   * fail that transaction ({@link Store.ConflictingRows}); they are refused and the others stored.
   * A file whose every row is refused stores nothing.
   *
   * @param member the member state of the token, whose reports alone it may ingest, or null for the
   *     mission's staff
   */
  IngestResult ingestReports(
      Path file, String name, String tokenName, String member, boolean reassess) {
    byte[] content = readSmall(file);
    SurveillanceReportReader.Result r =
        SurveillanceReportReader.read(
            name,
            new ByteArrayInputStream(content),
            store.clock().instant().plus(Duration.ofDays(1)));
    List<Rejection> rejected = new ArrayList<>(r.report().rejections());
    List<SurveillanceReport> kept =
        ofMember(
            r.reports(),
            SurveillanceReport::memberState,
            x -> x.provenance().line(),
            member,
            name,
            tokenName,
            rejected);
    return storeRefusingConflicts(
        name,
        FirmsFiles.sha256(content),
        tokenName,
        reassess,
        kept,
        rejected,
        r::ingested,
        SurveillanceReport.class,
        store::ingestReports,
        (given, stored) -> SurveillanceReportReader.conflicting(given, stored, true, ""));
  }

  /**
   * Ingests a watch log, as {@link #ingestReports} ingests reports: a period that gives other
   * content under a stored one's source, bounds and status is refused and the others stored, and
   * the token of a member state's liaison logs that member state's sources only.
   */
  IngestResult ingestWatches(
      Path file, String name, String tokenName, String member, boolean reassess) {
    byte[] content = readSmall(file);
    WatchLogReader.Result r =
        WatchLogReader.read(
            name,
            new ByteArrayInputStream(content),
            store.clock().instant().plus(Duration.ofDays(1)));
    List<Rejection> rejected = new ArrayList<>(r.report().rejections());
    List<Watch> kept =
        ofMember(
            r.watches(),
            Watch::memberState,
            x -> x.provenance().line(),
            member,
            name,
            tokenName,
            rejected);
    return storeRefusingConflicts(
        name,
        FirmsFiles.sha256(content),
        tokenName,
        reassess,
        kept,
        rejected,
        r::ingested,
        Watch.class,
        store::ingestWatches,
        (given, stored) -> WatchLogReader.conflicting(given, stored, true, ""));
  }

  /** How a file of surveillance rows is described once {@code kept} of it is kept. */
  private interface Describe<T> {
    SurveillanceReportReader.Ingested of(
        String name, String sha256, List<T> kept, List<Rejection> rejected);
  }

  /**
   * Stores the kept rows of a file of a surveillance source and re-assesses: refused whole when no
   * row is left; rows that give other content under the identity of stored ones fail the store's
   * transaction ({@link Store.ConflictingRows}), so they are refused, as {@code conflicting}
   * describes them, and the others stored.
   */
  private <T> IngestResult storeRefusingConflicts(
      String name,
      String sha256,
      String tokenName,
      boolean reassess,
      List<T> kept,
      List<Rejection> rejected,
      Describe<T> describe,
      Class<T> type,
      BiFunction<Rows.IngestRequest, List<T>, Rows.IngestOutcome> write,
      BiFunction<T, T, Rejection> conflicting) {
    while (true) {
      SurveillanceReportReader.Ingested in = describe.of(name, sha256, kept, rejected);
      ObjectNode report = IngestJson.head(name, in.file(), in.report());
      if (FirmsFiles.refused(in.report(), kept.isEmpty())) {
        return refusal(report);
      }
      try {
        Rows.IngestOutcome out =
            write.apply(
                Rows.IngestRequest.of(
                    in.file(),
                    in.report().format(),
                    tokenName,
                    report.get("rejections").toString()),
                kept);
        return stored(report, out, in.file().kept(), reassess);
      } catch (Store.ConflictingRows e) {
        for (Store.Conflict<T> c : e.conflicts(type)) {
          rejected.add(conflicting.apply(c.given(), c.stored()));
          kept.remove(c.given());
        }
      }
    }
  }

  /**
   * A file of a surveillance source, read once for its rows and its hash (such files are small).
   */
  private static byte[] readSmall(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The rows a token may ingest: all for the mission's staff ({@code member} null); for a member
   * state's liaison, those its member state provides, the others rejected into {@code rejected}.
   */
  private static <T> List<T> ofMember(
      List<T> rows,
      Function<T, String> memberState,
      Function<T, Long> line,
      String member,
      String file,
      String tokenName,
      List<Rejection> rejected) {
    List<T> kept = new ArrayList<>();
    for (T x : rows) {
      String ms = memberState.apply(x);
      if (member == null || ms.equals(member)) {
        kept.add(x);
        continue;
      }
      rejected.add(
          new Rejection(
              file,
              line.apply(x),
              "member_state",
              "other-member_state",
              "member_state must be "
                  + member
                  + ", the member state of token "
                  + tokenName
                  + ", was "
                  + (ms.isEmpty() ? "empty" : ms),
              ""));
    }
    return kept;
  }

  private static IngestResult refusal(ObjectNode report) {
    report.put("status", "refused");
    report.put("stored", 0);
    return new IngestResult(report, true);
  }

  /** The ingest report of a stored file, and the days its assessment stated. */
  private IngestResult stored(
      ObjectNode report, Rows.IngestOutcome out, long keptInArea, boolean reassess) {
    report.put("status", out.alreadyIngested() ? "already-ingested" : "ingested");
    report.put("ingest_id", out.ingest().id());
    report.put("received", out.ingest().received().toString());
    report.put("stored", out.alreadyIngested() ? 0 : out.ingest().stored());
    report.put("duplicates", out.alreadyIngested() ? keptInArea : out.ingest().duplicates());
    // a new file changes the report even when it stores nothing new: its inputs list and the
    // days its passes cover
    if (reassess && !out.alreadyIngested()) {
      // which published days this file changed, for a client that tells the readers of them
      refresh()
          .ifPresent(
              stated -> {
                ArrayNode first = report.putArray("days_first_stated");
                stated.first().forEach(d -> first.add(d.toString()));
                ArrayNode revised = report.putArray("days_revised");
                stated.revised().forEach(d -> revised.add(d.toString()));
              });
    }
    return new IngestResult(report, false);
  }

  /**
   * Re-assesses when the stored assessment does not cover the newest ingest or the terms, was made
   * by another method version, holds no daily report or pages that other code rendered (an earlier
   * version's, {@link ReportHtml#GENERATOR}), states figures of days of which no version is kept,
   * or has findings of violation or probable violation without their alert message.
   */
  public synchronized void refreshIfStale() {
    if (truce == null) {
      return;
    }
    Optional<Rows.AssessmentInfo> a = store.assessment();
    boolean stale =
        a.isEmpty()
            || a.get().termsId() != termsId
            || a.get().lastIngestId() != store.lastIngestId()
            || !a.get().methodVersion().equals(MethodVersion.CURRENT)
            // made before the store kept daily reports (migration 7)
            || !store.hasDayPages()
            // pages rendered by other code: the same figures, in this version's pages
            || !store.assessmentTextContains(Store.Text.REPORT_HTML, ReportHtml.GENERATOR_META)
            // made before the store kept the versions of the days' figures (migration 8)
            || (!store.hasDayRevisions(termsId) && statesDayFigures())
            // made before the store kept the alert messages (migration 17)
            || store.hasFindingsWithoutAlertMessage();
    if (stale && store.lastIngestId() > 0) {
      refresh();
    }
  }

  /** Whether the stored assessment has a report day with data, whose figures it states. */
  private boolean statesDayFigures() {
    try {
      for (var d :
          json.readTree(store.assessmentText(Store.Text.REPORT_JSON).orElse("{}")).path("days")) {
        if (!d.at("/coverage/status").asText().equals("not-observed")) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the stored report.json cannot be read", e);
    }
  }

  /**
   * Runs the assessment over every stored observation and replaces the stored one; returns the days
   * whose figures it stated anew (for the first time, or other than before: a new version, {@link
   * DayRevision}), or nothing without terms (no assessment).
   */
  public synchronized Optional<DaysStated> refresh() {
    if (truce == null) {
      LOG.info("no truce terms yet: observations are stored, not assessed");
      return Optional.empty();
    }
    long t0 = System.nanoTime();
    long lastIngest = store.lastIngestId();
    // each detection once: a store made before row keys ignored the time format may hold one
    // twice, and migration 4 marked the later row
    List<Store.StoredObservation> stored = store.distinctObservations();
    List<Observation> obs = new ArrayList<>(stored.size());
    for (Store.StoredObservation s : stored) {
      obs.add(s.observation());
    }
    List<SurveillanceReport> reports = store.reports();
    List<Watch> watches = store.watches();
    List<InputFile> inputs = new ArrayList<>();
    List<InputFile> reportInputs = new ArrayList<>();
    for (Rows.Ingest i : store.ingests()) {
      String format = i.request().format();
      (SurveillanceReportReader.FORMAT.equals(format) || WatchLogReader.FORMAT.equals(format)
              ? reportInputs
              : inputs)
          .add(i.request().inputFile());
    }
    Rows.Terms terms = store.terms(termsId).orElseThrow();
    InputFile termsFile = InputFile.terms(terms.name(), terms.sha256());
    // each day's earlier versions, and this assessment's where it revises them
    Instant made = store.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    Map<LocalDate, List<DayRevision>> history = new HashMap<>(store.dayRevisions(termsId));
    Restatement stating =
        Restatement.of(
            new Restatement.Inputs(obs, reports, watches, inputs, reportInputs, termsFile),
            truce,
            classifier,
            history,
            made,
            lastIngest);
    TruceRun.Result result = stating.result();
    PeriodReport report = stating.report();
    Map<LocalDate, DayRevision> revised = stating.revised();
    revised.forEach(
        (day, r) -> {
          List<DayRevision> versions = new ArrayList<>(history.getOrDefault(day, List.of()));
          versions.add(r);
          history.put(day, versions);
        });
    ReportInput in = new ReportInput(report, result.incidents(), result.findings(), truce, history);
    // the serious findings of the assessment it replaces, under the same terms, tell the new ones;
    // what it states of the days is kept in the same transaction, for the webhooks and e-mail
    SortedMap<LocalDate, List<DayRevision>> versions = new TreeMap<>();
    revised.keySet().forEach(day -> versions.put(day, List.copyOf(history.get(day))));
    List<DaysStated> told = new ArrayList<>(1);
    store.replaceAssessment(
        rows(in, result, stored, lastIngest, made, revised),
        replaced -> {
          told.clear(); // a transaction tried again tells anew
          told.add(stated(made, terms.name(), lastIngest, versions, result, replaced));
          return Statement.of(told.get(0));
        });
    DaysStated s = told.get(0);
    if (!revised.isEmpty() || !s.issued().isEmpty()) {
      for (Listener l : listeners) {
        try {
          l.stated(s);
        } catch (RuntimeException e) {
          // what is stored stands; a listener that fails only fails to be told
          LOG.error("a listener of the assessment failed", e);
        }
      }
    }
    LOG.info(
        "assessed {} observations and {} reports: {} incidents, {} findings in {} ms",
        obs.size(),
        reports.size(),
        result.incidents().size(),
        result.findings().size(),
        (System.nanoTime() - t0) / 1_000_000);
    return Optional.of(s);
  }

  /**
   * What an assessment made at {@code made} stated: the days of {@code versions}, and of them the
   * findings first stated and withdrawn, as replacing the stored assessment told.
   */
  private DaysStated stated(
      Instant made,
      String termsName,
      long lastIngest,
      SortedMap<LocalDate, List<DayRevision>> versions,
      TruceRun.Result result,
      Rows.Replaced replaced) {
    SortedMap<LocalDate, List<Finding>> firstStated = new TreeMap<>();
    for (Finding f : FirstStated.of(result.findings(), replaced.seriousBefore())) {
      LocalDate day = truce.terms().reportDay(f.first());
      if (versions.containsKey(day)) {
        firstStated.computeIfAbsent(day, k -> new ArrayList<>()).add(f);
      }
    }
    // the Cancels this assessment issued, by the report day of the finding each withdraws
    SortedMap<LocalDate, List<Rows.AlertMessage>> withdrawn = new TreeMap<>();
    for (Rows.AlertMessage m : replaced.issued()) {
      LocalDate day = truce.terms().reportDay(m.first());
      if (m.type().equals("Cancel") && versions.containsKey(day)) {
        withdrawn.computeIfAbsent(day, k -> new ArrayList<>()).add(m);
      }
    }
    return new DaysStated(
        made,
        MethodVersion.CURRENT,
        termsName,
        lastIngest,
        versions,
        firstStated,
        grounds(),
        withdrawn,
        replaced.issued());
  }

  private Rows.Assessment rows(
      ReportInput in,
      TruceRun.Result result,
      List<Store.StoredObservation> stored,
      long last,
      Instant made,
      Map<LocalDate, DayRevision> revised) {
    TruceTerms terms = truce.terms();
    Map<String, List<Finding>> byIncident = new HashMap<>();
    for (Finding f : result.findings()) {
      byIncident.computeIfAbsent(f.incidentId(), k -> new ArrayList<>()).add(f);
    }
    Map<Observation, String> incidentOf = new IdentityHashMap<>();
    List<Rows.Incident> incidents = new ArrayList<>();
    for (Incident i : result.incidents()) {
      for (ClassifiedDetection d : i.detections()) {
        incidentOf.put(d.observation(), i.id());
      }
      Finding worst = Finding.mostSerious(byIncident.getOrDefault(i.id(), List.of()));
      Optional<Sector> sector = truce.sectorAt(i.latitude(), i.longitude());
      incidents.add(
          new Rows.Incident(
              i.id(),
              terms.reportDay(i.first()),
              i.first(),
              i.last(),
              IncidentsGeoJson.degrees(i.latitude()),
              IncidentsGeoJson.degrees(i.longitude()),
              i.detections().size(),
              i.reports().size(),
              String.join(",", i.sources()),
              i.corroborated(),
              i.warRelated(),
              i.place().side().key(),
              metres(i.place().distanceToLineMetres()),
              i.place().regionCode(),
              i.place().regionName(),
              sector.map(Sector::id).orElse(""),
              sector.map(Sector::name).orElse(""),
              worst == null ? null : worst.verdict().key()));
    }
    List<Rows.Placement> placements = new ArrayList<>(stored.size());
    List<ClassifiedDetection> ds = result.detections();
    for (int k = 0; k < ds.size(); k++) {
      ClassifiedDetection d = ds.get(k);
      Optional<Sector> sector =
          truce.sectorAt(d.observation().latitude(), d.observation().longitude());
      placements.add(
          new Rows.Placement(
              stored.get(k).id(),
              terms.reportDay(d.observation().time()),
              d.placement().side().key(),
              metres(d.placement().distanceToLineMetres()),
              d.placement().regionCode(),
              d.placement().regionName(),
              sector.map(Sector::id).orElse(""),
              sector.map(Sector::name).orElse(""),
              d.score().cellKey(),
              d.score().cellDayCount(),
              d.score().expected(),
              d.score().pValue(),
              d.score().warRelated(),
              d.score().rule(),
              incidentOf.get(d.observation())));
    }
    List<Rows.Finding> findings = new ArrayList<>();
    for (Finding f : result.findings()) {
      ArrayNode ev = json.createArrayNode();
      for (Evidence e : f.evidence()) {
        ObjectNode x = ev.addObject();
        x.put("file", e.file());
        x.put("line", e.line());
        x.put("sha256", e.contentHash());
        x.put("time", e.time().toString());
        x.put("latitude", e.latitude());
        x.put("longitude", e.longitude());
        x.put("sensor", e.sensor());
        x.put("war_related", e.warRelated());
        x.put("rule", e.rule());
        x.put("kind", e.kind().key());
      }
      findings.add(
          new Rows.Finding(
              f.id(),
              f.incidentId(),
              f.clauseId(),
              f.verdict().key(),
              terms.reportDay(f.first()),
              f.first(),
              IncidentsGeoJson.degrees(f.latitude()),
              IncidentsGeoJson.degrees(f.longitude()),
              f.side().key(),
              f.regionCode(),
              f.regionName(),
              f.sectorId(),
              f.sectorName(),
              String.join(",", f.zones()),
              f.reasoning(),
              ev.toString()));
    }
    return new Rows.Assessment(
        termsId,
        last,
        MethodVersion.CURRENT,
        made,
        ReportJson.render(in),
        ReportHtml.render(in),
        MapLayers.render(truce, in.report(), area, in.revisions(), result.detections()),
        ReportHtml.renderDays(in),
        revised,
        placements,
        incidents,
        findings,
        SourceRecord.of(result.incidents()));
  }

  private static Double metres(double d) {
    return Double.isNaN(d) ? null : (double) Math.round(d);
  }
}
