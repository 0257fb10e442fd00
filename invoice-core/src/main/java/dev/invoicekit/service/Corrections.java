package dev.invoicekit.service;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteLifecycle;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.CreditRejectedException;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.Transition;
import dev.invoicekit.numbering.NumberPattern;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.IdSource;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.service.CommandRunner.Change;
import dev.invoicekit.service.CommandRunner.Stored;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.Money;

/**
 * The correction commands behind {@link InvoiceService}: credit notes, write-offs and account
 * credit. Each runs through the {@link CommandRunner} like the invoice commands: one transaction,
 * the idempotency key's replay and record, retries; each stores what the rules decided and
 * publishes one event per state change (the invoice's, the credit note's, the ledger's).
 *
 * <p>Stateless and thread-safe.
 */
final class Corrections {

  private final Invoices invoices;
  private final CreditNotes creditNotes;
  private final AccountCredits accountCredits;
  private final InvoiceNumbering numbering;
  private final NumberPattern creditNotePattern;
  private final BusinessClock clock;
  private final IdSource ids;
  private final CommandRunner runner;

  Corrections(
      Invoices invoices,
      CreditNotes creditNotes,
      AccountCredits accountCredits,
      InvoiceNumbering numbering,
      NumberPattern creditNotePattern,
      BusinessClock clock,
      IdSource ids,
      CommandRunner runner) {
    this.invoices = invoices;
    this.creditNotes = creditNotes;
    this.accountCredits = accountCredits;
    this.numbering = numbering;
    this.creditNotePattern = creditNotePattern;
    this.clock = clock;
    this.ids = ids;
    this.runner = runner;
  }

  CreditNote draftCreditNote(
      TenantId tenant, InvoiceId invoiceId, CreditNoteRequest request, IdempotencyKey key) {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(request, "request");
    CreditNotes notes = creditNotes();
    return runner.runStoring("draft credit note", tenant, key,
        payload -> payload.invoice(invoiceId).creditNote(request), true,
        () -> {
          Invoice invoice = loadInvoice(tenant, invoiceId);
          CreditNote draft = CreditNoteLifecycle.draft(CreditNoteId.of(ids.newId()), invoice,
              notes.findByInvoice(tenant, invoiceId), request, clock.today());
          CreditNote saved = notes.save(draft);
          runner.publish(CreditEventType.CREDIT_NOTE_CREATED, saved);
          return stored(saved);
        },
        earlier -> loadNote(tenant, CreditNoteId.of(earlier.resultId())));
  }

