package org.trucewatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 4: every stored detection's {@code row_key} recomputed from its stored fields under
 * {@link org.trucewatch.observation.Observation#identity()}, which no longer depends on how the
 * file wrote the time. Nothing else changes and no row is removed: where two stored rows now have
 * one identity (the same detection stored from files with other time formats), the first keeps the
 * key and the later one is marked {@link #duplicateKey(long) a duplicate}, which {@link
 * Store#distinctObservations()}, and so the assessment, leaves out. Flyway reads the version from
 * the class name.
 */
final class V4__RowKeys extends BaseJavaMigration {
  private static final int BATCH = 1_000;

  @Override
  public String getDescription() {
    return "row keys independent of the time format";
  }

  /** How the key of a second copy of a detection begins; no SHA-256 in hex begins so. */
  static final String DUPLICATE_PREFIX = "duplicate:";

  /** The key of a row stored twice: unique, and never the SHA-256 of an identity. */
  static String duplicateKey(long id) {
    return DUPLICATE_PREFIX + id;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    Set<String> seen = new HashSet<>();
    try (Statement q = c.createStatement();
        PreparedStatement update =
            c.prepareStatement("UPDATE observations SET row_key = ? WHERE id = ?")) {
      q.setFetchSize(10_000);
      int pending = 0;
      try (ResultSet rs = q.executeQuery("SELECT * FROM observations ORDER BY id")) {
        while (rs.next()) {
          long id = rs.getLong("id");
          String key = Store.rowKey(Store.observation(rs));
          update.setString(1, seen.add(key) ? key : duplicateKey(id));
          update.setLong(2, id);
          update.addBatch();
          if (++pending == BATCH) {
            update.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        update.executeBatch();
      }
    }
  }
}
