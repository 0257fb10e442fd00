package dev.invoicekit.examples;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.money.Percentage;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityProduct;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The whole story on embedded H2 through the JDBC adapter: an opportunity becomes a draft, is
 * edited, sent and numbered, receives a partial payment, becomes overdue when the clock passes its
 * due date, receives the rest and is paid. The notification port prints each event as the outbox
 * relay delivers it.
 */
public final class OpportunityToPaidStory {

  private OpportunityToPaidStory() {}

  /**
   * Runs the story.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  static Invoice run(PrintStream out) {
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(ExampleDatabase.create(), Dialect.H2);
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("story-"))
        // The products below name no tax code: they take this one (there is no built-in default).
        .defaultTaxCode(TaxCode.standard("19"))
        .build();
    // The host's notification port: here it prints what the relay delivers.
    InvoiceEvents printer = event -> out.println(describe(event));
    OutboxRelay relay = kit.relay(printer, clock);
    TenantId tenant = TenantId.of("northwind-crm");

    step(out, "1. A won opportunity becomes a draft invoice");
    Opportunity opportunity = new Opportunity.Builder()
        .id(OpportunityId.of("OPP-2026-118"))
        .name("Billing rollout")
        .account(AccountId.of("Contoso Ltd"))
        .contact(ContactId.of("Maria Anders"))
        .currency(CurrencyUnit.EUR)
        .addProduct(new OpportunityProduct.Builder()
            .name("Implementation workshop (days)")
            .quantity(3)
            .unitPrice("EUR 1200.00")
            .build())
        .addProduct(new OpportunityProduct.Builder()
            .name("Support plan, 12 months")
            .quantity(1)
            .unitPrice("EUR 2400.00")
            .discountPercentage(Percentage.parse("10"))
            .build())
        .value(Money.parse("EUR 5760.00"))
        .build();
    Invoice draft = service.createFromOpportunity(tenant, opportunity);
    relay.relayOnce();
    InvoiceId id = draft.id();

    step(out, "2. The draft is edited: net 14 payment terms and a note");
    service.editDraft(tenant, id, draft.version(), d -> d
        .withPaymentTerms(PaymentTerms.net(14))
        .withNotes("Thank you for choosing us. Please quote the invoice number."));
    relay.relayOnce();

    step(out, "3. Sent: numbered from the gapless series, its content frozen");
    Invoice sent = service.send(tenant, id);
    relay.relayOnce();
    out.println(TextInvoice.render(sent));

    step(out, "4. A partial payment arrives (the bank's id is the idempotency key)");
    service.recordPayment(tenant, id, PaymentRequest.of(Money.parse("EUR 2500.00")),
        IdempotencyKey.of("bank-2026-11-10-0001"));
    relay.relayOnce();

    step(out, "5. Three weeks pass: the due date is behind us");
    clock.advance(Duration.ofDays(21));
    out.println("  status as of today, before any sweep: " + service.statusOf(tenant, id));
    out.println("  the nightly sweep marks " + service.sweepOverdue(tenant).size()
        + " invoice overdue");
    relay.relayOnce();

    step(out, "6. The rest arrives: the invoice is paid");
    Invoice current = service.find(tenant, id).orElseThrow();
    Invoice paid = service.recordPayment(tenant, id,
        PaymentRequest.of(current.totals().amountDue()), IdempotencyKey.of("bank-2026-11-24-0007"));
    relay.relayOnce();
    out.println(TextInvoice.render(paid));
    return paid;
  }

  private static void step(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }

  private static String describe(InvoiceEvent event) {
    return String.format(Locale.ROOT, "  event delivered: %-16s %s v%d  %-14s total %s  due %s%s",
        event.type(), event.number().map(Object::toString).orElse(event.invoiceId().toString()),
        event.version(), event.status(), event.total().getAmount(), event.amountDue().getAmount(),
        event.payment().map(p -> "  (" + p.kind().name().toLowerCase(Locale.ROOT) + " "
            + p.amount().getAmount() + ")").orElse(""));
  }
}
