package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.tax.TaxCode;
import dev.invoicekit.testkit.contract.Concurrently;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.joda.money.Money;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sweep's set-based write: moves exactly the invoices the lifecycle would move. */
class JdbcOverdueSweepTest {

  private static final TenantId TENANT = TenantId.of("t1");
  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 11, 1);
  private static final LocalDate DUE = LocalDate.of(2026, 12, 1);
  private static final LocalDate AFTER_DUE = LocalDate.of(2026, 12, 2);
  private static final OverdueRule AFTER_DUE_RULE = InvoiceLifecycle.overdueRule(AFTER_DUE);

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", (java.util.function.Supplier<Optional<DataSource>>)
            () -> Optional.of(TestDatabases.h2())),
        Arguments.of("PostgreSQL", (java.util.function.Supplier<Optional<DataSource>>)
            () -> Optional.of(TestDatabases.postgres())),
        Arguments.of("MariaDB", (java.util.function.Supplier<Optional<DataSource>>)
            TestDatabases::mariadb));
  }

  private static Invoice sent(String id, TenantId tenant) {
    Invoice draft = new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(tenant)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(INVOICE_DATE)
        .paymentTerms(PaymentTerms.net(30))
        .addLine(new LineItem.Builder().description("Work").quantity(1).unitPrice("EUR 100.00")
            .taxCode(TaxCode.standard("19")).build())
        .build();
    return InvoiceLifecycle.send(draft, () -> InvoiceNumber.of("N-" + id)).invoice();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void marksPastDueInvoicesWithABalanceAndNothingElse(
      String name, java.util.function.Supplier<Optional<DataSource>> database) {
    Optional<DataSource> dataSource = database.get();
    Assumptions.assumeTrue(dataSource.isPresent(), TestDatabases.mariadbSkipReason());
    JdbcTransactions transactions = JdbcTransactions.of(dataSource.get());
    JdbcInvoices invoices = new JdbcInvoices(transactions);
    Invoice unpaid = invoices.save(sent("a-unpaid", TENANT));
    Invoice partly = invoices.save(InvoiceLifecycle.recordPayment(sent("b-partly", TENANT),
        payment("p1", "19.00"), INVOICE_DATE).invoice());
    invoices.save(InvoiceLifecycle.recordPayment(sent("c-paid", TENANT), payment("p1", "119.00"),
        INVOICE_DATE).invoice());
    invoices.save(sent("d-other-tenant", TenantId.of("t2")));

    List<MarkedOverdue> notYet = transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, InvoiceLifecycle.overdueRule(DUE), 100));
    List<MarkedOverdue> moved = transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, AFTER_DUE_RULE, 100));

    assertThat(notYet).isEmpty();
    Invoice unpaidNow = invoices.findById(TENANT, unpaid.id()).orElseThrow();
    Invoice partlyNow = invoices.findById(TENANT, partly.id()).orElseThrow();
    assertThat(moved).containsExactlyInAnyOrder(
        MarkedOverdue.of(unpaidNow), MarkedOverdue.of(partlyNow));
    assertThat(unpaidNow).isEqualTo(
        unpaid.withStatus(InvoiceStatus.OVERDUE).withVersion(unpaid.version() + 1));
    assertThat(partlyNow).isEqualTo(
        partly.withStatus(InvoiceStatus.OVERDUE).withVersion(partly.version() + 1));
    assertThat(invoices.findById(TENANT, InvoiceId.of("c-paid")).orElseThrow().status())
        .isEqualTo(InvoiceStatus.PAID);
    assertThat(invoices.findById(TenantId.of("t2"), InvoiceId.of("d-other-tenant")).orElseThrow()
        .status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, AFTER_DUE_RULE, 100)))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void movesAtMostTheLimitPerCall(
      String name, java.util.function.Supplier<Optional<DataSource>> database) {
    Optional<DataSource> dataSource = database.get();
    Assumptions.assumeTrue(dataSource.isPresent(), TestDatabases.mariadbSkipReason());
    JdbcTransactions transactions = JdbcTransactions.of(dataSource.get());
    JdbcInvoices invoices = new JdbcInvoices(transactions);
    for (int i = 0; i < 5; i++) {
      invoices.save(sent("inv-" + i, TENANT));
    }

    assertThat(transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, AFTER_DUE_RULE, 3)))
        .hasSize(3);
    assertThat(transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, AFTER_DUE_RULE, 3)))
        .hasSize(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoSweepersAtOnceMoveAndPublishEveryInvoiceExactlyOnce(
      String name, java.util.function.Supplier<Optional<DataSource>> database) throws Exception {
    Optional<DataSource> dataSource = database.get();
    Assumptions.assumeTrue(dataSource.isPresent(), TestDatabases.mariadbSkipReason());
    JdbcTransactions transactions = JdbcTransactions.of(dataSource.get());
    JdbcInvoices invoices = new JdbcInvoices(transactions);
    JdbcOutbox outbox = new JdbcOutbox(transactions);
    int count = 60;
    int limit = 4;
    for (int i = 0; i < count; i++) {
      invoices.save(sent(String.format("c-%02d", i), TENANT));
    }

    // Two application instances, each sweeping as the service does: batches until a short one.
    List<List<MarkedOverdue>> swept = Concurrently.run(2, () -> {
      List<MarkedOverdue> mine = new ArrayList<>();
      while (true) {
        List<MarkedOverdue> batch = Concurrently.retrying(() -> transactions.inTransaction(() -> {
          List<MarkedOverdue> moved = invoices.markOverdue(TENANT, AFTER_DUE_RULE, limit);
          outbox.publishAll(moved.stream().map(JdbcOverdueSweepTest::overdueEvent).toList());
          return moved;
        }));
        mine.addAll(batch);
        if (batch.size() < limit) {
          return mine;
        }
      }
    });

    List<String> moved = swept.stream().flatMap(List::stream).map(m -> m.id().value()).toList();
    assertThat(moved).doesNotHaveDuplicates().hasSize(count);
    for (String id : moved) {
      assertThat(invoices.findById(TENANT, InvoiceId.of(id)).orElseThrow())
          .satisfies(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.OVERDUE))
          .satisfies(i -> assertThat(i.version()).isEqualTo(2));
    }
    try (Connection connection = dataSource.get().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT invoice_id, invoice_version FROM ik_outbox"
            + " WHERE tenant_id = 't1' AND event_type = 'OVERDUE'")) {
      List<String> published = new ArrayList<>();
      while (rs.next()) {
        assertThat(rs.getLong(2)).isEqualTo(2);
        published.add(rs.getString(1));
      }
      assertThat(published).containsExactlyInAnyOrderElementsOf(moved);
    }
  }

  private static InvoiceEvent overdueEvent(MarkedOverdue marked) {
    return new InvoiceEvent.Builder().eventId("e-" + marked.id()).type(InvoiceEventType.OVERDUE)
        .tenant(TENANT).invoiceId(marked.id()).number(marked.number()).version(marked.version())
        .occurredAt(Instant.parse("2026-12-02T08:00:00Z")).status(InvoiceStatus.OVERDUE)
        .total(marked.total()).amountPaid(marked.amountPaid()).amountDue(marked.amountDue())
        .build();
  }

  private static Payment payment(String id, String amount) {
    return new Payment.Builder().id(PaymentId.of(id)).amount(Money.parse("EUR " + amount))
        .date(INVOICE_DATE).build();
  }
}
