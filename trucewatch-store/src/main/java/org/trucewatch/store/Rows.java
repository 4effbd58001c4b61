package org.trucewatch.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trucewatch.incident.SourceRecord;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.InputFile;

/** The rows the store writes and reads, as plain records. */
public final class Rows {
  private Rows() {}

  /**
   * An ingest as it is asked for: the file and what reading it gave.
   *
   * @param fileName the file name as given
   * @param sha256 the SHA-256 of the file's bytes
   * @param tokenName who ingested it: the token's name, or {@code local} for the command line
   * @param format the FIRMS variant detected
   * @param rowsRead data rows read
   * @param kept rows that became observations
   * @param rejected rows rejected
   * @param outsideArea kept rows beyond the area of interest, counted and not stored
   * @param sources sensor keys seen
   * @param firstDay the first UTC day the file covers, or null
   * @param lastDay the last UTC day the file covers, or null
   * @param rejections the rejections as JSON (by reason, and the first ones in full)
   */
  public record IngestRequest(
      String fileName,
      String sha256,
      String tokenName,
      String format,
      long rowsRead,
      long kept,
      long rejected,
      long outsideArea,
      List<String> sources,
      LocalDate firstDay,
      LocalDate lastDay,
      String rejections) {
    /** The request for a file as described for outputs, read in {@code format}. */
    public static IngestRequest of(
        InputFile f, String format, String tokenName, String rejections) {
      return new IngestRequest(
          f.name(),
          f.sha256(),
          tokenName,
          format,
          f.rowsRead(),
          f.kept(),
          f.rejected(),
          f.outsideArea(),
          f.sources(),
          f.firstDate(),
          f.lastDate(),
          rejections);
    }

    /** The file as described for outputs. */
    public InputFile inputFile() {
      return new InputFile(
          fileName, sha256, rowsRead, kept, rejected, outsideArea, sources, firstDay, lastDay);
    }
  }

  /**
   * An ingest as stored.
   *
   * @param id the ingest's id
   * @param request what was asked
   * @param received when it was stored
   * @param stored observations newly stored
   * @param duplicates kept rows already in the store (from another file, or repeated in this one)
   */
  public record Ingest(
      long id, IngestRequest request, Instant received, long stored, long duplicates) {}

  /**
   * What an ingest did.
   *
   * @param ingest the ingest (an earlier one when the same file was ingested before)
   * @param alreadyIngested whether the same file (same SHA-256) had been ingested before, so that
   *     nothing was written
   */
  public record IngestOutcome(Ingest ingest, boolean alreadyIngested) {}

  /**
   * A file that terms name, as it was when they were given.
   *
   * @param name the name as written in the terms (a path relative to the terms file)
   * @param kind {@code control_map} or {@code zone}
   * @param content the bytes (GeoJSON, possibly gzip)
   */
  public record TermsFile(String name, String kind, byte[] content) {}

  /**
   * Terms as stored, with the files they name.
   *
   * @param id the terms' id
   * @param name the terms file name
   * @param sha256 the SHA-256 of the YAML text
   * @param yaml the YAML text
   * @param files the control map and zone files the terms name
   */
  public record Terms(long id, String name, String sha256, String yaml, List<TermsFile> files) {}

  /** One detection's placement and score in the current assessment. */
  public record Placement(
      long observationId,
      LocalDate reportDay,
      String side,
      Double distanceMetres,
      String oblastCode,
      String oblast,
      String sectorId,
      String sector,
      int cell,
      int cellDayCount,
      double expected,
      double pValue,
      boolean warRelated,
      String rule,
      String incidentId) {}

  /** One incident of the current assessment. */
  public record Incident(
      String id,
      LocalDate reportDay,
      Instant first,
      Instant last,
      double latitude,
      double longitude,
      int detections,
      int reports,
      String sources,
      boolean corroborated,
      boolean warRelated,
      String side,
      Double distanceMetres,
      String oblastCode,
      String oblast,
      String sectorId,
      String sector,
      String verdict) {}