  CreditNote issueCreditNote(
      TenantId tenant, CreditNoteId id, ExcessCredit excess, IdempotencyKey key) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(excess, "excess");
    CreditNotes notes = creditNotes();
    return runner.runStoring("issue credit note", tenant, key,
        payload -> payload.creditNoteId(id).excess(excess), true,
        () -> {
          LocalDate today = clock.today();
          CreditNote draft = loadNote(tenant, id);
          Invoice invoice = loadInvoice(tenant, draft.invoiceId());
          CreditNoteLifecycle.Issue issue = CreditNoteLifecycle.issue(draft, invoice,
              notes.findByInvoice(tenant, invoice.id()), excess,
              () -> nextCreditNoteNumber(tenant, today), today);
          CreditNote saved = notes.save(issue.creditNote());
          runner.publish(CreditEventType.CREDIT_NOTE_ISSUED, saved);
          Transition credited = issue.invoice();
          runner.store(new Change(credited.invoice(), credited.eventType(), Optional.empty(),
              credited.settlement(), Optional.of(saved.id().value())));
          Money kept = saved.allocation().orElseThrow().toAccountCredit();
          if (kept.isPositive()) {
            AccountCreditEntry entry = ledger().append(AccountCreditEntry.of(
                    newEntryId(), tenant, invoice.account(), AccountCreditEntry.Kind.CREDIT_NOTE,
                    kept, today)
                .withInvoice(invoice.id())
                .withCreditNote(saved.id()));
            runner.publish(CreditEventType.ACCOUNT_CREDITED, entry);
          }
          return stored(saved);
        },
        earlier -> loadNote(tenant, CreditNoteId.of(earlier.resultId())));
  }

  CreditNote cancelCreditNote(TenantId tenant, CreditNoteId id, IdempotencyKey key) {
    Objects.requireNonNull(id, "id");
    CreditNotes notes = creditNotes();
    return runner.runStoring("cancel credit note", tenant, key,
        payload -> payload.creditNoteId(id), true,
        () -> {
          CreditNote saved = notes.save(CreditNoteLifecycle.cancel(loadNote(tenant, id)));
          runner.publish(CreditEventType.CREDIT_NOTE_CANCELLED, saved);
          return stored(saved);
        },
        earlier -> loadNote(tenant, CreditNoteId.of(earlier.resultId())));
  }

  Invoice writeOff(TenantId tenant, InvoiceId id, String reason, IdempotencyKey key) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    return runner.run("write off", tenant, key, payload -> payload.invoice(id).reason(reason),
        true,
        () -> Change.of(InvoiceLifecycle.writeOff(loadInvoice(tenant, id),
            SettlementId.of(ids.newId()), reason, clock.today())));
  }

  Invoice applyAccountCredit(
      TenantId tenant, AccountId account, InvoiceId id, Money amount, IdempotencyKey key) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(amount, "amount");
    AccountCredits ledger = ledger();
    return runner.runStoring("apply account credit", tenant, key,
        payload -> payload.invoice(id).accountCredit(account, amount, Optional.empty()), true,
        () -> {
          LocalDate today = clock.today();
          Invoice invoice = loadInvoice(tenant, id);
          if (!invoice.account().equals(account)) {
            throw new CreditRejectedException(invoice.id(), "account " + account,
                "Cannot apply account credit of account " + account + " to invoice "
                    + invoice.number().map(InvoiceNumber::toString).orElse(id.value())
                    + ": the invoice belongs to another account; apply credit only to the"
                    + " account's own invoices");
          }
          AccountCreditEntryId entryId = newEntryId();
          Transition settled =
              InvoiceLifecycle.applyAccountCredit(invoice, amount, entryId.value(), today);
          // The ledger's guard refuses more than the balance, atomically, before the invoice is
          // written; a refusal rolls the whole command back.
          AccountCreditEntry entry;
          try {
            entry = ledger.append(AccountCreditEntry.of(entryId, tenant, account,
                AccountCreditEntry.Kind.APPLIED, amount, today).withInvoice(id));
          } catch (InsufficientAccountCreditException refused) {
            // The ledger knows the account; the refusal names the invoice as well.
            throw InsufficientAccountCreditException.applyingTo(refused,
                invoice.number().map(InvoiceNumber::toString).orElse(id.value()));
          }
          Invoice saved = runner.store(Change.of(settled));
          runner.publish(CreditEventType.ACCOUNT_CREDIT_APPLIED, entry);
          return new Stored<>(saved, saved.id().value(), saved.version());
        },
        earlier -> loadInvoice(tenant, InvoiceId.of(earlier.resultId())));
  }

  AccountCreditEntry refundAccountCredit(
      TenantId tenant, AccountId account, Money amount, String reason, IdempotencyKey key) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reason, "reason");
    AccountCredits ledger = ledger();
    return runner.runStoring("refund account credit", tenant, key,
        payload -> payload.accountCredit(account, amount, Optional.of(reason)), true,
        () -> {
          AccountCreditEntry entry = ledger.append(AccountCreditEntry.of(newEntryId(), tenant,
              account, AccountCreditEntry.Kind.REFUNDED, amount, clock.today())
              .withReason(reason));
          runner.publish(CreditEventType.ACCOUNT_CREDIT_REFUNDED, entry);
          return new Stored<>(entry, entry.id().value(), entry.sequence());
        },
        earlier -> ledger.findEntry(tenant, AccountCreditEntryId.of(earlier.resultId()))
            .orElseThrow(() -> new IllegalStateException("Account credit entry "
                + earlier.resultId() + " recorded for idempotency key " + earlier.key()
                + " is missing")));
  }

  /** Books a payment's excess as account credit, after the payment's invoice was stored. */
  void keepExcessPayment(Invoice paid, Transition transition) {
    Money excess = transition.excessPayment().orElseThrow();
    AccountCreditEntry entry = ledger().append(AccountCreditEntry.of(newEntryId(),
            paid.tenant(), paid.account(), AccountCreditEntry.Kind.OVERPAYMENT, excess,
            transition.payment().orElseThrow().date())
        .withInvoice(paid.id()));
    runner.publish(CreditEventType.ACCOUNT_CREDITED, entry);
  }

  Optional<CreditNote> findCreditNote(TenantId tenant, CreditNoteId id) {
    return creditNotes().findById(tenant, id);
  }

  List<CreditNote> creditNotesOf(TenantId tenant, InvoiceId invoice) {
    return creditNotes().findByInvoice(tenant, invoice);
  }

  AccountCredits ledger() {
    if (accountCredits == null) {
      throw new IllegalStateException("No account-credit ledger is configured; set one with"
          + " InvoiceService.builder().accountCredits(...) (the JDBC adapter and the in-memory"
          + " ports have one)");
    }
    return accountCredits;
  }

  private CreditNotes creditNotes() {
    if (creditNotes == null) {
      throw new IllegalStateException("No credit-note repository is configured; set one with"
          + " InvoiceService.builder().creditNotes(...) (the JDBC adapter and the in-memory"
          + " ports have one)");
    }
    return creditNotes;
  }

  private InvoiceNumber nextCreditNoteNumber(TenantId tenant, LocalDate date) {
    long sequence = numbering.next(creditNotePattern.series(tenant, date));
    return InvoiceNumber.of(creditNotePattern.format(sequence, date));
  }

  private AccountCreditEntryId newEntryId() {
    return AccountCreditEntryId.of(ids.newId());
  }

  private Invoice loadInvoice(TenantId tenant, InvoiceId id) {
    return invoices.findById(tenant, id)
        .orElseThrow(() -> new InvoiceNotFoundException(tenant, id));
  }

  private CreditNote loadNote(TenantId tenant, CreditNoteId id) {
    return creditNotes().findById(tenant, id)
        .orElseThrow(() -> new CreditNoteNotFoundException(tenant, id));
  }

  private static Stored<CreditNote> stored(CreditNote note) {
    return new Stored<>(note, note.id().value(), note.version());
  }
}
