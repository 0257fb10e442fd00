package dev.invoicekit.jdbc.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InputLimits;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoices;
import dev.invoicekit.jdbc.JdbcTransactions;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The documented limits ({@link InputLimits}) hold on every database: the longest text of each
 * field in characters outside the Basic Multilingual Plane (two UTF-16 units each), the first and
 * last storable days, and the largest quantity and price are stored and read back exactly equal.
 */
class StorableExtremesTest {

  private static final String EMOJI = "\uD83D\uDE00";

  @ParameterizedTest(name = "{0}")
  @EnumSource(JdbcDatabase.class)
  void valuesAtEveryDocumentedLimitAreStoredAndReadBackExactly(JdbcDatabase database) {
    JdbcInvoices invoices = new JdbcInvoices(JdbcTransactions.of(database.create()));
    String id = EMOJI.repeat(InputLimits.ID_LENGTH);
    TenantId tenant = TenantId.of(id);
    Invoice invoice = new Invoice.Builder()
        .id(InvoiceId.of(id))
        .tenant(tenant)
        .number(InvoiceNumber.of(id))
        .status(InvoiceStatus.SENT)
        .account(AccountId.of(id))
        .currency("EUR")
        .invoiceDate(LocalDate.of(1, 1, 1))
        .dueDate(LocalDate.of(9999, 12, 31))
        .notes(EMOJI.repeat(InputLimits.DOCUMENT_TEXT_LENGTH))
        .terms("\u05E9\u05DC\u05D5\u05DD\n\t'; DROP TABLE ik_invoice; --%_\\")
        .putExternalReference(EMOJI.repeat(InputLimits.ID_LENGTH), id)
        .addLine(new LineItem.Builder()
            .description(EMOJI.repeat(InputLimits.DESCRIPTION_LENGTH))
            .product(ProductId.of(id))
            .quantity("999999.999999")
            .unitPrice("EUR 999999.0000000001")
            .taxCode(TaxCode.standard("19.1234"))
            .build())
        .addLine(new LineItem.Builder()
            .description("Largest quantity, smallest price")
            .quantity("9999999999999999")
            .unitPrice("EUR 0.0000000001")
            .taxCode(TaxCode.standard("19"))
            .build())
        .addPayment(new Payment.Builder()
            .id(PaymentId.of(id))
            .amount(Money.parse("EUR 1.00"))
            .date(LocalDate.of(9999, 12, 31))
            .method(EMOJI.repeat(InputLimits.PAYMENT_METHOD_LENGTH))
            .reference(EMOJI.repeat(InputLimits.PAYMENT_REFERENCE_LENGTH))
            .build())
        .build();

    Invoice saved = invoices.save(invoice);

    assertThat(invoices.findById(tenant, invoice.id())).contains(saved);
    assertThat(invoices.findByNumber(tenant, invoice.number().orElseThrow())).contains(saved);
    assertThat(saved.invoiceDate()).isEqualTo(LocalDate.of(1, 1, 1));
  }
}
