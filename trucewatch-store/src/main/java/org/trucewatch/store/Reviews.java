package org.trucewatch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Analysts' reviews of findings ({@code finding_reviews}, migration 22), each kept with the finding
 * as it stood when reviewed and never changed. A finding of a later assessment is shown with the
 * reviews of its clause under the same terms whose evidence rows are all still among its own: a
 * detection that joins the incident since leaves the review standing (and says so), one that leaves
 * it does not.
 */
final class Reviews {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, finding_id, clause_id, verdict, method_version, evidence, status, note, reviewer, made";

  /** Ids bound in one query's list. */
  private static final int CHUNK = 500;

  private Reviews() {}

  /**
   * A finding as a review judges it: its id, clause and verdict, the method version that stated it
   * and the SHA-256 of each of its evidence rows, sorted.
   */
  record Judged(
      String findingId,
      String clauseId,
      String verdict,
      String methodVersion,
      List<String> evidence) {
    Judged {
      evidence = List.copyOf(evidence);
    }

    /** {@code finding}, a finding of the current assessment as {@code h} reads it. */
    static Judged of(Handle h, Features.Feature finding) {
      Map<String, Object> f = finding.properties();
      return new Judged(
          finding.id(),
          (String) f.get("clause_id"),
          (String) f.get("verdict"),
          h.createQuery("SELECT method_version FROM assessment").mapTo(String.class).one(),
          new ArrayList<>(
              new TreeSet<>(AlertMessages.evidence(String.valueOf(f.get("evidence"))))));
    }
  }

  /**
   * Adds a review of {@code finding} as it stood when the analyst judged it, under the current
   * assessment's terms.
   */
  static Rows.Review add(
      Handle h, Judged finding, String status, String note, String reviewer, Instant made) {
    long id =
        h.createUpdate(
                "INSERT INTO finding_reviews (terms_id, finding_id, clause_id, verdict,"
                    + " method_version, evidence, status, note, reviewer, made) VALUES (:t, :f,"
                    + " :c, :v, :m, :e, :s, :n, :r, :made)")
            .bind("t", termsId(h))
            .bind("f", finding.findingId())
            .bind("c", finding.clauseId())
            .bind("v", finding.verdict())
            .bind("m", finding.methodVersion())
            .bind("e", String.join(" ", finding.evidence()))
            .bind("s", status)
            .bind("n", note)
            .bind("r", reviewer)
            .bind("made", made)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return new Rows.Review(
        id,
        finding.findingId(),
        finding.clauseId(),
        finding.verdict(),
        finding.methodVersion(),
        finding.evidence(),
        status,
        note,
        reviewer,
        made);
  }

  /**
   * Keeps, of the findings {@code h} holds before it writes an assessment under the same terms,
   * those that assessment does not state ({@code stated} its ids) as they stood, superseded at
   * {@code when}: so that a review posted of one shown before is kept as the review of what the
   * analyst saw. A finding superseded before and stated since is kept as it stood last.
   */
  static void supersede(Handle h, Set<String> stated, Instant when) {
    List<String> gone =
        h.createQuery("SELECT id FROM findings").mapTo(String.class).stream()
            .filter(id -> !stated.contains(id))
            .toList();
    if (gone.isEmpty()) {
      return;
    }
    long terms = termsId(h);
    for (int from = 0; from < gone.size(); from += CHUNK) {
      List<String> ids = gone.subList(from, Math.min(gone.size(), from + CHUNK));
      List<Judged> findings =
          h.createQuery(
                  "SELECT f.id, f.clause_id, f.verdict, f.evidence, a.method_version FROM findings"
                      + " f CROSS JOIN assessment a WHERE f.id IN (<ids>)")
              .bindList("ids", ids)
              .map(
                  (rs, c) ->
                      new Judged(
                          rs.getString("id"),
                          rs.getString("clause_id"),
                          rs.getString("verdict"),
                          rs.getString("method_version"),
                          new ArrayList<>(
                              new TreeSet<>(AlertMessages.evidence(rs.getString("evidence"))))))
              .list();
      h.createUpdate("DELETE FROM superseded_findings WHERE finding_id IN (<ids>)")
          .bindList("ids", ids)
          .execute();
      PreparedBatch batch =
          h.prepareBatch(
              "INSERT INTO superseded_findings (finding_id, terms_id, clause_id, verdict,"
                  + " method_version, evidence, superseded) VALUES (:f, :t, :c, :v, :m, :e,"
                  + " :when)");
      for (Judged f : findings) {
        batch
            .bind("f", f.findingId())
            .bind("t", terms)
            .bind("c", f.clauseId())
            .bind("v", f.verdict())
            .bind("m", f.methodVersion())
            .bind("e", String.join(" ", f.evidence()))
            .bind("when", when)
            .add();
      }
      batch.execute();
    }
  }

