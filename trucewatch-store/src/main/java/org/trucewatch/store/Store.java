package org.trucewatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.incident.SourceRecord;
import org.trucewatch.observation.Audience;
import org.trucewatch.observation.Confidence;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Provenance;
import org.trucewatch.observation.Releasability;
import org.trucewatch.observation.ReportedEvent;
import org.trucewatch.observation.Sensor;
import org.trucewatch.observation.SourceKind;
import org.trucewatch.observation.SurveillanceReport;
import org.trucewatch.observation.TimePrecision;
import org.trucewatch.observation.Watch;
import org.trucewatch.run.DayRevision;

/**
 * The store over JDBC. Evidence (ingests and their observations, tokens, terms, control maps) is
 * only added to, as are the versions of each report day's figures; the assessment is replaced as a
 * whole. Every write is one transaction, so an ingest is all there or not at all, also when the
 * process dies in the middle. Writes are serialised inside the process; readers never see a
 * half-written ingest or assessment.
 */
public final class Store implements AutoCloseable {
  /**
   * The PostgreSQL advisory lock (transaction-scoped) under which an assessment, or a review with
   * its statement, is written, so that server processes sharing one store write theirs one after
   * the other.
   */
  static final long ASSESSMENT_LOCK = 0x7472756365L;

  /** Observations are written in batches of this many rows. */
  public static final int BATCH = 1_000;

  /**
   * Reads and writes what the store keeps as JSON: findings' evidence rows, days' counts by area.
   */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;
  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private final Object writeLock = new Object();
  private final Clock clock;

  private Store(Database database, HikariDataSource pool, Clock clock) {
    this.database = database;
    this.pool = pool;
    this.clock = clock;
    this.jdbi = Jdbi.create(pool);
  }

  /**
   * Opens (and on first use creates) the store, bringing its schema up to date; {@code clock}
   * stamps ingests, tokens and terms.
   */
  public static Store open(Database database, Clock clock) {
    if (database.dialect() == Database.Dialect.H2) {
      try {
        Files.createDirectories(database.folder());
      } catch (java.io.IOException e) {
        throw new StoreException(
            database.folder() + ": the database folder cannot be created: " + e.getMessage(), e);
      }
    }
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(database.jdbcUrl());
    c.setUsername(database.user());
    c.setPassword(database.password());
    c.setMaximumPoolSize(8);
    c.setPoolName("trucewatch");
    // fail at once when the database cannot be reached or the file is held by another process
    c.setInitializationFailTimeout(1);
    // and once open, let a request wait at most 10 s (not Hikari's 30) for a database gone away
    c.setConnectionTimeout(10_000);
    if (database.dialect() == Database.Dialect.POSTGRESQL) {
      // PostgreSQL's notices reach the log as warnings (Flyway's for V1's "extension postgis
      // already exists, skipping", where an operator created it); warnings and errors still come
      c.setConnectionInitSql("SET client_min_messages TO WARNING");
    }
    HikariDataSource pool = null;
    try {
      pool = new HikariDataSource(c);
      Flyway.configure()
          .dataSource(pool)
          .locations(
              "classpath:db/migration/common",
              "classpath:db/migration/"
                  + (database.dialect() == Database.Dialect.H2 ? "h2" : "postgresql"))
          .javaMigrations(new V4__RowKeys())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      String why = rootMessage(e);
      if (database.dialect() == Database.Dialect.H2
          && (why.contains("90020") || why.contains("is locked"))) {
        throw StoreException.held(
            database.display()
                + ": the store cannot be opened: another process (a running serve?) has it open;"
                + " stop it first, or use PostgreSQL (--db postgresql://...) for several"
                + " processes",
            e);
      }
      throw new StoreException(database.display() + ": the store cannot be opened: " + why, e);
    }
    return new Store(database, pool, clock);
  }

  /** Opens the store named by a {@code --db} value, stamping with the system clock (UTC). */
  public static Store open(String db) {
    return open(Database.parse(db), Clock.systemUTC());
  }

  /** The clock that stamps what the store records. */
  public Clock clock() {
    return clock;
  }

  public Database database() {
    return database;
  }

