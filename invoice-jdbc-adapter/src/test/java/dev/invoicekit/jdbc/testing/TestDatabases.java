package dev.invoicekit.jdbc.testing;

import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.SchemaInstaller;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, empty databases with the schema installed, one per call: H2 in memory; PostgreSQL
 * embedded (or the server at {@code INVOICEKIT_POSTGRES_URL}); MariaDB at
 * {@code INVOICEKIT_MARIADB_URL} when set. Each call creates its own database, so tests never see
 * each other's rows.
 */
public final class TestDatabases {

  public static final String POSTGRES_URL_VARIABLE = "INVOICEKIT_POSTGRES_URL";
  public static final String MARIADB_URL_VARIABLE = "INVOICEKIT_MARIADB_URL";

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final String RUN = Long.toString(ProcessHandle.current().pid());
  private static EmbeddedPostgres embeddedPostgres;

  private TestDatabases() {}

  /** A new in-memory H2 database with the schema. */
  public static DataSource h2() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:ik" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    SchemaInstaller.install(dataSource, Dialect.H2);
    return dataSource;
  }

  /** A new PostgreSQL database with the schema, on the embedded server unless a URL is set. */
  public static synchronized DataSource postgres() {
    String name = "ik_" + RUN + "_" + COUNTER.incrementAndGet();
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    DataSource admin;
    if (url != null && !url.isBlank()) {
      PGSimpleDataSource server = new PGSimpleDataSource();
      server.setURL(url);
      admin = server;
    } else {
      admin = embedded().getPostgresDatabase();
    }
    execute(admin, "CREATE DATABASE " + name);
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    if (url != null && !url.isBlank()) {
      dataSource.setURL(url);
      dataSource.setDatabaseName(name);
    } else {
      dataSource.setURL(embeddedPostgres.getJdbcUrl("postgres", name));
    }
    SchemaInstaller.install(dataSource, Dialect.POSTGRESQL);
    return dataSource;
  }

  private static EmbeddedPostgres embedded() {
    if (embeddedPostgres == null) {
      try {
        embeddedPostgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embeddedPostgres.close();
        } catch (IOException ignored) {
          // The process is ending anyway.
        }
      }));
    }
    return embeddedPostgres;
  }

  /**
   * A new MariaDB database with the schema, or empty with the reason when no server is configured.
   */
  public static Optional<DataSource> mariadb() {
    String url = System.getenv(MARIADB_URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String name = "ik_" + RUN + "_" + COUNTER.incrementAndGet();
    try {
      MariaDbDataSource admin = new MariaDbDataSource(url);
      execute(admin, "CREATE DATABASE " + name);
      // Drop it when the tests end: the server outlives them.
      MariadbDatabasesDropped.atExit(admin, name);
      MariaDbDataSource dataSource = new MariaDbDataSource(url.replaceFirst(
          "(jdbc:mariadb://[^/]+/)[^?]*", "$1" + name));
      SchemaInstaller.install(dataSource, Dialect.MARIADB);
      return Optional.of(dataSource);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot use MariaDB at " + url, e);
    }
  }

  /**
   * The dialects every adapter test runs on, for {@code @MethodSource}: H2, PostgreSQL, MariaDB.
   */
  public static Stream<Dialect> dialects() {
    return Stream.of(Dialect.H2, Dialect.POSTGRESQL, Dialect.MARIADB);
  }

  /**
   * A fresh database of the dialect; for MariaDB without a configured server the calling test is
   * skipped (a JUnit assumption) with {@link #mariadbSkipReason()}.
   */
  public static DataSource fresh(Dialect dialect) {
    switch (dialect) {
      case H2:
        return h2();
      case POSTGRESQL:
        return postgres();
      case MARIADB:
        Optional<DataSource> mariadb = mariadb();
        Assumptions.assumeTrue(mariadb.isPresent(), mariadbSkipReason());
        return mariadb.get();
      default:
        throw new IllegalArgumentException("No test database for " + dialect);
    }
  }

  /** Why the MariaDB suites are skipped, for the test output. */
  public static String mariadbSkipReason() {
    return "MariaDB suite skipped: set " + MARIADB_URL_VARIABLE
        + " (e.g. jdbc:mariadb://127.0.0.1:3306/test?user=root&password=) to run it;"
        + " .ci/run sets it when a local server answers";
  }

  private static void execute(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run '" + sql + "'", e);
    }
  }
}