  /** A finding as it stood when a re-assessment superseded it, and when that was. */
  record Superseded(Judged finding, Instant when) {}

  /**
   * Finding {@code findingId} as it stood when a re-assessment under the current terms superseded
   * it; empty when no such re-assessment superseded it.
   */
  static Optional<Superseded> superseded(Handle h, String findingId) {
    return h.createQuery(
            "SELECT finding_id, clause_id, verdict, method_version, evidence, superseded FROM"
                + " superseded_findings WHERE finding_id = :id AND terms_id = (SELECT terms_id"
                + " FROM assessment)")
        .bind("id", findingId)
        .map(
            (rs, c) ->
                new Superseded(
                    new Judged(
                        rs.getString("finding_id"),
                        rs.getString("clause_id"),
                        rs.getString("verdict"),
                        rs.getString("method_version"),
                        split(rs.getString("evidence"))),
                    rs.getObject("superseded", OffsetDateTime.class).toInstant()))
        .findOne();
  }

  /**
   * The id of the current finding of {@code finding}'s clause that rests on all its evidence rows
   * (a row joined its incident since): the one that stands for it now. Empty when none does (a row
   * left its incident).
   */
  static Optional<String> successor(Handle h, Judged finding) {
    if (finding.evidence().isEmpty()) {
      return Optional.empty();
    }
    // the evidence column is JSON, {"sha256":"…"} a row: one row's hash narrows the search
    return h
        .createQuery(
            "SELECT id, evidence FROM findings WHERE clause_id = :c AND evidence LIKE :row"
                + " ORDER BY id")
        .bind("c", finding.clauseId())
        .bind("row", "%\"" + finding.evidence().get(0) + "\"%")
        .map((rs, c) -> Map.entry(rs.getString("id"), rs.getString("evidence")))
        .stream()
        .filter(e -> AlertMessages.evidence(e.getValue()).containsAll(finding.evidence()))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The reviews made under the current assessment's terms, newest first; none without one. */
  static List<Rows.Review> ofCurrentTerms(Handle h) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM finding_reviews WHERE terms_id = (SELECT terms_id FROM assessment)"
                + " ORDER BY id DESC")
        .map((rs, c) -> row(rs))
        .list();
  }

  /** A page of every review, under any terms, newest first, and how many there are. */
  static Rows.ReviewLog page(Handle h, int limit, long offset) {
    List<Rows.Review> page =
        h.createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM finding_reviews ORDER BY id DESC LIMIT :limit OFFSET :offset")
            .bind("limit", limit)
            .bind("offset", offset)
            .map((rs, c) -> row(rs))
            .list();
    long matched = h.createQuery("SELECT COUNT(*) FROM finding_reviews").mapTo(Long.class).one();
    return new Rows.ReviewLog(page, matched);
  }

  private static Rows.Review row(java.sql.ResultSet rs) throws java.sql.SQLException {
    String evidence = rs.getString("evidence");
    return new Rows.Review(
        rs.getLong("id"),
        rs.getString("finding_id"),
        rs.getString("clause_id"),
        rs.getString("verdict"),
        rs.getString("method_version"),
        split(evidence),
        rs.getString("status"),
        rs.getString("note"),
        rs.getString("reviewer"),
        rs.getObject("made", OffsetDateTime.class).toInstant());
  }

  /** The terms of the current assessment. */
  private static long termsId(Handle h) {
    return h.createQuery("SELECT terms_id FROM assessment").mapTo(Long.class).one();
  }

  /** Row hashes as a column keeps them, space-separated. */
  private static List<String> split(String evidence) {
    return evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split(" "));
  }

  /**
   * Of {@code reviews} (newest first), those of clause {@code clause} whose every evidence row is
   * among {@code rows}: those that concern such a finding ({@link Rows.Review#concerns}).
   */
  static List<Rows.Review> concerning(List<Rows.Review> reviews, String clause, Set<String> rows) {
    return reviews.stream().filter(r -> r.concerns(clause, rows)).toList();
  }

  /**
   * A review as readers are given it: what was judged and why, by whom and when, and of which
   * finding, as it then stood (its verdict, method version and number of evidence rows; not the
   * rows' hashes, which a reader may not be given). With the evidence rows of the finding it is
   * shown with ({@code rows}, or null for none), whether they are the ones reviewed.
   */
  static ObjectNode json(Rows.Review r, Set<String> rows) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", r.id());
    n.put("status", r.status());
    n.put("note", r.note());
    n.put("by", r.reviewer());
    n.put("made", r.made().toString());
    n.put("finding_id", r.findingId());
    n.put("clause_id", r.clauseId());
    n.put("verdict", r.verdict());
    n.put("method_version", r.methodVersion());
    n.put("evidence_rows", r.evidence().size());
    if (rows != null) {
      n.put("same_evidence", rows.size() == r.evidence().size());
    }
    return n;
  }
}