  /** One finding of the current assessment; evidence as JSON. */
  public record Finding(
      String id,
      String incidentId,
      String clauseId,
      String verdict,
      LocalDate reportDay,
      Instant first,
      double latitude,
      double longitude,
      String side,
      String oblastCode,
      String oblast,
      String sectorId,
      String sector,
      String zones,
      String reasoning,
      String evidence) {}

  /**
   * A whole assessment, written at once.
   *
   * @param termsId the terms it judged against
   * @param lastIngestId the newest ingest it includes
   * @param methodVersion the method version
   * @param made when it was made
   * @param reportJson report.json
   * @param reportHtml report.html
   * @param mapLayers the map's fixed layers as JSON (oblasts, line of contact, zones)
   * @param dayPages the daily report of each report day (XHTML)
   * @param revisions the report days whose figures this assessment revises (or states first), with
   *     their new version; added to the terms' earlier ones ({@link Store#dayRevisions})
   * @param placements each detection's placement and score
   * @param incidents the incidents
   * @param findings the findings
   * @param sourceRecords each source's record in the incidents ({@link Store#sources})
   */
  public record Assessment(
      long termsId,
      long lastIngestId,
      String methodVersion,
      Instant made,
      String reportJson,
      String reportHtml,
      String mapLayers,
      Map<LocalDate, String> dayPages,
      Map<LocalDate, DayRevision> revisions,
      List<Placement> placements,
      List<Incident> incidents,
      List<Finding> findings,
      List<SourceRecord> sourceRecords) {
    public Assessment {
      dayPages = Map.copyOf(dayPages);
      revisions = Map.copyOf(revisions);
      sourceRecords = List.copyOf(sourceRecords);
    }
  }

  /**
   * One alert message of the log: what it stated when it was issued (for a Cancel, what the message
   * it withdraws stated), never changed.
   *
   * @param identifier unique among all messages
   * @param sent when the assessment that issued it was made
   * @param type {@code Alert}, {@code Update} or {@code Cancel}, as CAP names them
   * @param findingId the finding it stated or withdraws
   * @param methodVersion the method version of the assessment that issued it
   * @param evidence the SHA-256 of each evidence row of that finding
   * @param digest everything the finding stated, as one hash
   * @param references the messages it replaces or withdraws
   */
  public record AlertMessage(
      String identifier,
      Instant sent,
      String type,
      String findingId,
      String methodVersion,
      String verdict,
      String clauseId,
      LocalDate reportDay,
      Instant first,
      double latitude,
      double longitude,
      String side,
      String oblastCode,
      String oblast,
      String sectorId,
      String sector,
      String digest,
      Set<String> evidence,
      List<Reference> references) {
    public AlertMessage {
      evidence = Set.copyOf(evidence);
      references = List.copyOf(references);
    }

    /** An earlier message, by its identifier and when it was sent. */
    public record Reference(String identifier, Instant sent) {}
  }

  /**
   * What replacing the assessment told.
   *
   * @param seriousBefore the row hashes of the evidence of the replaced assessment's violations and
   *     probable violations when it was made under the same terms (else none): what tells the
   *     findings stated for the first time ({@link org.trucewatch.run.FirstStated})
   * @param issued the alert messages the new assessment issued, in the order it issued them (Alerts
   *     and Updates in the order of its findings, then the Cancels)
   */
  public record Replaced(Set<String> seriousBefore, List<AlertMessage> issued) {
    public Replaced {
      seriousBefore = Set.copyOf(seriousBefore);
      issued = List.copyOf(issued);
    }
  }

  /**
   * A message of the log with its number in it.
   *
   * @param seq its place in the log: messages are numbered 1, 2, ... in the order issued
   * @param stating whether it states a finding of the current assessment (a Cancel never does; an
   *     Alert or Update that a newer one replaced no longer does)
   * @param message the message
   */
  public record Logged(long seq, boolean stating, AlertMessage message) {}

