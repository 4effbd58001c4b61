package org.trucewatch.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The log of statements ({@code statements}, migration 19): what each assessment that stated the
 * figures of report days anew said of them, and each analyst's review of a finding that alerts
 * named, as the JSON that the webhooks post, numbered in the order made and never changed. The
 * webhooks and e-mail alerts follow it as the CAP push follows the log of alert messages.
 */
final class Statements {
  private Statements() {}

  /** The number of the last statement, 0 when there is none. */
  static long end(Handle h) {
    return h.createQuery("SELECT COALESCE(MAX(seq), 0) FROM statements").mapTo(Long.class).one();
  }

  /**
   * Adds a statement after the last; the caller holds the lock under which assessments are written
   * one after the other, so that no two are given one number.
   */
  static long add(Handle h, Instant stated, String body) {
    long seq = end(h) + 1;
    h.createUpdate("INSERT INTO statements (seq, stated, body) VALUES (:seq, :stated, :body)")
        .bind("seq", seq)
        .bind("stated", stated)
        .bind("body", body)
        .execute();
    return seq;
  }

  /** The statements after number {@code seq}, in order, at most {@code limit}. */
  static List<Rows.Statement> after(Handle h, long seq, int limit) {
    return page(h, null, seq, limit, 0);
  }

  /**
   * A page of the statements after number {@code after} and, with {@code since}, made from then on,
   * in order, and how many match in all.
   */
  static Rows.StatementLog log(Handle h, Instant since, long after, int limit, long offset) {
    return new Rows.StatementLog(
        page(h, since, after, limit, offset),
        AlertMessages.bound(
                h.createQuery("SELECT COUNT(*) FROM statements" + where(since)), since, after)
            .mapTo(Long.class)
            .one());
  }

  /** The page of {@link #log} without the count, which the alerts reading the log do not need. */
  private static List<Rows.Statement> page(
      Handle h, Instant since, long after, int limit, long offset) {
    return AlertMessages.bound(
            h.createQuery(
                "SELECT seq, stated, body FROM statements"
                    + where(since)
                    + " ORDER BY seq LIMIT :limit OFFSET :offset"),
            since,
            after)
        .bind("limit", limit)
        .bind("offset", offset)
        .map(
            (rs, c) ->
                new Rows.Statement(
                    rs.getLong("seq"),
                    rs.getObject("stated", OffsetDateTime.class).toInstant(),
                    rs.getString("body")))
        .list();
  }

  /** The statements numbered after {@code :after} and, with {@code since}, made from then on. */
  private static String where(Instant since) {
    return " WHERE seq > :after" + (since == null ? "" : " AND stated >= :since");
  }
}
