package dev.invoicekit.jdbc;

import static dev.invoicekit.jdbc.testing.JdbcDatabase.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The joining mode wired as a Spring host wires it ({@code DataSourceTransactionManager},
 * {@code TransactionTemplate}, a pool), on every database: the host's commit and rollback decide
 * for the invoice, its event and its idempotency key together; a refused command leaves the host's
 * transaction usable; outside a host transaction a command is refused and writes nothing; and no
 * connection stays taken from the pool.
 */
class SpringHostTransactionsTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");

  /** The Spring wiring the README shows. */
  private static HostConnections dataSourceUtils(DataSource pool) {
    return HostConnections.of(() -> DataSourceUtils.getConnection(pool),
        connection -> DataSourceUtils.releaseConnection(connection, pool));
  }

  /** The other Spring wiring the README shows. */
  private static HostConnections transactionAwareProxy(DataSource pool) {
    return HostConnections.of(new TransactionAwareDataSourceProxy(pool));
  }

  /** A Spring application: a small pool, its transaction manager, and the kit joining it. */
  private static final class SpringHost implements AutoCloseable {
    final HikariDataSource pool;
    final TransactionTemplate template;
    final JdbcTemplate jdbc;
    final InvoiceService service;

    SpringHost(JdbcDatabase database, Function<DataSource, HostConnections> wiring) {
      HikariConfig config = new HikariConfig();
      config.setDataSource(database.create());
      config.setMaximumPoolSize(2);
      // A connection never given back shows as a test failure within two seconds, not a hang.
      config.setConnectionTimeout(2_000);
      pool = new HikariDataSource(config);
      template = new TransactionTemplate(new DataSourceTransactionManager(pool));
      jdbc = new JdbcTemplate(pool);
      JdbcInvoiceKit kit = JdbcInvoiceKit.joining(wiring.apply(pool), database.dialect());
      service = kit.configure(InvoiceService.builder())
          .clock(new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC")),
              ZoneId.of("Europe/Berlin"))
          .ids(new SequentialIdSource("id-"))
          .build();
    }

    <T> T inTransaction(Supplier<T> work) {
      return template.execute(status -> work.get());
    }

    void inTransactionRolledBack(Runnable work) {
      template.executeWithoutResult(status -> {
        work.run();
        status.setRollbackOnly();
      });
    }

    Invoice newDraft() {
      return service.newDraft(TENANT)
          .account(AccountId.of("acme"))
          .currency("EUR")
          .paymentTerms(PaymentTerms.net(30))
          .addLine(ServiceFixture.line("Consulting", 1, "100.00"))
          .build();
    }

    /** Committed rows of the invoice, outbox and idempotency key tables. */
    long[] committed() {
      return new long[] {
        rows(pool, "ik_invoice"), rows(pool, "ik_outbox"), rows(pool, "ik_idempotency_key")
      };
    }

    int activeConnections() {
      return pool.getHikariPoolMXBean().getActiveConnections();
    }

    @Override
    public void close() {
      pool.close();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void theHostsRollbackRemovesTheInvoiceItsEventAndItsKey(JdbcDatabase database) {
    try (SpringHost host = new SpringHost(database, SpringHostTransactionsTest::dataSourceUtils)) {
      host.inTransactionRolledBack(() -> {
        host.service.createDraft(host.newDraft(), IdempotencyKey.of("draft-1"));
        assertThat(host.jdbc.queryForObject("SELECT COUNT(*) FROM ik_outbox", Long.class))
            .as("the event, seen inside the host's transaction").isEqualTo(1);
      });

      assertThat(host.committed()).containsExactly(0, 0, 0);
      assertThat(host.activeConnections()).isZero();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void theHostsCommitKeepsTheInvoiceItsEventAndItsKey(JdbcDatabase database) {
    try (SpringHost host = new SpringHost(database, SpringHostTransactionsTest::dataSourceUtils)) {
      Invoice created = host.inTransaction(
          () -> host.service.createDraft(host.newDraft(), IdempotencyKey.of("draft-1")));

      assertThat(host.committed()).containsExactly(1, 1, 1);
      assertThat(host.service.find(TENANT, created.id())).contains(created);
      assertThat(host.activeConnections()).isZero();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aDuplicateDraftLeavesTheHostsTransactionUsable(JdbcDatabase database) {
    try (SpringHost host = new SpringHost(database, SpringHostTransactionsTest::dataSourceUtils)) {
      Invoice later = host.inTransaction(() -> {
        Invoice first = host.service.createDraft(host.newDraft());
        assertThatThrownBy(() -> host.service.createDraft(host.newDraft().withId(first.id())))
            .isInstanceOf(DuplicateInvoiceException.class);

        assertThat(host.jdbc.queryForObject("SELECT COUNT(*) FROM ik_invoice", Long.class))
            .as("the host's next statement").isEqualTo(1);
        return host.service.createDraft(host.newDraft());
      });

      assertThat(host.committed()).containsExactly(2, 2, 0);
      assertThat(host.service.find(TENANT, later.id())).contains(later);
      assertThat(host.activeConnections()).isZero();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void anIllegalTransitionLeavesTheHostsTransactionUsable(JdbcDatabase database) {
    try (SpringHost host = new SpringHost(database, SpringHostTransactionsTest::dataSourceUtils)) {
      Invoice sent = host.inTransaction(() -> {
        Invoice draft = host.service.createDraft(host.newDraft());
        Invoice cancelled = host.service.cancel(TENANT, draft.id());
        assertThatThrownBy(() -> host.service.send(TENANT, cancelled.id(),
            IdempotencyKey.of("send-1")))
            .isInstanceOf(IllegalTransitionException.class);

        assertThat(host.jdbc.queryForObject("SELECT COUNT(*) FROM ik_invoice", Long.class))
            .as("the host's next statement").isEqualTo(1);
        return host.service.send(TENANT, host.service.createDraft(host.newDraft()).id());
      });

      assertThat(sent.status()).isEqualTo(InvoiceStatus.SENT);
      assertThat(host.committed()).containsExactly(2, 4, 0);
      assertThat(host.service.find(TENANT, sent.id())).contains(sent);
      assertThat(host.activeConnections()).isZero();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void outsideTheHostsTransactionACommandIsRefusedAndWritesNothing(JdbcDatabase database) {
    try (SpringHost host = new SpringHost(database, SpringHostTransactionsTest::dataSourceUtils)) {
      assertThatThrownBy(
          () -> host.service.createDraft(host.newDraft(), IdempotencyKey.of("draft-1")))
          .isInstanceOf(InvoicePersistenceException.class)
          .hasMessageContaining("auto-commit mode: call the adapter inside the host's"
              + " transaction");

      assertThat(host.committed()).containsExactly(0, 0, 0);
      assertThat(host.activeConnections()).isZero();
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void noConnectionStaysTakenAfterAThousandCallsInAndOutsideTheHostsTransactions(
      JdbcDatabase database) {
    try (SpringHost host = new SpringHost(database, SpringHostTransactionsTest::dataSourceUtils)) {
      Invoice stored = host.inTransaction(() -> host.service.createDraft(host.newDraft()));

      for (int call = 0; call < 1_000; call++) {
        switch (call % 4) {
          case 0:
            assertThat(host.service.find(TENANT, stored.id())).isPresent();
            break;
          case 1:
            assertThat(host.inTransaction(() -> host.service.find(TENANT, stored.id())))
                .isPresent();
            break;
          case 2:
            assertThatThrownBy(() -> host.service.cancel(TENANT, stored.id()))
                .isInstanceOf(InvoicePersistenceException.class);
            break;
          default:
            host.inTransactionRolledBack(() -> host.service.createDraft(host.newDraft()));
            break;
        }
      }

      assertThat(host.activeConnections()).isZero();
      assertThat(host.committed()).containsExactly(1, 1, 0);
    }
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void throughATransactionAwareProxyTheHostDecidesAndNoConnectionStaysTaken(
      JdbcDatabase database) {
    try (SpringHost host =
        new SpringHost(database, SpringHostTransactionsTest::transactionAwareProxy)) {
      Invoice created = host.inTransaction(() -> host.service.createDraft(host.newDraft()));
      host.inTransactionRolledBack(() -> host.service.createDraft(host.newDraft()));
      host.inTransaction(() -> {
        assertThatThrownBy(() -> host.service.createDraft(host.newDraft().withId(created.id())))
            .isInstanceOf(DuplicateInvoiceException.class);
        return host.service.cancel(TENANT, created.id());
      });
      for (int call = 0; call < 100; call++) {
        assertThat(host.service.find(TENANT, created.id())).isPresent();
        assertThatThrownBy(() -> host.service.createDraft(host.newDraft()))
            .isInstanceOf(InvoicePersistenceException.class)
            .hasMessageContaining("auto-commit mode");
      }

      assertThat(host.service.find(TENANT, created.id()))
          .hasValueSatisfying(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.CANCELLED));
      assertThat(host.committed()).containsExactly(1, 2, 0);
      assertThat(host.activeConnections()).isZero();
    }
  }
}
