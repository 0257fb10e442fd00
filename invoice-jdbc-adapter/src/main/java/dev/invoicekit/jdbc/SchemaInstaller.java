package dev.invoicekit.jdbc;

import dev.invoicekit.jdbc.internal.SchemaScript;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and upgrades the schema without Flyway, from the same scripts Flyway would apply
 * ({@link Dialect#flywayLocation()}), and records what it applied in a table of its own,
 * {@code ik_schema_history} (version, description, script, SHA-256 checksum of the script,
 * applied at).
 *
 * <p>{@link #install(DataSource, Dialect)} brings any database to the current schema:
 *
 * <ul>
 *   <li>an empty database gets every script, {@code V1} first;
 *   <li>a database with history gets the scripts it has not recorded, in version order, each in a
 *       transaction of its own with its history row (on H2 and MariaDB/MySQL, whose DDL commits
 *       at once, a script that fails half way leaves its first statements applied and is not
 *       recorded);
 *   <li>a database with the {@code V1} tables but no history (installed by an earlier
 *       installer, which applied {@code V1} only and kept none) is taken to be at {@code V1}: the
 *       installer checks that every {@code V1} table is there, records {@code V1} without running
 *       it, and goes on;
 *   <li>a database at the current schema is left alone: running the installer again does
 *       nothing.
 * </ul>
 *
 * <p>It refuses, changing nothing, when an applied script's recorded checksum differs from the
 * script in this library (an applied migration was edited; schema changes go in a new script),
 * when the database records a version this library does not know (it was upgraded by a newer
 * release), and when only some of the {@code V1} tables exist.
 *
 * <p>Several application instances may run it at start-up at once: on PostgreSQL it holds an
 * advisory lock and on MariaDB/MySQL a named lock of the database while it works (waiting up to
 * ten minutes there), so one installs and the others then find the schema current. On H2 it
 * serializes the installers of one process only (an H2 server shared by several processes is not
 * covered).
 *
 * <p>Use it or Flyway for a schema, not both: Flyway keeps its own history and does not see
 * {@code ik_schema_history}.
 *
 * <p>Thread-safe; stateless.
 */
public final class SchemaInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInstaller.class);

  /** One H2 installer at a time in this process. */
  private static final Object H2_INSTALLS = new Object();

  /** The tables of {@code V1}: a database holding them all is at V1 at least. */
  private static final List<String> V1_TABLES = List.of("ik_invoice", "ik_invoice_line",
      "ik_payment", "ik_number_counter", "ik_outbox", "ik_idempotency_key");

  private SchemaInstaller() {}

  /**
   * Brings the adapter's tables, indexes and sequences to the current schema, recording each
   * script applied.
   *
   * @param dataSource where, not null
   * @param dialect which database, not null
   * @throws InvoicePersistenceException if an applied script was edited since, if the database
   *     is at a version this library does not know, if only part of the {@code V1} tables exist,
   *     or if a statement fails
   */
  public static void install(DataSource dataSource, Dialect dialect) {
    List<SchemaScript> scripts = SchemaScript.load(dialect.scriptFolder());
    if (dialect == Dialect.H2) {
      // H2 has no lock for this; embedded, one process uses it, and this lock covers that.
      synchronized (H2_INSTALLS) {
        installLocked(dataSource, dialect, scripts);
      }
    } else {
      installLocked(dataSource, dialect, scripts);
    }
  }

  private static void installLocked(DataSource dataSource, Dialect dialect,
      List<SchemaScript> scripts) {
    try (Connection connection = dataSource.getConnection()) {
      // Each statement on its own unless apply() groups a script; the pool's mode comes back.
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(true);
      lock(connection, dialect);
      try {
        Map<Integer, Recorded> history = history(connection, dialect, scripts.get(0));
        verify(history, scripts, dialect);
        for (SchemaScript script : scripts) {
          if (!history.containsKey(script.version())) {
            apply(connection, script, dialect);
          }
        }
      } finally {
        unlock(connection, dialect);
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw SqlErrors.translate("install the InvoiceKit schema for " + dialect, e);
    }
  }

  /** Waits for the database's installer lock (none on H2). */
  private static void lock(Connection connection, Dialect dialect) throws SQLException {
    String sql = Sql.lockSchema(dialect);
    if (sql == null) {
      return;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      if (!rs.next() || rs.getInt(1) != 1) {
        throw new InvoicePersistenceException("Cannot install the InvoiceKit schema for "
            + dialect + ": another installer held the schema lock for too long");
      }
    }
  }

  private static void unlock(Connection connection, Dialect dialect) throws SQLException {
    String sql = Sql.unlockSchema(dialect);
    if (sql == null) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** A row of the history. */
  private record Recorded(int version, String script, String checksum) {}

  /**
   * The recorded scripts by version. Without a history table, creates it; if the V1 tables are
   * there (a database of a release before the history), records V1 as found.
   */
  private static Map<Integer, Recorded> history(Connection connection, Dialect dialect,
      SchemaScript first) throws SQLException {
    Set<String> tables = tables(connection);
    if (tables.contains(Sql.SCHEMA_HISTORY_TABLE)) {
      return read(connection);
    }
    List<String> missing = new ArrayList<>();
    for (String table : V1_TABLES) {
      if (!tables.contains(table)) {
        missing.add(table);
      }
    }
    if (!missing.isEmpty() && missing.size() < V1_TABLES.size()) {
      throw new InvoicePersistenceException("Cannot install the InvoiceKit schema for " + dialect
          + ": the database holds some of its tables but not " + missing
          + ", and no " + Sql.SCHEMA_HISTORY_TABLE + "; repair or remove the partial schema");
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(Sql.createSchemaHistory(dialect));
    }
    if (missing.isEmpty()) {
      LOG.info("InvoiceKit schema found without history: recording {} as applied", first);
      record(connection, first, first.description() + " (found installed)");
    }
    return read(connection);
  }

  /** The names of the tables of the connection's schema, lower case. */
  private static Set<String> tables(Connection connection) throws SQLException {
    DatabaseMetaData metaData = connection.getMetaData();
    Set<String> tables = new TreeSet<>();
    try (ResultSet rs = metaData.getTables(connection.getCatalog(), connection.getSchema(), "%",
        null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return tables;
  }

  private static Map<Integer, Recorded> read(Connection connection) throws SQLException {
    Map<Integer, Recorded> history = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(Sql.SELECT_SCHEMA_HISTORY)) {
      while (rs.next()) {
        Recorded row = new Recorded(rs.getInt("version"), rs.getString("script"),
            rs.getString("checksum").strip());
        history.put(row.version(), row);
      }
    }
    return history;
  }

  /** Refuses edited scripts and versions this library does not know, before changing anything. */
  private static void verify(Map<Integer, Recorded> history, List<SchemaScript> scripts,
      Dialect dialect) {
    int latest = scripts.get(scripts.size() - 1).version();
    for (Recorded recorded : history.values()) {
      SchemaScript script = scripts.stream().filter(s -> s.version() == recorded.version())
          .findFirst().orElse(null);
      if (script == null) {
        throw new InvoicePersistenceException("Cannot install the InvoiceKit schema for "
            + dialect + ": the database records version " + recorded.version() + " ("
            + recorded.script() + "), which this library does not know (its latest is " + latest
            + "); it was upgraded by a newer release of InvoiceKit");
      }
      if (!script.checksum().equalsIgnoreCase(recorded.checksum())) {
        throw new InvoicePersistenceException("Cannot install the InvoiceKit schema for "
            + dialect + ": script " + script.name() + " was applied with checksum "
            + recorded.checksum() + " but is now " + script.checksum()
            + "; an applied script must not be edited (put changes in a new script)");
      }
    }
  }

  /** Runs one script and records it, in one transaction where the database's DDL allows. */
  private static void apply(Connection connection, SchemaScript script, Dialect dialect)
      throws SQLException {
    LOG.info("Applying InvoiceKit schema script {} for {}", script, dialect);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : script.statements()) {
        statement.execute(sql);
      }
      record(connection, script, script.description());
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      if (e instanceof SQLException) {
        throw SqlErrors.translate("apply InvoiceKit schema script " + script + " for " + dialect,
            (SQLException) e);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void record(Connection connection, SchemaScript script, String description)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_SCHEMA_HISTORY)) {
      insert.setInt(1, script.version());
      insert.setString(2, description);
      insert.setString(3, script.name());
      insert.setString(4, script.checksum());
      insert.executeUpdate();
    }
  }
}
