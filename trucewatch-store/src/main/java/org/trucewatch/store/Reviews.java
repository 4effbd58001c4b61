package org.trucewatch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

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

  private Reviews() {}

  /**
   * Adds a review of {@code finding}, a finding of the current assessment as {@code h} reads it,
   * with its clause, verdict and evidence rows and the assessment's method version and terms.
   */
  static Rows.Review add(
      Handle h,
      Features.Feature finding,
      String status,
      String note,
      String reviewer,
      Instant made) {
    Map<String, Object> f = finding.properties();
    String clauseId = (String) f.get("clause_id");
    String verdict = (String) f.get("verdict");
    Map<String, Object> assessment =
        h.createQuery("SELECT method_version, terms_id FROM assessment").mapToMap().one();
    String methodVersion = (String) assessment.get("method_version");
    List<String> rows =
        new ArrayList<>(new TreeSet<>(AlertMessages.evidence(String.valueOf(f.get("evidence")))));
    long id =
        h.createUpdate(
                "INSERT INTO finding_reviews (terms_id, finding_id, clause_id, verdict,"
                    + " method_version, evidence, status, note, reviewer, made) VALUES (:t, :f,"
                    + " :c, :v, :m, :e, :s, :n, :r, :made)")
            .bind("t", ((Number) assessment.get("terms_id")).longValue())
            .bind("f", finding.id())
            .bind("c", clauseId)
            .bind("v", verdict)
            .bind("m", methodVersion)
            .bind("e", String.join(" ", rows))
            .bind("s", status)
            .bind("n", note)
            .bind("r", reviewer)
            .bind("made", made)
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    return new Rows.Review(
        id, finding.id(), clauseId, verdict, methodVersion, rows, status, note, reviewer, made);
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
        evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split(" ")),
        rs.getString("status"),
        rs.getString("note"),
        rs.getString("reviewer"),
        rs.getObject("made", OffsetDateTime.class).toInstant());
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
