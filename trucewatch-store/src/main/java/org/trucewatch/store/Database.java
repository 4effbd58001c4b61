package org.trucewatch.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives: a folder for an embedded H2 database file, or a PostgreSQL server named by
 * a {@code postgresql://user:password@host:port/database} URL.
 *
 * @param dialect which database
 * @param jdbcUrl the JDBC URL (without credentials)
 * @param user the user, or empty
 * @param password the password, or {@code null} when the URL gives none: the PostgreSQL driver then
 *     looks in the password file ({@code ~/.pgpass}, or the file {@code PGPASSFILE} names), so that
 *     the password need not stand on the command line
 * @param display a description without the password, for messages
 */
public record Database(
    Dialect dialect, String jdbcUrl, String user, String password, String display) {

  /** The two databases the store speaks. */
  public enum Dialect {
    H2,
    POSTGRESQL
  }

  public Database {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /**
   * Parses the {@code --db} value: a {@code postgresql://} (or {@code postgres://}) URL, or a
   * folder for the embedded database, created on first use.
   */
  public static Database parse(String db) {
    if (db.startsWith("postgresql://") || db.startsWith("postgres://")) {
      URI u;
      try {
        u = new URI(db);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("--db: not a valid URL: " + e.getMessage(), e);
      }
      if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
        throw new IllegalArgumentException(
            "--db: expected postgresql://user:password@host:port/database");
      }
      String user = "";
      String password = null;
      if (u.getRawUserInfo() != null) {
        String[] up = u.getRawUserInfo().split(":", 2);
        user = URLDecoder.decode(up[0], StandardCharsets.UTF_8);
        password = up.length > 1 ? URLDecoder.decode(up[1], StandardCharsets.UTF_8) : null;
      }
      int port = u.getPort() > 0 ? u.getPort() : 5432;
      String url = "jdbc:postgresql://" + u.getHost() + ":" + port + u.getPath();
      if (u.getRawQuery() != null) {
        url += "?" + u.getRawQuery();
      }
      String display = "postgresql://" + u.getHost() + ":" + port + u.getPath();
      return new Database(Dialect.POSTGRESQL, url, user, password, display);
    }
    if (db.contains("://") || db.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "--db: give a folder for the embedded database or a postgresql:// URL, was " + db);
    }
    Path dir = Path.of(db).toAbsolutePath().normalize();
    // WRITE_DELAY=0 writes each commit to the file before the commit returns, so that an ingest
    // reported as stored survives kill -9 (H2's default delays the write by up to 500 ms). One
    // process at a time: H2's AUTO_SERVER would share the file but opens a TCP port on every
    // interface, which a monitoring mission's host should not have.
    String url = "jdbc:h2:file:" + dir.resolve("trucewatch") + ";WRITE_DELAY=0";
    return new Database(Dialect.H2, url, "sa", "", dir.toString());
  }

  /** The folder of an embedded database, or {@code null} for a server. */
  public Path folder() {
    return dialect == Dialect.H2 ? Path.of(display) : null;
  }
}
