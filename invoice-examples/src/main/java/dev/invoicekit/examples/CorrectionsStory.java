package dev.invoicekit.examples;

import dev.invoicekit.credit.BadDebt;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.Dialect;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.jdbc.OutboxRelay;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * What happens after sending, on embedded H2 through the JDBC adapter: a returned item is credited
 * by a credit note of its own, the customer overpays and the excess becomes account credit, a
 * price reduction after payment is kept as credit too, the credit pays most of the next invoice,
 * and a third invoice is written off with its VAT split for bad-debt relief. The relay prints the
 * invoice events and the credit events as it delivers them.
 */
public final class CorrectionsStory {

  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");

  private CorrectionsStory() {}

  /**
   * Runs the story.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /** What the story ends with, for its test. */
  record Outcome(Invoice first, Invoice next, Invoice writtenOff, Money creditLeft) {}

  static Outcome run(PrintStream out) {
    SteppingClock clock =
        new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(ExampleDatabase.create(), Dialect.H2);
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("fix-"))
        .build();
    OutboxRelay relay = kit.relay(new Printer(out), clock);
    TenantId tenant = TenantId.of("northwind-crm");
    AccountId account = AccountId.of("Contoso Ltd");

    step(out, "1. An invoice of three lines in two tax groups is sent");
    Invoice first = send(service, tenant, account,
        line("Consulting (hours)", 10, "120.00", S19),
        line("Licence", 3, "250.00", S19),
        line("Handbook", 4, "25.00", S7));
    relay.relayOnce();
    out.println(TextInvoice.render(first));

    step(out, "2. One licence comes back: a credit note for one unit of line 2");
    CreditNote returned = service.draftCreditNote(tenant, first.id(),
        CreditNoteRequest.lineQuantity("One licence returned unused", 2, BigDecimal.ONE),
        IdempotencyKey.of("crm-return-4711"));
    returned = service.issueCreditNote(tenant, returned.id(), ExcessCredit.NONE,
        IdempotencyKey.of("crm-return-4711-issue"));
    relay.relayOnce();
    out.println("  " + returned.number().orElseThrow() + " credits " + returned.total()
        + " of " + returned.invoiceNumber() + "; still due "
        + due(service, tenant, first));

    step(out, "3. The customer pays a round EUR 2200.00: the excess becomes account credit");
    service.recordPayment(tenant, first.id(), new PaymentRequest.Builder()
        .amount(Money.parse("EUR 2200.00"))
        .excessToAccountCredit(true)
        .build(), IdempotencyKey.of("bank-2026-11-09-0003"));
    relay.relayOnce();
    out.println("  account credit: " + credit(service, tenant, account));

    step(out, "4. A price reduction on the handbooks after payment is kept as credit too");
    CreditNote reduction = service.draftCreditNote(tenant, first.id(),
        CreditNoteRequest.amount("Handbooks were last year's edition", S7,
            Money.parse("EUR 40.00")), IdempotencyKey.of("crm-reduction-12"));
    reduction = service.issueCreditNote(tenant, reduction.id(), ExcessCredit.toAccountCredit(),
        IdempotencyKey.of("crm-reduction-12-issue"));
    relay.relayOnce();
    out.println("  " + reduction.number().orElseThrow() + ": " + reduction.allocation()
        .map(a -> "applied " + a.appliedToInvoice() + ", kept as credit " + a.toAccountCredit())
        .orElseThrow());
    out.println("  account credit: " + credit(service, tenant, account));

    step(out, "5. The next invoice is settled by the account's credit as far as it goes");
    Invoice next = send(service, tenant, account, line("Support, December", 1, "100.00", S19));
    next = service.applyAccountCredit(tenant, account, next.id(),
        credit(service, tenant, account), IdempotencyKey.of("apply-credit-" + next.id()));
    relay.relayOnce();
    out.println("  " + next.number().orElseThrow() + " " + next.status() + ", still due "
        + next.totals().amountDue() + "; account credit: " + credit(service, tenant, account));

    step(out, "6. A third invoice is never paid: written off, its VAT split for bad-debt relief");
    Invoice lost = send(service, tenant, account, line("Training day", 1, "500.00", S19));
    lost = service.writeOff(tenant, lost.id(), "Customer insolvent, claim filed",
        IdempotencyKey.of("write-off-" + lost.id()));
    relay.relayOnce();
    out.println("  " + lost.number().orElseThrow() + " " + lost.status() + ", written off "
        + lost.totals().amountWrittenOff());
    for (BadDebt.GroupShare share : BadDebt.writtenOffByTaxGroup(lost)) {
      out.println("    group " + share.taxCode() + ": net " + share.net() + ", VAT " + share.tax());
    }
    return new Outcome(service.find(tenant, first.id()).orElseThrow(), next, lost,
        credit(service, tenant, account));
  }

  private static Invoice send(
      InvoiceService service, TenantId tenant, AccountId account, LineItem... lines) {
    Invoice draft = service.createDraft(service.newDraft(tenant)
        .account(account)
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(14))
        .addLines(lines)
        .build());
    return service.send(tenant, draft.id());
  }

  private static LineItem line(String description, long quantity, String price, TaxCode code) {
    return new LineItem.Builder()
        .description(description)
        .quantity(quantity)
        .unitPrice("EUR " + price)
        .taxCode(code)
        .build();
  }

  private static Money due(InvoiceService service, TenantId tenant, Invoice invoice) {
    return service.find(tenant, invoice.id()).orElseThrow().totals().amountDue();
  }

  private static Money credit(InvoiceService service, TenantId tenant, AccountId account) {
    return service.accountCreditBalance(tenant, account, CurrencyUnit.EUR);
  }

  private static void step(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }

  /** The host's notification port: prints what the relay delivers. */
  private static final class Printer implements InvoiceEvents {

    private final PrintStream out;

    Printer(PrintStream out) {
      this.out = out;
    }

    @Override
    public void publish(InvoiceEvent event) {
      out.println(String.format(Locale.ROOT, "  event delivered: %-16s %s v%d  %-14s due %s",
          event.type(), event.number().map(Object::toString).orElse(event.invoiceId().toString()),
          event.version(), event.status(), event.amountDue().getAmount()));
    }

    @Override
    public void publish(CreditEvent event) {
      out.println(String.format(Locale.ROOT, "  event delivered: %-23s %s %s v%d  %s",
          event.type(), event.subject().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          event.creditNoteNumber().map(Object::toString).orElse(event.subjectId()),
          event.version(), event.amount()));
    }
  }
}
