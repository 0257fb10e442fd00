package dev.invoicekit.examples;

import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.joda.money.Money;

/**
 * What bad input looks like: an illegal transition and an overpayment, each refused with a message
 * that names the invoice, its state and what to do, and each leaving the invoice as it was.
 */
public final class BadInputExample {

  private BadInputExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  static void run(PrintStream out) {
    InvoiceService service = JdbcInvoiceKit.of(ExampleDatabase.create(), Dialect.H2)
        .configure(InvoiceService.builder())
        .clock(new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC),
            ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("bad-"))
        .build();
    TenantId tenant = TenantId.of("northwind-crm");
    Invoice draft = service.createDraft(service.newDraft(tenant)
        .account(AccountId.of("Contoso Ltd"))
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30))
        .addLine(new LineItem.Builder().description("Consulting").quantity(10)
            .unitPrice("EUR 95.00").taxCode(TaxCode.standard("19")).build())
        .build());
    Invoice sent = service.send(tenant, draft.id());
    InvoiceId id = sent.id();

    out.println("Editing the lines of a sent invoice:");
    refused(out, () -> service.editDraft(tenant, id, sent.version(),
        d -> d.withLines(new LineItem.Builder().description("Consulting (discounted)").quantity(10)
            .unitPrice("EUR 80.00").taxCode(TaxCode.standard("19")).build())));
    unchanged(out, service, tenant, sent);

    out.println("Recording EUR 2000.00 on an invoice of EUR 1130.50:");
    refused(out, () -> service.recordPayment(tenant, id,
        PaymentRequest.of(Money.parse("EUR 2000.00"))));
    unchanged(out, service, tenant, sent);

    out.println("Building a draft whose due date is before its invoice date:");
    refused(out, () -> service.newDraft(tenant).account(AccountId.of("Contoso Ltd"))
        .currency("EUR").dueDate(LocalDate.of(2026, 10, 1)).build());
  }

  private static void refused(PrintStream out, Runnable attempt) {
    try {
      attempt.run();
      out.println("  accepted?! (this should not happen)");
    } catch (RuntimeException e) {
      out.println("  refused, " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void unchanged(PrintStream out, InvoiceService service, TenantId tenant,
      Invoice before) {
    Invoice now = service.find(tenant, before.id()).orElseThrow();
    out.println("  stored invoice unchanged: " + now.equals(before) + " (version " + now.version()
        + ", " + now.status() + ", paid " + now.totals().amountPaid() + ")");
  }
}
