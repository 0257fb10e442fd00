package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.TestDatabases;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bulk import: new invoices, some with payments and settlements, stored as save stores them, chunk
 * by chunk, duplicates refused.
 */
class JdbcInvoicesImportTest {

  private static final TenantId TENANT = TenantId.of("t1");
  private static final LocalDate INVOICE_DATE = LocalDate.of(2026, 3, 2);

  private static Invoice issued(int n) {
    Invoice.Builder invoice = new Invoice.Builder()
        .id(InvoiceId.of(String.format("imp-%05d", n)))
        .tenant(TENANT)
        .number(InvoiceNumber.of("OLD-" + n))
        .status(InvoiceStatus.SENT)
        .account(AccountId.of("acme"))
        .currency("EUR")
        .invoiceDate(INVOICE_DATE)
        .dueDate(INVOICE_DATE.plusDays(30))
        .addLine(new LineItem.Builder().description("Work " + n).quantity("1.5")
            .unitPrice("EUR 80.00").taxCode(TaxCode.standard("19"))
            .addAllowanceCharge(LineAllowanceCharge.allowance(Percentage.parse("10")))
            .build())
        .addLine(new LineItem.Builder().description("Travel").quantity(1)
            .unitPrice("EUR 25.00").taxCode(TaxCode.standard("7")).build());
    if (n % 2 == 0) {
      invoice.status(InvoiceStatus.PARTIALLY_PAID).addPayment(new Payment.Builder()
          .id(PaymentId.of("pay-" + n)).amount(Money.parse("EUR 50.00")).date(INVOICE_DATE)
          .method("bank transfer").build());
    }
    if (n % 3 == 0) {
      // Credited before the import: a settlement comes with its history too.
      invoice.addSettlement(new Settlement.Builder().id(SettlementId.of("cn-" + n))
          .kind(Settlement.Kind.CREDIT_NOTE).amount(Money.parse("EUR 10.00"))
          .date(INVOICE_DATE.plusDays(5)).reference("cn-" + n).build());
    }
    return invoice.build();
  }

  private static List<Invoice> issued(int from, int count) {
    List<Invoice> invoices = new ArrayList<>();
    for (int n = from; n < from + count; n++) {
      invoices.add(issued(n));
    }
    return invoices;
  }

  private static List<Invoice> stored(JdbcInvoices invoices) {
    List<Invoice> all = new ArrayList<>();
    Optional<PageRequest> request = Optional.of(PageRequest.first(1000));
    while (request.isPresent()) {
      Page<Invoice> page = invoices.findByAccount(TENANT, AccountId.of("acme"), request.get());
      all.addAll(page.items());
      request = request.get().next(page);
    }
    return all;
  }

  @ParameterizedTest
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void importedInvoicesLoadBackAsGivenAtVersionOne(Dialect dialect) {
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(TestDatabases.fresh(dialect)));
    List<Invoice> given = issued(1, JdbcInvoices.IMPORT_CHUNK * 2 + 7);

    int imported = invoices.importAll(given);

    assertThat(imported).isEqualTo(given.size());
    List<Invoice> loaded = stored(invoices);
    assertThat(loaded).hasSize(given.size());
    for (int i = 0; i < given.size(); i++) {
      assertThat(loaded.get(i)).isEqualTo(given.get(i).withVersion(1));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void anInvoiceAlreadySavedIsRefusedBeforeAnythingIsWritten(Dialect dialect) {
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(TestDatabases.fresh(dialect)));
    List<Invoice> given = new ArrayList<>(issued(1, 3));
    given.add(issued(4).withVersion(2));

    assertThatThrownBy(() -> invoices.importAll(given))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imp-00004")
        .hasMessageContaining("version 2");
    assertThat(stored(invoices)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void aTakenIdRollsBackItsChunkAndKeepsTheChunksBefore(Dialect dialect) {
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(TestDatabases.fresh(dialect)));
    invoices.save(issued(JdbcInvoices.IMPORT_CHUNK + 3));
    List<Invoice> given = issued(1, JdbcInvoices.IMPORT_CHUNK * 2);

    assertThatThrownBy(() -> invoices.importAll(given))
        .isInstanceOf(DuplicateInvoiceException.class)
        .hasMessageContaining(JdbcInvoices.IMPORT_CHUNK + " before them were");
    assertThat(stored(invoices)).hasSize(JdbcInvoices.IMPORT_CHUNK + 1);
  }

  @ParameterizedTest
  @MethodSource("dev.invoicekit.jdbc.testing.TestDatabases#dialects")
  void insideAnOpenTransactionTheImportIsAllOrNothing(Dialect dialect) {
    JdbcTransactions transactions = JdbcTransactions.of(TestDatabases.fresh(dialect));
    JdbcInvoices invoices = new JdbcInvoices(transactions);
    List<Invoice> given = new ArrayList<>(issued(1, JdbcInvoices.IMPORT_CHUNK + 10));
    given.add(issued(5));

    assertThatThrownBy(() -> transactions.inTransaction(() -> invoices.importAll(given)))
        .isInstanceOf(DuplicateInvoiceException.class);
    assertThat(stored(invoices)).isEmpty();
  }
}
