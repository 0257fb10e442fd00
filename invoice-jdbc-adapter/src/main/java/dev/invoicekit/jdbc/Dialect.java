package dev.invoicekit.jdbc;

import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The databases the adapter speaks, each with its schema folder. */
public enum Dialect {
  /** H2 2.x, embedded or server. */
  H2("h2"),
  /** PostgreSQL 12 or newer. */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.6 or newer, and MySQL 8 (InnoDB). */
  MARIADB("mariadb");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /**
   * The classpath folder of this dialect's schema scripts, for Flyway's {@code locations}, such as
   * {@code classpath:db/invoicekit/postgresql}. The scripts are {@code V1__invoicekit_schema.sql},
   * {@code V2__invoice_status_index.sql} and so on; an applied script never changes.
   *
   * <p>A host that runs Flyway for its own schema runs the adapter's scripts with a second Flyway
   * on the same data source, never by adding this location to its own (both have a {@code V1},
   * and Flyway refuses two migrations with one version):
   *
   * <pre>{@code
   * Flyway.configure()
   *     .dataSource(dataSource)
   *     .locations(Dialect.POSTGRESQL.flywayLocation())
   *     .table("ik_flyway_history")   // a history of its own, beside the host's
   *     .baselineOnMigrate(true)      // the schema already holds the host's tables
   *     .baselineVersion("0")         // below V1: without it the baseline is 1 and V1 is skipped
   *     .load()
   *     .migrate();
   * }</pre>
   *
   * <p>Run it after the host's migrate; if it may run first on an empty database, give the host's
   * Flyway {@code baselineOnMigrate(true)} and {@code baselineVersion("0")} as well. Alternatively
   * give the adapter a schema of its own ({@code schemas("billing")}) and point its data source
   * there. Use Flyway or {@link SchemaInstaller} for these tables, not both.
   *
   * @return the location, not null
   */
  public String flywayLocation() {
    return "classpath:db/invoicekit/" + folder;
  }

  /** The classpath folder of this dialect's schema scripts, without {@code classpath:}. */
  String scriptFolder() {
    return "db/invoicekit/" + folder;
  }

  /**
   * Tells the dialect from a data source's database product name.
   *
   * @param dataSource the data source, not null
   * @return the dialect, not null
   * @throws InvoicePersistenceException if the database cannot be reached (transient) or is not
   *     supported (permanent)
   */
  public static Dialect detect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return of(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate("reach the database to tell its dialect", e);
    }
  }

  /** Tells the dialect from an open connection's database product name. */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      return H2;
    }
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("mariadb") || product.contains("mysql")) {
      return MARIADB;
    }
    throw new InvoicePersistenceException(
        "Database '" + product + "' is not supported; use H2, PostgreSQL or MariaDB/MySQL");
  }
}
