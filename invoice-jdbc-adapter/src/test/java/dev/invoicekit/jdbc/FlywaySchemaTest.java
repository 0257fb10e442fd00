package dev.invoicekit.jdbc;

import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.jdbc.testing.SkipWithoutMariadb;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The schema scripts applied by Flyway from {@link Dialect#flywayLocation()}, into an empty schema,
 * give a database the repository works on.
 */
class FlywaySchemaTest {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  @Test
  void flywayInstallsTheH2SchemaTheRepositoryWorksOn() {
    JdbcDataSource empty = new JdbcDataSource();
    empty.setURL("jdbc:h2:mem:flyway" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1");

    migrateThenSaveAndLoad(Flyway.configure()
        .dataSource(empty)
        .locations(Dialect.H2.flywayLocation()), empty);
  }

  @Test
  void flywayInstallsThePostgresSchemaTheRepositoryWorksOn() throws SQLException {
    // The test database comes with the schema in "public"; Flyway gets a schema of its own.
    PGSimpleDataSource database = (PGSimpleDataSource) TestDatabases.postgres();
    execute(database, "CREATE SCHEMA billing");
    PGSimpleDataSource billing = new PGSimpleDataSource();
    billing.setURL(database.getURL());
    billing.setUser(database.getUser());
    billing.setCurrentSchema("billing");

    migrateThenSaveAndLoad(Flyway.configure()
        .dataSource(database)
        .schemas("billing")
        .locations(Dialect.POSTGRESQL.flywayLocation()), billing);

    assertThat(JdbcDatabase.rows(database, "billing.ik_invoice")).isEqualTo(1);
    assertThat(JdbcDatabase.rows(database, "public.ik_invoice")).isZero();
  }

  @Test
  void flywayInstallsTheMariadbSchemaTheRepositoryWorksOn() throws SQLException {
    Assumptions.assumeTrue(SkipWithoutMariadb.mariadbConfigured(),
        TestDatabases.mariadbSkipReason());
    // The test database comes with the schema; Flyway creates a database of its own next to it.
    MariaDbDataSource database = (MariaDbDataSource) TestDatabases.mariadb().orElseThrow();
    String name = "ik_flyway_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    MariaDbDataSource billing = new MariaDbDataSource(
        database.getUrl().replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + name));
    try {
      migrateThenSaveAndLoad(Flyway.configure()
          .dataSource(database)
          .schemas(name)
          .locations(Dialect.MARIADB.flywayLocation()), billing);
    } finally {
      execute(database, "DROP DATABASE IF EXISTS " + name);
    }
  }

  private static void migrateThenSaveAndLoad(
      org.flywaydb.core.api.configuration.FluentConfiguration configuration, DataSource target) {
    Flyway flyway = configuration.load();

    MigrateResult result = flyway.migrate();

    assertThat(result.migrationsExecuted).isEqualTo(3);
    assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("3");
    assertThat(flyway.migrate().migrationsExecuted).as("a second migrate").isZero();

    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(target));
    Invoice saved = invoices.save(SampleInvoices.richEur(TENANT, "inv-1"));
    assertThat(invoices.findById(TENANT, saved.id())).contains(saved);
    assertThat(Dialect.detect(target)).isNotNull();
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
