package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.SchemaScript;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.testing.EmptyDatabases;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.testkit.contract.Concurrently;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Installing, recording and upgrading the schema without Flyway, on every database. */
class SchemaInstallerTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final String V1 = "V1__invoicekit_schema.sql";
  private static final String V2 = "V2__invoice_status_index.sql";
  private static final String V3 = "V3__credit_notes_and_account_credit.sql";

  private static void assertTablesExist(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        ResultSet rs = connection.createStatement().executeQuery(
            "SELECT COUNT(*) FROM ik_invoice")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isZero();
    }
  }

  @Test
  void installsOnH2() throws SQLException {
    DataSource dataSource = TestDatabases.h2();
    assertTablesExist(dataSource);
    assertThat(Dialect.detect(dataSource)).isEqualTo(Dialect.H2);
  }

  @Test
  void installsOnPostgres() throws SQLException {
    DataSource dataSource = TestDatabases.postgres();
    assertTablesExist(dataSource);
    assertThat(Dialect.detect(dataSource)).isEqualTo(Dialect.POSTGRESQL);
  }

  @Test
  void installsOnMariadb() throws SQLException {
    Optional<DataSource> dataSource = TestDatabases.mariadb();
    Assumptions.assumeTrue(dataSource.isPresent(), TestDatabases.mariadbSkipReason());
    assertTablesExist(dataSource.get());
    assertThat(Dialect.detect(dataSource.get())).isEqualTo(Dialect.MARIADB);
  }

  // ---- history -------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void anEmptyDatabaseGetsEveryScriptRecordedWithItsChecksum(Dialect dialect) {
    DataSource dataSource = EmptyDatabases.create(dialect);

    SchemaInstaller.install(dataSource, dialect);

    List<SchemaScript> scripts = SchemaScript.load(dialect.scriptFolder());
    assertThat(history(dataSource)).containsExactly(
        new Recorded(1, "invoicekit schema", V1, scripts.get(0).checksum()),
        new Recorded(2, "invoice status index", V2, scripts.get(1).checksum()),
        new Recorded(3, "credit notes and account credit", V3, scripts.get(2).checksum()));
    assertThat(indexesOfInvoiceTable(dataSource)).contains("ik_invoice_status");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aSecondInstallChangesNothing(Dialect dialect) throws SQLException {
    DataSource dataSource = EmptyDatabases.create(dialect);
    SchemaInstaller.install(dataSource, dialect);
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice saved = invoices.save(SampleInvoices.richEur(TENANT, "inv-1"));
    List<String> before = historyWithTimes(dataSource);

    SchemaInstaller.install(dataSource, dialect);

    assertThat(historyWithTimes(dataSource)).isEqualTo(before).hasSize(3);
    assertThat(invoices.findById(TENANT, saved.id())).contains(saved);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void installersOfSeveralInstancesAtOnceInstallTheSchemaOnceAndAllSucceed(Dialect dialect)
      throws Exception {
    DataSource dataSource = EmptyDatabases.create(dialect);

    Concurrently.run(4, () -> {
      SchemaInstaller.install(dataSource, dialect);
      return null;
    });

    assertThat(history(dataSource)).extracting(Recorded::version).containsExactly(1, 2, 3);
  }

  // ---- upgrade -------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aDatabaseInstalledWithV1OnlyIsUpgradedAndReadsBackEveryInvoiceUnchanged(Dialect dialect) {
    // Given the first released schema, exactly the V1 script, with no history, and invoices in it
    // (written by the kit elsewhere, and copied in with plain SQL)
    DataSource written = TestDatabases.fresh(dialect);
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(written, dialect);
    InvoiceService service = service(kit, "before-");
    Invoice paid = draft(service);
    service.send(TENANT, paid.id());
    paid = service.recordPayment(TENANT, paid.id(), PaymentRequest.of(Money.parse("EUR 40.00")));
    Invoice drafted = draft(service);
    Invoice rich = kit.invoices().save(SampleInvoices.richEur(TENANT, "inv-rich"));
    DataSource dataSource = EmptyDatabases.create(dialect);
    ReleasedSchemas.install(dataSource, dialect, 1, false);
    ReleasedSchemas.copyV2Rows(written, dataSource);

    // When the installer runs
    SchemaInstaller.install(dataSource, dialect);

    // Then V1 is recorded as found, V2 and V3 are applied, and every invoice reads back as it was
    assertThat(history(dataSource)).extracting(Recorded::version, Recorded::description)
        .containsExactly(
            tuple(1, "invoicekit schema (found installed)"),
            tuple(2, "invoice status index"),
            tuple(3, "credit notes and account credit"));
    assertThat(indexesOfInvoiceTable(dataSource)).contains("ik_invoice_status");
    JdbcInvoiceKit upgraded = JdbcInvoiceKit.of(dataSource, dialect);
    assertThat(upgraded.invoices().findById(TENANT, paid.id())).contains(paid);
    assertThat(upgraded.invoices().findById(TENANT, drafted.id())).contains(drafted);
    assertThat(upgraded.invoices().findById(TENANT, rich.id())).contains(rich);
    assertThat(upgraded.invoices().findByStatus(TENANT, InvoiceStatus.PARTIALLY_PAID,
        PageRequest.first(10)).items()).containsExactly(paid, rich);
    // and the service goes on where it stopped
    Invoice settled = service(upgraded, "after-").recordPayment(TENANT, paid.id(),
        PaymentRequest.of(paid.totals().amountDue()));
    assertThat(settled.status()).isEqualTo(InvoiceStatus.PAID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void anAppliedScriptThatWasEditedIsRefusedAndNothingElseIsApplied(Dialect dialect) {
    // Given a database at V1 whose recorded V1 is not the script this library holds
    DataSource dataSource = EmptyDatabases.create(dialect);
    applyV1Only(dataSource, dialect);
    EmptyDatabases.execute(dataSource, Sql.createSchemaHistory(dialect));
    EmptyDatabases.execute(dataSource, "INSERT INTO ik_schema_history (version, description,"
        + " script, checksum, applied_at) VALUES (1, 'invoicekit schema', '" + V1 + "', '"
        + "0".repeat(64) + "', CURRENT_TIMESTAMP)");

    assertThatThrownBy(() -> SchemaInstaller.install(dataSource, dialect))
        .isInstanceOf(InvoicePersistenceException.class)
        .hasMessageContaining(V1)
        .hasMessageContaining("0".repeat(64))
        .hasMessageContaining(SchemaScript.load(dialect.scriptFolder()).get(0).checksum())
        .hasMessageContaining("must not be edited");

    assertThat(history(dataSource)).extracting(Recorded::version).containsExactly(1);
    assertThat(indexesOfInvoiceTable(dataSource)).doesNotContain("ik_invoice_status");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aDatabaseRecordingAVersionThisLibraryDoesNotKnowIsRefused(Dialect dialect) {
    DataSource dataSource = EmptyDatabases.create(dialect);
    SchemaInstaller.install(dataSource, dialect);
    EmptyDatabases.execute(dataSource, "INSERT INTO ik_schema_history (version, description,"
        + " script, checksum, applied_at) VALUES (99, 'later', 'V99__later.sql', '"
        + "a".repeat(64) + "', CURRENT_TIMESTAMP)");

    assertThatThrownBy(() -> SchemaInstaller.install(dataSource, dialect))
        .isInstanceOf(InvoicePersistenceException.class)
        .hasMessageContaining("version 99 (V99__later.sql)")
        .hasMessageContaining("newer release");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aPartialV1SchemaWithoutHistoryIsRefusedNamingTheMissingTables(Dialect dialect) {
    DataSource dataSource = EmptyDatabases.create(dialect);
    List<String> v1 = SchemaScript.load(dialect.scriptFolder()).get(0).statements();
    EmptyDatabases.execute(dataSource, v1.get(0)); // ik_invoice only

    assertThatThrownBy(() -> SchemaInstaller.install(dataSource, dialect))
        .isInstanceOf(InvoicePersistenceException.class)
        .hasMessageContaining("ik_payment")
        .hasMessageContaining("ik_outbox")
        .hasMessageNotContaining("ik_invoice,");
    assertThat(tables(dataSource)).doesNotContain("ik_schema_history");
  }

  @Test
  void everyDialectFolderHoldsExactlyTheScriptsTheInstallerApplies()
      throws IOException, URISyntaxException {
    for (Dialect dialect : Dialect.values()) {
      URL folder = getClass().getClassLoader().getResource(dialect.scriptFolder());
      assertThat(folder).as(dialect.scriptFolder()).isNotNull();
      try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
        assertThat(files.map(file -> file.getFileName().toString()))
            .as(dialect.scriptFolder())
            .containsExactlyInAnyOrderElementsOf(SchemaScript.NAMES);
      }
    }
    assertThat(SchemaScript.NAMES).extracting(name -> name.substring(0, name.indexOf("__")))
        .containsExactly("V1", "V2", "V3");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));

  private InvoiceService service(JdbcInvoiceKit kit, String idPrefix) {
    return kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource(idPrefix))
        .build();
  }

  private static Invoice draft(InvoiceService service) {
    return service.createDraft(service.newDraft(TENANT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
        .build());
  }

  /** What the previous release's installer did: the V1 script, statement by statement. */
  private static void applyV1Only(DataSource dataSource, Dialect dialect) {
    for (String sql : SchemaScript.load(dialect.scriptFolder()).get(0).statements()) {
      EmptyDatabases.execute(dataSource, sql);
    }
  }

  private record Recorded(int version, String description, String script, String checksum) {}

  private static List<Recorded> history(DataSource dataSource) {
    List<Recorded> rows = new ArrayList<>();
    query(dataSource, "SELECT version, description, script, checksum FROM ik_schema_history"
        + " ORDER BY version", rs -> rows.add(new Recorded(rs.getInt(1), rs.getString(2),
            rs.getString(3), rs.getString(4))));
    return rows;
  }

  private static List<String> historyWithTimes(DataSource dataSource) {
    List<String> rows = new ArrayList<>();
    query(dataSource, "SELECT version, description, script, checksum, applied_at"
        + " FROM ik_schema_history ORDER BY version", rs -> rows.add(rs.getInt(1) + " "
            + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
            + rs.getObject(5)));
    return rows;
  }

  private interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(DataSource dataSource, String sql, Row row) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        row.read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot run '" + sql + "'", e);
    }
  }

  private static TreeSet<String> tables(DataSource dataSource) {
    TreeSet<String> names = new TreeSet<>();
    try (Connection connection = dataSource.getConnection();
        ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(),
            connection.getSchema(), "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list the tables", e);
    }
    return names;
  }

  private static TreeSet<String> indexesOfInvoiceTable(DataSource dataSource) {
    TreeSet<String> names = new TreeSet<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      for (String table : List.of("ik_invoice", "IK_INVOICE")) {
        try (ResultSet rs = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(),
            table, false, false)) {
          while (rs.next()) {
            String name = rs.getString("INDEX_NAME");
            if (name != null) {
              names.add(name.toLowerCase(Locale.ROOT));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list the indexes of ik_invoice", e);
    }
    return names;
  }
}
