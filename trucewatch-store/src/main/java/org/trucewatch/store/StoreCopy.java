package org.trucewatch.store;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Copies a whole store into a new, empty one: the embedded store into PostgreSQL when a mission
 * that began on one machine moves to a database server, or a PostgreSQL store into an embedded one
 * (to take it elsewhere, or to hand it over). Everything the store keeps goes with it, row for row
 * and with the same ids: the observations and their ingests, the terms, every version of each day's
 * figures, the analysts' reviews, the tokens, the log of alert messages and statements and where
 * each receiver stands in it; none of it could be made again by ingesting the files anew.
 *
 * <p>The copy is written in one transaction and checked before it is committed: each table's rows
 * are counted and summed as SHA-256 digests of their values, on both sides, and a table that
 * differs fails the copy. A copy into PostgreSQL that fails leaves the database as it was; a copy
 * into an embedded store is written beside its folder and moved into place when whole. The store
 * copied from is only read, in one snapshot (PostgreSQL's repeatable read), so that a server may go
 * on serving a PostgreSQL store meanwhile; an embedded store is open to one process at a time.
 */
public final class StoreCopy {
  /**
   * Tables of a store's schema that are not copied: Flyway's history, which each store keeps of its
   * own migrations, and PostGIS's table of spatial reference systems.
   */
  private static final Set<String> NOT_COPIED = Set.of("flyway_schema_history", "spatial_ref_sys");

  /** Rows are inserted in batches of this many. */
  private static final int BATCH = 1_000;

  private static final BigInteger SUM_MODULUS = BigInteger.ONE.shiftLeft(256);

  private StoreCopy() {}

  /**
   * One table as copied.
   *
   * @param name the table
   * @param rows its rows
   * @param sha256 the sum, modulo 2<sup>256</sup>, of the SHA-256 digests of its rows' values, in
   *     hexadecimal: the same for the same rows in any order and in either database
   */
  public record Table(String name, long rows, String sha256) {}

  /**
   * What a copy wrote.
   *
   * @param from the store copied, as its {@link Database#display()} names it
   * @param to the store written
   * @param tables each table copied, in the order written (a table before those that refer to it)
   */
  public record Result(String from, String to, List<Table> tables) {
    public Result {
      tables = List.copyOf(tables);
    }

    /** The rows copied, in all tables. */
    public long rows() {
      return tables.stream().mapToLong(Table::rows).sum();
    }
  }

  /**
   * Copies the store {@code from} into {@code to}: a PostgreSQL database whose store (made by this
   * call if it has none) holds no row, or a folder for an embedded store that does not exist or is
   * empty. Both stores are brought to the current schema first, as opening them to serve would.
   *
   * @throws IllegalArgumentException when both name the same store
   * @throws StoreException naming the store and what is wrong: {@code from} holds no store, {@code
   *     to} is not empty, a table differs after the copy, or the database refused a row
   */
  public static Result copy(Database from, Database to, Clock clock) {
    // the JDBC URLs, as the displays leave out a PostgreSQL URL's parameters (its schema)
    if (from.jdbcUrl().equals(to.jdbcUrl())) {
      throw new IllegalArgumentException(
          "--from and --to name the same store (" + from.display() + "); a copy needs another");
    }
    requireStore(from);
    if (to.dialect() == Database.Dialect.H2) {
      return copyIntoFolder(from, to.folder(), clock);
    }
    try (Store source = Store.open(from, clock);
        Store target = Store.open(to, clock)) {
      return copy(source, target);
    }
  }

  /** Refuses a {@code from} that holds no store, rather than making an empty one there. */
  private static void requireStore(Database from) {
    if (from.dialect() == Database.Dialect.H2) {
      if (!Files.isRegularFile(from.folder().resolve("trucewatch.mv.db"))) {
        throw new StoreException(from.display() + ": holds no store to copy", null);
      }
      return;
    }
    Properties p = new Properties();
    p.setProperty("user", from.user());
    if (from.password() != null) {
      p.setProperty("password", from.password());
    }
    try (Connection c = DriverManager.getConnection(from.jdbcUrl(), p);
        ResultSet rs =
            c.getMetaData().getTables(null, c.getSchema(), "flyway_schema_history", null)) {
      if (!rs.next()) {
        throw new StoreException(from.display() + ": holds no store to copy", null);
      }
    } catch (SQLException e) {
      throw new StoreException(from.display() + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private static Result copyIntoFolder(Database from, Path dir, Clock clock) {
    Path target = dir.toAbsolutePath().normalize();
    Path partial = target.resolveSibling(target.getFileName() + ".partial-" + System.nanoTime());
    try {
      Store.requireNoStoreIn(target, "a copy");
      Result r;
      try (Store source = Store.open(from, clock);
          Store written = Store.open(Database.parse(partial.toString()), clock)) {
        r = copy(source, written);
      }
      Files.deleteIfExists(target);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return new Result(r.from(), target.toString(), r.tables());
    } catch (IOException | RuntimeException e) {
      try {
        if (Files.exists(partial)) {
          Store.deleteTree(partial);
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof StoreException s) {
        throw s;
      }
      throw new StoreException(target + ": the copy could not be written: " + e.getMessage(), e);
    }
  }

  /** Copies every row of {@code source} into the empty {@code target}, both open. */
  static Result copy(Store source, Store target) {
    String to = target.database().display();
    try (Connection in = source.connection();
        Connection out = target.connection()) {
      in.setAutoCommit(false);
      if (source.database().dialect() == Database.Dialect.POSTGRESQL) {
        in.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        in.setReadOnly(true);
      }
      out.setAutoCommit(false);
      try {
        Map<String, List<Column>> read = tables(in);
        Map<String, List<Column>> written = tables(out);
        if (!read.keySet().equals(written.keySet())) {
          throw new StoreException(
              "the stores' schemas differ: "
                  + source.database().display()
                  + " has the tables "
                  + read.keySet()
                  + ", "
                  + to
                  + " "
                  + written.keySet(),
              null);
        }
        for (String t : written.keySet()) {
          long n = count(out, t);
          if (n > 0) {
            throw new StoreException(
                to + ": holds " + n + " rows in " + t + "; a copy goes into an empty store", null);
          }
        }
        List<Table> tables = new ArrayList<>();
        Map<String, List<Column>> copied = new LinkedHashMap<>();
        for (String t : order(out, written.keySet())) {
          List<Column> columns = columns(t, read.get(t), written.get(t));
          copied.put(t, columns);
          tables.add(copyTable(in, out, t, columns));
        }
        for (Table t : tables) {
          Table check = digest(out, t.name(), copied.get(t.name()));
          if (!check.equals(t)) {
            throw new StoreException(
                to
                    + ": the copy of "
                    + t.name()
                    + " differs from its source ("
                    + check.rows()
                    + " rows, SHA-256 sum "
                    + check.sha256()
                    + " against "
                    + t.rows()
                    + " rows, "
                    + t.sha256()
                    + "); nothing was copied",
                null);
          }
        }
        restartIdentities(out, written);
        out.commit();
        in.rollback();
        return new Result(source.database().display(), to, tables);
      } catch (SQLException | RuntimeException e) {
        out.rollback();
        in.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          to + ": the copy was refused; nothing was copied: " + e.getMessage(), e);
    }
  }

  /** How a column's values are read, written and summed. */
  private enum Kind {
    TEXT,
    BYTES,
    INSTANT,
    LOCAL_TIME,
    DATE,
    BOOLEAN,
    INTEGER,
    REAL,
    DECIMAL
  }

  /**
   * A column of a table.
   *
   * @param name its name, in lower case
   * @param type its JDBC type
   * @param kind how it is copied, or null for a type the copy does not know
   * @param generated whether the database computes it (PostgreSQL's points of PostGIS)
   * @param identity whether the database numbers new rows in it
   */
  private record Column(String name, int type, Kind kind, boolean generated, boolean identity) {}

  /** The tables of the connection's schema, by name in lower case, with their columns. */
  private static Map<String, List<Column>> tables(Connection c) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String schema = c.getSchema();
    Map<String, String> names = new TreeMap<>();
    try (ResultSet rs = meta.getTables(null, schema, "%", null)) {
      while (rs.next()) {
        String type = rs.getString("TABLE_TYPE");
        String name = rs.getString("TABLE_NAME");
        String lower = name.toLowerCase(Locale.ROOT);
        if (("TABLE".equals(type) || "BASE TABLE".equals(type)) && !NOT_COPIED.contains(lower)) {
          names.put(lower, name);
        }
      }
    }
    Map<String, List<Column>> out = new TreeMap<>();
    for (Map.Entry<String, String> t : names.entrySet()) {
      List<Column> columns = new ArrayList<>();
      try (ResultSet rs = meta.getColumns(null, schema, t.getValue(), "%")) {
        while (rs.next()) {
          int type = rs.getInt("DATA_TYPE");
          String typeName = rs.getString("TYPE_NAME");
          columns.add(
              new Column(
                  rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                  type,
                  kind(type, typeName),
                  "YES".equals(rs.getString("IS_GENERATEDCOLUMN")),
                  "YES".equals(rs.getString("IS_AUTOINCREMENT"))));
        }
      }
      out.put(t.getKey(), columns);
    }
    return out;
  }

  private static Kind kind(int type, String typeName) {
    String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    switch (type) {
      case Types.CHAR,
      Types.VARCHAR,
      Types.LONGVARCHAR,
      Types.CLOB,
      Types.NCHAR,
      Types.NVARCHAR,
      Types.NCLOB:
        return Kind.TEXT;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB:
        return Kind.BYTES;
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return Kind.INSTANT;
      case Types.TIMESTAMP:
        return name.contains("tz") || name.contains("time zone") ? Kind.INSTANT : Kind.LOCAL_TIME;
      case Types.DATE:
        return Kind.DATE;
      case Types.BOOLEAN, Types.BIT:
        return Kind.BOOLEAN;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT:
        return Kind.INTEGER;
      case Types.REAL, Types.FLOAT, Types.DOUBLE:
        return Kind.REAL;
      case Types.NUMERIC, Types.DECIMAL:
        return Kind.DECIMAL;
      default:
        return null;
    }
  }

  /**
   * The columns of {@code table} that are copied: those that neither store computes. Each must be
   * in both, of the same kind.
   */
  private static List<Column> columns(String table, List<Column> read, List<Column> written) {
    Map<String, Column> there = new TreeMap<>();
    written.stream().filter(c -> !c.generated()).forEach(c -> there.put(c.name(), c));
    List<Column> out = new ArrayList<>();
    for (Column c : read) {
      if (c.generated()) {
        continue;
      }
      Column w = there.remove(c.name());
      if (w == null || c.kind() == null || w.kind() != c.kind()) {
        throw new StoreException(
            "the stores' schemas differ: column "
                + table
                + "."
                + c.name()
                + (w == null ? " is in one store only" : " is of another type in each"),
            null);
      }
      out.add(c);
    }
    if (!there.isEmpty()) {
      throw new StoreException(
          "the stores' schemas differ: columns " + table + "." + there.keySet() + " in one only",
          null);
    }
    return out;
  }

  /** The tables in an order in which each comes after the tables its foreign keys refer to. */
  private static List<String> order(Connection c, Set<String> tables) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    Map<String, Set<String>> refersTo = new TreeMap<>();
    Map<String, String> exact = new TreeMap<>();
    try (ResultSet rs = meta.getTables(null, c.getSchema(), "%", null)) {
      while (rs.next()) {
        exact.put(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT), rs.getString("TABLE_NAME"));
      }
    }
    for (String t : tables) {
      Set<String> parents = new TreeSet<>();
      try (ResultSet rs = meta.getImportedKeys(null, c.getSchema(), exact.get(t))) {
        while (rs.next()) {
          String p = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
          if (!p.equals(t) && tables.contains(p)) {
            parents.add(p);
          }
        }
      }
      refersTo.put(t, parents);
    }
    List<String> out = new ArrayList<>();
    Set<String> left = new TreeSet<>(tables);
    while (!left.isEmpty()) {
      String next =
          left.stream().filter(t -> out.containsAll(refersTo.get(t))).findFirst().orElse(null);
      if (next == null) {
        throw new StoreException(
            "the store's tables refer to each other in a circle: " + left, null);
      }
      out.add(next);
      left.remove(next);
    }
    return out;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String select(String table, List<Column> columns) {
    return "SELECT "
        + columns.stream().map(Column::name).collect(Collectors.joining(", "))
        + " FROM "
        + table;
  }

  private static Table copyTable(Connection in, Connection out, String table, List<Column> columns)
      throws SQLException {
    String insert =
        "INSERT INTO "
            + table
            + " ("
            + columns.stream().map(Column::name).collect(Collectors.joining(", "))
            + ") VALUES ("
            + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
            + ")";
    Sum sum = new Sum();
    try (Statement s = in.createStatement();
        PreparedStatement ps = out.prepareStatement(insert)) {
      s.setFetchSize(BATCH);
      try (ResultSet rs = s.executeQuery(select(table, columns))) {
        List<Object> pending = new ArrayList<>();
        while (rs.next()) {
          Object[] row = read(rs, columns);
          sum.add(row);
          for (int i = 0; i < row.length; i++) {
            write(ps, i + 1, columns.get(i), row[i]);
          }
          ps.addBatch();
          pending.add(row[0]);
          if (pending.size() == BATCH) {
            execute(ps, table, columns, pending);
          }
        }
        if (!pending.isEmpty()) {
          execute(ps, table, columns, pending);
        }
      }
    }
    return sum.table(table);
  }

  /**
   * Inserts the batch of rows whose first columns are {@code pending}; a row refused is named by
   * its table and first column, with the database's reason.
   */
  private static void execute(
      PreparedStatement ps, String table, List<Column> columns, List<Object> pending)
      throws SQLException {
    try {
      ps.executeBatch();
      pending.clear();
    } catch (BatchUpdateException e) {
      int[] done = e.getUpdateCounts();
      int at = done.length;
      for (int i = 0; i < done.length; i++) {
        if (done[i] == Statement.EXECUTE_FAILED) {
          at = i;
          break;
        }
      }
      String why = StoreException.refusal(e).orElse(e.getMessage());
      throw new SQLException(
          "table "
              + table
              + (at < pending.size()
                  ? ", row " + columns.get(0).name() + " " + pending.get(at)
                  : "")
              + ": "
              + why,
          // without the refusal as its cause, whose own message this one says better
          e.getSQLState());
    }
  }

  /** The rows of {@code table} in {@code c}, counted and summed as {@link #copyTable} does. */
  private static Table digest(Connection c, String table, List<Column> columns)
      throws SQLException {
    Sum sum = new Sum();
    try (Statement s = c.createStatement()) {
      s.setFetchSize(BATCH);
      try (ResultSet rs = s.executeQuery(select(table, columns))) {
        while (rs.next()) {
          sum.add(read(rs, columns));
        }
      }
    }
    return sum.table(table);
  }

  private static Object[] read(ResultSet rs, List<Column> columns) throws SQLException {
    Object[] row = new Object[columns.size()];
    for (int i = 0; i < row.length; i++) {
      int at = i + 1;
      Object v =
          switch (columns.get(i).kind()) {
            case TEXT -> rs.getString(at);
            case BYTES -> rs.getBytes(at);
            case INSTANT -> {
              OffsetDateTime t = rs.getObject(at, OffsetDateTime.class);
              yield t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
            }
            case LOCAL_TIME -> rs.getObject(at, LocalDateTime.class);
            case DATE -> rs.getObject(at, LocalDate.class);
            case BOOLEAN -> rs.getBoolean(at);
            case INTEGER -> rs.getLong(at);
            case REAL -> rs.getDouble(at);
            case DECIMAL -> rs.getBigDecimal(at);
          };
      row[i] = rs.wasNull() ? null : v;
    }
    return row;
  }

  private static void write(PreparedStatement ps, int at, Column c, Object v) throws SQLException {
    if (v == null) {
      // untyped: the column's own type in the other database may not be the one read (a CLOB)
      ps.setNull(at, Types.NULL);
    } else if (v instanceof byte[] b) {
      ps.setBytes(at, b);
    } else if (v instanceof String s) {
      ps.setString(at, s);
    } else if (v instanceof Long l && c.type() != Types.BIGINT) {
      ps.setInt(at, Math.toIntExact(l));
    } else {
      ps.setObject(at, v);
    }
  }

  /** Counts rows and sums their digests. */
  private static final class Sum {
    private final MessageDigest sha256;
    private BigInteger sum = BigInteger.ZERO;
    private long rows;

    Sum() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    void add(Object[] row) {
      StringBuilder b = new StringBuilder();
      for (Object v : row) {
        b.append(canonical(v)).append('\u001f');
      }
      byte[] d = sha256.digest(b.toString().getBytes(StandardCharsets.UTF_8));
      sum = sum.add(new BigInteger(1, d)).mod(SUM_MODULUS);
      rows++;
    }

    Table table(String name) {
      String hex = sum.toString(16);
      return new Table(name, rows, "0".repeat(64 - hex.length()) + hex);
    }

    private static String canonical(Object v) {
      if (v == null) {
        return "\u0000";
      }
      if (v instanceof byte[] b) {
        return HexFormat.of().formatHex(b);
      }
      if (v instanceof OffsetDateTime t) {
        return t.toInstant().toString();
      }
      if (v instanceof BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
      }
      return v.toString();
    }
  }

  /**
   * Numbers each table's identity column on from its highest copied id, so that the next row the
   * store writes takes a new one.
   */
  private static void restartIdentities(Connection c, Map<String, List<Column>> tables)
      throws SQLException {
    for (Map.Entry<String, List<Column>> t : tables.entrySet()) {
      for (Column col : t.getValue()) {
        if (!col.identity()) {
          continue;
        }
        Long max;
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT MAX(" + col.name() + ") FROM " + t.getKey())) {
          rs.next();
          max = rs.getObject(1) == null ? null : rs.getLong(1);
        }
        if (max != null) {
          try (Statement s = c.createStatement()) {
            s.execute(
                "ALTER TABLE "
                    + t.getKey()
                    + " ALTER COLUMN "
                    + col.name()
                    + " RESTART WITH "
                    + (max + 1));
          }
        }
      }
    }
  }
}
