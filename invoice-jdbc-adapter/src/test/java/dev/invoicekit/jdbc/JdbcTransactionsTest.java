package dev.invoicekit.jdbc;

import static dev.invoicekit.jdbc.testing.JdbcDatabase.invoiceRows;
import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static dev.invoicekit.testkit.contract.SampleInvoices.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.jdbc.testing.CountingDataSource;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapter's own transactions ({@link JdbcTransactions#of}) and joining the host's
 * ({@link JdbcTransactions#joining}): an invoice with its lines and payments is stored whole or not
 * at all, and whoever opened the transaction decides which.
 */
class JdbcTransactionsTest {

  /** The rich sample: 1 invoice row, 5 line rows, 3 payment rows. */
  private static final Invoice RICH = SampleInvoices.richEur(TENANT, "inv-1");

  // ---- the adapter's own transactions
  // ------------------------------------------------------------

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aTransactionThatReturnsCommitsTheHeaderLinesAndPayments(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcTransactions transactions = JdbcTransactions.of(dataSource);
    JdbcInvoices invoices = new JdbcInvoices(transactions);

    Invoice saved = transactions.inTransaction(() -> invoices.save(RICH));

    assertThat(invoiceRows(dataSource)).containsExactly(1, 5, 3);
    assertThat(new JdbcInvoices(JdbcTransactions.of(dataSource)).findById(TENANT, RICH.id()))
        .contains(saved);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aTransactionThatThrowsRollsBackTheHeaderLinesAndPayments(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcTransactions transactions = JdbcTransactions.of(dataSource);
    JdbcInvoices invoices = new JdbcInvoices(transactions);

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      invoices.save(RICH);
      assertThat(invoices.findById(TENANT, RICH.id())).as("seen inside").isPresent();
      throw new IllegalStateException("after the save");
    })).isInstanceOf(IllegalStateException.class).hasMessage("after the save");

    assertThat(invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aRolledBackUpdateLeavesTheLinesAndPaymentsOfTheVersionBefore(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcTransactions transactions = JdbcTransactions.of(dataSource);
    JdbcInvoices invoices = new JdbcInvoices(transactions);
    Invoice draft = invoices.save(SampleInvoices.richBhd(TENANT, "inv-bhd"));
    Invoice stored = invoices.save(RICH);
    Payment another = new Payment.Builder()
        .id(PaymentId.of("pay-9"))
        .amount(Money.parse("EUR 1.00"))
        .date(SampleInvoices.INVOICE_DATE)
        .build();

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      invoices.save(draft.withLines(SampleInvoices.line("Only line", "1", "BHD 20.000")));
      invoices.save(stored.withPayments(
          append(stored.payments(), another)));
      throw new IllegalStateException("rolled back");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(invoiceRows(dataSource)).containsExactly(2, 2 + 5, 3);
    assertThat(invoices.findById(TENANT, draft.id())).contains(draft);
    assertThat(invoices.findById(TENANT, stored.id())).contains(stored);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aNestedTransactionJoinsTheOuterOneOnTheSameConnection(JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcTransactions transactions = JdbcTransactions.of(counting.dataSource());
    JdbcInvoices invoices = new JdbcInvoices(transactions);

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      Invoice inner = transactions.inTransaction(() -> invoices.save(draft("inv-1")));
      assertThat(invoiceRows(counting.dataSource()))
          .as("the inner transaction did not commit on its own")
          .containsExactly(0, 0, 0);
      assertThat(invoices.findById(TENANT, inner.id())).contains(inner);
      transactions.inTransaction(() -> invoices.save(draft("inv-2")));
      throw new IllegalStateException("the outer work fails");
    })).isInstanceOf(IllegalStateException.class);

    counting.reset();
    assertThat(invoiceRows(counting.dataSource())).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aTransactionUsesOneConnectionForAllItsStatements(JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcTransactions transactions = JdbcTransactions.of(counting.dataSource());
    JdbcInvoices invoices = new JdbcInvoices(transactions);

    transactions.inTransaction(() -> {
      Invoice saved = invoices.save(RICH);
      invoices.findById(TENANT, saved.id());
      return transactions.inTransaction(() -> invoices.save(draft("inv-2")));
    });

    assertThat(counting.connections()).isEqualTo(1);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aFailedWriteRollsBackEarlierWritesOfItsTransaction(JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcTransactions transactions = JdbcTransactions.of(dataSource);
    JdbcInvoices invoices = new JdbcInvoices(transactions);
    Invoice existing = invoices.save(draft("inv-1"));

    assertThatThrownBy(() -> transactions.inTransaction(() -> {
      invoices.save(draft("inv-2"));
      return invoices.save(existing.withVersion(7));
    })).isInstanceOf(StaleInvoiceException.class);

    assertThat(invoiceRows(dataSource)).containsExactly(1, 1, 0);
    assertThat(invoices.findById(TENANT, existing.id())).contains(existing);
  }

  // ---- joining the host's transaction
  // ------------------------------------------------------------

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void joiningTheHostsTransactionLeavesTheRollbackToTheHost(JdbcDatabase database)
      throws SQLException {
    DataSource dataSource = database.create();
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcTransactions transactions = JdbcTransactions.joining(() -> host);
      JdbcInvoices invoices = new JdbcInvoices(transactions);

      Invoice saved = transactions.inTransaction(() -> invoices.save(RICH));
      invoices.save(draft("inv-2"));

      assertThat(invoices.findById(TENANT, RICH.id())).as("seen by the host").contains(saved);
      assertThat(invoiceRows(dataSource)).as("seen by others").containsExactly(0, 0, 0);
      assertThat(host.isClosed()).isFalse();
      assertThat(host.getAutoCommit()).isFalse();

      host.rollback();
    }

    assertThat(invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void joiningTheHostsTransactionLeavesTheCommitToTheHost(JdbcDatabase database)
      throws SQLException {
    DataSource dataSource = database.create();
    Invoice saved;
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.joining(() -> host));

      saved = invoices.save(RICH);
      assertThat(invoiceRows(dataSource)).containsExactly(0, 0, 0);

      host.commit();
    }

    assertThat(invoiceRows(dataSource)).containsExactly(1, 5, 3);
    assertThat(new JdbcInvoices(JdbcTransactions.of(dataSource)).findById(TENANT, RICH.id()))
        .contains(saved);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aRefusedWriteInTheHostsTransactionDoesNotRollBackTheHostsOtherWork(
      JdbcDatabase database) throws SQLException {
    DataSource dataSource = database.create();
    Invoice saved;
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.joining(() -> host));
      saved = invoices.save(RICH);

      assertThatThrownBy(() -> invoices.save(draft("inv-2").withVersion(3)))
          .isInstanceOf(StaleInvoiceException.class);

      host.commit();
    }

    assertThat(invoiceRows(dataSource)).containsExactly(1, 5, 3);
    assertThat(new JdbcInvoices(JdbcTransactions.of(dataSource)).findById(TENANT, RICH.id()))
        .contains(saved);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aHostWithoutAConnectionIsTold(JdbcDatabase database) {
    database.create();
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.joining(() -> null));

    assertThatThrownBy(() -> invoices.findById(TENANT, RICH.id()))
        .isInstanceOf(InvoicePersistenceException.class)
        .hasMessageContaining("inside the host's transaction");
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aConnectionInAutoCommitModeIsRefusedAndNothingIsWritten(JdbcDatabase database)
      throws SQLException {
    DataSource dataSource = database.create();
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(true);
      JdbcTransactions transactions = JdbcTransactions.joining(HostConnections.of(host));
      JdbcInvoices invoices = new JdbcInvoices(transactions);

      assertThatThrownBy(() -> transactions.inTransaction(() -> invoices.save(RICH)))
          .isInstanceOf(InvoicePersistenceException.class)
          .hasMessageContaining("The host's connection is in auto-commit mode: call the adapter"
              + " inside the host's transaction");
      assertThatThrownBy(() -> invoices.save(RICH))
          .isInstanceOf(InvoicePersistenceException.class)
          .hasMessageContaining("auto-commit mode");
      assertThat(invoices.findById(TENANT, RICH.id())).as("a read is one statement").isEmpty();
      assertThat(host.getAutoCommit()).isTrue();
    }

    assertThat(invoiceRows(dataSource)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aDuplicateInTheHostsTransactionLeavesItUsableAndUndoesTheWholeUnit(JdbcDatabase database)
      throws SQLException {
    DataSource dataSource = database.create();
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcTransactions transactions = JdbcTransactions.joining(HostConnections.of(host));
      JdbcInvoices invoices = new JdbcInvoices(transactions);
      invoices.save(RICH);

      assertThatThrownBy(() -> transactions.inTransaction(() -> {
        invoices.save(draft("inv-2"));
        return invoices.save(RICH);
      })).isInstanceOf(DuplicateInvoiceException.class);

      try (Statement statement = host.createStatement();
          ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM ik_invoice")) {
        rs.next();
        assertThat(rs.getLong(1)).as("the host's next statement").isEqualTo(1);
      }
      invoices.save(draft("inv-3"));
      host.commit();
    }

    assertThat(invoiceRows(dataSource)).containsExactly(2, 6, 3);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void eachUnitAcquiresTheHostsConnectionOnceAndReleasesItOnceAlsoWhenItFails(
      JdbcDatabase database) throws SQLException {
    DataSource dataSource = database.create();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      int[] taken = new int[2];
      JdbcTransactions transactions = JdbcTransactions.joining(HostConnections.of(
          () -> {
            taken[0]++;
            return connection;
          },
          released -> {
            assertThat(released).isSameAs(connection);
            taken[1]++;
          }));
      JdbcInvoices invoices = new JdbcInvoices(transactions);

      transactions.inTransaction(() -> {
        Invoice saved = invoices.save(RICH);
        invoices.findById(TENANT, saved.id());
        return invoices.save(draft("inv-2"));
      });
      assertThat(taken).as("one unit of three port calls").containsExactly(1, 1);

      invoices.findById(TENANT, RICH.id());
      assertThatThrownBy(() -> invoices.save(RICH)).isInstanceOf(DuplicateInvoiceException.class);
      assertThatThrownBy(() -> transactions.inTransaction(() -> {
        throw new IllegalStateException("the unit fails");
      })).isInstanceOf(IllegalStateException.class);

      assertThat(taken).containsExactly(4, 4);
      connection.rollback();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aStaleWriteInTheHostsTransactionNamesTheVersionStoredNow(JdbcDatabase database)
      throws SQLException {
    DataSource dataSource = database.create();
    JdbcInvoices others = new JdbcInvoices(JdbcTransactions.of(dataSource));
    Invoice stored = others.save(draft("inv-1"));
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.joining(HostConnections.of(host)));
      Invoice read = invoices.findById(TENANT, stored.id()).orElseThrow();

      // Another connection writes twice after the host's transaction has read (its snapshot).
      others.save(others.save(stored.withNotes("second")).withNotes("third"));

      assertThatThrownBy(() -> invoices.save(read.withNotes("the host's")))
          .isInstanceOfSatisfying(StaleInvoiceException.class, e -> {
            assertThat(e.expectedVersion()).isEqualTo(1);
            assertThat(e.actualVersion()).isEqualTo(3);
          })
          .hasMessageContaining("read at version 1 but is now at version 3");
      host.rollback();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aFailureAfterTheDatabaseEndedTheHostsTransactionIsNotRetriedInsideIt(
      JdbcDatabase database) throws SQLException {
    DataSource dataSource = database.create();
    try (Connection host = dataSource.getConnection()) {
      host.setAutoCommit(false);
      JdbcTransactions transactions = JdbcTransactions.joining(HostConnections.of(host));
      JdbcInvoices invoices = new JdbcInvoices(transactions);
      StaleInvoiceException stale = new StaleInvoiceException(RICH.id(), 1, 2);

      assertThatThrownBy(() -> transactions.inTransaction(() -> {
        invoices.save(RICH);
        try {
          host.rollback(); // as the database does on a deadlock, on MariaDB
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        throw stale;
      })).isInstanceOfSatisfying(InvoicePersistenceException.class,
          e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("roll the host's transaction back and run it again")
          .hasCause(stale);
      host.rollback();
    }
  }

  private static List<Payment> append(List<Payment> payments, Payment payment) {
    List<Payment> all = new ArrayList<>(payments);
    all.add(payment);
    return all;
  }
}