  /** A connection of the store's pool, for {@link StoreCopy}; the caller closes it. */
  java.sql.Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    pool.close();
  }

  // ---------------------------------------------------------------- backup

  /**
   * Writes a consistent copy of an embedded store into the zip file {@code to} while the store
   * stays in use (H2's online {@code BACKUP}): unzipped into an empty folder, it is a store that
   * {@link #open} opens as it was. The copy is written next to {@code to} and moved into place when
   * whole, so that a backup that fails leaves no partial file; an existing file is not replaced.
   *
   * @throws UnsupportedOperationException for PostgreSQL, whose own tools ({@code pg_dump}) back it
   *     up
   * @throws StoreException naming the file when it exists or cannot be written
   */
  public void backupTo(Path to) {
    if (database.dialect() != Database.Dialect.H2) {
      throw new UnsupportedOperationException(
          "a PostgreSQL store is backed up with PostgreSQL's own tools (pg_dump), not by Truce"
              + " Watch");
    }
    Path target = to.toAbsolutePath().normalize();
    if (Files.exists(target)) {
      throw new StoreException(target + ": exists; a backup does not replace a file", null);
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial-" + System.nanoTime());
    try {
      jdbi.useHandle(h -> h.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'"));
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (RuntimeException | IOException e) {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new StoreException(target + ": the backup could not be written: " + e.getMessage(), e);
    }
  }

  /**
   * Makes {@code dir}, which must not exist or be an empty folder, the embedded store that the
   * backup {@code zip} ({@link #backupTo}) holds. The files are unzipped beside {@code dir} and
   * moved into place when whole, so that a restore that fails leaves nothing half-written; the
   * restored store is then opened once to check it.
   *
   * @throws StoreException naming the file or folder and what is wrong
   */
  public static void restore(Path zip, Path dir) {
    Path target = dir.toAbsolutePath().normalize();
    try {
      requireNoStoreIn(target, "a restore");
      Files.deleteIfExists(target);
      Path partial = target.resolveSibling(target.getFileName() + ".partial-" + System.nanoTime());
      Files.createDirectories(partial);
      boolean store = false;
      try (var in = Files.newInputStream(zip);
          var z = new java.util.zip.ZipInputStream(in)) {
        for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
          Path to = partial.resolve(e.getName()).normalize();
          if (!to.startsWith(partial) || e.isDirectory()) {
            throw new StoreException(zip + ": " + e.getName() + " is not a store's file", null);
          }
          Files.copy(z, to);
          store |= to.getFileName().toString().equals("trucewatch.mv.db");
        }
      } catch (RuntimeException | IOException e) {
        deleteTree(partial);
        throw e;
      }
      if (!store) {
        deleteTree(partial);
        throw new StoreException(zip + ": holds no trucewatch.mv.db; it is not a backup", null);
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StoreException(zip + ": cannot be restored into " + target + ": " + e, e);
    }
    open(target.toString()).close();
  }

  /**
   * Refuses a folder for a new embedded store that exists and is not empty, saying that {@code
   * what} ("a restore") makes a new store.
   */
  static void requireNoStoreIn(Path target, String what) throws IOException {
    if (Files.exists(target)) {
      try (var entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new StoreException(target + ": is not empty; " + what + " makes a new store", null);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  // ---------------------------------------------------------------- tokens

  /** Who an ingest by the command line ({@code trucewatch ingest}) is by. */
  public static final String BY_COMMAND_LINE = "local";

  /** Who an ingest of the demo ({@code trucewatch demo --serve}) is by. */
  public static final String BY_DEMO = "demo";

  /** Who an ingest of an answer of FIRMS's area API is by. */
  public static final String BY_FIRMS_API = "firms-api";

  /**
   * Refuses a name that a token cannot have: 1-100 letters, digits or {@code . _ @ -}, and none of
   * the names under which the software itself records its ingests ({@link #BY_COMMAND_LINE}, {@link
   * #BY_DEMO}, {@link #BY_FIRMS_API}), so that the list of ingests tells a token's from those.
   *
   * @throws IllegalArgumentException naming the rule and the name
   */
  public static void requireTokenName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._@-]{1,100}")) {
      throw new IllegalArgumentException(
          "token name must be 1-100 letters, digits or . _ @ -, was " + name);
    }
    Map<String, String> own =
        Map.of(
            BY_COMMAND_LINE,
            "trucewatch ingest",
            BY_DEMO,
            "the demo",
            BY_FIRMS_API,
            "FIRMS's area API");
    String whose = own.get(name.toLowerCase(Locale.ROOT));
    if (whose != null) {
      throw new IllegalArgumentException(
          "token name "
              + name
              + " is the name under which the store records the ingests of "
              + whose
              + "; choose another");
    }
  }

  /** Creates an ingest token for a name and returns it; only its SHA-256 is stored. */
  public String createToken(String name) {
    return createToken(name, TokenScope.INGEST);
  }

  /**
   * Creates an API token of the mission's staff for a name and scope and returns it; only its
   * SHA-256 is stored.
   */
  public String createToken(String name, TokenScope scope) {
    return createToken(name, scope, null);
  }

  /**
   * Creates an API token for a name and scope and returns it; only its SHA-256 is stored.
   *
   * @param member the member state whose liaison holds the token (ISO 3166-1 alpha-2), or null for
   *     the mission's staff; it decides which surveillance reports the token's holder sees
   */
  public String createToken(String name, TokenScope scope, String member) {
    return createToken(name, scope, member, null);
  }

  /**
   * Creates an API token as {@link #createToken(String, TokenScope, String)} does, that stops
   * working at {@code expires} (null: when revoked only).
   *
   * @throws IllegalArgumentException when {@code expires} is not after now
   */
  public String createToken(String name, TokenScope scope, String member, Instant expires) {
    requireTokenName(name);
    if (expires != null && !expires.isAfter(now())) {
      throw new IllegalArgumentException(
          "a token must expire after now (" + now() + "), was " + expires);
    }
    String code = member == null ? null : Audience.member(member).member();
    if (code != null && scope == TokenScope.REVIEW) {
      throw new IllegalArgumentException(
          "a review token is the mission's analysts', not a member state's (" + code + ")");
    }
    String token = newSecret();
    synchronized (writeLock) {
      jdbi.useTransaction(
          h -> {
            if (h.createQuery("SELECT COUNT(*) FROM tokens WHERE name = :n")
                    .bind("n", name)
                    .mapTo(Long.class)
                    .one()
                > 0) {
              // also when revoked: the name stays with the ingests made under it
              throw new IllegalArgumentException(
                  "a token named " + name + " exists already (a revoked name is not reused)");
            }
            h.createUpdate(
                    "INSERT INTO tokens (name, sha256, created, scope, member_state, expires)"
                        + " VALUES (:n, :s, :c, :scope, :member, :e)")
                .bind("n", name)
                .bind("s", sha256(token))
                .bind("c", now())
                .bind("scope", scope.key())
                .bind("member", code)
                .bindByType("e", expires, Instant.class)
                .execute();
          });
    }
    return token;
  }

  /** The tokens' rows as {@link #tokenRow} reads them. */
  private static final String TOKEN_ROWS =
      "SELECT name, created, revoked, scope, member_state, expires, rotated FROM tokens";

  /** A new token: 32 random bytes, in URL-safe Base64, after {@code tw_}. */
  private static String newSecret() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return "tw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * Gives the token named {@code name} a new secret and returns it: the old one stops working at
   * once, and the name, scope, member state and end stay, so that what was done under the name
   * (ingests, reviews, the access log's lines) still names its holder. For a token that may have
   * been seen by others (a lost laptop, a token pasted where it should not be).
   *
   * @throws IllegalArgumentException when no token has that name, or it is revoked or has expired
   */
  public String rotateToken(String name) {
    String token = newSecret();
    synchronized (writeLock) {
      jdbi.useTransaction(
          h -> {
            Instant now = now();
            Token t =
                h.createQuery(TOKEN_ROWS + " WHERE name = :n")
                    .bind("n", name)
                    .map(Store::tokenRow)
                    .findOne()
                    .orElseThrow(() -> new IllegalArgumentException("no token named " + name));
            if (!t.status(now).equals("active")) {
              throw new IllegalArgumentException(
                  "the token "
                      + name
                      + " is "
                      + t.status(now)
                      + " ("
                      + (t.revoked() != null ? t.revoked() : t.expires())
                      + "); a new one needs a name of its own");
            }
            h.createUpdate("UPDATE tokens SET sha256 = :s, rotated = :r WHERE name = :n")
                .bind("s", sha256(token))
                .bind("r", now)
                .bind("n", name)
                .execute();
          });
    }
    return token;
  }

  /** The name of the token, if it is an ingest token the store knows, not revoked or expired. */
  public Optional<String> tokenName(String token) {
    return token(token).filter(t -> t.scope() == TokenScope.INGEST).map(Token::name);
  }

  /** The token as the store knows it, if it knows it, has not revoked it and it has not expired. */
  public Optional<Token> token(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    Instant now = now();
    return jdbi.withHandle(
            h ->
                h.createQuery(TOKEN_ROWS + " WHERE sha256 = :s AND revoked IS NULL")
                    .bind("s", sha256(token))
                    .map(Store::tokenRow)
                    .findOne())
        .filter(t -> !t.expiredAt(now));
  }

  /**
   * A token as the store knows it: its name, dates (revoked, expires and rotated null when not
   * set), scope and member state (null for the mission's staff), never the token.
   */
  public record Token(
      String name,
      Instant created,
      Instant revoked,
      TokenScope scope,
      String member,
      Instant expires,
      Instant rotated) {
    /** Who reads with this token: its member state's liaison, or the mission's staff. */
    public Audience audience() {
      return member == null ? Audience.MISSION : Audience.member(member);
    }

    /** Whether the token's end has come at {@code now}: from then on it is refused. */
    public boolean expiredAt(Instant now) {
      return expires != null && !now.isBefore(expires);
    }

    /** {@code revoked}, {@code expired} (at {@code now}) or {@code active}. */
    public String status(Instant now) {
      return revoked != null ? "revoked" : expiredAt(now) ? "expired" : "active";
    }
  }

  /** Every token, revoked ones included, in the order they were created. */
  public List<Token> tokens() {
    return jdbi.withHandle(
        h -> h.createQuery(TOKEN_ROWS + " ORDER BY id").map(Store::tokenRow).list());
  }

  private static Token tokenRow(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext c)
      throws java.sql.SQLException {
    OffsetDateTime revoked = rs.getObject("revoked", OffsetDateTime.class);
    OffsetDateTime expires = rs.getObject("expires", OffsetDateTime.class);
    OffsetDateTime rotated = rs.getObject("rotated", OffsetDateTime.class);
    return new Token(
        rs.getString("name"),
        rs.getObject("created", OffsetDateTime.class).toInstant(),
        revoked == null ? null : revoked.toInstant(),
        TokenScope.of(rs.getString("scope")),
        rs.getString("member_state"),
        expires == null ? null : expires.toInstant(),
        rotated == null ? null : rotated.toInstant());
  }

  /**
   * Revokes the token of a name: it no longer opens ingest. Its row stays, so the ingests made with
   * it still name it. Returns the time of revocation (the first one when already revoked).
   *
   * @throws IllegalArgumentException when no token has that name
   */
  public Instant revokeToken(String name) {
    synchronized (writeLock) {
      return jdbi.inTransaction(
          h -> {
            h.createUpdate("UPDATE tokens SET revoked = :r WHERE name = :n AND revoked IS NULL")
                .bind("r", now())
                .bind("n", name)
                .execute();
            return revokedAt(h, name)
                .orElseThrow(() -> new IllegalArgumentException("no token named " + name));
          });
    }
  }

  private static Optional<Instant> revokedAt(Handle h, String name) {
    return h.createQuery("SELECT revoked FROM tokens WHERE name = :n")
        .bind("n", name)
        .map((rs, ctx) -> rs.getObject("revoked", OffsetDateTime.class).toInstant())
        .findOne();
  }

  // ---------------------------------------------------------------- ingest

  /** Called after each batch of an ingest is written, before it is committed. */
  public interface IngestListener {
    IngestListener NONE = rows -> {};

    void batchWritten(long rowsWritten);
  }

  /**
   * Stores a file's observations in one transaction. The same file (by SHA-256) is not ingested
   * twice; an observation already in the store (the same detection from another file) is counted as
   * a duplicate and not stored again.
   */
  public Rows.IngestOutcome ingest(
      Rows.IngestRequest request, List<Observation> observations, IngestListener listener) {
    return ingest(request, (h, id) -> writeObservations(h, id, observations, listener));
  }

  /**
   * Stores a file of surveillance reports in one transaction, as {@link #ingest(Rows.IngestRequest,
   * List, IngestListener)} stores detections: the same file is not ingested twice, and a report
   * already in the store (the same source and report id, from another file) is counted as a
   * duplicate and not stored again. A report that gives other content under stored ids fails the
   * ingest with {@link ConflictingRows}, naming each such pair, and nothing of it is stored.
   */
  public Rows.IngestOutcome ingestReports(
      Rows.IngestRequest request, List<SurveillanceReport> reports) {
    return ingest(request, (h, id) -> writeReports(h, id, reports));
  }

  /**
   * Stores a watch log in one transaction, as {@link #ingestReports} stores reports: the same file
   * is not ingested twice, and a period already stored (the same source, bounds and status, from
   * another file) is counted as a duplicate. A period that gives other content (kind, member state,
   * note) under a stored one's identity fails the ingest with {@link ConflictingRows}, and nothing
   * of it is stored.
   */
  public Rows.IngestOutcome ingestWatches(Rows.IngestRequest request, List<Watch> watches) {
    return ingest(request, (h, id) -> writeWatches(h, id, watches));
  }

  /** Writes the rows of one ingest; returns how many it stored and how many it found stored. */
  private interface RowWriter {
    long[] write(Handle h, long ingestId);
  }

  private Rows.IngestOutcome ingest(Rows.IngestRequest request, RowWriter rows) {
    synchronized (writeLock) {
      // another process on the same database may store the same file or rows at the same time;
      // its commit then makes ours fail on a unique key, and a second attempt sees its rows
      for (int attempt = 1; ; attempt++) {
        Optional<Rows.Ingest> earlier = ingestBySha256(request.sha256());
        if (earlier.isPresent()) {
          return new Rows.IngestOutcome(earlier.get(), true);
        }
        try {
          return jdbi.inTransaction(h -> new Rows.IngestOutcome(write(h, request, rows), false));
        } catch (org.jdbi.v3.core.JdbiException e) {
          if (attempt == 3 || !uniqueViolation(e)) {
            throw e;
          }
        }
      }
    }
  }

  /** Whether a failure is a unique key violated by a concurrent writer (SQLSTATE 23505). */
  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException q && "23505".equals(q.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private Rows.Ingest write(Handle h, Rows.IngestRequest r, RowWriter rows) {
    Instant received = now();
    long id =
        h.createUpdate(
                "INSERT INTO ingests (file_name, sha256, received, token_name, format, rows_read,"
                    + " kept, rejected, outside_area, stored, duplicates, sources, first_day,"
                    + " last_day, rejections) VALUES (:file, :sha, :received, :token, :format,"
                    + " :read, :kept, :rejected, :outside, 0, 0, :sources, :first, :last,"
                    + " :rejections)")
            .bind("file", r.fileName())
            .bind("sha", r.sha256())
            .bind("received", received)
            .bind("token", r.tokenName())
            .bind("format", r.format())
            .bind("read", r.rowsRead())
            .bind("kept", r.kept())
            .bind("rejected", r.rejected())
            .bind("outside", r.outsideArea())
            .bind("sources", String.join(",", r.sources()))
            .bind("first", r.firstDay())
            .bind("last", r.lastDay())
            .bind("rejections", r.rejections())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
    long[] counts = rows.write(h, id);
    h.createUpdate("UPDATE ingests SET stored = :s, duplicates = :d WHERE id = :id")
        .bind("s", counts[0])
        .bind("d", counts[1])
        .bind("id", id)
        .execute();
    return new Rows.Ingest(id, r, received, counts[0], counts[1]);
  }

  private long[] writeObservations(
      Handle h, long id, List<Observation> observations, IngestListener listener) {
    long stored = 0;
    long duplicates = 0;
    Set<String> seen = new HashSet<>();
    for (int start = 0; start < observations.size(); start += BATCH) {
      List<Observation> chunk =
          observations.subList(start, Math.min(observations.size(), start + BATCH));
      List<String> keys = new ArrayList<>(chunk.size());
      for (Observation o : chunk) {
        keys.add(rowKey(o));
      }
      Set<String> existing =
          new HashSet<>(
              h.createQuery("SELECT row_key FROM observations WHERE row_key IN (<keys>)")
                  .bindList("keys", keys)
                  .mapTo(String.class)
                  .list());
      PreparedBatch batch =
          h.prepareBatch(
              "INSERT INTO observations (row_key, ingest_id, file_name, line, content_sha256,"
                  + " latitude, longitude, acquired, time_precision, instrument, satellite,"
                  + " confidence, confidence_pct, brightness_k, frp_mw, scan_km, track_km,"
                  + " daynight, fire_type) VALUES (:key, :ingest, :file, :line, :hash, :lat, :lon,"
                  + " :time, :precision, :instrument, :satellite, :confidence, :pct,"
                  + " :brightness, :frp, :scan, :track, :daynight, :type)");
      int rows = 0;
      for (int i = 0; i < chunk.size(); i++) {
        Observation o = chunk.get(i);
        String key = keys.get(i);
        if (existing.contains(key) || !seen.add(key)) {
          duplicates++;
          continue;
        }
        batch
            .bind("key", key)
            .bind("ingest", id)
            .bind("file", o.provenance().file())
            .bind("line", o.provenance().line())
            .bind("hash", o.provenance().contentHash())
            .bind("lat", o.latitude())
            .bind("lon", o.longitude())
            .bind("time", o.time())
            .bind("precision", o.timePrecision().name())
            .bind("instrument", o.sensor().instrument().name())
            .bind("satellite", o.sensor().satellite())
            .bind("confidence", o.confidence() == null ? null : o.confidence().level().name())
            .bind(
                "pct",
                o.confidence() == null || o.confidence().percent() < 0
                    ? null
                    : Integer.valueOf(o.confidence().percent()))
            .bind("brightness", orNull(o.brightnessKelvin()))
            .bind("frp", orNull(o.frpMegawatts()))
            .bind("scan", orNull(o.scanKm()))
            .bind("track", orNull(o.trackKm()))
            .bind("daynight", String.valueOf(o.daytime()))
            .bind("type", o.type())
            .add();
        rows++;
      }
      if (rows > 0) {
        batch.execute();
      }
      stored += rows;
      listener.batchWritten(stored + duplicates);
    }
    addSources(h, observations, id);
    return new long[] {stored, duplicates};
  }

  private static long[] writeReports(Handle h, long id, List<SurveillanceReport> reports) {
    long stored = 0;
    long duplicates = 0;
    long rereleased = 0;
    Set<String> seen = new HashSet<>();
    Map<String, String[]> sources = new TreeMap<>();
    for (int start = 0; start < reports.size(); start += BATCH) {
      List<SurveillanceReport> chunk =
          reports.subList(start, Math.min(reports.size(), start + BATCH));
      List<String> keys = chunk.stream().map(x -> sha256(x.identity())).toList();
      Set<String> existing =
          new HashSet<>(
              h.createQuery("SELECT row_key FROM surveillance_reports WHERE row_key IN (<keys>)")
                  .bindList("keys", keys)
                  .mapTo(String.class)
                  .list());
      PreparedBatch batch =
          h.prepareBatch(
              "INSERT INTO surveillance_reports (row_key, ingest_id, file_name, line,"
                  + " content_sha256, report_id, source_id, source_kind, member_state, observed,"
                  + " time_precision, latitude, longitude, uncertainty_m, event, event_count,"
                  + " description, releasable_to) VALUES (:key, :ingest, :file, :line, :hash,"
                  + " :reportId, :sourceId, :kind, :memberState, :time, :precision, :lat, :lon,"
                  + " :uncertainty, :event, :count, :description, :releasableTo)");
      Map<String, SurveillanceReport> storedBefore = requireSameContent(h, chunk, keys, existing);
      int rows = 0;
      for (int i = 0; i < chunk.size(); i++) {
        SurveillanceReport x = chunk.get(i);
        SurveillanceReport earlier = storedBefore.get(keys.get(i));
        if (earlier != null && !earlier.releasableTo().equals(x.releasableTo())) {
          rerelease(h, id, keys.get(i), earlier, x);
          rereleased++;
          continue;
        }
        if (existing.contains(keys.get(i)) || !seen.add(keys.get(i))) {
          duplicates++;
          continue;
        }
        sources.putIfAbsent(x.sourceKey(), new String[] {x.kind().key(), x.memberState()});
        batch
            .bind("key", keys.get(i))
            .bind("ingest", id)
            .bind("file", x.provenance().file())
            .bind("line", x.provenance().line())
            .bind("hash", x.provenance().contentHash())
            .bind("reportId", x.reportId())
            .bind("sourceId", x.sourceId())
            .bind("kind", x.kind().key())
            .bind("memberState", x.memberState())
            .bind("time", x.time())
            .bind("precision", x.timePrecision().name())
            .bind("lat", x.latitude())
            .bind("lon", x.longitude())
            .bind("uncertainty", x.uncertaintyMetres())
            .bind("event", x.event().key())
            .bind("count", x.count())
            .bind("description", x.description())
            .bind("releasableTo", x.releasableTo().text())
            .add();
        rows++;
      }
      if (rows > 0) {
        batch.execute();
      }
      stored += rows;
    }
    // a report released anew is a row the ingest changed, as a report it added is
    stored += rereleased;
    addSurveillanceSources(h, sources, id);
    return new long[] {stored, duplicates};
  }

  /**
   * Records the surveillance sources (key to kind and member state) that the store does not know
   * yet, with the ingest that first named them.
   */
  private static void addSurveillanceSources(Handle h, Map<String, String[]> sources, long id) {
    Set<String> known =
        new HashSet<>(h.createQuery("SELECT source_key FROM sources").mapTo(String.class).list());
    sources.forEach(
        (key, kindAndMember) -> {
          if (!known.contains(key)) {
            h.createUpdate(
                    "INSERT INTO sources (source_key, kind, instrument, satellite, provider,"
                        + " first_ingest_id) VALUES (:k, :kind, '', '', :provider, :id)")
                .bind("k", key)
                .bind("kind", kindAndMember[0])
                .bind("provider", kindAndMember[1])
                .bind("id", id)
                .execute();
          }
        });
  }

  private static long[] writeWatches(Handle h, long id, List<Watch> watches) {
    long stored = 0;
    long duplicates = 0;
    Set<String> seen = new HashSet<>();
    Map<String, String[]> sources = new TreeMap<>();
    for (int start = 0; start < watches.size(); start += BATCH) {
      List<Watch> chunk = watches.subList(start, Math.min(watches.size(), start + BATCH));
      List<String> keys = chunk.stream().map(x -> sha256(x.identity())).toList();
      Map<String, Watch> existing = new HashMap<>();
      h.createQuery("SELECT * FROM source_watches WHERE row_key IN (<keys>)")
          .bindList("keys", keys)
          .map((rs, ctx) -> watch(rs))
          .forEach(x -> existing.put(sha256(x.identity()), x));
      List<Conflict<Watch>> conflicts = new ArrayList<>();
      PreparedBatch batch =
          h.prepareBatch(
              "INSERT INTO source_watches (row_key, ingest_id, file_name, line, content_sha256,"
                  + " source_id, source_kind, member_state, watch_from, watch_to, status, note)"
                  + " VALUES (:key, :ingest, :file, :line, :hash, :sourceId, :kind, :memberState,"
                  + " :from, :to, :status, :note)");
      int rows = 0;
      for (int i = 0; i < chunk.size(); i++) {
        Watch x = chunk.get(i);
        Watch earlier = existing.get(keys.get(i));
        if (earlier != null && !earlier.sameContent(x)) {
          conflicts.add(new Conflict<>(x, earlier));
          continue;
        }
        if (earlier != null || !seen.add(keys.get(i))) {
          duplicates++;
          continue;
        }
        sources.putIfAbsent(x.sourceKey(), new String[] {x.kind().key(), x.memberState()});
        batch
            .bind("key", keys.get(i))
            .bind("ingest", id)
            .bind("file", x.provenance().file())
            .bind("line", x.provenance().line())
            .bind("hash", x.provenance().contentHash())
            .bind("sourceId", x.sourceId())
            .bind("kind", x.kind().key())
            .bind("memberState", x.memberState())
            .bind("from", x.from())
            .bind("to", x.to())
            .bind("status", x.status().key())
            .bind("note", x.note())
            .add();
        rows++;
      }
      if (!conflicts.isEmpty()) {
        throw new ConflictingRows(conflicts);
      }
      if (rows > 0) {
        batch.execute();
      }
      stored += rows;
    }
    addSurveillanceSources(h, sources, id);
    return new long[] {stored, duplicates};
  }

  /** Every stored watch log period, in id order. */
  public List<Watch> watches() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM source_watches ORDER BY id")
                .map((rs, ctx) -> watch(rs))
                .list());
  }

  private static Watch watch(ResultSet rs) throws SQLException {
    return new Watch(
        rs.getString("source_id"),
        SourceKind.ofKey(rs.getString("source_kind")),
        rs.getString("member_state"),
        rs.getObject("watch_from", OffsetDateTime.class).toInstant(),
        rs.getObject("watch_to", OffsetDateTime.class).toInstant(),
        Watch.Status.ofKey(rs.getString("status")),
        rs.getString("note"),
        new Provenance(
            rs.getString("file_name"), rs.getLong("line"), rs.getString("content_sha256")));
  }

  /** Records the satellite sources of an ingest's observations that the store does not know yet. */
  private static void addSources(Handle h, List<Observation> observations, long ingestId) {
    Map<String, Sensor> sensors = new TreeMap<>();
    for (Observation o : observations) {
      sensors.putIfAbsent(o.sensor().key(), o.sensor());
    }
    Set<String> known =
        new HashSet<>(h.createQuery("SELECT source_key FROM sources").mapTo(String.class).list());
    for (Map.Entry<String, Sensor> e : sensors.entrySet()) {
      if (known.contains(e.getKey())) {
        continue;
      }
      h.createUpdate(
              "INSERT INTO sources (source_key, kind, instrument, satellite, provider,"
                  + " first_ingest_id) VALUES (:k, 'satellite', :i, :s, 'NASA FIRMS', :id)")
          .bind("k", e.getKey())
          .bind("i", e.getValue().instrument().name())
          .bind("s", e.getValue().satellite())
          .bind("id", ingestId)
          .execute();
    }
  }

  /**
   * A source of observations.
   *
   * @param key the source key ({@code VIIRS/N20}, {@code camera:CAM-07})
   * @param kind {@code satellite} or the kind of a report source
   * @param instrument a satellite source's instrument, else empty
   * @param satellite a satellite source's satellite, else empty
   * @param provider who provides it, as the reader may see it (null when it may not)
   * @param firstIngestId the ingest that first brought its observations
   * @param record its record in the current assessment, or null when none of its observations is in
   *     it
   */
  public record Source(
      String key,
      String kind,
      String instrument,
      String satellite,
      String provider,
      long firstIngestId,
      SourceRecord record) {}

  /**
   * Every known source, by key, as {@code reader} may see it: the member state that provides a
   * surveillance source is null unless the reader may see one of that source's reports.
   */
  public List<Source> sources(Audience reader) {
    StringBuilder released = new StringBuilder();
    Map<String, Object> binds = new LinkedHashMap<>();
    releasedTo(reader, "r", released, binds);
    String provider =
        released.length() == 0
            ? "s.provider"
            : "CASE WHEN s.kind IN ("
                + java.util.Arrays.stream(SourceKind.values())
                    .map(k -> "'" + k.key() + "'")
                    .collect(java.util.stream.Collectors.joining(", "))
                + ") AND NOT EXISTS (SELECT 1 FROM surveillance_reports r"
                + released
                + " AND CONCAT(r.source_kind, ':', r.source_id) = s.source_key)"
                + " THEN NULL ELSE s.provider END";
    return jdbi.withHandle(
        h -> {
          Query q =
              h.createQuery(
                  "SELECT s.source_key, s.kind, s.instrument, s.satellite, "
                      + provider
                      + ", s.first_ingest_id, x.observations, x.corroborated, x.first_time,"
                      + " x.last_time FROM sources s"
                      + " LEFT JOIN source_records x ON x.source_key = s.source_key"
                      + " ORDER BY s.source_key");
          binds.forEach(q::bind);
          return q.map(
                  (rs, ctx) ->
                      new Source(
                          rs.getString(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getString(4),
                          rs.getString(5),
                          rs.getLong(6),
                          rs.getObject(7) == null
                              ? null
                              : new SourceRecord(
                                  rs.getString(1),
                                  rs.getInt(7),
                                  rs.getInt(8),
                                  rs.getObject(9, OffsetDateTime.class).toInstant(),
                                  rs.getObject(10, OffsetDateTime.class).toInstant())))
              .list();
        });
  }

  /** The ingest of the file with this SHA-256, if any. */
  public Optional<Rows.Ingest> ingestBySha256(String sha256) {
    return ingestWhere("sha256", sha256);
  }

  /** The ingest whose {@code column} is {@code value}, if any (the column is unique). */
  private Optional<Rows.Ingest> ingestWhere(String column, Object value) {
    return jdbi.withHandle(
        h ->
            h.createQuery(INGEST_SELECT + " WHERE " + column + " = :v")
                .bind("v", value)
                .map((rs, ctx) -> ingest(rs))
                .findOne());
  }

  /** Every ingest, oldest first. */
  public List<Rows.Ingest> ingests() {
    return jdbi.withHandle(
        h -> h.createQuery(INGEST_SELECT + " ORDER BY id").map((rs, ctx) -> ingest(rs)).list());
  }

  private static final String INGEST_SELECT =
      "SELECT id, file_name, sha256, received, token_name, format, rows_read, kept, rejected,"
          + " outside_area, stored, duplicates, sources, first_day, last_day, rejections FROM ingests";

  private static Rows.Ingest ingest(ResultSet rs) throws SQLException {
    String sources = rs.getString("sources");
    return new Rows.Ingest(
        rs.getLong("id"),
        new Rows.IngestRequest(
            rs.getString("file_name"),
            rs.getString("sha256"),
            rs.getString("token_name"),
            rs.getString("format"),
            rs.getLong("rows_read"),
            rs.getLong("kept"),
            rs.getLong("rejected"),
            rs.getLong("outside_area"),
            sources.isEmpty() ? List.of() : List.of(sources.split(",")),
            rs.getObject("first_day", LocalDate.class),
            rs.getObject("last_day", LocalDate.class),
            rs.getString("rejections")),
        rs.getObject("received", OffsetDateTime.class).toInstant(),
        rs.getLong("stored"),
        rs.getLong("duplicates"));
  }

  /** The stored key of a detection: the SHA-256 of its {@link Observation#identity()}. */
  static String rowKey(Observation o) {
    return sha256(o.identity());
  }

  /** Every stored observation with its id, in id order. */
  public List<StoredObservation> observations() {
    return observations("");
  }

  /**
   * Every stored detection once, in id order: without the rows that migration 4 marked as a second
   * copy of a detection stored before ({@link V4__RowKeys#duplicateKey}). New ingests store no such
   * row.
   */
  public List<StoredObservation> distinctObservations() {
    return observations(" WHERE row_key NOT LIKE '" + V4__RowKeys.DUPLICATE_PREFIX + "%'");
  }

  private List<StoredObservation> observations(String where) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, file_name, line, content_sha256, latitude, longitude, acquired,"
                        + " time_precision, instrument, satellite, confidence, confidence_pct,"
                        + " brightness_k, frp_mw, scan_km, track_km, daynight, fire_type"
                        + " FROM observations"
                        + where
                        + " ORDER BY id")
                .setFetchSize(10_000)
                .map((rs, ctx) -> new StoredObservation(rs.getLong("id"), observation(rs)))
                .list());
  }

  /** An observation and its id in the store. */
  public record StoredObservation(long id, Observation observation) {}

  static Observation observation(ResultSet rs) throws SQLException {
    String conf = rs.getString("confidence");
    Object pct = rs.getObject("confidence_pct");
    Confidence c =
        conf == null
            ? null
            : new Confidence(
                Confidence.Level.valueOf(conf), pct == null ? -1 : ((Number) pct).intValue());
    return new Observation(
        rs.getDouble("latitude"),
        rs.getDouble("longitude"),
        rs.getObject("acquired", OffsetDateTime.class).toInstant(),
        TimePrecision.valueOf(rs.getString("time_precision")),
        new Sensor(Instrument.valueOf(rs.getString("instrument")), rs.getString("satellite")),
        c,
        nan(rs, "brightness_k"),
        nan(rs, "frp_mw"),
        nan(rs, "scan_km"),
        nan(rs, "track_km"),
        rs.getString("daynight").charAt(0),
        rs.getInt("fire_type"),
        new Provenance(
            rs.getString("file_name"), rs.getLong("line"), rs.getString("content_sha256")));
  }

  /**
   * Thrown, and nothing of the ingest stored, when rows to store give other content under the
   * identity of stored ones: a report's source and report id, a logged period's source, bounds and
   * status.
   */
  public static final class ConflictingRows extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Conflict<?>> conflicts;

    ConflictingRows(List<? extends Conflict<?>> conflicts) {
      super(conflicts.size() + " rows conflict with stored ones", null, false, false);
      this.conflicts = List.copyOf(conflicts);
    }

    /** The conflicts of rows of {@code type} (those of one ingest are all of one type). */
    public <T> List<Conflict<T>> conflicts(Class<T> type) {
      List<Conflict<T>> out = new ArrayList<>();
      for (Conflict<?> c : conflicts) {
        if (type.isInstance(c.given())) {
          out.add(new Conflict<>(type.cast(c.given()), type.cast(c.stored())));
        }
      }
      return out;
    }
  }

  /** A row given and the stored one under the same identity, with other content. */
  public record Conflict<T>(T given, T stored) {}

  /**
   * A stored report given again with another release: its release becomes the one given, and the
   * change is kept with the ingest, file and line that made it ({@code report_releases}).
   */
  private static void rerelease(
      Handle h, long ingestId, String key, SurveillanceReport stored, SurveillanceReport given) {
    h.createUpdate("UPDATE surveillance_reports SET releasable_to = :r WHERE row_key = :key")
        .bind("r", given.releasableTo().text())
        .bind("key", key)
        .execute();
    h.createUpdate(
            "INSERT INTO report_releases (report_row_key, ingest_id, file_name, line,"
                + " released_before, releasable_to) VALUES (:key, :ingest, :file, :line, :before,"
                + " :after)")
        .bind("key", key)
        .bind("ingest", ingestId)
        .bind("file", given.provenance().file())
        .bind("line", given.provenance().line())
        .bind("before", stored.releasableTo().text())
        .bind("after", given.releasableTo().text())
        .execute();
  }

  /**
   * A change of a stored report's release: the report (source and report id), the release before
   * and after, and the ingest (when it was received, by which token), file and line that made it.
   */
  public record Release(
      String sourceId,
      String reportId,
      Releasability before,
      Releasability after,
      long ingestId,
      Instant received,
      String tokenName,
      String file,
      long line) {}

  /** Every change of a stored report's release, oldest first. */
  public List<Release> releases() {
    return releases("", Map.of());
  }

  /**
   * The changes of the release of the stored report {@code reportId} of source {@code sourceId}.
   */
  public List<Release> releases(String sourceId, String reportId) {
    return releases(
        " WHERE r.source_id = :source AND r.report_id = :report",
        Map.of("source", sourceId, "report", reportId));
  }

  private List<Release> releases(String where, Map<String, Object> binds) {
    return jdbi.withHandle(
        h -> {
          Query q =
              h.createQuery(
                  "SELECT r.source_id, r.report_id, x.released_before, x.releasable_to,"
                      + " x.ingest_id, i.received, i.token_name, x.file_name, x.line"
                      + " FROM report_releases x"
                      + " JOIN surveillance_reports r ON r.row_key = x.report_row_key"
                      + " JOIN ingests i ON i.id = x.ingest_id"
                      + where
                      + " ORDER BY x.id");
          binds.forEach(q::bind);
          return q.map(
                  (rs, ctx) ->
                      new Release(
                          rs.getString(1),
                          rs.getString(2),
                          Releasability.parse(rs.getString(3)),
                          Releasability.parse(rs.getString(4)),
                          rs.getLong(5),
                          rs.getObject(6, OffsetDateTime.class).toInstant(),
                          rs.getString(7),
                          rs.getString(8),
                          rs.getLong(9)))
              .list();
        });
  }

  /**
   * The stored reports under {@code existing} of the chunk's keys, by key; throws {@link
   * ConflictingRows} when one of the chunk gives other content under stored ids.
   */
  private static Map<String, SurveillanceReport> requireSameContent(
      Handle h, List<SurveillanceReport> chunk, List<String> keys, Set<String> existing) {
    if (existing.isEmpty()) {
      return Map.of();
    }
    Map<String, SurveillanceReport> stored = new HashMap<>();
    h.createQuery("SELECT * FROM surveillance_reports WHERE row_key IN (<keys>)")
        .bindList("keys", List.copyOf(existing))
        .map((rs, ctx) -> report(rs))
        .forEach(x -> stored.put(sha256(x.identity()), x));
    List<Conflict<SurveillanceReport>> conflicts = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      SurveillanceReport earlier = stored.get(keys.get(i));
      if (earlier != null && !earlier.sameContent(chunk.get(i))) {
        conflicts.add(new Conflict<>(chunk.get(i), earlier));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new ConflictingRows(conflicts);
    }
    return stored;
  }

  /** Every stored surveillance report, in id order. */
  public List<SurveillanceReport> reports() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM surveillance_reports ORDER BY id")
                .map((rs, ctx) -> report(rs))
                .list());
  }

  private static SurveillanceReport report(ResultSet rs) throws SQLException {
    return new SurveillanceReport(
        rs.getString("report_id"),
        rs.getString("source_id"),
        SourceKind.ofKey(rs.getString("source_kind")),
        rs.getString("member_state"),
        rs.getObject("observed", OffsetDateTime.class).toInstant(),
        TimePrecision.valueOf(rs.getString("time_precision")),
        rs.getDouble("latitude"),
        rs.getDouble("longitude"),
        rs.getDouble("uncertainty_m"),
        ReportedEvent.ofKey(rs.getString("event")),
        rs.getInt("event_count"),
        rs.getString("description"),
        Releasability.parse(rs.getString("releasable_to")),
        new Provenance(
            rs.getString("file_name"), rs.getLong("line"), rs.getString("content_sha256")));
  }

  // ---------------------------------------------------------------- terms

  /**
   * Stores terms with the files they name, unless the same text with the same files is stored
   * already; returns the terms' id.
   */
  public long putTerms(String name, String yaml, List<Rows.TermsFile> files) {
    String termsSha = sha256(yaml);
    List<Rows.TermsFile> sorted =
        files.stream().sorted(java.util.Comparator.comparing(Rows.TermsFile::name)).toList();
    StringBuilder index = new StringBuilder();
    for (Rows.TermsFile f : sorted) {
      index.append(f.name()).append('\n').append(f.kind()).append('\n');
      index.append(sha256(f.content())).append('\n');
    }
    String filesSha = sha256(index.toString());
    synchronized (writeLock) {
      return jdbi.inTransaction(
          h -> {
            Optional<Long> known =
                h.createQuery("SELECT id FROM terms WHERE sha256 = :s AND files_sha256 = :f")
                    .bind("s", termsSha)
                    .bind("f", filesSha)
                    .mapTo(Long.class)
                    .findOne();
            if (known.isPresent()) {
              return known.get();
            }
            long id =
                h.createUpdate(
                        "INSERT INTO terms (name, sha256, files_sha256, yaml, added)"
                            + " VALUES (:n, :s, :f, :y, :a)")
                    .bind("n", name)
                    .bind("s", termsSha)
                    .bind("f", filesSha)
                    .bind("y", yaml)
                    .bind("a", now())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            PreparedBatch b =
                h.prepareBatch(
                    "INSERT INTO terms_files (terms_id, name, kind, sha256, content)"
                        + " VALUES (:t, :n, :k, :s, :c)");
            for (Rows.TermsFile f : sorted) {
              b.bind("t", id)
                  .bind("n", f.name())
                  .bind("k", f.kind())
                  .bind("s", sha256(f.content()))
                  .bind("c", f.content())
                  .add();
            }
            if (!sorted.isEmpty()) {
              b.execute();
            }
            return id;
          });
    }
  }

  /**
   * The terms in use: those of the current assessment, else the most recently added, if any. (Terms
   * given again are not added again, so the newest row is not always the latest choice.)
   */
  public Optional<Rows.Terms> currentTerms() {
    Optional<Rows.AssessmentInfo> a = assessment();
    if (a.isPresent()) {
      return terms(a.get().termsId());
    }
    return jdbi.withHandle(
            h ->
                h.createQuery("SELECT id FROM terms ORDER BY id DESC")
                    .setMaxRows(1)
                    .mapTo(Long.class)
                    .findFirst())
        .flatMap(this::terms);
  }

  /** The terms with this id, with the files they name. */
  public Optional<Rows.Terms> terms(long id) {
    return jdbi.withHandle(
        h -> {
          List<Rows.TermsFile> files =
              h.createQuery(
                      "SELECT name, kind, content FROM terms_files WHERE terms_id = :id"
                          + " ORDER BY name")
                  .bind("id", id)
                  .map(
                      (rs, ctx) ->
                          new Rows.TermsFile(
                              rs.getString("name"), rs.getString("kind"), rs.getBytes("content")))
                  .list();
          return h.createQuery("SELECT id, name, sha256, yaml FROM terms WHERE id = :id")
              .bind("id", id)
              .map(
                  (rs, ctx) ->
                      new Rows.Terms(
                          rs.getLong("id"),
                          rs.getString("name"),
                          rs.getString("sha256"),
                          rs.getString("yaml"),
                          files))
              .findOne();
        });
  }

  // ---------------------------------------------------------------- assessment

  /**
   * Replaces the current assessment in one transaction, adds the alert messages its findings issue
   * to the log, and returns those and the row hashes of the evidence of the replaced assessment's
   * violations and probable violations when it was made under the same terms (else none): what
   * tells the findings this one states for the first time ({@link org.trucewatch.run.FirstStated}).
   * All is read and written in the same transaction, after the lock that makes server processes
   * sharing a PostgreSQL store write one assessment after the other, so that two of them never both
   * take a finding for new nor issue the same message.
   */
  public Rows.Replaced replaceAssessment(Rows.Assessment a) {
    return replaceAssessment(a, r -> Optional.empty());
  }

  /**
   * Replaces the current assessment as {@link #replaceAssessment(Rows.Assessment)} does, and adds
   * to the log of statements, in the same transaction, what {@code statement} makes of what
   * replacing it told, if anything: so that a statement is kept exactly when its assessment is.
   */
  public Rows.Replaced replaceAssessment(
      Rows.Assessment a, Function<Rows.Replaced, Optional<String>> statement) {
    synchronized (writeLock) {
      return jdbi.inTransaction(
          h -> {
            // server processes sharing the store write one assessment after the other, so that
            // each numbers its days' versions after those of the one before
            lockAssessments(h);
            boolean sameTerms =
                h.createQuery("SELECT terms_id FROM assessment")
                    .mapTo(Long.class)
                    .findOne()
                    .filter(t -> t == a.termsId())
                    .isPresent();
            Set<String> before = sameTerms ? seriousEvidence(h) : Set.of();
            Map<String, Rows.AlertMessage> messages = AlertMessages.current(h);
            if (sameTerms) {
              Reviews.supersede(
                  h,
                  a.findings().stream().map(Rows.Finding::id).collect(Collectors.toSet()),
                  a.made());
            } else {
              h.execute("DELETE FROM superseded_findings");
            }
            h.execute("DELETE FROM findings");
            h.execute("DELETE FROM source_records");
            h.execute("DELETE FROM placements");
            h.execute("DELETE FROM incidents");
            h.execute("DELETE FROM assessment_days");
            h.execute("DELETE FROM assessment");
            h.createUpdate(
                    "INSERT INTO assessment (id, terms_id, last_ingest_id, method_version, made,"
                        + " report_json, report_html, map_layers) VALUES (1, :t, :i, :m, :made,"
                        + " :json, :html, :layers)")
                .bind("t", a.termsId())
                .bind("i", a.lastIngestId())
                .bind("m", a.methodVersion())
                .bind("made", a.made())
                .bind("json", a.reportJson())
                .bind("html", a.reportHtml())
                .bind("layers", a.mapLayers())
                .execute();
            PreparedBatch db =
                h.prepareBatch(
                    "INSERT INTO assessment_days (report_day, html) VALUES (:day, :html)");
            for (Map.Entry<LocalDate, String> page : new TreeMap<>(a.dayPages()).entrySet()) {
              db.bind("day", page.getKey()).bind("html", page.getValue()).add();
            }
            if (!a.dayPages().isEmpty()) {
              db.execute();
            }
            for (Map.Entry<LocalDate, DayRevision> r : new TreeMap<>(a.revisions()).entrySet()) {
              addRevision(h, a.termsId(), r.getKey(), r.getValue());
            }
            PreparedBatch ib =
                h.prepareBatch(
                    "INSERT INTO incidents (id, report_day, first_time, last_time, latitude,"
                        + " longitude, detections, reports, sources, corroborated, war_related,"
                        + " side, distance_m, oblast_code, oblast, sector_id, sector, verdict)"
                        + " VALUES (:id, :reportDay, :first, :last, :latitude, :longitude,"
                        + " :detections, :reports, :sources, :corroborated, :warRelated, :side,"
                        + " :distanceMetres, :oblastCode, :oblast, :sectorId, :sector,"
                        + " :verdict)");
            flush(ib, a.incidents());
            PreparedBatch fb =
                h.prepareBatch(
                    "INSERT INTO findings (id, incident_id, clause_id, verdict, report_day,"
                        + " first_time, latitude, longitude, side, oblast_code, oblast, sector_id,"
                        + " sector, zones, reasoning, evidence) VALUES (:id, :incidentId,"
                        + " :clauseId, :verdict, :reportDay, :first, :latitude, :longitude,"
                        + " :side, :oblastCode, :oblast, :sectorId, :sector, :zones, :reasoning,"
                        + " :evidence)");
            flush(fb, a.findings());
            List<Rows.AlertMessage> issued = AlertMessages.restate(h, a, messages);
            PreparedBatch pb =
                h.prepareBatch(
                    "INSERT INTO placements (observation_id, report_day, side, distance_m,"
                        + " oblast_code, oblast, sector_id, sector, cell, cell_day_count,"
                        + " expected, p_value, war_related, rule, incident_id) VALUES"
                        + " (:observationId, :reportDay, :side, :distanceMetres, :oblastCode,"
                        + " :oblast, :sectorId, :sector, :cell, :cellDayCount, :expected, :pValue,"
                        + " :warRelated, :rule, :incidentId)");
            flush(pb, a.placements());
            PreparedBatch sb =
                h.prepareBatch(
                    "INSERT INTO source_records (source_key, observations, corroborated,"
                        + " first_time, last_time) VALUES (:source, :observations, :corroborated,"
                        + " :first, :last)");
            flush(sb, a.sourceRecords());
            Rows.Replaced replaced = new Rows.Replaced(before, issued);
            statement.apply(replaced).ifPresent(body -> Statements.add(h, a.made(), body));
            return replaced;
          });
    }
  }

  private static void flush(PreparedBatch batch, List<?> rows) {
    int n = 0;
    for (Object r : rows) {
      batch.bindMethods(r).add();
      if (++n % BATCH == 0) {
        batch.execute();
      }
    }
    if (n % BATCH != 0) {
      batch.execute();
    }
  }

  /** The verdicts as the columns of {@code day_revisions} name them. */
  private static String column(Verdict v) {
    return v.key().replace('-', '_');
  }

  /**
   * Adds {@code r} as the next version of the day's figures, unless the newest kept states the same
   * (as when another process that read the same versions wrote it first).
   */
  private static void addRevision(Handle h, long termsId, LocalDate day, DayRevision r) {
    List<DayRevision> kept =
        h.createQuery(
                "SELECT * FROM day_revisions WHERE terms_id = :t AND report_day = :day"
                    + " ORDER BY revision")
            .bind("t", termsId)
            .bind("day", day)
            .map((rs, ctx) -> revision(rs))
            .list();
    if (!kept.isEmpty() && kept.get(kept.size() - 1).sameAs(r)) {
      return;
    }
    int revision = kept.size() + 1;
    StringBuilder cols = new StringBuilder();
    StringBuilder vals = new StringBuilder();
    for (Verdict v : Verdict.values()) {
      cols.append(", ").append(column(v));
      vals.append(", :").append(column(v));
    }
    var u =
        h.createUpdate(
                "INSERT INTO day_revisions (terms_id, report_day, revision, stated, method_version,"
                    + " last_ingest_id, coverage, detections, war_related, in_buffer, incidents,"
                    + " reports, areas"
                    + cols
                    + ") VALUES (:t, :day, :revision, :stated, :m, :ingest, :coverage, :detections,"
                    + " :war, :buffer, :incidents, :reports, :areas"
                    + vals
                    + ")")
            .bind("t", termsId)
            .bind("day", day)
            .bind("revision", revision)
            .bind("stated", r.stated())
            .bind("m", r.methodVersion())
            .bind("ingest", r.lastIngestId())
            .bind("coverage", r.coverage())
            .bind("detections", r.detections())
            .bind("war", r.warRelated())
            .bind("buffer", r.inBuffer())
            .bind("incidents", r.incidents())
            .bind("reports", r.reports())
            .bind("areas", r.areas() == null ? null : json(r.areas()));
    for (Verdict v : Verdict.values()) {
      u.bind(column(v), r.findings().getOrDefault(v.key(), 0));
    }
    u.execute();
  }

  /**
   * Every version of each report day's figures stated under the terms {@code termsId}, oldest first
   * ({@link Rows.Assessment#revisions}).
   */
  public Map<LocalDate, List<DayRevision>> dayRevisions(long termsId) {
    return jdbi.withHandle(
        h -> {
          Map<LocalDate, List<DayRevision>> out = new TreeMap<>();
          h.createQuery(
                  "SELECT * FROM day_revisions WHERE terms_id = :t ORDER BY report_day, revision")
              .bind("t", termsId)
              .map(
                  (rs, ctx) -> Map.entry(rs.getObject("report_day", LocalDate.class), revision(rs)))
              .forEach(
                  e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
          return out;
        });
  }

  /** Whether any version of a report day's figures is kept under the terms {@code termsId}. */
  public boolean hasDayRevisions(long termsId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM day_revisions WHERE terms_id = :t")
                    .bind("t", termsId)
                    .mapTo(Long.class)
                    .one()
                > 0);
  }

  /** A row of {@code day_revisions}. */
  private static DayRevision revision(ResultSet rs) throws SQLException {
    Map<String, Integer> findings = new LinkedHashMap<>();
    for (Verdict v : Verdict.values()) {
      findings.put(v.key(), rs.getInt(column(v)));
    }
    String areas = rs.getString("areas");
    return new DayRevision(
        rs.getObject("stated", OffsetDateTime.class).toInstant(),
        rs.getString("method_version"),
        rs.getLong("last_ingest_id"),
        rs.getString("coverage"),
        rs.getInt("detections"),
        rs.getInt("war_related"),
        rs.getInt("in_buffer"),
        rs.getInt("incidents"),
        findings,
        rs.getInt("reports"),
        areas == null ? null : areas(areas));
  }

  private static String json(DayRevision.Areas areas) {
    try {
      return JSON.writeValueAsString(areas);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a day's counts by area could not be written", e);
    }
  }

  private static DayRevision.Areas areas(String json) {
    try {
      return JSON.readValue(json, DayRevision.Areas.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored counts by area are not JSON: " + json, e);
    }
  }

  /** The current assessment's ids and method, if one was made. */
  public Optional<Rows.AssessmentInfo> assessment() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT terms_id, last_ingest_id, method_version, made FROM assessment")
                .map(
                    (rs, ctx) ->
                        new Rows.AssessmentInfo(
                            rs.getLong("terms_id"),
                            rs.getLong("last_ingest_id"),
                            rs.getString("method_version"),
                            rs.getObject("made", OffsetDateTime.class).toInstant()))
                .findOne());
  }

  /** One of the current assessment's texts: report.json, report.html or the map layers. */
  public enum Text {
    REPORT_JSON("report_json"),
    REPORT_HTML("report_html"),
    MAP_LAYERS("map_layers");

    private final String column;

    Text(String column) {
      this.column = column;
    }
  }

  public Optional<String> assessmentText(Text text) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + text.column + " FROM assessment")
                .mapTo(String.class)
                .findOne());
  }

  /**
   * Whether the current assessment's {@code text} holds {@code part}, asked of the database, so
   * that a check of a large page (report.html) does not read it.
   */
  public boolean assessmentTextContains(Text text, String part) {
    String found =
        database.dialect() == Database.Dialect.POSTGRESQL
            ? "strpos(" + text.column + ", :part)"
            : "LOCATE(:part, " + text.column + ")";
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + found + " > 0 FROM assessment")
                .bind("part", part)
                .mapTo(Boolean.class)
                .findOne()
                .orElse(false));
  }

  /** Whether the current assessment holds daily reports: one made before migration 7 holds none. */
  public boolean hasDayPages() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM assessment_days").mapTo(Long.class).one() > 0);
  }

  /**
   * Whether a finding of violation or probable violation of the current assessment has no alert
   * message: an assessment made before the store kept them (migration 17).
   */
  public boolean hasFindingsWithoutAlertMessage() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                        "SELECT COUNT(*) FROM findings WHERE alert_identifier = '' AND verdict IN"
                            + " (<serious>)")
                    .bindList("serious", seriousKeys())
                    .mapTo(Long.class)
                    .one()
                > 0);
  }

  /** The current assessment's daily report of {@code day}, if it has that report day. */
  public Optional<String> dayPage(LocalDate day) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT html FROM assessment_days WHERE report_day = :day")
                .bind("day", day)
                .mapTo(String.class)
                .findOne());
  }

  /** The ingest {@code id}, if there is one. */
  public Optional<Rows.Ingest> ingest(long id) {
    return ingestWhere("id", id);
  }

  /**
   * On PostgreSQL, takes (until the transaction of {@code h} ends) the lock under which server
   * processes sharing the store write their assessments and statements one after the other; in the
   * embedded store, one process writes, under {@link #writeLock}.
   */
  private void lockAssessments(Handle h) {
    if (database.dialect() == Database.Dialect.POSTGRESQL) {
      h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:k)) AS l")
          .bind("k", ASSESSMENT_LOCK)
          .mapTo(Integer.class)
          .one();
    }
  }

  /** The newest ingest's id, or 0 without any. */
  public long lastIngestId() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM ingests").mapTo(Long.class).one());
  }

  // ---------------------------------------------------------------- reviews

  /**
   * Keeps an analyst's review of finding {@code findingId} as it stands, or as it stood when a
   * re-assessment under the same terms superseded it (a row joined its incident), with the finding
   * that stands for it now; empty when there is no such finding. It changes no finding or figure.
   *
   * @param status one of {@link Rows.Review#STATUSES}
   * @param note why: not blank, at most {@link Rows.Review#MAX_NOTE} characters (trimmed)
   * @param reviewer the name of the review token it is posted with
   * @throws IllegalArgumentException naming the field and the value when the status or note cannot
   *     be
   * @throws SupersededFinding when the finding was superseded and none stands for it now
   */
  public Optional<Rows.ReviewKept> review(
      String findingId, String status, String note, String reviewer) {
    return review(findingId, status, note, reviewer, (r, f) -> Optional.empty());
  }

  /**
   * Keeps an analyst's review as {@link #review(String, String, String, String)} does, and adds to
   * the log of statements, in the same transaction, what {@code statement} makes of the review kept
   * and the finding that stands for the one reviewed as the same transaction reads it (its stored
   * columns, without its review), if anything: so that a statement is kept exactly when its review
   * is, and tells the finding that was reviewed.
   */
  public Optional<Rows.ReviewKept> review(
      String findingId,
      String status,
      String note,
      String reviewer,
      BiFunction<Rows.Review, Features.Feature, Optional<String>> statement) {
    if (status == null || !Rows.Review.STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "status must be one of " + String.join(", ", Rows.Review.STATUSES) + ", was " + status);
    }
    String text = note == null ? "" : note.strip();
    if (text.isEmpty() || text.length() > Rows.Review.MAX_NOTE) {
      throw new IllegalArgumentException(
          "note must say why in 1-"
              + Rows.Review.MAX_NOTE
              + " characters, was "
              + (text.isEmpty() ? "empty" : text.length() + " characters"));
    }
    requireTokenName(reviewer);
    synchronized (writeLock) {
      return jdbi.inTransaction(
          h -> {
            // statements are numbered one after the other, as an assessment numbers them
            lockAssessments(h);
            Optional<Features.Feature> finding = currentFinding(h, findingId);
            Reviews.Judged judged;
            if (finding.isPresent()) {
              judged = Reviews.Judged.of(h, finding.get());
            } else {
              // a finding shown before a re-assessment renamed it: the review is of what the
              // analyst saw, and concerns the finding that rests on all its rows now
              Optional<Reviews.Superseded> old = Reviews.superseded(h, findingId);
              if (old.isEmpty()) {
                return Optional.empty();
              }
              judged = old.get().finding();
              Optional<String> now = Reviews.successor(h, judged);
              if (now.isEmpty()) {
                throw new SupersededFinding(new Rows.Superseded(findingId, old.get().when(), null));
              }
              finding = currentFinding(h, now.get());
            }
            Rows.Review kept = Reviews.add(h, judged, status, text, reviewer, now());
            Features.Feature stands = finding.orElseThrow();
            statement.apply(kept, stands).ifPresent(body -> Statements.add(h, kept.made(), body));
            return Optional.of(new Rows.ReviewKept(kept, stands.id()));
          });
    }
  }

  /** Finding {@code findingId} of the current assessment with its stored columns. */
  private static Optional<Features.Feature> currentFinding(Handle h, String findingId) {
    return h.createQuery(Layer.FINDINGS.select(false) + " WHERE x.id = :id")
        .bind("id", findingId)
        .map((rs, c) -> feature(rs))
        .findOne();
  }

  /**
   * When a re-assessment under the current terms superseded finding {@code findingId}, which the
   * current assessment does not state, and the finding that rests on all its evidence rows now, if
   * one does; empty for a finding of the current assessment or one never stated under these terms.
   */
  public Optional<Rows.Superseded> superseded(String findingId) {
    return jdbi.withHandle(
        h -> {
          if (currentFinding(h, findingId).isPresent()) {
            return Optional.empty();
          }
          return Reviews.superseded(h, findingId)
              .map(
                  old ->
                      new Rows.Superseded(
                          findingId, old.when(), Reviews.successor(h, old.finding()).orElse(null)));
        });
  }

  /**
   * Thrown, and no review kept, when a review names a finding that a re-assessment superseded and
   * that no finding stands for now (a row it rested on left its incident).
   */
  public static final class SupersededFinding extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Rows.Superseded superseded;

    SupersededFinding(Rows.Superseded superseded) {
      super(
          "finding "
              + superseded.findingId()
              + " no longer stands: the re-assessment of "
              + superseded.when()
              + " left no finding of its clause resting on all its evidence rows",
          null,
          false,
          false);
      this.superseded = superseded;
    }

    /** The finding, and when it was superseded. */
    public Rows.Superseded superseded() {
      return superseded;
    }
  }

  /**
   * The reviews that concern the current assessment's finding {@code findingId} ({@link
   * Rows.Review#concerns}), newest first, as readers are given them; empty when there is no such
   * finding.
   */
  public Optional<ArrayNode> reviewsOf(String findingId) {
    return jdbi.withHandle(
        h -> {
          Optional<String[]> f =
              h.createQuery("SELECT clause_id, evidence FROM findings WHERE id = :id")
                  .bind("id", findingId)
                  .map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)})
                  .findOne();
          if (f.isEmpty()) {
            return Optional.empty();
          }
          Set<String> rows = AlertMessages.evidence(f.get()[1]);
          ArrayNode out = JSON.createArrayNode();
          Reviews.concerning(Reviews.ofCurrentTerms(h), f.get()[0], rows)
              .forEach(r -> out.add(Reviews.json(r, rows)));
          return Optional.of(out);
        });
  }

  /** A page of every review kept, under any terms, newest first, with how many there are. */
  public Rows.ReviewLog reviews(int limit, long offset) {
    return jdbi.withHandle(h -> Reviews.page(h, limit, offset));
  }

  /** A review as readers are given it, of a finding as it stood when reviewed. */
  public static ObjectNode reviewJson(Rows.Review r) {
    return Reviews.json(r, null);
  }

  /** Row counts of the main tables, for health and metrics. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    jdbi.useHandle(
        h -> {
          for (String t :
              List.of(
                  "ingests",
                  "observations",
                  "surveillance_reports",
                  "source_watches",
                  "incidents",
                  "findings",
                  "alert_messages",
                  "statements",
                  "finding_reviews",
                  "tokens",
                  "terms",
                  "sources")) {
            out.put(t, h.createQuery("SELECT COUNT(*) FROM " + t).mapTo(Long.class).one());
          }
        });
    return out;
  }

  // ---------------------------------------------------------------- reads

  /**
   * A filtered page of a layer as {@code reader} may see it, in time order, with the number matched
   * in all. Only surveillance reports depend on the reader: each is served to the readers it is
   * released to.
   *
   * @throws IllegalArgumentException for a filter that the layer does not take
   */
  public Features.Page query(
      Layer layer, Features.Filter f, Audience reader, int limit, long offset) {
    StringBuilder where = new StringBuilder();
    Map<String, Object> binds = new LinkedHashMap<>();
    if (!layer.assessed()) {
      requireUnassessedFilter(layer, f);
      releasedTo(reader, "r", where, binds);
    }
    if (f.from() != null) {
      and(where).append(layer.timeColumn).append(" >= :from");
      binds.put("from", f.from());
    }
    if (f.to() != null) {
      and(where).append(layer.timeColumn).append(" < :to");
      binds.put("to", f.to());
    }
    if (f.day() != null) {
      and(where).append(layer.placementAlias).append(".report_day = :day");
      binds.put("day", f.day());
    }
    if (f.bbox() != null) {
      double[] b = f.bbox();
      if (database.dialect() == Database.Dialect.POSTGRESQL && layer.geomColumn != null) {
        and(where)
            .append(layer.geomColumn)
            .append(" && ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, 4326)");
      } else {
        and(where)
            .append(layer.lonColumn)
            .append(" BETWEEN :minx AND :maxx AND ")
            .append(layer.latColumn)
            .append(" BETWEEN :miny AND :maxy");
      }
      binds.put("minx", b[0]);
      binds.put("miny", b[1]);
      binds.put("maxx", b[2]);
      binds.put("maxy", b[3]);
    }
    if (f.oblast() != null) {
      and(where).append(layer.placementAlias).append(".oblast_code = :oblast");
      binds.put("oblast", f.oblast());
    }
    if (f.sector() != null) {
      and(where).append(layer.placementAlias).append(".sector_id = :sector");
      binds.put("sector", f.sector().equals(Features.NO_SECTOR) ? "" : f.sector());
    }
    if (f.side() != null) {
      and(where).append(layer.placementAlias).append(".side = :side");
      binds.put("side", f.side());
    }
    if (f.verdict() != null) {
      and(where).append(layer.verdictColumn()).append(" = :verdict");
      binds.put("verdict", f.verdict());
    }
    if (f.warRelated() != null) {
      if (layer == Layer.FINDINGS) {
        throw new IllegalArgumentException("war_related does not apply to findings");
      }
      and(where).append(layer.placementAlias).append(".war_related = :war");
      binds.put("war", f.warRelated());
    }
    if (f.incident() != null) {
      and(where).append(layer.incidentColumn()).append(" = :incident");
      binds.put("incident", f.incident());
    }
    if (f.review() != null) {
      if (layer != Layer.FINDINGS) {
        throw new IllegalArgumentException("review applies to findings only");
      }
      Features.review(f.review());
    }
    boolean placementFiltered =
        f.day() != null
            || f.oblast() != null
            || f.sector() != null
            || f.side() != null
            || f.verdict() != null
            || f.warRelated() != null
            || f.incident() != null;
    String sql = layer.select(placementFiltered) + where;
    if (f.review() != null) {
      return jdbi.withHandle(h -> byReview(h, sql, binds, f.review(), reader, limit, offset));
    }
    return jdbi.withHandle(
        h -> {
          Query count = h.createQuery("SELECT COUNT(*) FROM (" + sql + ") n");
          binds.forEach(count::bind);
          long matched = count.mapTo(Long.class).one();
          Query q =
              h.createQuery(
                  sql
                      + " ORDER BY "
                      + layer.timeColumn
                      + ", "
                      + layer.idColumn
                      + " LIMIT :limit OFFSET :offset");
          binds.forEach(q::bind);
          q.bind("limit", limit).bind("offset", offset);
          List<Features.Feature> features = q.map((rs, ctx) -> feature(rs)).list();
          return new Features.Page(served(h, layer, features, reader), matched);
        });
  }

  /**
   * A page of the findings that {@code sql} selects whose newest review has the status {@code
   * review} ({@link Features#NO_REVIEW}: that no review concerns): which review concerns a finding
   * is known from its evidence rows, not in SQL, so every finding the other filters select is read
   * and matched, in time order, and the page cut from those that match; only the page's evidence is
   * withheld as the reader must be given it.
   */
  private Features.Page byReview(
      Handle h,
      String sql,
      Map<String, Object> binds,
      String review,
      Audience reader,
      int limit,
      long offset) {
    Query q =
        h.createQuery(
            sql + " ORDER BY " + Layer.FINDINGS.timeColumn + ", " + Layer.FINDINGS.idColumn);
    binds.forEach(q::bind);
    List<Features.Feature> all =
        withReviews(h, Layer.FINDINGS, q.map((rs, ctx) -> feature(rs)).list());
    List<Features.Feature> matching = new ArrayList<>();
    for (Features.Feature x : all) {
      Object r = x.properties().get("review");
      String status = r == null ? Features.NO_REVIEW : ((JsonNode) r).path("status").asText();
      if (status.equals(review)) {
        matching.add(x);
      }
    }
    int from = (int) Math.min(offset, matching.size());
    int to = (int) Math.min((long) from + limit, matching.size());
    return new Features.Page(
        withholding(h, Layer.FINDINGS, matching.subList(from, to), reader), matching.size());
  }

  /**
   * The property names of a layer's features, in order (the columns of a CSV export): a finding's
   * end with {@code review}.
   */
  public List<String> columns(Layer layer) {
    return jdbi.withHandle(
        h ->
            h.createQuery(layer.select(false) + " WHERE 1 = 0")
                .scanResultSet(
                    (rs, ctx) -> {
                      ResultSetMetaData md = rs.get().getMetaData();
                      List<String> names = new ArrayList<>();
                      for (int i = 1; i <= md.getColumnCount(); i++) {
                        names.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
                      }
                      if (layer == Layer.FINDINGS) {
                        names.add("review"); // not a column: the newest review that concerns it
                      }
                      return names;
                    }));
  }

  /** One feature of a layer by id, if there is one that {@code reader} may see. */
  public Optional<Features.Feature> feature(Layer layer, String id, Audience reader) {
    Object key;
    if (layer == Layer.OBSERVATIONS || layer == Layer.SURVEILLANCE_REPORTS) {
      try {
        key = Long.parseLong(id);
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    } else {
      key = id;
    }
    StringBuilder where = new StringBuilder(" WHERE " + layer.idColumn + " = :id");
    Map<String, Object> binds = new LinkedHashMap<>();
    binds.put("id", key);
    if (!layer.assessed()) {
      releasedTo(reader, "r", where, binds);
    }
    return jdbi.withHandle(
        h -> {
          Query q = h.createQuery(layer.select(false) + where);
          binds.forEach(q::bind);
          return q.map((rs, ctx) -> feature(rs))
              .findOne()
              .map(x -> served(h, layer, List.of(x), reader).get(0));
        });
  }

  /** Features of a layer as {@code reader} is served them: findings with reviews, withheld. */
  private List<Features.Feature> served(
      Handle h, Layer layer, List<Features.Feature> features, Audience reader) {
    return withholding(h, layer, withReviews(h, layer, features), reader);
  }

  /**
   * Findings, each with {@code review}: the newest analyst's review that concerns it ({@link
   * Rows.Review#concerns}), or null; and its {@code evidence} read once, as {@link #withholding}
   * then takes it. Other layers are returned as they are.
   */
  private static List<Features.Feature> withReviews(
      Handle h, Layer layer, List<Features.Feature> features) {
    if (layer != Layer.FINDINGS || features.isEmpty()) {
      return features;
    }
    List<Rows.Review> made = Reviews.ofCurrentTerms(h);
    List<Features.Feature> out = new ArrayList<>(features.size());
    for (Features.Feature x : features) {
      ArrayNode rows = evidenceOf(x);
      Set<String> hashes = new HashSet<>();
      rows.forEach(e -> hashes.add(e.path("sha256").asText()));
      String clause = String.valueOf(x.properties().get("clause_id"));
      Map<String, Object> props = new LinkedHashMap<>(x.properties());
      props.put("evidence", rows);
      props.put(
          "review",
          Reviews.concerning(made, clause, hashes).stream()
              .findFirst()
              .map(r -> Reviews.json(r, hashes))
              .orElse(null));
      out.add(new Features.Feature(x.id(), x.longitude(), x.latitude(), props));
    }
    return out;
  }

  /**
   * Findings as {@code reader} may see them. A finding is the mission's statement and reads the
   * same to everyone, but an evidence row of a surveillance report is the report's raw data: to a
   * reader it is not released to, the row keeps what the reasoning states (kind, time, source and
   * event) and gives its point, file, line and row hash as null, with {@code withheld} true. Every
   * other row has {@code withheld} false. Other layers are returned as they are.
   */
  private List<Features.Feature> withholding(
      Handle h, Layer layer, List<Features.Feature> features, Audience reader) {
    if (layer != Layer.FINDINGS || features.isEmpty()) {
      return features;
    }
    List<ArrayNode> evidence = new ArrayList<>(features.size());
    Set<String> reports = new HashSet<>();
    for (Features.Feature x : features) {
      ArrayNode rows = evidenceOf(x);
      evidence.add(rows);
      for (JsonNode e : rows) {
        if (e.path("kind").asText().equals("report")) {
          reports.add(e.path("sha256").asText());
        }
      }
    }
    Set<String> released = reportsReleasedTo(h, reader, reports);
    List<Features.Feature> out = new ArrayList<>(features.size());
    for (int i = 0; i < features.size(); i++) {
      for (JsonNode e : evidence.get(i)) {
        ObjectNode row = (ObjectNode) e;
        boolean withheld =
            row.path("kind").asText().equals("report")
                && !released.contains(row.path("sha256").asText());
        if (withheld) {
          for (String field : List.of("file", "line", "sha256", "latitude", "longitude")) {
            row.putNull(field);
          }
        }
        row.put("withheld", withheld);
      }
      Features.Feature x = features.get(i);
      Map<String, Object> props = new LinkedHashMap<>(x.properties());
      props.put("evidence", evidence.get(i));
      out.add(new Features.Feature(x.id(), x.longitude(), x.latitude(), props));
    }
    return out;
  }

  /**
   * The alert messages that a feed lists, newest first: the message that states each finding of
   * violation or probable violation of the current assessment, and each Cancel sent at or after
   * {@code cancelsSince}; at most {@code limit}.
   */
  public List<Rows.AlertMessage> alertMessages(Instant cancelsSince, int limit) {
    return jdbi.withHandle(h -> AlertMessages.listed(h, cancelsSince, limit));
  }

  /**
   * A page of the whole log of alert messages in the order issued, of the messages sent at or after
   * {@code since} (null: all) and numbered after {@code after} (0: all), with how many match in
   * all.
   */
  public Rows.AlertLog alertLog(Instant since, long after, int limit, long offset) {
    return jdbi.withHandle(h -> AlertMessages.log(h, since, after, limit, offset));
  }

  /** The number of the last message of the log of alert messages; 0 while it is empty. */
  public long alertLogEnd() {
    return jdbi.withHandle(AlertMessages::end);
  }

  /**
   * The alert messages after number {@code seq} of the log, in the order they were issued, at most
   * {@code limit}, each with whether it states a finding of the current assessment.
   */
  public List<Rows.Logged> alertMessagesAfter(long seq, int limit) {
    return jdbi.withHandle(h -> AlertMessages.after(h, seq, limit));
  }

  /**
   * How far along its log the receiver of alerts {@code key} has been given them: the number of the
   * last entry it was given or passed over; empty for a receiver not given any before.
   */
  public Optional<Long> alertPlace(String key) {
    return jdbi.withHandle(h -> AlertMessages.place(h, key));
  }

  /**
   * Records that the receiver {@code key} of {@code channel} ({@code receiver}: its URL or address
   * as operators may be shown it) has been given or passed over the entries of its log up to number
   * {@code seq}.
   */
  public void alertPlaced(String key, String channel, String receiver, long seq) {
    jdbi.useHandle(h -> AlertMessages.placed(h, key, channel, receiver, seq, now()));
  }

  /**
   * Holds the place of receiver {@code key} for the process {@code holder} for {@code lease} from
   * now, unless another process holds it: the place, when it is held (also when {@code holder} held
   * it already: the hold is renewed). The hold of a process that stopped without letting go lapses
   * at its end, and the next process takes the place over.
   */
  public Optional<Long> holdAlertPlace(String key, String holder, java.time.Duration lease) {
    Instant now = now();
    return jdbi.inTransaction(h -> AlertMessages.hold(h, key, holder, now, now.plus(lease)));
  }

  /**
   * Records that the receiver {@code key} has been given or passed over the entries of its log up
   * to number {@code seq}, if the process {@code holder} holds its place; whether it did (when not,
   * another process has taken the place over).
   */
  public boolean moveAlertPlace(String key, String holder, long seq) {
    return jdbi.withHandle(h -> AlertMessages.move(h, key, holder, seq, now()));
  }

  /** Lets go of the place of receiver {@code key}, if the process {@code holder} holds it. */
  public void releaseAlertPlace(String key, String holder) {
    jdbi.useHandle(h -> AlertMessages.release(h, key, holder));
  }

  /**
   * Each receiver that alerts were given to, with its place in its log, by channel and receiver.
   */
  public List<Rows.AlertPlace> alertPlaces() {
    return jdbi.withHandle(AlertMessages::places);
  }

  /**
   * Forgets the place of receiver {@code key} in its log, so that alerts to it start again at the
   * log's end; whether it had one.
   */
  public boolean forgetAlertPlace(String key) {
    return jdbi.withHandle(h -> AlertMessages.forget(h, key));
  }

  /** The number of the last statement of the report days' figures, 0 when there is none. */
  public long statementLogEnd() {
    return jdbi.withHandle(Statements::end);
  }

  /** The statements after number {@code seq}, in the order made, at most {@code limit}. */
  public List<Rows.Statement> statementsAfter(long seq, int limit) {
    return jdbi.withHandle(h -> Statements.after(h, seq, limit));
  }

  /**
   * A page of the log of statements in the order made: those after number {@code after} and, with
   * {@code since}, made from then on; with how many match in all.
   */
  public Rows.StatementLog statementLog(Instant since, long after, int limit, long offset) {
    return jdbi.withHandle(h -> Statements.log(h, since, after, limit, offset));
  }

  /** One alert message of the log, current or not, by its identifier. */
  public Optional<Rows.AlertMessage> alertMessage(String identifier) {
    return jdbi.withHandle(h -> AlertMessages.one(h, identifier));
  }

  /** The message that states a finding of the current assessment, if the finding alerts. */
  public Optional<Rows.AlertMessage> alertMessageOf(String findingId) {
    return jdbi.withHandle(h -> AlertMessages.ofFinding(h, findingId));
  }

  /** The identifiers of the messages that replaced or withdrew the message {@code identifier}. */
  public List<String> alertMessagesReferencing(String identifier) {
    return jdbi.withHandle(h -> AlertMessages.referencing(h, identifier));
  }

  /**
   * The row hashes of the evidence of the stored assessment's findings of violation and probable
   * violation: what an assessment compares its findings with to tell those it states for the first
   * time ({@link org.trucewatch.run.FirstStated}).
   */
  public Set<String> seriousEvidence() {
    return jdbi.withHandle(Store::seriousEvidence);
  }

  private static Set<String> seriousEvidence(Handle h) {
    List<String> stored =
        h.createQuery("SELECT evidence FROM findings WHERE verdict IN (<serious>)")
            .bindList("serious", seriousKeys())
            .mapTo(String.class)
            .list();
    Set<String> out = new HashSet<>();
    for (String text : stored) {
      out.addAll(AlertMessages.evidence(text));
    }
    return out;
  }

  /** The keys of the verdicts that alerts name: violation and probable violation. */
  private static List<String> seriousKeys() {
    return java.util.Arrays.stream(Verdict.values())
        .filter(org.trucewatch.run.FirstStated::serious)
        .map(Verdict::key)
        .toList();
  }

  private static ArrayNode evidenceOf(Features.Feature finding) {
    Object text = finding.properties().get("evidence");
    if (text instanceof ArrayNode read) {
      return read;
    }
    try {
      JsonNode rows = JSON.readTree(text == null ? "[]" : text.toString());
      if (!rows.isArray()) {
        throw new IllegalStateException(
            "stored evidence of finding " + finding.id() + " is not a list");
      }
      return (ArrayNode) rows;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored evidence of finding " + finding.id() + " is not JSON", e);
    }
  }

  /** Which of the stored reports with these row hashes {@code reader} may see. */
  private static Set<String> reportsReleasedTo(Handle h, Audience reader, Set<String> hashes) {
    if (hashes.isEmpty()) {
      return Set.of();
    }
    if (reader.mission()) {
      return hashes;
    }
    StringBuilder where = new StringBuilder(" WHERE r.content_sha256 IN (<hashes>)");
    Map<String, Object> binds = new LinkedHashMap<>();
    releasedTo(reader, "r", where, binds);
    List<String> all = List.copyOf(hashes);
    Set<String> released = new HashSet<>();
    // in batches, well below the databases' limits on bound values
    for (int from = 0; from < all.size(); from += BATCH) {
      Query q = h.createQuery("SELECT r.content_sha256 FROM surveillance_reports r" + where);
      q.bindList("hashes", all.subList(from, Math.min(all.size(), from + BATCH)));
      binds.forEach(q::bind);
      released.addAll(q.mapTo(String.class).list());
    }
    return released;
  }

  /** Refuses the filters of placed and assessed layers, for a layer that is neither. */
  private static void requireUnassessedFilter(Layer layer, Features.Filter f) {
    Map<String, Object> assessed = new LinkedHashMap<>();
    assessed.put("day", f.day());
    assessed.put("oblast", f.oblast());
    assessed.put("sector", f.sector());
    assessed.put("side", f.side());
    assessed.put("verdict", f.verdict());
    assessed.put("war_related", f.warRelated());
    assessed.put("incident", f.incident());
    assessed.forEach(
        (name, value) -> {
          if (value != null) {
            throw new IllegalArgumentException(name + " does not apply to " + layer.key());
          }
        });
  }

  /**
   * Restricts the surveillance reports of alias {@code r} to those released to {@code reader}, by
   * the rule of {@link org.trucewatch.observation.Releasability#releasesTo}: the mission sees all,
   * the public what is public, a member what is public, released to every member or to it, and what
   * it provided.
   */
  private static void releasedTo(
      Audience reader, String r, StringBuilder where, Map<String, Object> binds) {
    if (reader.mission()) {
      return;
    }
    if (reader.member() == null) {
      and(where).append(r).append(".releasable_to = 'public'");
      return;
    }
    and(where)
        .append("(")
        .append(r)
        .append(".releasable_to IN ('public', 'members') OR ")
        .append(r)
        .append(".member_state = :reader OR CONCAT(' ', ")
        .append(r)
        .append(".releasable_to, ' ') LIKE :readerListed)");
    binds.put("reader", reader.member());
    binds.put("readerListed", "% " + reader.member() + " %");
  }

  private static StringBuilder and(StringBuilder where) {
    return where.append(where.length() == 0 ? " WHERE " : " AND ");
  }

  private static Features.Feature feature(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    Map<String, Object> props = new LinkedHashMap<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String name = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
      props.put(name, value(rs, i, md.getColumnType(i)));
    }
    return new Features.Feature(
        String.valueOf(props.get("id")),
        ((Number) props.get("longitude")).doubleValue(),
        ((Number) props.get("latitude")).doubleValue(),
        props);
  }

  private static Object value(ResultSet rs, int i, int type) throws SQLException {
    Object v;
    switch (type) {
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        v = t == null ? null : t.toInstant();
      }
      case Types.DATE -> v = rs.getObject(i, LocalDate.class);
      case Types.CLOB -> v = rs.getString(i);
      case Types.CHAR -> {
        String s = rs.getString(i);
        v = s == null ? null : s.trim();
      }
      case Types.SMALLINT, Types.TINYINT -> {
        int n = rs.getInt(i);
        v = rs.wasNull() ? null : Integer.valueOf(n);
      }
      default -> v = rs.getObject(i);
    }
    return v;
  }

  // ---------------------------------------------------------------- helpers

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static double nan(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Lowercase hex SHA-256 of a text's UTF-8 bytes. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Lowercase hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof java.net.UnknownHostException) {
      return "unknown host " + t.getMessage(); // its message is the bare host name
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
