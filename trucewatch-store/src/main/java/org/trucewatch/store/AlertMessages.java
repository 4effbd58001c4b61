package org.trucewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.run.AlertThreads;
import org.trucewatch.run.FirstStated;

/**
 * The log of alert messages ({@code alert_messages}, migration 17): each message issued for a
 * finding of violation or probable violation, written once and never changed, with what it stated;
 * and, in {@code findings.alert_identifier}, the message that states each finding of the current
 * assessment. An assessment replaces the findings and adds the messages that {@link AlertThreads}
 * issues, in the same transaction.
 */
final class AlertMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String COLUMNS =
      "m.identifier, m.sent, m.msg_type, m.finding_id, m.method_version, m.verdict, m.clause_id,"
          + " m.report_day, m.first_time, m.latitude, m.longitude, m.side, m.oblast_code,"
          + " m.oblast, m.sector_id, m.sector, m.digest, m.evidence, m.refs";

  private AlertMessages() {}

  /**
   * The messages that state the findings of the assessment about to be replaced, read before it is,
   * with the log's rows of each by identifier.
   */
  static Map<String, Rows.AlertMessage> current(Handle h) {
    Map<String, Rows.AlertMessage> out = new HashMap<>();
    h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM alert_messages m JOIN findings f ON f.alert_identifier = m.identifier")
        .map(AlertMessages::row)
        .forEach(m -> out.put(m.identifier(), m));
    return out;
  }

  /**
   * Adds the messages that the findings of {@code a} (already inserted) issue, given the messages
   * {@code before} that stated the findings of the assessment they replace, and points each finding
   * of violation or probable violation at its message; returns the messages added, in the order
   * they were issued (Alerts and Updates in the order of the findings, then the Cancels).
   */
  static List<Rows.AlertMessage> restate(
      Handle h, Rows.Assessment a, Map<String, Rows.AlertMessage> before) {
    List<AlertThreads.Message> previous = new ArrayList<>();
    for (Rows.AlertMessage m : before.values()) {
      previous.add(
          new AlertThreads.Message(
              m.identifier(),
              m.sent(),
              AlertThreads.Type.of(m.type()),
              new AlertThreads.Stated(m.findingId(), m.evidence(), m.digest()),
              List.of()));
    }
    previous.sort(Comparator.comparing(AlertThreads.Message::identifier));
    Map<String, Rows.Finding> serious = new HashMap<>();
    List<AlertThreads.Stated> now = new ArrayList<>();
    for (Rows.Finding f : a.findings()) {
      if (FirstStated.serious(Verdict.ofKey(f.verdict()))) {
        serious.put(f.id(), f);
        now.add(
            new AlertThreads.Stated(f.id(), evidence(f.evidence()), digest(f, a.methodVersion())));
      }
    }
    // identifiers name the second: those of the messages sent in the same second are taken
    Instant second = a.made().truncatedTo(ChronoUnit.SECONDS);
    Set<String> taken =
        new HashSet<>(
            h.createQuery(
                    "SELECT identifier FROM alert_messages WHERE sent >= :from AND sent < :to")
                .bind("from", second)
                .bind("to", second.plusSeconds(1))
                .mapTo(String.class)
                .list());
    AlertThreads.Outcome o = AlertThreads.next(previous, now, a.made(), taken);
    List<Rows.AlertMessage> issued = new ArrayList<>();
    for (AlertThreads.Message m : o.issued()) {
      // a Cancel keeps what it withdraws as the message that stated it said it
      Rows.Finding f =
          m.type() == AlertThreads.Type.CANCEL
              ? stated(before.get(m.references().get(0).identifier()))
              : serious.get(m.finding().id());
      issued.add(
          new Rows.AlertMessage(
              m.identifier(),
              m.sent(),
              m.type().word(),
              m.finding().id(),
              a.methodVersion(),
              f.verdict(),
              f.clauseId(),
              f.reportDay(),
              f.first(),
              f.latitude(),
              f.longitude(),
              f.side(),
              f.oblastCode(),
              f.oblast(),
              f.sectorId(),
              f.sector(),
              m.finding().digest(),
              m.finding().evidence(),
              m.references().stream()
                  .map(r -> new Rows.AlertMessage.Reference(r.identifier(), r.sent()))
                  .toList()));
    }
    if (!issued.isEmpty()) {
      // numbered in the order issued, after the log's last (assessments are written one at a time)
      long seq = end(h);
      PreparedBatch insert =
          h.prepareBatch(
              "INSERT INTO alert_messages (seq, identifier, sent, msg_type, finding_id, terms_id,"
                  + " method_version, verdict, clause_id, report_day, first_time, latitude,"
                  + " longitude, side, oblast_code, oblast, sector_id, sector, digest, evidence,"
                  + " refs) VALUES (:seq, :identifier, :sent, :type, :findingId, :termsId,"
                  + " :methodVersion, :verdict, :clauseId, :reportDay, :first, :latitude,"
                  + " :longitude, :side, :oblastCode, :oblast, :sectorId, :sector, :digest,"
                  + " :evidenceText, :refsText)");
      for (Rows.AlertMessage m : issued) {
        insert
            .bindMethods(m)
            .bind("seq", ++seq)
            .bind("termsId", a.termsId())
            .bind("evidenceText", String.join(" ", m.evidence().stream().sorted().toList()))
            .bind(
                "refsText",
                String.join(
                    " ",
                    m.references().stream()
                        .map(r -> r.identifier() + "," + r.sent().toString())
                        .toList()))
            .add();
      }
      insert.execute();
    }
    PreparedBatch point =
        h.prepareBatch("UPDATE findings SET alert_identifier = :identifier WHERE id = :id");
    o.current().forEach((id, m) -> point.bind("identifier", m.identifier()).bind("id", id).add());
    if (!o.current().isEmpty()) {
      point.execute();
    }
    return issued;
  }

  /** What message {@code m} stated of its finding, as a finding's row (without its texts). */
  private static Rows.Finding stated(Rows.AlertMessage m) {
    return new Rows.Finding(
        m.findingId(),
        "",
        m.clauseId(),
        m.verdict(),
        m.reportDay(),
        m.first(),
        m.latitude(),
        m.longitude(),
        m.side(),
        m.oblastCode(),
        m.oblast(),
        m.sectorId(),
        m.sector(),
        "",
        "",
        "");
  }

  /**
   * Everything a finding's row states, and the method version that states it, as one hash: a change
   * of any of it is an Update.
   */
  static String digest(Rows.Finding f, String methodVersion) {
    return AlertThreads.digest(
        List.of(
            methodVersion,
            f.id(),
            f.incidentId(),
            f.clauseId(),
            f.verdict(),
            f.reportDay().toString(),
            f.first().toString(),
            Double.toString(f.latitude()),
            Double.toString(f.longitude()),
            f.side(),
            f.oblastCode(),
            f.oblast(),
            f.sectorId(),
            f.sector(),
            f.zones(),
            f.reasoning(),
            f.evidence()));
  }

  /** The SHA-256 of each row of a finding's evidence (its JSON). */
  static Set<String> evidence(String json) {
    Set<String> out = new LinkedHashSet<>();
    try {
      for (JsonNode e : JSON.readTree(json)) {
        out.add(e.path("sha256").asText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a finding's evidence is not JSON", e);
    }
    return out;
  }

  /**
   * The messages a feed lists: that of each finding of the current assessment, and each Cancel
   * issued at or after {@code cancelsSince}, newest first by when they were sent, then by
   * identifier.
   */
  static List<Rows.AlertMessage> listed(Handle h, Instant cancelsSince, int limit) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM alert_messages m WHERE m.identifier IN (SELECT alert_identifier FROM"
                + " findings) OR (m.msg_type = 'Cancel' AND m.sent >= :since) ORDER BY m.sent"
                + " DESC, m.identifier LIMIT :limit")
        .bind("since", cancelsSince)
        .bind("limit", limit)
        .map(AlertMessages::row)
        .list();
  }

  /**
   * A page of the whole log in the order issued, of the messages sent at or after {@code since}
   * (null: all) and numbered after {@code after}, with how many there are in all.
   */
  static Rows.AlertLog log(Handle h, Instant since, long after, int limit, long offset) {
    return new Rows.AlertLog(
        page(h, since, after, limit, offset),
        bound(h.createQuery("SELECT COUNT(*) FROM alert_messages m" + where(since)), since, after)
            .mapTo(Long.class)
            .one());
  }

  /** The page of {@link #log} without the count, which a push reading the log does not need. */
  private static List<Rows.Logged> page(
      Handle h, Instant since, long after, int limit, long offset) {
    return bound(
            h.createQuery(
                "SELECT m.seq, CASE WHEN EXISTS (SELECT 1 FROM findings f WHERE"
                    + " f.alert_identifier = m.identifier) THEN 1 ELSE 0 END AS stating, "
                    + COLUMNS
                    + " FROM alert_messages m"
                    + where(since)
                    + " ORDER BY m.seq LIMIT :limit OFFSET :offset"),
            since,
            after)
        .bind("limit", limit)
        .bind("offset", offset)
        .map(AlertMessages::logged)
        .list();
  }

  /**
   * The messages numbered after {@code :after} and, with {@code since}, sent from {@code :since}.
   */
  private static String where(Instant since) {
    return " WHERE m.seq > :after" + (since == null ? "" : " AND m.sent >= :since");
  }

  /** {@code q} with the values of {@link #where}. */
  static Query bound(Query q, Instant since, long after) {
    q.bind("after", after);
    return since == null ? q : q.bind("since", since);
  }

  /** The number of the log's last message; 0 while it is empty. */
  static long end(Handle h) {
    return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM alert_messages")
        .mapTo(Long.class)
        .one();
  }

  /**
   * The messages after number {@code seq} in the order they were issued, at most {@code limit},
   * each with whether it states a finding of the current assessment.
   */
  static List<Rows.Logged> after(Handle h, long seq, int limit) {
    return page(h, null, seq, limit, 0);
  }

  /**
   * The number of the last entry of its log that receiver {@code key} was given or passed over, if
   * it has one.
   */
  static Optional<Long> place(Handle h, String key) {
    return h.createQuery("SELECT seq FROM alert_places WHERE receiver_key = :k")
        .bind("k", key)
        .mapTo(Long.class)
        .findOne();
  }

  /**
   * Records that receiver {@code key} of {@code channel} ({@code receiver} as operators are shown
   * it) is done up to {@code seq}.
   */
  static void placed(Handle h, String key, String channel, String receiver, long seq, Instant at) {
    int updated =
        h.createUpdate(
                "UPDATE alert_places SET seq = :seq, channel = :channel, receiver = :receiver,"
                    + " placed_at = :at WHERE receiver_key = :k")
            .bind("k", key)
            .bind("channel", channel)
            .bind("receiver", receiver)
            .bind("seq", seq)
            .bind("at", at)
            .execute();
    if (updated == 0) {
      h.createUpdate(
              "INSERT INTO alert_places (receiver_key, channel, receiver, seq, placed_at) VALUES"
                  + " (:k, :channel, :receiver, :seq, :at)")
          .bind("k", key)
          .bind("channel", channel)
          .bind("receiver", receiver)
          .bind("seq", seq)
          .bind("at", at)
          .execute();
    }
  }

  /**
   * Holds the place of receiver {@code key} for {@code holder} until {@code until}, unless another
   * holds it at {@code now}; the place when it is held.
   */
  static Optional<Long> hold(Handle h, String key, String holder, Instant now, Instant until) {
    int held =
        h.createUpdate(
                "UPDATE alert_places SET holder = :h, held_until = :until WHERE receiver_key = :k"
                    + " AND (holder IS NULL OR holder = :h OR held_until < :now)")
            .bind("k", key)
            .bind("h", holder)
            .bind("now", now)
            .bind("until", until)
            .execute();
    return held == 0 ? Optional.empty() : place(h, key);
  }

  /**
   * Records that receiver {@code key} is done up to {@code seq}, if {@code holder} holds its place;
   * whether it did.
   */
  static boolean move(Handle h, String key, String holder, long seq, Instant at) {
    return h.createUpdate(
                "UPDATE alert_places SET seq = :seq, placed_at = :at WHERE receiver_key = :k AND"
                    + " holder = :h")
            .bind("k", key)
            .bind("h", holder)
            .bind("seq", seq)
            .bind("at", at)
            .execute()
        == 1;
  }

  /** Lets go of the place of receiver {@code key}, if {@code holder} holds it. */
  static void release(Handle h, String key, String holder) {
    h.createUpdate(
            "UPDATE alert_places SET holder = NULL, held_until = NULL WHERE receiver_key = :k AND"
                + " holder = :h")
        .bind("k", key)
        .bind("h", holder)
        .execute();
  }

  /** The place of each receiver, by channel and receiver. */
  static List<Rows.AlertPlace> places(Handle h) {
    return h.createQuery(
            "SELECT channel, receiver, seq, placed_at, holder, held_until FROM alert_places"
                + " ORDER BY channel, receiver")
        .map(
            (rs, c) -> {
              OffsetDateTime until = rs.getObject("held_until", OffsetDateTime.class);
              return new Rows.AlertPlace(
                  rs.getString("channel"),
                  rs.getString("receiver"),
                  rs.getLong("seq"),
                  rs.getObject("placed_at", OffsetDateTime.class).toInstant(),
                  rs.getString("holder"),
                  until == null ? null : until.toInstant());
            })
        .list();
  }

  /** Removes the place of receiver {@code key}; whether it had one. */
  static boolean forget(Handle h, String key) {
    return h.createUpdate("DELETE FROM alert_places WHERE receiver_key = :k")
            .bind("k", key)
            .execute()
        > 0;
  }

  /** One message of the log, by its identifier. */
  static Optional<Rows.AlertMessage> one(Handle h, String identifier) {
    return h.createQuery("SELECT " + COLUMNS + " FROM alert_messages m WHERE m.identifier = :i")
        .bind("i", identifier)
        .map(AlertMessages::row)
        .findOne();
  }

  /** The message that states a finding of the current assessment, if it is one that alerts. */
  static Optional<Rows.AlertMessage> ofFinding(Handle h, String findingId) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM alert_messages m JOIN findings f ON f.alert_identifier = m.identifier"
                + " WHERE f.id = :id")
        .bind("id", findingId)
        .map(AlertMessages::row)
        .findOne();
  }

  /** The identifiers of the messages that reference {@code identifier}: those that replaced it. */
  static List<String> referencing(Handle h, String identifier) {
    // each reference is "identifier,sent", separated by spaces; a LIKE narrows, the split decides
    return h
        .createQuery(
            "SELECT identifier, refs FROM alert_messages WHERE refs LIKE :p ORDER BY sent,"
                + " identifier")
        .bind("p", "%" + identifier + ",%")
        .map(
            (rs, ctx) ->
                Arrays.stream(rs.getString("refs").split(" "))
                        .anyMatch(r -> r.startsWith(identifier + ","))
                    ? rs.getString("identifier")
                    : null)
        .list()
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  private static Rows.Logged logged(ResultSet rs, StatementContext c) throws SQLException {
    return new Rows.Logged(rs.getLong("seq"), rs.getInt("stating") == 1, row(rs, c));
  }

  private static Rows.AlertMessage row(ResultSet rs, StatementContext c) throws SQLException {
    String refs = rs.getString("refs");
    List<Rows.AlertMessage.Reference> references = new ArrayList<>();
    if (!refs.isEmpty()) {
      for (String r : refs.split(" ")) {
        int comma = r.lastIndexOf(',');
        references.add(
            new Rows.AlertMessage.Reference(
                r.substring(0, comma), Instant.parse(r.substring(comma + 1))));
      }
    }
    String evidence = rs.getString("evidence");
    return new Rows.AlertMessage(
        rs.getString("identifier"),
        rs.getObject("sent", OffsetDateTime.class).toInstant(),
        rs.getString("msg_type"),
        rs.getString("finding_id"),
        rs.getString("method_version"),
        rs.getString("verdict"),
        rs.getString("clause_id"),
        rs.getObject("report_day", LocalDate.class),
        rs.getObject("first_time", OffsetDateTime.class).toInstant(),
        rs.getDouble("latitude"),
        rs.getDouble("longitude"),
        rs.getString("side"),
        rs.getString("oblast_code"),
        rs.getString("oblast"),
        rs.getString("sector_id"),
        rs.getString("sector"),
        rs.getString("digest"),
        evidence.isEmpty() ? Set.of() : Set.of(evidence.split(" ")),
        references);
  }
}