  /**
   * How far along its log a receiver of alerts has been given them.
   *
   * @param channel how it is given alerts: {@code cap} (a hub, following the log of alert
   *     messages), {@code webhook} or {@code email} (following the log of statements)
   * @param receiver the hub's or webhook's URL without user, password or query, or the e-mail
   *     address
   * @param seq the number of the last entry of the log it was given or passed over
   * @param at when that was recorded
   * @param holder the process that gives it its alerts, as host, process id and a random part; null
   *     when none holds its place
   * @param heldUntil when that hold lapses unless renewed; null when none holds it
   */
  public record AlertPlace(
      String channel, String receiver, long seq, Instant at, String holder, Instant heldUntil) {}

  /**
   * What an assessment stated of the report days, as the webhooks and e-mail alerts tell it.
   *
   * @param seq its place in the log of statements: 1, 2, ... in the order made
   * @param stated when the assessment was made
   * @param body the JSON that a webhook posts (docs/server.md, "Alerts")
   */
  public record Statement(long seq, Instant stated, String body) {}

  /** A page of the log of statements, and how many statements match in all. */
  public record StatementLog(List<Statement> entries, long matched) {
    public StatementLog {
      entries = List.copyOf(entries);
    }
  }

  /** A page of the log of alert messages, and how many messages match in all. */
  public record AlertLog(List<Logged> entries, long matched) {
    public AlertLog {
      entries = List.copyOf(entries);
    }

    /** The messages of the page, in order. */
    public List<AlertMessage> messages() {
      return entries.stream().map(Logged::message).toList();
    }
  }

  /**
   * An analyst's review of a finding (migration 22): what the analyst judged of it and why, by whom
   * and when, with the finding as it stood when reviewed. It changes no finding or figure.
   *
   * @param id its number, 1, 2, ... in the order made
   * @param findingId the finding reviewed, as then named ({@code I-…/C1})
   * @param clauseId the clause the finding judged under
   * @param verdict the finding's verdict when reviewed
   * @param methodVersion the method version of the assessment that stated the finding
   * @param evidence the SHA-256 of each of the finding's evidence rows when reviewed, sorted
   * @param status one of {@link #STATUSES}
   * @param note why, in the analyst's words, shown to every reader of the finding
   * @param reviewer the name of the review token it was posted with
   * @param made when it was posted
   */
  public record Review(
      long id,
      String findingId,
      String clauseId,
      String verdict,
      String methodVersion,
      List<String> evidence,
      String status,
      String note,
      String reviewer,
      Instant made) {
    /**
     * What an analyst may judge of a finding: that it is being looked into, that it stands on
     * review of its evidence (and what else the analyst could see), or that it does not.
     */
    public static final List<String> STATUSES = List.of("under-review", "upheld", "not-upheld");

    /** The longest note, in characters. */
    public static final int MAX_NOTE = 2000;

    public Review {
      evidence = List.copyOf(evidence);
    }

    /**
     * Whether the review concerns a finding of clause {@code clause} with these evidence rows: the
     * same clause, and every row it reviewed still among them (a row that joined since does not
     * undo it; a row that left does).
     */
    public boolean concerns(String clause, Set<String> rows) {
      return clauseId.equals(clause) && rows.containsAll(evidence);
    }
  }

  /**
   * A review kept ({@code review}, of the finding as the analyst saw it) and the id of the current
   * finding that stands for the one reviewed: the same, or the one a re-assessment made of it since
   * a row joined its incident.
   */
  public record ReviewKept(Review review, String findingId) {}

  /**
   * A finding that a re-assessment under the current terms no longer states, when it was
   * superseded, and the id of the current finding that rests on all its evidence rows ({@code
   * successor}), or null when none does.
   */
  public record Superseded(String findingId, Instant when, String successor) {}

  /** A page of the reviews, newest first, and how many there are in all. */
  public record ReviewLog(List<Review> reviews, long matched) {
    public ReviewLog {
      reviews = List.copyOf(reviews);
    }
  }

  /** What is known about the current assessment without its texts. */
  public record AssessmentInfo(
      long termsId, long lastIngestId, String methodVersion, Instant made) {}
}
