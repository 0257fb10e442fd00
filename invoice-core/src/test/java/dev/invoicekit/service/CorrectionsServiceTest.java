package dev.invoicekit.service;

import static dev.invoicekit.fixtures.ServiceFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditAllocation;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.CreditNoteStateException;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.fixtures.ServiceFixture;
import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.inmemory.SequentialIdSource;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.PaymentTerms;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.lifecycle.CreditRejectedException;
import dev.invoicekit.lifecycle.IllegalTransitionException;
import dev.invoicekit.lifecycle.PaymentRejectedException;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The correction commands through the service on in-memory ports: what each stores, its events
 * (one per state change: the invoice's, the credit note's, the ledger's), its idempotency key, and
 * each refusal, after which invoices, credit notes, the ledger and both kinds of events are exactly
 * as before.
 */
class CorrectionsServiceTest {

  private static final AccountId ACME = AccountId.of("acme");
  private static final AccountId OTHER = AccountId.of("other");
  private static final CurrencyUnit USD = CurrencyUnit.USD;
  private static final TaxCode S19 = TaxCode.standard("19");
  private static final TaxCode S7 = TaxCode.standard("7");

  private final ServiceFixture fixture = new ServiceFixture();
  private final InvoiceService service = fixture.service;
  private final InMemoryPorts ports = fixture.ports;
  private final List<InvoiceId> invoices = new ArrayList<>();

  private static Money eur(String amount) {
    return Money.parse("EUR " + amount);
  }

  private static LineItem line(String description, long quantity, String price, TaxCode code) {
    return new LineItem.Builder().description(description).quantity(quantity)
        .unitPrice(price).taxCode(code).build();
  }

  /**
   * Sends an invoice of account {@code account}: 10 x 100.00 at 19 %, 5 x 20.00 at 7 %, 2 x 50.00
   * at 19 %, in the currency of the prices; 1,416.00 in all.
   */
  private Invoice sent(AccountId account, String currency) {
    Invoice draft = service.createDraft(service.newDraft(TENANT).account(account)
        .currency(currency).paymentTerms(PaymentTerms.net(30))
        .addLine(line("Consulting", 10, currency + " 100.00", S19))
        .addLine(line("Books", 5, currency + " 20.00", S7))
        .addLine(line("Licence", 2, currency + " 50.00", S19))
        .build());
    invoices.add(draft.id());
    return service.send(TENANT, draft.id());
  }

  private Invoice sent() {
    return sent(ACME, "EUR");
  }

  private Invoice paid(Invoice invoice, String amount) {
    return service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur(amount)));
  }

  private Invoice find(Invoice invoice) {
    return service.find(TENANT, invoice.id()).orElseThrow();
  }

  private static CreditNoteRequest quantity(int line, long quantity) {
    return CreditNoteRequest.lineQuantity("Returned", line, BigDecimal.valueOf(quantity));
  }

  /** Gives the account EUR credit by overpaying a fresh invoice of its own. */
  private void creditAccount(AccountId account, String excess) {
    Invoice invoice = sent(account, "EUR");
    service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(
        eur("1416.00").plus(eur(excess))).withExcessToAccountCredit(true));
  }

  private List<InvoiceEventType> invoiceEventTypes() {
    return ports.events().events().stream().map(InvoiceEvent::type).toList();
  }

  private List<CreditEventType> creditEventTypes() {
    return ports.events().creditEvents().stream().map(CreditEvent::type).toList();
  }

  private CreditEvent lastCreditEvent() {
    List<CreditEvent> events = ports.events().creditEvents();
    return events.get(events.size() - 1);
  }

  private InvoiceEvent lastInvoiceEvent() {
    List<InvoiceEvent> events = ports.events().events();
    return events.get(events.size() - 1);
  }

  /** Everything a command could change, read through the ports. */
  private record State(List<Invoice> invoices, List<CreditNote> notes,
      List<AccountCreditEntry> ledger, List<Money> balances, List<InvoiceEvent> events,
      List<CreditEvent> creditEvents) {}

  private State state() {
    List<Invoice> stored = new ArrayList<>();
    List<CreditNote> notes = new ArrayList<>();
    for (AccountId account : List.of(ACME, OTHER)) {
      stored.addAll(ports.invoices().findByAccount(TENANT, account, PageRequest.first(100))
          .items());
    }
    for (InvoiceId id : invoices) {
      notes.addAll(ports.creditNotes().findByInvoice(TENANT, id));
    }
    List<AccountCreditEntry> ledger = new ArrayList<>();
    List<Money> balances = new ArrayList<>();
    for (AccountId account : List.of(ACME, OTHER)) {
      for (CurrencyUnit currency : List.of(CurrencyUnit.EUR, USD)) {
        ledger.addAll(ports.accountCredits().entries(TENANT, account, currency));
        balances.add(ports.accountCredits().balance(TENANT, account, currency));
      }
    }
    return new State(stored, notes, ledger, balances, ports.events().events(),
        ports.events().creditEvents());
  }

  /** Runs a command that must be refused with {@code refusal}, and checks nothing changed. */
  private <T extends Throwable> T refusedChangingNothing(Class<T> refusal, Executable command) {
    State before = state();

    T thrown = org.junit.jupiter.api.Assertions.assertThrows(refusal, command);

    assertThat(state()).isEqualTo(before);
    return thrown;
  }

  // ---- credit notes ----

  @Test
  void aDraftIsStoredUnnumberedAndAnnouncedByItsOwnEventOnly() {
    Invoice invoice = sent();
    List<InvoiceEventType> invoiceEvents = invoiceEventTypes();

    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 2),
        IdempotencyKey.NONE);

    assertThat(draft.status()).isEqualTo(CreditNoteStatus.DRAFT);
    assertThat(draft.version()).isEqualTo(1);
    assertThat(draft.number()).isEmpty();
    assertThat(service.findCreditNote(TENANT, draft.id())).contains(draft);
    assertThat(service.creditNotesOf(TENANT, invoice.id())).containsExactly(draft);
    assertThat(find(invoice)).isEqualTo(invoice);
    assertThat(invoiceEventTypes()).isEqualTo(invoiceEvents);
    assertThat(ports.events().creditEvents()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(CreditEventType.CREDIT_NOTE_CREATED);
      assertThat(event.subject()).isEqualTo(CreditEvent.Subject.CREDIT_NOTE);
      assertThat(event.subjectId()).isEqualTo(draft.id().value());
      assertThat(event.version()).isEqualTo(1);
      assertThat(event.invoiceId()).contains(invoice.id());
      assertThat(event.amount()).isEqualTo(eur("238.00"));
      assertThat(event.creditNoteNumber()).isEmpty();
    });
  }

  @Test
  void issuingNumbersTheNoteFromItsOwnSeriesAndPublishesTheNotesAndTheInvoicesEvent() {
    Invoice invoice = sent();
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 2),
        IdempotencyKey.NONE);

    CreditNote issued = service.issueCreditNote(TENANT, draft.id(), ExcessCredit.NONE,
        IdempotencyKey.NONE);

    assertThat(invoice.number()).contains(InvoiceNumber.of("INV-2026-00001"));
    assertThat(issued.number()).contains(InvoiceNumber.of("CN-2026-00001"));
    assertThat(issued.status()).isEqualTo(CreditNoteStatus.ISSUED);
    assertThat(issued.version()).isEqualTo(2);
    assertThat(issued.allocation()).contains(
        new CreditAllocation(eur("238.00"), eur("0.00"), eur("0.00")));
    Invoice credited = find(invoice);
    assertThat(credited.version()).isEqualTo(invoice.version() + 1);
    assertThat(credited.status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(credited.totals().amountCredited()).isEqualTo(eur("238.00"));
    assertThat(credited.totals().amountDue()).isEqualTo(eur("1178.00"));
    assertThat(creditEventTypes()).containsExactly(CreditEventType.CREDIT_NOTE_CREATED,
        CreditEventType.CREDIT_NOTE_ISSUED);
    assertThat(lastCreditEvent()).satisfies(event -> {
      assertThat(event.version()).isEqualTo(2);
      assertThat(event.creditNoteNumber()).isEqualTo(issued.number());
      assertThat(event.allocation()).isEqualTo(issued.allocation());
    });
    assertThat(invoiceEventTypes()).containsExactly(InvoiceEventType.CREATED,
        InvoiceEventType.SENT, InvoiceEventType.CREDITED);
    assertThat(lastInvoiceEvent()).satisfies(event -> {
      assertThat(event.version()).isEqualTo(credited.version());
      assertThat(event.creditNoteId()).contains(draft.id().value());
      assertThat(event.amountCredited()).isEqualTo(eur("238.00"));
      assertThat(event.amountDue()).isEqualTo(eur("1178.00"));
      assertThat(event.settlement()).hasValueSatisfying(
          s -> assertThat(s.kind()).isEqualTo(Settlement.Kind.CREDIT_NOTE));
    });
    // The invoice series is untouched by credit notes.
    assertThat(sent().number()).contains(InvoiceNumber.of("INV-2026-00002"));
  }

  @Test
  void aWholeInvoiceCreditWithNothingPaidVoidsTheInvoice() {
    Invoice invoice = sent();
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(),
        CreditNoteRequest.wholeInvoice("Wrong customer"), IdempotencyKey.NONE);

    service.issueCreditNote(TENANT, draft.id(), ExcessCredit.NONE, IdempotencyKey.NONE);

    assertThat(find(invoice).status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(lastInvoiceEvent().status()).isEqualTo(InvoiceStatus.VOID);
    assertThat(lastInvoiceEvent().type()).isEqualTo(InvoiceEventType.CREDITED);
  }

  @Test
  void anExcessKeptAsCreditIsAddedToTheLedgerWithItsOwnEvent() {
    Invoice invoice = paid(sent(), "1416.00");
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(2, 1),
        IdempotencyKey.NONE);

    CreditNote issued = service.issueCreditNote(TENANT, draft.id(), ExcessCredit.toAccountCredit(),
        IdempotencyKey.NONE);

    assertThat(issued.allocation()).contains(
        new CreditAllocation(eur("0.00"), eur("0.00"), eur("21.40")));
    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("21.40"));
    assertThat(ports.accountCredits().entries(TENANT, ACME, CurrencyUnit.EUR)).singleElement()
        .satisfies(entry -> {
          assertThat(entry.kind()).isEqualTo(AccountCreditEntry.Kind.CREDIT_NOTE);
          assertThat(entry.amount()).isEqualTo(eur("21.40"));
          assertThat(entry.invoiceId()).contains(invoice.id());
          assertThat(entry.creditNoteId()).contains(draft.id());
          assertThat(entry.sequence()).isEqualTo(1);
          assertThat(entry.balanceAfter()).isEqualTo(eur("21.40"));
        });
    assertThat(creditEventTypes()).containsExactly(CreditEventType.CREDIT_NOTE_CREATED,
        CreditEventType.CREDIT_NOTE_ISSUED, CreditEventType.ACCOUNT_CREDITED);
    assertThat(lastCreditEvent()).satisfies(event -> {
      assertThat(event.subject()).isEqualTo(CreditEvent.Subject.ACCOUNT_CREDIT);
      assertThat(event.subjectId()).isEqualTo("acme");
      assertThat(event.version()).isEqualTo(1);
      assertThat(event.amount()).isEqualTo(eur("21.40"));
      assertThat(event.ledgerEntry()).isPresent();
    });
    // Nothing was owed: the invoice is stored again (a version, its event) but stays PAID.
    assertThat(find(invoice).status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(invoiceEventTypes()).endsWith(InvoiceEventType.PAID, InvoiceEventType.CREDITED);
  }

  @Test
  void anExcessRefundedMovesNoLedgerEntry() {
    Invoice invoice = paid(sent(), "1416.00");
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(2, 1),
        IdempotencyKey.NONE);

    CreditNote issued = service.issueCreditNote(TENANT, draft.id(), ExcessCredit.refund(),
        IdempotencyKey.NONE);

    assertThat(issued.allocation().orElseThrow().refunded()).isEqualTo(eur("21.40"));
    assertThat(ports.accountCredits().entries(TENANT, ACME, CurrencyUnit.EUR)).isEmpty();
    assertThat(creditEventTypes()).containsExactly(CreditEventType.CREDIT_NOTE_CREATED,
        CreditEventType.CREDIT_NOTE_ISSUED);
  }

  @Test
  void aRefusedIssueTakesNoNumberAndChangesNothing() {
    Invoice invoice = paid(sent(), "1416.00");
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(2, 1),
        IdempotencyKey.NONE);

    CreditRejectedException refusal = refusedChangingNothing(CreditRejectedException.class,
        () -> service.issueCreditNote(TENANT, draft.id(), ExcessCredit.NONE,
            IdempotencyKey.NONE));

    assertThat(refusal).hasMessageContaining("credit note " + draft.id())
        .hasMessageContaining("INV-2026-00001");
    assertThat(service.issueCreditNote(TENANT, draft.id(), ExcessCredit.refund(),
        IdempotencyKey.NONE).number()).contains(InvoiceNumber.of("CN-2026-00001"));
  }

  @Test
  void creditNoteNumbersAreGaplessAcrossInvoices() {
    Invoice first = sent();
    Invoice second = sent();
    List<InvoiceNumber> numbers = new ArrayList<>();

    for (Invoice invoice : List.of(first, second, first)) {
      CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(2, 1),
          IdempotencyKey.NONE);
      numbers.add(service.issueCreditNote(TENANT, draft.id(), ExcessCredit.NONE,
          IdempotencyKey.NONE).number().orElseThrow());
    }

    assertThat(numbers).extracting(InvoiceNumber::value)
        .containsExactly("CN-2026-00001", "CN-2026-00002", "CN-2026-00003");
  }

  @Test
  void aDraftOverTheLimitIsRefusedNamingTheInvoiceAndChangesNothing() {
    Invoice invoice = sent();

    CreditRejectedException refusal = refusedChangingNothing(CreditRejectedException.class,
        () -> service.draftCreditNote(TENANT, invoice.id(), quantity(1, 11),
            IdempotencyKey.NONE));

    assertThat(refusal).hasMessageStartingWith("Cannot credit invoice INV-2026-00001 by credit"
        + " note ").hasMessageContaining("it credits 11 of line 1, but only 10");
  }

  @Test
  void aDraftOfADraftOrVoidInvoiceIsRefusedAndChangesNothing() {
    Invoice draft = fixture.draft();
    invoices.add(draft.id());
    Invoice voided = service.voidInvoice(TENANT, sent().id());

    refusedChangingNothing(IllegalTransitionException.class, () -> service.draftCreditNote(
        TENANT, draft.id(), quantity(1, 1), IdempotencyKey.NONE));
    refusedChangingNothing(IllegalTransitionException.class, () -> service.draftCreditNote(
        TENANT, voided.id(), quantity(1, 1), IdempotencyKey.NONE));
  }

  @Test
  void aCancelledDraftIsFinalAndAnIssuedNoteCannotBeCancelled() {
    Invoice invoice = sent();
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 1),
        IdempotencyKey.NONE);
    CreditNote other = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 1),
        IdempotencyKey.NONE);

    CreditNote cancelled = service.cancelCreditNote(TENANT, draft.id(), IdempotencyKey.NONE);
    service.issueCreditNote(TENANT, other.id(), ExcessCredit.NONE, IdempotencyKey.NONE);

    assertThat(cancelled.status()).isEqualTo(CreditNoteStatus.CANCELLED);
    assertThat(cancelled.version()).isEqualTo(2);
    assertThat(creditEventTypes()).containsExactly(CreditEventType.CREDIT_NOTE_CREATED,
        CreditEventType.CREDIT_NOTE_CREATED, CreditEventType.CREDIT_NOTE_CANCELLED,
        CreditEventType.CREDIT_NOTE_ISSUED);
    refusedChangingNothing(CreditNoteStateException.class, () -> service.issueCreditNote(TENANT,
        draft.id(), ExcessCredit.NONE, IdempotencyKey.NONE));
    refusedChangingNothing(CreditNoteStateException.class, () -> service.cancelCreditNote(TENANT,
        draft.id(), IdempotencyKey.NONE));
    CreditNoteStateException refusal = refusedChangingNothing(CreditNoteStateException.class,
        () -> service.cancelCreditNote(TENANT, other.id(), IdempotencyKey.NONE));
    assertThat(refusal).hasMessage("Cannot cancel credit note CN-2026-00001 of invoice"
        + " INV-2026-00001: it is ISSUED; an issued credit note is final, correct it with a new"
        + " invoice");
  }

  @Test
  void anUnknownCreditNoteIsNotFound() {
    refusedChangingNothing(CreditNoteNotFoundException.class, () -> service.issueCreditNote(
        TENANT, CreditNoteId.of("nope"), ExcessCredit.NONE, IdempotencyKey.NONE));
  }

  // ---- write-off ----

  @Test
  void aWriteOffMakesTheInvoiceUncollectibleWithItsEvent() {
    Invoice invoice = paid(sent(), "416.00");

    Invoice written = service.writeOff(TENANT, invoice.id(), "Customer insolvent",
        IdempotencyKey.NONE);

    assertThat(written.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(written.totals().amountWrittenOff()).isEqualTo(eur("1000.00"));
    assertThat(find(invoice)).isEqualTo(written);
    assertThat(lastInvoiceEvent()).satisfies(event -> {
      assertThat(event.type()).isEqualTo(InvoiceEventType.WRITTEN_OFF);
      assertThat(event.version()).isEqualTo(written.version());
      assertThat(event.amountWrittenOff()).isEqualTo(eur("1000.00"));
      assertThat(event.amountDue()).isEqualTo(eur("0.00"));
      assertThat(event.settlement()).hasValueSatisfying(
          s -> assertThat(s.reason()).contains("Customer insolvent"));
    });
    assertThat(ports.events().creditEvents()).isEmpty();
  }

  @Test
  void aPaidInvoiceIsNotWrittenOffAndNothingChanges() {
    Invoice invoice = paid(sent(), "1416.00");

    IllegalTransitionException refusal = refusedChangingNothing(IllegalTransitionException.class,
        () -> service.writeOff(TENANT, invoice.id(), "Insolvent", IdempotencyKey.NONE));

    assertThat(refusal).hasMessage("Cannot write off invoice INV-2026-00001: it is PAID; nothing"
        + " is left to pay");
  }

  @Test
  void aPaymentAfterAWriteOffTakesItBackAndIsAnnouncedWithTheReversal() {
    Invoice invoice = sent();
    service.writeOff(TENANT, invoice.id(), "Insolvent", IdempotencyKey.NONE);

    Invoice paid = paid(invoice, "416.00");

    assertThat(paid.status()).isEqualTo(InvoiceStatus.PARTIALLY_PAID);
    assertThat(paid.totals().amountWrittenOff()).isEqualTo(eur("0.00"));
    assertThat(paid.totals().amountDue()).isEqualTo(eur("1000.00"));
    assertThat(lastInvoiceEvent()).satisfies(event -> {
      assertThat(event.type()).isEqualTo(InvoiceEventType.PAYMENT_RECORDED);
      assertThat(event.settlement()).hasValueSatisfying(
          s -> assertThat(s.kind()).isEqualTo(Settlement.Kind.WRITE_OFF_REVERSAL));
    });
  }

  // ---- overpayment and account credit ----

  @Test
  void anOverpaymentWithTheOptionPaysTheInvoiceAndCreditsTheAccount() {
    Invoice invoice = sent();

    Invoice paid = service.recordPayment(TENANT, invoice.id(),
        PaymentRequest.of(eur("1500.00")).withExcessToAccountCredit(true));

    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.totals().amountPaid()).isEqualTo(eur("1416.00"));
    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("84.00"));
    assertThat(ports.accountCredits().entries(TENANT, ACME, CurrencyUnit.EUR)).singleElement()
        .satisfies(entry -> {
          assertThat(entry.kind()).isEqualTo(AccountCreditEntry.Kind.OVERPAYMENT);
          assertThat(entry.invoiceId()).contains(invoice.id());
        });
    assertThat(invoiceEventTypes()).endsWith(InvoiceEventType.PAID);
    assertThat(creditEventTypes()).containsExactly(CreditEventType.ACCOUNT_CREDITED);
  }

  @Test
  void anOverpaymentWithoutTheOptionIsRefusedAndChangesNothing() {
    Invoice invoice = sent();

    refusedChangingNothing(PaymentRejectedException.class, () -> service.recordPayment(TENANT,
        invoice.id(), PaymentRequest.of(eur("1500.00"))));
  }

  @Test
  void aRefundCannotKeepAnExcess() {
    Invoice invoice = paid(sent(), "100.00");

    refusedChangingNothing(IllegalArgumentException.class, () -> service.refund(TENANT,
        invoice.id(), PaymentRequest.of(eur("10.00")).withExcessToAccountCredit(true)));
  }

  @Test
  void appliedCreditSettlesAnotherInvoiceOfTheAccountWithBothEvents() {
    creditAccount(ACME, "500.00");
    Invoice invoice = sent();

    Invoice settled = service.applyAccountCredit(TENANT, ACME, invoice.id(), eur("300.00"),
        IdempotencyKey.NONE);

    assertThat(settled.status()).isEqualTo(InvoiceStatus.SENT);
    assertThat(settled.totals().accountCreditApplied()).isEqualTo(eur("300.00"));
    assertThat(settled.totals().amountDue()).isEqualTo(eur("1116.00"));
    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("200.00"));
    AccountCreditEntry entry = ports.accountCredits().entries(TENANT, ACME, CurrencyUnit.EUR)
        .get(1);
    assertThat(entry.kind()).isEqualTo(AccountCreditEntry.Kind.APPLIED);
    assertThat(entry.invoiceId()).contains(invoice.id());
    assertThat(entry.sequence()).isEqualTo(2);
    assertThat(entry.balanceAfter()).isEqualTo(eur("200.00"));
    assertThat(settled.settlements()).singleElement().satisfies(s -> {
      assertThat(s.kind()).isEqualTo(Settlement.Kind.ACCOUNT_CREDIT);
      assertThat(s.id()).isEqualTo(SettlementId.of(entry.id().value()));
    });
    assertThat(lastInvoiceEvent().type()).isEqualTo(InvoiceEventType.CREDIT_APPLIED);
    assertThat(lastCreditEvent()).satisfies(event -> {
      assertThat(event.type()).isEqualTo(CreditEventType.ACCOUNT_CREDIT_APPLIED);
      assertThat(event.version()).isEqualTo(2);
      assertThat(event.invoiceId()).contains(invoice.id());
    });
  }

  @Test
  void appliedCreditSettlingTheBalanceMakesTheInvoicePaid() {
    creditAccount(ACME, "1416.00");
    Invoice invoice = sent();

    Invoice settled = service.applyAccountCredit(TENANT, ACME, invoice.id(), eur("1416.00"),
        IdempotencyKey.NONE);

    assertThat(settled.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("0.00"));
  }

  @Test
  void creditOfAnotherAccountIsRefusedAndChangesNothing() {
    creditAccount(OTHER, "500.00");
    Invoice invoice = sent();

    CreditRejectedException refusal = refusedChangingNothing(CreditRejectedException.class,
        () -> service.applyAccountCredit(TENANT, OTHER, invoice.id(), eur("100.00"),
            IdempotencyKey.NONE));

    assertThat(refusal).hasMessage("Cannot apply account credit of account other to invoice"
        + " INV-2026-00002: the invoice belongs to another account; apply credit only to the"
        + " account's own invoices");
    assertThat(refusal.document()).contains("account other");
  }

  @Test
  void creditInAnotherCurrencyIsRefusedAndChangesNothing() {
    creditAccount(ACME, "500.00");
    Invoice dollars = sent(ACME, "USD");

    // EUR credit for a USD invoice, and USD credit the account does not have.
    CreditRejectedException currency = refusedChangingNothing(CreditRejectedException.class,
        () -> service.applyAccountCredit(TENANT, ACME, dollars.id(), eur("100.00"),
            IdempotencyKey.NONE));
    InsufficientAccountCreditException none = refusedChangingNothing(
        InsufficientAccountCreditException.class, () -> service.applyAccountCredit(TENANT, ACME,
            dollars.id(), Money.parse("USD 100.00"), IdempotencyKey.NONE));

    assertThat(currency).hasMessage("Cannot credit invoice INV-2026-00002 from account acme: the"
        + " amount is in EUR but the invoice is in USD");
    assertThat(none).hasMessage("Cannot apply USD 100.00 of account credit of account acme to"
        + " invoice INV-2026-00002: its balance is USD 0.00; apply at most the balance");
    assertThat(none.balance()).isEqualTo(Money.parse("USD 0.00"));
  }

  @Test
  void moreCreditThanTheAccountHoldsIsRefusedNamingTheInvoiceAndChangesNothing() {
    creditAccount(ACME, "500.00");
    Invoice invoice = sent();

    InsufficientAccountCreditException refusal = refusedChangingNothing(
        InsufficientAccountCreditException.class, () -> service.applyAccountCredit(TENANT, ACME,
            invoice.id(), eur("500.01"), IdempotencyKey.NONE));

    assertThat(refusal).hasMessage("Cannot apply EUR 500.01 of account credit of account acme to"
        + " invoice INV-2026-00002: its balance is EUR 500.00; apply at most the balance");
    assertThat(refusal.account()).isEqualTo(ACME);
    assertThat(refusal.requested()).isEqualTo(eur("500.01"));
  }

  @Test
  void moreCreditThanTheInvoiceOwesIsRefusedAndChangesNothing() {
    creditAccount(ACME, "2000.00");
    Invoice invoice = paid(sent(), "1000.00");

    CreditRejectedException refusal = refusedChangingNothing(CreditRejectedException.class,
        () -> service.applyAccountCredit(TENANT, ACME, invoice.id(), eur("416.01"),
            IdempotencyKey.NONE));

    assertThat(refusal).hasMessage("Cannot apply EUR 416.01 of account credit to invoice"
        + " INV-2026-00002: its balance due is EUR 416.00; apply at most the balance");
  }

  @Test
  void creditOfZeroOrANegativeAmountIsRefusedAndChangesNothing() {
    creditAccount(ACME, "500.00");
    Invoice invoice = sent();

    refusedChangingNothing(CreditRejectedException.class, () -> service.applyAccountCredit(
        TENANT, ACME, invoice.id(), eur("0.00"), IdempotencyKey.NONE));
    refusedChangingNothing(CreditRejectedException.class, () -> service.applyAccountCredit(
        TENANT, ACME, invoice.id(), eur("-1.00"), IdempotencyKey.NONE));
  }

  @Test
  void aRefundOfCreditIsALedgerEntryWithItsEventAndNoInvoiceChange() {
    creditAccount(ACME, "500.00");
    List<InvoiceEvent> invoiceEvents = ports.events().events();

    AccountCreditEntry refund = service.refundAccountCredit(TENANT, ACME, eur("120.00"),
        "Paid back by transfer", IdempotencyKey.NONE);

    assertThat(refund.kind()).isEqualTo(AccountCreditEntry.Kind.REFUNDED);
    assertThat(refund.reason()).contains("Paid back by transfer");
    assertThat(refund.sequence()).isEqualTo(2);
    assertThat(refund.balanceAfter()).isEqualTo(eur("380.00"));
    assertThat(ports.accountCredits().findEntry(TENANT, refund.id())).contains(refund);
    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("380.00"));
    assertThat(ports.events().events()).isEqualTo(invoiceEvents);
    assertThat(lastCreditEvent()).satisfies(event -> {
      assertThat(event.type()).isEqualTo(CreditEventType.ACCOUNT_CREDIT_REFUNDED);
      assertThat(event.version()).isEqualTo(2);
      assertThat(event.ledgerEntry()).contains(refund);
    });
  }

  @Test
  void aRefundOfMoreCreditThanTheAccountHoldsIsRefusedAndChangesNothing() {
    creditAccount(ACME, "500.00");

    InsufficientAccountCreditException refusal = refusedChangingNothing(
        InsufficientAccountCreditException.class, () -> service.refundAccountCredit(TENANT, ACME,
            eur("500.01"), "Too much", IdempotencyKey.NONE));
    refusedChangingNothing(InsufficientAccountCreditException.class,
        () -> service.refundAccountCredit(TENANT, ACME, Money.parse("USD 1.00"), "Other currency",
            IdempotencyKey.NONE));

    assertThat(refusal).hasMessage("Cannot refund EUR 500.01 of account credit of account acme:"
        + " its balance is EUR 500.00; refund at most the balance");
  }

  @Test
  void withoutALedgerTheCreditCommandsSayHowToConfigureOne() {
    InMemoryPorts bare = InMemoryPorts.create();
    InvoiceService noLedger = InvoiceService.builder()
        .invoices(bare.invoices())
        .numbering(bare.numbering())
        .events(bare.events())
        .idempotencyKeys(bare.idempotencyKeys())
        .transactions(bare.transactions())
        .creditNotes(bare.creditNotes())
        .clock(fixture.clock, ServiceFixture.ZONE)
        .ids(new SequentialIdSource("id-"))
        .build();

    assertThatThrownBy(() -> noLedger.refundAccountCredit(TENANT, ACME, eur("1.00"), "x",
        IdempotencyKey.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("InvoiceService.builder().accountCredits(...)");
    assertThatThrownBy(() -> noLedger.recordPayment(TENANT, InvoiceId.of("any"),
        PaymentRequest.of(eur("1.00")).withExcessToAccountCredit(true)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No account-credit ledger is configured");
  }

  // ---- idempotency keys ----

  /**
   * Runs a keyed command twice with the same payload and once with another: the repeat answers the
   * first result and changes nothing, the other payload is a conflict and changes nothing.
   */
  private <T> void keyed(Supplier<T> command, Executable otherPayload) {
    T first = command.get();
    State after = state();

    T again = command.get();

    assertThat(again).isEqualTo(first);
    assertThat(state()).isEqualTo(after);
    refusedChangingNothing(IdempotencyConflictException.class, otherPayload);
  }

  @Test
  void aKeyedDraftIsDraftedOnce() {
    Invoice invoice = sent();
    IdempotencyKey key = IdempotencyKey.of("draft-1");

    keyed(() -> service.draftCreditNote(TENANT, invoice.id(), quantity(1, 2), key),
        () -> service.draftCreditNote(TENANT, invoice.id(), quantity(1, 3), key));

    assertThat(service.creditNotesOf(TENANT, invoice.id())).hasSize(1);
    assertThat(creditEventTypes()).containsExactly(CreditEventType.CREDIT_NOTE_CREATED);
  }

  @Test
  void aKeyedIssueIsIssuedOnceAndTakesOneNumber() {
    Invoice invoice = paid(sent(), "1416.00");
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 2),
        IdempotencyKey.NONE);
    IdempotencyKey key = IdempotencyKey.of("issue-1");

    keyed(() -> service.issueCreditNote(TENANT, draft.id(), ExcessCredit.toAccountCredit(), key),
        () -> service.issueCreditNote(TENANT, draft.id(), ExcessCredit.refund(), key));

    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("238.00"));
    assertThat(creditEventTypes()).containsExactly(CreditEventType.CREDIT_NOTE_CREATED,
        CreditEventType.CREDIT_NOTE_ISSUED, CreditEventType.ACCOUNT_CREDITED);
    CreditNote next = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 1),
        IdempotencyKey.NONE);
    assertThat(service.issueCreditNote(TENANT, next.id(), ExcessCredit.refund(),
        IdempotencyKey.NONE).number()).contains(InvoiceNumber.of("CN-2026-00002"));
  }

  @Test
  void aKeyedCancelIsCancelledOnce() {
    Invoice invoice = sent();
    CreditNote draft = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 2),
        IdempotencyKey.NONE);
    CreditNote other = service.draftCreditNote(TENANT, invoice.id(), quantity(1, 2),
        IdempotencyKey.NONE);
    IdempotencyKey key = IdempotencyKey.of("cancel-1");

    keyed(() -> service.cancelCreditNote(TENANT, draft.id(), key),
        () -> service.cancelCreditNote(TENANT, other.id(), key));

    assertThat(creditEventTypes()).containsOnlyOnce(CreditEventType.CREDIT_NOTE_CANCELLED);
  }

  @Test
  void aKeyedWriteOffIsWrittenOffOnce() {
    Invoice invoice = sent();
    IdempotencyKey key = IdempotencyKey.of("write-off-1");

    keyed(() -> service.writeOff(TENANT, invoice.id(), "Insolvent", key),
        () -> service.writeOff(TENANT, invoice.id(), "Moved away", key));

    assertThat(invoiceEventTypes()).containsOnlyOnce(InvoiceEventType.WRITTEN_OFF);
  }

  @Test
  void aKeyedApplicationIsAppliedOnce() {
    creditAccount(ACME, "500.00");
    Invoice invoice = sent();
    IdempotencyKey key = IdempotencyKey.of("apply-1");

    keyed(() -> service.applyAccountCredit(TENANT, ACME, invoice.id(), eur("100.00"), key),
        () -> service.applyAccountCredit(TENANT, ACME, invoice.id(), eur("100.01"), key));

    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("400.00"));
    assertThat(creditEventTypes()).containsOnlyOnce(CreditEventType.ACCOUNT_CREDIT_APPLIED);
  }

  @Test
  void aKeyedRefundOfCreditIsRefundedOnce() {
    creditAccount(ACME, "500.00");
    IdempotencyKey key = IdempotencyKey.of("refund-1");

    keyed(() -> service.refundAccountCredit(TENANT, ACME, eur("100.00"), "Back", key),
        () -> service.refundAccountCredit(TENANT, ACME, eur("100.00"), "Other reason", key));

    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("400.00"));
  }

  @Test
  void aKeyedOverpaymentCreditsTheAccountOnce() {
    Invoice invoice = sent();
    IdempotencyKey key = IdempotencyKey.of("bank-tx-1");
    PaymentRequest overpayment = PaymentRequest.of(eur("1500.00")).withExcessToAccountCredit(true);

    keyed(() -> service.recordPayment(TENANT, invoice.id(), overpayment, key),
        () -> service.recordPayment(TENANT, invoice.id(), PaymentRequest.of(eur("1500.00")),
            key));

    assertThat(service.accountCreditBalance(TENANT, ACME, CurrencyUnit.EUR))
        .isEqualTo(eur("84.00"));
    assertThat(creditEventTypes()).containsExactly(CreditEventType.ACCOUNT_CREDITED);
  }
}
