package dev.invoicekit.service;

import static dev.invoicekit.fixtures.ServiceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.lifecycle.PaymentRejectedException;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.ports.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;

class InvoiceServiceTest {

  private final ServiceFixture fixture = new ServiceFixture();
  private final InvoiceService service = fixture.service;

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  private List<InvoiceEventType> eventTypes() {
    return fixture.ports.events().events().stream().map(InvoiceEvent::type).toList();
  }

  @Test
  void theFullStoryPublishesOneEventPerStateChange() {
    Invoice draft = fixture.draft();
    Invoice edited = service.editDraft(TENANT, draft.id(), draft.version(),
        d -> d.withNotes("Thank you for your business"));
    Invoice sent = service.send(TENANT, draft.id());
    Invoice partly = service.recordPayment(TENANT, draft.id(), PaymentRequest.of(eur("40.00")));
    Invoice paid = service.recordPayment(TENANT, draft.id(), PaymentRequest.of(eur("79.00")));

    assertThat(List.of(draft.version(), edited.version(), sent.version(), partly.version(),
        paid.version())).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(sent.number()).contains(InvoiceNumber.of("INV-2026-00001"));
    assertThat(partly.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(eventTypes()).containsExactly(InvoiceEventType.CREATED, InvoiceEventType.EDITED,
        InvoiceEventType.SENT, InvoiceEventType.PAYMENT_RECORDED, InvoiceEventType.PAID);
    InvoiceEvent last = fixture.ports.events().events().get(4);
    assertThat(last.version()).isEqualTo(5);
    assertThat(last.amountDue()).isEqualTo(eur("0.00"));
    assertThat(last.payment())
        .hasValueSatisfying(p -> assertThat(p.amount()).isEqualTo(eur("79.00")));
    assertThat(last.occurredAt()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
    assertThat(fixture.ports.events().events()).extracting(InvoiceEvent::eventId)
        .doesNotHaveDuplicates();
  }

  @Test
  void numbersAreGaplessAndARefusedSendTakesNone() {
    Invoice first = fixture.draft();
    Invoice empty = service.createDraft(service.newDraft(TENANT).account(AccountId.of("acme"))
        .currency("EUR").dueDate(LocalDate.of(2026, 12, 1)).build());
    Invoice second = fixture.draft();

    service.send(TENANT, first.id());
    assertThatThrownBy(() -> service.send(TENANT, empty.id()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("with no lines");
    Invoice secondSent = service.send(TENANT, second.id());

    assertThat(secondSent.number()).contains(InvoiceNumber.of("INV-2026-00002"));
    assertThat(service.find(TENANT, empty.id()).orElseThrow().number()).isEmpty();
  }

  @Test
  void aSendThatFailsToSaveGivesItsNumberBackAndPublishesNothing() {
    Invoice manual = service.createDraft(fixture.draft()
        .withNumber(InvoiceNumber.of("INV-2026-00001"))
        .withId(dev.invoicekit.invoice.InvoiceId.of("manual")).withVersion(0));
    service.send(TENANT, manual.id());
    Invoice next = fixture.draft();
    int eventsBefore = fixture.ports.events().events().size();

    // The series' first number is taken by hand, so the save of the generated one fails ...
    assertThatThrownBy(() -> service.send(TENANT, next.id()))
        .isInstanceOf(DuplicateInvoiceException.class)
        .hasMessageContaining("INV-2026-00001 is already used");

    // ... and nothing moved: the draft is a draft, no event, and the counter still stands at 1.
    assertThat(service.find(TENANT, next.id()).orElseThrow().status())
        .isEqualTo(InvoiceStatus.DRAFT);
    assertThat(fixture.ports.events().events()).hasSize(eventsBefore);
    assertThatThrownBy(() -> service.send(TENANT, next.id()))
        .isInstanceOf(DuplicateInvoiceException.class);
  }

  @Test
  void aNewYearStartsANewSeries() {
    Invoice lastYear = fixture.draft();
    service.send(TENANT, lastYear.id());
    fixture.clock.set(Instant.parse("2027-01-04T09:00:00Z"));
    Invoice thisYear = fixture.draft();

    assertThat(service.send(TENANT, thisYear.id()).number())
        .contains(InvoiceNumber.of("INV-2027-00001"));
  }

  @Test
  void samePaymentWithTheSameKeyIsRecordedOnce() {
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id());
    IdempotencyKey key = IdempotencyKey.of("bank-tx-4711");
    PaymentRequest payment = PaymentRequest.of(eur("40.00"));

    Invoice first = service.recordPayment(TENANT, invoice.id(), payment, key);
    Invoice again = service.recordPayment(TENANT, invoice.id(), payment, key);

    assertThat(again).isEqualTo(first);
    assertThat(again.payments()).hasSize(1);
    assertThat(again.totals().amountPaid()).isEqualTo(eur("40.00"));
    assertThat(eventTypes()).containsOnlyOnce(InvoiceEventType.PAYMENT_RECORDED);
  }

  @Test
  void theSameKeyWithAnotherPayloadIsRefusedAndChangesNothing() {
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id());
    IdempotencyKey key = IdempotencyKey.of("bank-tx-4711");
    Invoice first =
        service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur("40.00")), key);

    assertThatThrownBy(() -> service.recordPayment(TENANT, invoice.id(),
        PaymentRequest.of(eur("41.00")), key))
        .isInstanceOf(IdempotencyConflictException.class)
        .hasMessage("Idempotency key 'bank-tx-4711' was already used for a different command or"
            + " payload than this payment; use a new key for a new command");
    assertThat(service.find(TENANT, invoice.id())).contains(first);
  }

