package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.MalformedJsonException;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.joda.money.CurrencyUnit;

/**
 * The columns of one invoice row, before its lines and payments are read.
 *
 * @param id the invoice id
 * @param version the stored version
 * @param status the stored status
 * @param number the invoice number, or null
 * @param currency the currency
 * @param invoiceDate the invoice date
 * @param account the account id
 * @param contact the contact id, or null
 * @param opportunity the opportunity id, or null
 * @param content the rest of the invoice, as {@link InvoiceCodec#content} wrote it
 * @param settlementCount how many settlements the invoice has, or -1 where not read
 */
record InvoiceHeader(String id, long version, InvoiceStatus status, String number,
    CurrencyUnit currency, LocalDate invoiceDate, String account, String contact,
    String opportunity, String content, int settlementCount) {

  /** The invoice of this row with its lines, payments and settlements. */
  Invoice toInvoice(TenantId tenant, List<LineItem> lines, List<Payment> payments,
      List<Settlement> settlements) {
    Invoice.Builder builder = new Invoice.Builder();
    builder
        .id(InvoiceId.of(id))
        .tenant(tenant)
        .version(version)
        .status(status)
        .number(Optional.ofNullable(number).map(InvoiceNumber::of))
        .currency(currency)
        .invoiceDate(invoiceDate)
        .account(AccountId.of(account))
        .contact(Optional.ofNullable(contact).map(ContactId::of))
        .opportunity(Optional.ofNullable(opportunity).map(OpportunityId::of))
        .lines(lines)
        .payments(payments)
        .settlements(settlements);
    try {
      InvoiceCodec.readContent(builder, content, currency);
    } catch (MalformedJsonException e) {
      throw new InvoicePersistenceException(
          "Invoice " + id + ": stored content is damaged (" + e.getMessage() + ")", e);
    }
    return builder.build();
  }
}
