package dev.invoicekit.jdbc.testing;

import dev.invoicekit.jdbc.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh databases with no table at all, for tests of how a schema gets there: H2 in memory; on
 * PostgreSQL a schema of its own in a {@link TestDatabases#postgres()} database (the connection's
 * {@code currentSchema}); on MariaDB a database of its own next to the configured one. For
 * MariaDB without a configured server the calling test is skipped (a JUnit assumption).
 */
public final class EmptyDatabases {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(ProcessHandle.current().pid());

  private EmptyDatabases() {}

  /** An empty database of the dialect. */
  public static DataSource create(Dialect dialect) {
    switch (dialect) {
      case H2:
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:empty" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return h2;
      case POSTGRESQL:
        return postgresSchema("empty_" + COUNTER.incrementAndGet());
      case MARIADB:
        Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
            TestDatabases.mariadbSkipReason());
        return mariadbDatabase("ik_empty_" + RUN + "_" + COUNTER.incrementAndGet());
      default:
        throw new IllegalArgumentException("No empty database for " + dialect);
    }
  }

  /** A new, empty PostgreSQL schema, the only one on its connections' search path. */
  public static PGSimpleDataSource postgresSchema(String schema) {
    PGSimpleDataSource database = (PGSimpleDataSource) TestDatabases.postgres();
    execute(database, "CREATE SCHEMA " + schema);
    PGSimpleDataSource inSchema = new PGSimpleDataSource();
    inSchema.setURL(database.getURL());
    inSchema.setUser(database.getUser());
    inSchema.setCurrentSchema(schema);
    return inSchema;
  }

  /** A new, empty MariaDB database, dropped when the tests end. */
  public static MariaDbDataSource mariadbDatabase(String name) {
    String url = System.getenv(TestDatabases.MARIADB_URL_VARIABLE);
    try {
      MariaDbDataSource admin = new MariaDbDataSource(url);
      execute(admin, "CREATE DATABASE " + name);
      MariadbDatabasesDropped.atExit(admin, name);
      return new MariaDbDataSource(url.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + name));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot use MariaDB at " + url, e);
    }
  }

  /** Runs one statement on a connection of its own. */
  public static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run '" + sql + "'", e);
    }
  }
}
