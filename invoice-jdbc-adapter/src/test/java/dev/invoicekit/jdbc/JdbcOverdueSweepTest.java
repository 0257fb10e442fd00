package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
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
  private static final LocalDate AFTER_DUE = LocalDate.of(2026, 12, 2);

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
    return InvoiceLifecycle.send(draft, () -> InvoiceNumber.of("N-" + id));
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
        payment("p1", "19.00"), INVOICE_DATE));
    invoices.save(InvoiceLifecycle.recordPayment(sent("c-paid", TENANT), payment("p1", "119.00"),
        INVOICE_DATE));
    invoices.save(sent("d-other-tenant", TenantId.of("t2")));

    List<Invoice> notYet = transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, LocalDate.of(2026, 12, 1), 100));
    List<Invoice> moved = transactions.inTransaction(
        () -> invoices.markOverdue(TENANT, AFTER_DUE, 100));

    assertThat(notYet).isEmpty();
    assertThat(moved).extracting(i -> i.id().value()).containsExactly("a-unpaid", "b-partly");
    assertThat(moved).allSatisfy(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.OVERDUE));
    assertThat(moved.get(0).version()).isEqualTo(unpaid.version() + 1);
    assertThat(moved.get(1).payments()).isEqualTo(partly.payments());
    assertThat(invoices.findById(TENANT, InvoiceId.of("c-paid")).orElseThrow().status())
        .isEqualTo(InvoiceStatus.PAID);
    assertThat(invoices.findById(TenantId.of("t2"), InvoiceId.of("d-other-tenant")).orElseThrow()
        .status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(transactions.inTransaction(() -> invoices.markOverdue(TENANT, AFTER_DUE, 100)))
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

    assertThat(transactions.inTransaction(() -> invoices.markOverdue(TENANT, AFTER_DUE, 3)))
        .hasSize(3);
    assertThat(transactions.inTransaction(() -> invoices.markOverdue(TENANT, AFTER_DUE, 3)))
        .hasSize(2);
  }

  private static Payment payment(String id, String amount) {
    return new Payment.Builder().id(PaymentId.of(id)).amount(Money.parse("EUR " + amount))
        .date(INVOICE_DATE).build();
  }
}
