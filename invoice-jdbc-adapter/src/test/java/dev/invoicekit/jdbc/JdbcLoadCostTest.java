package dev.invoicekit.jdbc;

import static dev.invoicekit.testkit.contract.SampleInvoices.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.jdbc.testing.CountingDataSource;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.testkit.contract.SampleInvoices;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loading costs a fixed number of statements, however many lines and payments an invoice has. */
class JdbcLoadCostTest {

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void loadingAnInvoiceWithAHundredLinesPreparesAsManyStatementsAsWithOne(
      JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(counting.dataSource()));
    Invoice small = invoices.save(withLinesAndPayments("small", 1, 1));
    Invoice large = invoices.save(withLinesAndPayments("large", 100, 40));

    int forSmall = statementsFor(counting,
        () -> assertThat(invoices.findById(TENANT, small.id())).contains(small));
    int forLarge = statementsFor(counting,
        () -> assertThat(invoices.findById(TENANT, large.id())).contains(large));
    int byNumber = statementsFor(counting, () -> assertThat(
        invoices.findByNumber(TENANT, large.number().orElseThrow())).contains(large));

    assertThat(forLarge).isEqualTo(forSmall).isEqualTo(byNumber).isEqualTo(1);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void loadingAPageOfTwentyInvoicesPreparesAsManyStatementsAsAPageOfOne(
      JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(counting.dataSource()));
    List<Invoice> saved = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      saved.add(invoices.save(withLinesAndPayments(String.format("inv-%02d", i), 1 + i * 5, i)));
    }

    int pageOfOne = statementsFor(counting, () -> assertThat(
        invoices.findByAccount(TENANT, AccountId.of("acme"), PageRequest.first(1)).items())
        .containsExactly(saved.get(0)));
    int pageOfTwenty = statementsFor(counting, () -> assertThat(
        invoices.findByAccount(TENANT, AccountId.of("acme"), PageRequest.first(20)).items())
        .containsExactlyElementsOf(saved));

    assertThat(pageOfTwenty).isEqualTo(pageOfOne).isEqualTo(3);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aCallOutsideATransactionUsesOneConnection(JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(counting.dataSource()));
    Invoice saved = invoices.save(withLinesAndPayments("inv-1", 50, 10));
    counting.reset();

    invoices.findById(TENANT, saved.id());

    assertThat(counting.connections()).isEqualTo(1);
  }

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aLoadOutsideATransactionRunsInAutocommitModeWithoutBeginOrCommit(JdbcDatabase database) {
    CountingDataSource counting = new CountingDataSource(database.create());
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(counting.dataSource()));
    Invoice saved = invoices.save(withLinesAndPayments("inv-1", 10, 2));
    counting.reset();

    assertThat(invoices.findById(TENANT, saved.id())).contains(saved);
    assertThat(invoices.findByNumber(TENANT, saved.number().orElseThrow())).contains(saved);

    assertThat(counting.transactionCalls()).isZero();
    assertThat(counting.preparedStatements()).isEqualTo(2);
  }

  private static int statementsFor(CountingDataSource counting, Runnable load) {
    counting.reset();
    load.run();
    return counting.preparedStatements();
  }

  /** A sent invoice with {@code lines} lines of 100.00 EUR and {@code payments} of 1.00 EUR. */
  private static Invoice withLinesAndPayments(String id, int lines, int payments) {
    List<LineItem> items = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      items.add(SampleInvoices.line("Line " + (i + 1), "1", "EUR 100.00"));
    }
    List<Payment> paid = new ArrayList<>();
    for (int i = 0; i < payments; i++) {
      paid.add(new Payment.Builder()
          .id(PaymentId.of("pay-" + i))
          .amount(Money.parse("EUR 1.00"))
          .date(SampleInvoices.INVOICE_DATE)
          .build());
    }
    Supplier<InvoiceStatus> status =
        () -> payments == 0 ? InvoiceStatus.SENT : InvoiceStatus.PARTIALLY_PAID;
    return SampleInvoices.draft(id)
        .withLines(items)
        .withPayments(paid)
        .withNumber(InvoiceNumber.of("INV-" + id))
        .withStatus(status.get());
  }
}
