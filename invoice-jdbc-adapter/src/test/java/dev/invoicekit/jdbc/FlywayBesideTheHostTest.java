package dev.invoicekit.jdbc;

import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.jdbc.testing.EmptyDatabases;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that runs Flyway for its own schema ({@code classpath:db/host}, versions 1 and 2, history
 * {@code flyway_schema_history}) runs the adapter's scripts with a second Flyway, as the README
 * says: location {@link Dialect#flywayLocation()}, history table {@code ik_flyway_history},
 * {@code baselineOnMigrate(true)} and {@code baselineVersion("0")}, in the same schema.
 */
class FlywayBesideTheHostTest {

  private static final String HOST_LOCATION = "classpath:db/host";

  private static Flyway host(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations(HOST_LOCATION).load();
  }

  /** The settings the README and {@link Dialect#flywayLocation()} give. */
  private static Flyway invoiceKit(DataSource dataSource, Dialect dialect) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(dialect.flywayLocation())
        .table("ik_flyway_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void theHostsMigrationsAndTheAdaptersApplyInOneSchemaEachInItsOwnHistory(Dialect dialect) {
    DataSource dataSource = EmptyDatabases.create(dialect);

    assertThat(host(dataSource).migrate().migrationsExecuted).as("host").isEqualTo(2);
    assertThat(invoiceKit(dataSource, dialect).migrate().migrationsExecuted).as("adapter")
        .isEqualTo(3);

    MigrationInfo[] hostHistory = host(dataSource).info().applied();
    assertThat(versions(hostHistory)).containsExactly("1", "2");
    assertThat(descriptions(hostHistory)).containsExactly("host customers", "host customer email");
    MigrationInfo[] adapterHistory = invoiceKit(dataSource, dialect).info().applied();
    assertThat(versions(adapterHistory)).as("a baseline below the adapter's V1, then V1 to V3")
        .containsExactly("0", "1", "2", "3");
    assertThat(adapterHistory[0].getType().isBaseline()).isTrue();
    assertThat(descriptions(adapterHistory)).endsWith("invoicekit schema", "invoice status index",
        "credit notes and account credit");

    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice saved = invoices.save(SampleInvoices.richEur(TENANT, "inv-1"));
    assertThat(invoices.findById(TENANT, saved.id())).contains(saved);
    EmptyDatabases.execute(dataSource,
        "INSERT INTO host_customer (customer_id, name, email) VALUES ('c-1', 'Acme', 'a@b.c')");

    assertThat(host(dataSource).migrate().migrationsExecuted).as("host again").isZero();
    assertThat(invoiceKit(dataSource, dialect).migrate().migrationsExecuted).as("adapter again")
        .isZero();
    assertThat(invoices.findById(TENANT, saved.id())).contains(saved);
    assertThat(JdbcDatabase.rows(dataSource, "host_customer")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void theAdaptersFlywayMayAlsoRunFirstWhenTheHostsHasTheSameBaselineSettings(Dialect dialect) {
    DataSource dataSource = EmptyDatabases.create(dialect);

    assertThat(invoiceKit(dataSource, dialect).migrate().migrationsExecuted).isEqualTo(3);
    Flyway host = Flyway.configure().dataSource(dataSource).locations(HOST_LOCATION)
        .baselineOnMigrate(true).baselineVersion("0").load();
    assertThat(host.migrate().migrationsExecuted).isEqualTo(2);

    // The host's history has its own two scripts above its baseline.
    assertThat(versions(host.info().applied())).containsExactly("0", "1", "2");
    assertThat(host.migrate().migrationsExecuted).isZero();
    assertThat(invoiceKit(dataSource, dialect).migrate().migrationsExecuted).isZero();
  }

  @Test
  void oneFlywayForTheHostsLocationAndTheAdaptersRefusesTheirTwoVersionOnes() {
    DataSource dataSource = EmptyDatabases.create(Dialect.H2);
    Flyway together = Flyway.configure().dataSource(dataSource)
        .locations(HOST_LOCATION, Dialect.H2.flywayLocation()).load();

    assertThatThrownBy(together::migrate).isInstanceOf(FlywayException.class)
        .hasMessageContaining("more than one migration with version 1");
  }

  private static String[] descriptions(MigrationInfo[] applied) {
    return Arrays.stream(applied).map(MigrationInfo::getDescription).toArray(String[]::new);
  }

  private static String[] versions(MigrationInfo[] applied) {
    return Arrays.stream(applied).map(info -> info.getVersion().getVersion())
        .toArray(String[]::new);
  }
}