  @Test
  void anEditBasedOnAnOldVersionIsRejectedAsStale() {
    Invoice draft = fixture.draft();
    service.editDraft(TENANT, draft.id(), 1, d -> d.withNotes("first editor"));

    assertThatThrownBy(() -> service.editDraft(TENANT, draft.id(), 1,
        d -> d.withNotes("second editor")))
        .isInstanceOf(StaleInvoiceException.class)
        .hasMessageContaining("read at version 1 but is now at version 2");
    assertThat(service.find(TENANT, draft.id()).orElseThrow().notes()).contains("first editor");
  }

  @Test
  void aCommandThatKeepsLosingItsRaceIsTriedMaxAttemptsTimesThenTheStaleWriteReachesTheCaller() {
    Invoice draft = fixture.draft();
    AtomicInteger attempts = new AtomicInteger();
    Transactions counted = new Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        attempts.incrementAndGet();
        return fixture.ports.transactions().inTransaction(work);
      }
    };
    // Someone else always wins: every attempt's write is stale by the time it is published.
    InvoiceServiceBuilder losing = InvoiceService.builder()
        .inMemory(fixture.ports)
        .transactions(counted)
        .events(event -> {
          throw new StaleInvoiceException(event.invoiceId(), event.version() - 1,
              event.version());
        })
        .clock(fixture.clock, ServiceFixture.ZONE)
        .ids(new SequentialIdSource("losing-"));

    assertThatThrownBy(() -> losing.build().send(TENANT, draft.id()))
        .isInstanceOf(StaleInvoiceException.class);
    assertThat(attempts).hasValue(InvoiceServiceBuilder.DEFAULT_MAX_ATTEMPTS);

    attempts.set(0);
    assertThatThrownBy(() -> losing.maxAttempts(2).build().send(TENANT, draft.id()))
        .isInstanceOf(StaleInvoiceException.class);
    assertThat(attempts).hasValue(2);
    assertThat(service.find(TENANT, draft.id())).contains(draft);
    assertThatThrownBy(() -> InvoiceService.builder().maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSentInvoiceRefusesEditsAndStaysAsItWas() {
    Invoice draft = fixture.draft();
    Invoice sent = service.send(TENANT, draft.id());

    assertThatThrownBy(() -> service.editDraft(TENANT, draft.id(), sent.version(),
        d -> d.withLines(ServiceFixture.line("Cheaper", 1, "1.00"))))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("it is SENT; after sending, content never changes");
    assertThat(service.find(TENANT, draft.id())).contains(sent);
  }

  @Test
  void anOverpaymentIsRefusedAndNothingIsRecorded() {
    Invoice invoice = fixture.draft();
    Invoice sent = service.send(TENANT, invoice.id());

    assertThatThrownBy(() -> service.recordPayment(TENANT, invoice.id(),
        PaymentRequest.of(eur("200.00"))))
        .isInstanceOf(PaymentRejectedException.class)
        .hasMessageContaining("is more than the balance due of EUR 119.00");
    assertThat(service.find(TENANT, invoice.id())).contains(sent);
  }

  @Test
  void theStatusReadsOverdueAsSoonAsTheDueDatePassesAndTheSweepStoresIt() {
    Invoice unpaid = fixture.draft();
    Invoice paid = fixture.draft();
    service.send(TENANT, unpaid.id());
    service.send(TENANT, paid.id());
    service.recordPayment(TENANT, paid.id(), PaymentRequest.of(eur("119.00")));
    // Due 2026-12-02 (net 30 from 2026-11-02); in Berlin, 2026-12-03 begins at 23:00 UTC.
    fixture.clock.set(Instant.parse("2026-12-02T22:59:59Z"));
    assertThat(service.statusOf(TENANT, unpaid.id())).isEqualTo(InvoiceStatus.SENT);
    fixture.clock.set(Instant.parse("2026-12-02T23:00:00Z"));
    assertThat(service.statusOf(TENANT, unpaid.id())).isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(service.find(TENANT, unpaid.id()).orElseThrow().status())
        .isEqualTo(InvoiceStatus.SENT);

    List<MarkedOverdue> marked = service.sweepOverdue(TENANT);

    Invoice stored = service.find(TENANT, unpaid.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(InvoiceStatus.OVERDUE);
    assertThat(marked).containsExactly(MarkedOverdue.of(stored));
    assertThat(service.find(TENANT, paid.id()).orElseThrow().status())
        .isEqualTo(InvoiceStatus.PAID);
    assertThat(eventTypes()).containsOnlyOnce(InvoiceEventType.OVERDUE);
    // The event made from the sweep's result is the one the invoice itself would give.
    InvoiceEvent overdue =
        fixture.ports.events().events().get(fixture.ports.events().events().size() - 1);
    assertThat(overdue).isEqualTo(InvoiceEvent.of(overdue.eventId(), InvoiceEventType.OVERDUE,
        stored, overdue.occurredAt()));
    assertThat(service.sweepOverdue(TENANT)).isEmpty();
  }

  @Test
  void voidingNeedsNothingPaidAndWorksAfterARefund() {
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id());
    service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur("40.00")));

    assertThatThrownBy(() -> service.voidInvoice(TENANT, invoice.id()))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage("Cannot void invoice INV-2026-00001: it is PARTIALLY_PAID with EUR 40.00 paid;"
            + " refund first");

    Invoice refunded = service.refund(TENANT, invoice.id(), PaymentRequest.of(eur("40.00")));
    assertThat(refunded.status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(service.voidInvoice(TENANT, invoice.id()).status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(eventTypes()).endsWith(InvoiceEventType.REFUNDED, InvoiceEventType.VOIDED);
  }

  @Test
  void cancellingADraftKeepsItUnnumbered() {
    Invoice draft = fixture.draft();

    Invoice cancelled = service.cancel(TENANT, draft.id());

    assertThat(cancelled.status()).isEqualTo(InvoiceStatus.CANCELLED);
    assertThat(cancelled.number()).isEmpty();
    assertThat(eventTypes()).endsWith(InvoiceEventType.CANCELLED);
  }

  @Test
  void oneTenantNeverSeesAnothersInvoices() {
    Invoice mine = fixture.draft();
    TenantId other = TenantId.of("tenant-b");

    assertThat(service.find(other, mine.id())).isEmpty();
    assertThatThrownBy(() -> service.send(other, mine.id()))
        .isInstanceOf(InvoiceNotFoundException.class)
        .hasMessage("Tenant tenant-b has no invoice " + mine.id());
    assertThat(fixture.ports.invoices().findByAccount(other, AccountId.of("acme"),
        PageRequest.first(10)).items()).isEmpty();
    assertThat(fixture.ports.invoices().findByAccount(TENANT, AccountId.of("acme"),
        PageRequest.first(10)).items()).containsExactly(mine);
  }

  @Test
  void eachTenantHasItsOwnNumberSeries() {
    Invoice a = fixture.draft(TENANT);
    Invoice b = fixture.draft(TenantId.of("tenant-b"));

    assertThat(service.send(TENANT, a.id()).number()).contains(InvoiceNumber.of("INV-2026-00001"));
    assertThat(service.send(TenantId.of("tenant-b"), b.id()).number())
        .contains(InvoiceNumber.of("INV-2026-00001"));
  }

  @Test
  void aDraftFromAnOpportunityIsStoredLinkedAndAnnounced() {
    Opportunity opportunity = new Opportunity.Builder()
        .id(OpportunityId.of("opp-7"))
        .account(AccountId.of("acme"))
        .currency(CurrencyUnit.EUR)
        .value(eur("1000.00"))
        .build();

    Invoice draft = service.createFromOpportunity(TENANT, opportunity);

    assertThat(draft.opportunity()).contains(OpportunityId.of("opp-7"));
    assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
    assertThat(draft.totals().subtotal()).isEqualTo(eur("1000.00"));
    assertThat(service.find(TENANT, draft.id())).contains(draft);
    assertThat(eventTypes()).containsExactly(InvoiceEventType.CREATED);
  }

  @Test
  void pagingByAccountWalksEveryInvoiceOnce() {
    for (int i = 0; i < 7; i++) {
      fixture.draft();
    }
    List<Invoice> seen = new java.util.ArrayList<>();
    java.util.Optional<PageRequest> request = java.util.Optional.of(PageRequest.first(3));
    while (request.isPresent()) {
      var page = fixture.ports.invoices().findByAccount(TENANT, AccountId.of("acme"),
          request.get());
      seen.addAll(page.items());
      request = request.get().next(page);
    }

    assertThat(seen).hasSize(7).doesNotHaveDuplicates();
  }

  @Test
  void sweepingLaterMarksInvoicesPartlyPaidBeforeTheirDueDate() {
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id());
    service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur("19.00")));
    fixture.clock.advance(Duration.ofDays(40));

    assertThat(service.sweepOverdue(TENANT)).extracting(MarkedOverdue::id)
        .containsExactly(invoice.id());
    assertThat(service.find(TENANT, invoice.id()).orElseThrow().status())
        .isEqualTo(InvoiceStatus.OVERDUE);
  }

  /**
   * Idempotency keys whose next look misses the key, as a look made by one node just before
   * another node commits the same key would.
   */
  private static final class LookBeforeTheOtherCommit implements IdempotencyKeys {
    private final IdempotencyKeys keys;
    private boolean missNextLook;

    LookBeforeTheOtherCommit(IdempotencyKeys keys) {
      this.keys = keys;
    }

    @Override
    public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
      if (missNextLook) {
        missNextLook = false;
        return Optional.empty();
      }
      return keys.find(tenant, key);
    }

    @Override
    public void remember(IdempotencyRecord record) {
      keys.remember(record);
    }
  }

  @Test
  void aKeyCommittedByAnotherNodeAfterTheLookIsReplayedNotRefused() {
    LookBeforeTheOtherCommit keys = new LookBeforeTheOtherCommit(fixture.ports.idempotencyKeys());
    InvoiceService node = InvoiceService.builder().inMemory(fixture.ports).idempotencyKeys(keys)
        .clock(fixture.clock, ServiceFixture.ZONE).ids(new SequentialIdSource("b-")).build();
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id());
    IdempotencyKey key = IdempotencyKey.of("bank-notification-88213");
    Invoice paidOnA = service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur("119.00")),
        key);
    int eventsBefore = fixture.ports.events().events().size();

    keys.missNextLook = true;
    Invoice answerOnB = node.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur("119.00")),
        key);

    // B's late look missed the key, so its own attempt met a PAID invoice; the answer is A's.
    assertThat(keys.missNextLook).isFalse();
    assertThat(answerOnB).isEqualTo(paidOnA);
    assertThat(answerOnB.payments()).hasSize(1);
    assertThat(fixture.ports.events().events()).hasSize(eventsBefore);
  }

  @Test
  void aRefusalStandsWhenTheKeyWasTakenByAnotherPaymentOrByNone() {
    LookBeforeTheOtherCommit keys = new LookBeforeTheOtherCommit(fixture.ports.idempotencyKeys());
    InvoiceService node = InvoiceService.builder().inMemory(fixture.ports).idempotencyKeys(keys)
        .clock(fixture.clock, ServiceFixture.ZONE).ids(new SequentialIdSource("b-")).build();
    Invoice invoice = fixture.draft();
    service.send(TENANT, invoice.id());
    IdempotencyKey key = IdempotencyKey.of("bank-notification-88213");
    service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur("119.00")), key);

    keys.missNextLook = true;
    assertThatThrownBy(() -> node.recordPayment(TENANT, invoice.id(),
        PaymentRequest.of(eur("5.00")), key))
        .isInstanceOf(IdempotencyConflictException.class);
    keys.missNextLook = true;
    assertThatThrownBy(() -> node.recordPayment(TENANT, invoice.id(),
        PaymentRequest.of(eur("5.00")), IdempotencyKey.of("another-notification")))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("PAID");
    assertThat(service.find(TENANT, invoice.id()).orElseThrow().payments()).hasSize(1);
  }
}
