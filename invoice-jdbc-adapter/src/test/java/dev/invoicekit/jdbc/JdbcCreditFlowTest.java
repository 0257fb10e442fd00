package dev.invoicekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditAllocation;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.inmemory.SteppingClock;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.testing.JdbcDatabase;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.service.IdempotencyKey;
import dev.invoicekit.service.InvoiceService;
import dev.invoicekit.service.PaymentRequest;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The correction flow of the service on the JDBC kit, end to end, on every database: a paid
 * invoice is credited by a credit note whose excess is kept as account credit; the credit is
 * applied to another invoice of the account, and the rest refunded. Statuses, balances, the
 * ledger and both event streams of the outbox are checked, and the relay delivers them all.
 */
class JdbcCreditFlowTest {

  private static final TenantId TENANT = TenantId.of("tenant-a");
  private static final AccountId ACME = AccountId.of("acme");
  private static final CurrencyUnit EUR = CurrencyUnit.EUR;

  private final SteppingClock clock =
      new SteppingClock(Instant.parse("2026-11-02T09:00:00Z"), ZoneId.of("UTC"));

  @ParameterizedTest(name = "on {0}")
  @EnumSource(JdbcDatabase.class)
  void aPaidInvoicesCreditBecomesAccountCreditThatPaysTheNextInvoiceAndTheRestIsRefunded(
      JdbcDatabase database) {
    DataSource dataSource = database.create();
    JdbcInvoiceKit kit = JdbcInvoiceKit.of(dataSource, database.dialect());
    InvoiceService service = kit.configure(InvoiceService.builder())
        .clock(clock, ZoneId.of("Europe/Berlin"))
        .ids(new SequentialIdSource("id-"))
        .build();

    // Given a paid invoice of three lines (238.00 + 95.20 + 53.50 = 386.70 EUR) and an unpaid
    // one of the same account (119.00 EUR)
    Invoice paid = step(() -> service.send(TENANT, service.createDraft(draft(service,
        ServiceFixture.line("Consulting", 2, "100.00"), ServiceFixture.line("Travel", 1, "80.00"),
        ServiceFixture.line("Training", 1, "50.00").withTaxCode(TaxCode.standard("7")))).id()));
    paid = step(paidInFull(service, paid));
    Invoice next = step(() -> service.send(TENANT, service.createDraft(draft(service,
        ServiceFixture.line("Support", 1, "100.00"))).id()));
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(next.totals().amountDue()).isEqualTo(eur("119.00"));

    // When the first line is credited in full, the excess kept as account credit
    Invoice credited = paid;
    CreditNote draft = step(() -> service.draftCreditNote(TENANT, credited.id(),
        CreditNoteRequest.lineQuantity("Consulting cancelled", 1, new BigDecimal("2")),
        IdempotencyKey.of("draft-cn-1")));
    IdempotencyKey issueKey = IdempotencyKey.of("issue-cn-1");
    CreditNote issued = step(() -> service.issueCreditNote(TENANT, draft.id(),
        ExcessCredit.toAccountCredit(), issueKey));

    // Then the note is issued and numbered, its whole total is account credit
    assertThat(draft.status()).isEqualTo(CreditNoteStatus.DRAFT);
    assertThat(issued.status()).isEqualTo(CreditNoteStatus.ISSUED);
    assertThat(issued.version()).isEqualTo(2);
    assertThat(issued.number()).contains(InvoiceNumber.of("CN-2026-00001"));
    assertThat(issued.total()).isEqualTo(eur("238.00"));
    assertThat(issued.allocation()).contains(
        new CreditAllocation(eur("0.00"), eur("0.00"), eur("238.00")));
    assertThat(service.issueCreditNote(TENANT, draft.id(), ExcessCredit.toAccountCredit(),
        issueKey)).as("the key replays").isEqualTo(issued);
    assertThat(service.findCreditNote(TENANT, draft.id())).contains(issued);
    assertThat(kit.creditNotes().findById(TENANT, draft.id())).contains(issued);
    assertThat(service.creditNotesOf(TENANT, paid.id())).containsExactly(issued);
    Invoice afterCredit = service.find(TENANT, paid.id()).orElseThrow();
    assertThat(afterCredit.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(afterCredit.settlements()).as("nothing was owed").isEmpty();
    assertThat(balance(service)).isEqualTo(eur("238.00"));

    // When more than the balance is refunded, the ledger refuses it and nothing changes
    InsufficientAccountCreditException tooMuch = catchThrowableOfType(
        InsufficientAccountCreditException.class,
        () -> service.refundAccountCredit(TENANT, ACME, eur("238.01"), "Too much",
            IdempotencyKey.NONE));
    assertThat(tooMuch.balance()).isEqualTo(eur("238.00"));
    assertThat(balance(service)).isEqualTo(eur("238.00"));
    assertThat(kit.accountCredits().entries(TENANT, ACME, EUR)).hasSize(1);

    // When the next invoice is paid from the credit, and the rest refunded
    IdempotencyKey applyKey = IdempotencyKey.of("apply-1");
    Invoice settled = step(() -> service.applyAccountCredit(TENANT, ACME, next.id(),
        eur("119.00"), applyKey));
    assertThat(service.applyAccountCredit(TENANT, ACME, next.id(), eur("119.00"), applyKey))
        .as("the key replays").isEqualTo(settled);
    IdempotencyKey refundKey = IdempotencyKey.of("refund-1");
    AccountCreditEntry refunded = step(() -> service.refundAccountCredit(TENANT, ACME,
        eur("119.00"), "Paid back to the customer's account", refundKey));
    assertThat(service.refundAccountCredit(TENANT, ACME, eur("119.00"),
        "Paid back to the customer's account", refundKey)).as("the key replays")
        .isEqualTo(refunded);

    // Then the next invoice is paid by a settlement, the ledger is empty and adds up
    assertThat(settled.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(settled.totals().amountDue()).isEqualTo(eur("0.00"));
    assertThat(settled.settlements()).extracting(Settlement::kind, Settlement::amount)
        .containsExactly(tuple(Settlement.Kind.ACCOUNT_CREDIT, eur("119.00")));
    assertThat(service.find(TENANT, next.id())).contains(settled);
    assertThat(balance(service)).isEqualTo(eur("0.00"));
    List<AccountCreditEntry> ledger = kit.accountCredits().entries(TENANT, ACME, EUR);
    assertThat(ledger).extracting(AccountCreditEntry::sequence, AccountCreditEntry::kind,
            AccountCreditEntry::amount, AccountCreditEntry::balanceAfter)
        .containsExactly(
            tuple(1L, AccountCreditEntry.Kind.CREDIT_NOTE, eur("238.00"), eur("238.00")),
            tuple(2L, AccountCreditEntry.Kind.APPLIED, eur("119.00"), eur("119.00")),
            tuple(3L, AccountCreditEntry.Kind.REFUNDED, eur("119.00"), eur("0.00")));
    assertThat(ledger.get(0).invoiceId()).contains(paid.id());
    assertThat(ledger.get(0).creditNoteId()).contains(issued.id());
    assertThat(ledger.get(1).invoiceId()).contains(next.id());
    assertThat(ledger.get(2)).isEqualTo(refunded);
    assertThat(settled.settlements().get(0).reference()).contains(ledger.get(1).id().value());

    // And the outbox holds one event per state change, in both streams
    List<InvoiceEvent> invoiceEvents = kit.events().committedEvents(TENANT);
    assertThat(invoiceEvents).filteredOn(e -> e.invoiceId().equals(credited.id()))
        .extracting(InvoiceEvent::type, InvoiceEvent::version)
        .containsExactly(tuple(InvoiceEventType.CREATED, 1L), tuple(InvoiceEventType.SENT, 2L),
            tuple(InvoiceEventType.PAID, 3L), tuple(InvoiceEventType.CREDITED, 4L));
    InvoiceEvent creditedEvent = invoiceEvents.get(invoiceEvents.size() - 2);
    assertThat(creditedEvent.creditNoteId()).contains(issued.id().value());
    assertThat(creditedEvent.settlement()).isEmpty();
    assertThat(invoiceEvents).filteredOn(e -> e.invoiceId().equals(next.id()))
        .extracting(InvoiceEvent::type, InvoiceEvent::status)
        .containsExactly(tuple(InvoiceEventType.CREATED, InvoiceStatus.DRAFT),
            tuple(InvoiceEventType.SENT, InvoiceStatus.SENT),
            tuple(InvoiceEventType.CREDIT_APPLIED, InvoiceStatus.PAID));
    assertThat(invoiceEvents.get(invoiceEvents.size() - 1).settlement())
        .contains(settled.settlements().get(0));
    List<CreditEvent> creditEvents = kit.events().committedCreditEvents(TENANT);
    assertThat(creditEvents).extracting(CreditEvent::type, CreditEvent::subject,
            CreditEvent::version, CreditEvent::amount)
        // Issuing published two events at one moment: ordered by their versions.
        .containsExactly(
            tuple(CreditEventType.CREDIT_NOTE_CREATED, CreditEvent.Subject.CREDIT_NOTE, 1L,
                eur("238.00")),
            tuple(CreditEventType.ACCOUNT_CREDITED, CreditEvent.Subject.ACCOUNT_CREDIT, 1L,
                eur("238.00")),
            tuple(CreditEventType.CREDIT_NOTE_ISSUED, CreditEvent.Subject.CREDIT_NOTE, 2L,
                eur("238.00")),
            tuple(CreditEventType.ACCOUNT_CREDIT_APPLIED, CreditEvent.Subject.ACCOUNT_CREDIT, 2L,
                eur("119.00")),
            tuple(CreditEventType.ACCOUNT_CREDIT_REFUNDED, CreditEvent.Subject.ACCOUNT_CREDIT,
                3L, eur("119.00")));
    assertThat(creditEvents.get(2).allocation()).isEqualTo(issued.allocation());
    assertThat(creditEvents.get(2).creditNoteNumber()).isEqualTo(issued.number());
    assertThat(creditEvents).filteredOn(e -> e.subject() == CreditEvent.Subject.ACCOUNT_CREDIT)
        .extracting(e -> e.ledgerEntry().orElseThrow())
        .isEqualTo(ledger);

    // And the relay delivers both streams, in order, each event once
    List<Object> delivered = Collections.synchronizedList(new ArrayList<>());
    OutboxRelay relay = kit.relay(new InvoiceEvents() {
      @Override
      public void publish(InvoiceEvent event) {
        delivered.add(event);
      }

      @Override
      public void publish(CreditEvent event) {
        delivered.add(event);
      }
    }, clock);
    assertThat(relay.relayUntilEmpty(10)).isEqualTo(invoiceEvents.size() + creditEvents.size());
    assertThat(delivered).filteredOn(CreditEvent.class::isInstance).isEqualTo(creditEvents);
    assertThat(delivered).filteredOn(InvoiceEvent.class::isInstance).isEqualTo(invoiceEvents);
    assertThat(relay.relayOnce()).isZero();
    assertThat(relay.pendingCount()).isZero();
  }

  /** Runs one command a minute after the one before, so the outbox orders them by time. */
  private <T> T step(Supplier<T> command) {
    clock.advance(Duration.ofMinutes(1));
    return command.get();
  }

  private static Supplier<Invoice> paidInFull(InvoiceService service,
      Invoice invoice) {
    return () -> service.recordPayment(TENANT, invoice.id(),
        PaymentRequest.of(invoice.totals().amountDue()));
  }

  private static Invoice draft(InvoiceService service, LineItem... lines) {
    Invoice.Builder draft = service.newDraft(TENANT)
        .account(ACME)
        .currency("EUR")
        .paymentTerms(PaymentTerms.net(30));
    for (LineItem line : lines) {
      draft.addLine(line);
    }
    return draft.build();
  }

  private static Money balance(InvoiceService service) {
    return service.accountCreditBalance(TENANT, ACME, EUR);
  }

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }
}
