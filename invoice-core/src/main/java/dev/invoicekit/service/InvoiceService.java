package dev.invoicekit.service;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteLifecycle;
import dev.invoicekit.credit.CreditNoteRequest;
import dev.invoicekit.credit.ExcessCredit;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.Transition;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.numbering.NumberPattern;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityInvoices;
import dev.invoicekit.ports.IdSource;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.ports.Transactions;
import dev.invoicekit.service.CommandRunner.Change;
import dev.invoicekit.tax.TaxCode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The use cases of invoicing: create (standalone or from an opportunity), edit, send, record
 * payments and refunds, cancel, void, sweep overdue, find. Each mutating command runs in one
 * transaction of the host's {@link Transactions}: it loads the invoice, lets
 * {@link InvoiceLifecycle} decide, saves with the version it read and publishes exactly one event;
 * a refused command throws and changes nothing.
 *
 * <p>Every mutating command has a variant taking an {@link IdempotencyKey}: the same key with the
 * same payload returns the invoice the first command produced (as it is now) without applying the
 * command again; the same key with another payload throws {@link IdempotencyConflictException}.
 * A key is never null: {@link IdempotencyKey#NONE} means none, and the variants without a key
 * pass it. What "the same payload" means is a versioned encoding of the command's fields, so it
 * does not change with the text of a library's {@code toString()}.
 *
 * <p>A command that loses a race (a stale write or another {@linkplain
 * InvoicePersistenceException.Kind#TRANSIENT transient} storage failure) is tried again from a
 * fresh read, up to a budget; an edit based on a version the caller read is not, as the caller must
 * see the newer content first. A commit whose {@linkplain
 * InvoicePersistenceException.Kind#OUTCOME_UNKNOWN outcome is unknown} is tried again only for a
 * command with an idempotency key, whose replay makes a second attempt safe; without a key the
 * exception reaches the caller unchanged. A keyed command that then runs out of attempts on
 * transient failures reports the unknown outcome, not the last transient failure.
 *
 * <p>Built once with {@link #builder()}; stateless and thread-safe.
 */
public final class InvoiceService {

  private final Invoices invoices;
  private final InvoiceNumbering numbering;
  private final BusinessClock clock;
  private final IdSource ids;
  private final RoundingPolicy roundingPolicy;
  private final NumberPattern numberPattern;
  private final Optional<TaxCode> defaultTaxCode;
  private final CommandRunner runner;
  private final OverdueSweep sweep;
  private final Corrections corrections;

  InvoiceService(InvoiceServiceBuilder builder) {
    this.invoices = Objects.requireNonNull(builder.invoices, "invoices");
    this.numbering = Objects.requireNonNull(builder.numbering, "numbering");
    InvoiceEvents events = Objects.requireNonNull(builder.events, "events");
    IdempotencyKeys idempotencyKeys =
        Objects.requireNonNull(builder.idempotencyKeys, "idempotencyKeys");
    Transactions transactions = Objects.requireNonNull(builder.transactions, "transactions");
    this.clock = Objects.requireNonNull(builder.clock, "clock");
    this.ids = Objects.requireNonNull(builder.ids, "ids");
    this.roundingPolicy = builder.roundingPolicy;
    this.numberPattern = builder.numberPattern;
    this.defaultTaxCode = builder.defaultTaxCode;
    this.runner = new CommandRunner(invoices, events, idempotencyKeys, transactions, clock, ids,
        builder.maxAttempts);
    this.sweep = new OverdueSweep(invoices, events, clock, ids, runner);
    this.corrections = new Corrections(invoices, builder.creditNotes, builder.accountCredits,
        numbering, builder.creditNotePattern, clock, ids, runner);
  }

  /**
   * Starts building a service.
   *
   * @return a builder, not null
   */
  public static InvoiceServiceBuilder builder() {
    return new InvoiceServiceBuilder();
  }

  // ---- creation ------------------------------------------------------------------------------

  /**
   * A builder for a new draft, with a fresh id, the tenant, today's date as invoice date and the
   * service's rounding policy filled in; add the content and pass the result to
   * {@link #createDraft(Invoice)}.
   *
   * @param tenant the tenant, not null
   * @return the builder, not null
   */
  public Invoice.Builder newDraft(TenantId tenant) {
    Invoice.Builder builder = new Invoice.Builder();
    builder
        .id(InvoiceId.of(ids.newId()))
        .tenant(tenant)
        .invoiceDate(clock.today())
        .roundingPolicy(roundingPolicy);
    return builder;
  }

  /**
   * Stores a new draft.
   *
   * @param draft a DRAFT at version 0, not null
   * @return the stored draft, at version 1, not null
   * @throws IllegalArgumentException if the invoice is not a new draft
   * @throws dev.invoicekit.ports.DuplicateInvoiceException if its id or number is taken
   */
  public Invoice createDraft(Invoice draft) {
    return createDraft(draft, IdempotencyKey.NONE);
  }

  /**
   * Stores a new draft, once per idempotency key.
   *
   * @param draft a DRAFT at version 0, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the stored draft, not null
   * @throws IllegalArgumentException if the invoice is not a new draft
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice createDraft(Invoice draft, IdempotencyKey key) {
    Objects.requireNonNull(draft, "draft");
    requireKey(key);
    if (draft.status() != InvoiceStatus.DRAFT || draft.version() != 0) {
      throw new IllegalArgumentException("Invoice " + draft.id() + ": a new invoice is a DRAFT at"
          + " version 0, was " + draft.status() + " at version " + draft.version());
    }
    // The id is left out of the payload: a retry may come with a freshly built draft.
    return runner.run("create draft", draft.tenant(), key, payload -> payload.draft(draft), true,
        () -> Change.created(draft));
  }

  /**
   * Creates a draft from a CRM opportunity: account, contact and currency from it, one line per
   * product (one line for its value when it has none), linked to it; a mismatch between products
   * and value is noted on the draft for review, never guessed away.
   *
   * @param tenant the tenant, not null
   * @param opportunity the opportunity, not null
   * @return the stored draft, not null
   */
  public Invoice createFromOpportunity(TenantId tenant, Opportunity opportunity) {
    return createFromOpportunity(tenant, opportunity, IdempotencyKey.NONE);
  }

  /**
   * Creates a draft from a CRM opportunity, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param opportunity the opportunity, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the stored draft, not null
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice createFromOpportunity(
      TenantId tenant, Opportunity opportunity, IdempotencyKey key) {
    Objects.requireNonNull(opportunity, "opportunity");
    return runner.run("create from opportunity", tenant, requireKey(key),
        payload -> payload.opportunity(opportunity), true,
        () -> {
          Invoice draft =
              OpportunityInvoices.draftFrom(
                      opportunity,
                      InvoiceId.of(ids.newId()),
                      tenant,
                      clock.today(),
                      defaultTaxCode)
                  .withRoundingPolicy(roundingPolicy);
          return Change.created(draft);
        });
  }

  // ---- drafts ----------------------------------------------------------------------------------

  /**
   * Changes a draft's content.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @param expectedVersion the version the caller read and edited
   * @param change turns the stored draft into the edited one, not null
   * @return the stored draft with its new version, not null
   * @throws InvoiceNotFoundException if there is no such invoice
   * @throws StaleInvoiceException if the draft changed since the caller read it
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it is no longer a draft
   */
  public Invoice editDraft(
      TenantId tenant, InvoiceId id, long expectedVersion, UnaryOperator<Invoice> change) {
    return editDraft(tenant, id, expectedVersion, change, IdempotencyKey.NONE);
  }

  /**
   * Changes a draft's content, once per idempotency key. The payload compared for the key is the
   * draft and the version the edit was based on: one key stands for one edit of one version.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @param expectedVersion the version the caller read and edited
   * @param change turns the stored draft into the edited one, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the stored draft with its new version, not null
   * @throws InvoiceNotFoundException if there is no such invoice
   * @throws StaleInvoiceException if the draft changed since the caller read it
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it is no longer a draft
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice editDraft(
      TenantId tenant,
      InvoiceId id,
      long expectedVersion,
      UnaryOperator<Invoice> change,
      IdempotencyKey key) {
    Objects.requireNonNull(change, "change");
    return runner.run("edit", tenant, requireKey(key),
        payload -> payload.invoice(id).basedOnVersion(expectedVersion), false,
        () -> {
          Invoice stored = load(tenant, id);
          if (stored.version() != expectedVersion) {
            throw new StaleInvoiceException(id, expectedVersion, stored.version());
          }
          return Change.of(InvoiceLifecycle.edit(stored, change.apply(stored)));
        });
  }

  /**
   * Abandons a draft.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @return the cancelled invoice, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it is not a draft
   */
  public Invoice cancel(TenantId tenant, InvoiceId id) {
    return cancel(tenant, id, IdempotencyKey.NONE);
  }

  /**
   * Abandons a draft, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the cancelled invoice, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it is not a draft
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice cancel(TenantId tenant, InvoiceId id, IdempotencyKey key) {
    return runner.run("cancel", tenant, requireKey(key), payload -> payload.invoice(id), true,
        () -> Change.of(InvoiceLifecycle.cancel(load(tenant, id))));
  }

  // ---- sending and after ----------------------------------------------------------------------

  /**
   * Issues a draft: numbers it from its series (unless it has a manual number) inside the same
   * transaction, so a failed send leaves no gap, and freezes its content.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @return the sent invoice (PAID if nothing was due), not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it is not a sendable draft
   * @throws dev.invoicekit.ports.DuplicateInvoiceException if its manual number is taken
   */
  public Invoice send(TenantId tenant, InvoiceId id) {
    return send(tenant, id, IdempotencyKey.NONE);
  }

  /**
   * Issues a draft, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the sent invoice, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it is not a sendable draft
   * @throws dev.invoicekit.ports.DuplicateInvoiceException if its manual number is taken
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice send(TenantId tenant, InvoiceId id, IdempotencyKey key) {
    return runner.run("send", tenant, requireKey(key), payload -> payload.invoice(id), true,
        () -> {
          Invoice draft = load(tenant, id);
          return Change.of(InvoiceLifecycle.send(draft, () -> nextNumber(draft)));
        });
  }

  private InvoiceNumber nextNumber(Invoice draft) {
    LocalDate date = draft.invoiceDate();
    long sequence = numbering.next(numberPattern.series(draft.tenant(), date));
    return InvoiceNumber.of(numberPattern.format(sequence, date));
  }

  /**
   * Records a payment; the status follows the balance and the due date.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param request the payment, not null
   * @return the invoice with the payment, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if its status takes no payments
   * @throws dev.invoicekit.lifecycle.PaymentRejectedException if the payment is more than the
   *     balance or in another currency
   */
  public Invoice recordPayment(TenantId tenant, InvoiceId id, PaymentRequest request) {
    return recordPayment(tenant, id, request, IdempotencyKey.NONE);
  }

  /**
   * Records a payment once per idempotency key: a retried submission is not counted twice.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param request the payment, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the invoice with the payment, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if its status takes no payments
   * @throws dev.invoicekit.lifecycle.PaymentRejectedException if the payment is more than the
   *     balance or in another currency
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice recordPayment(
      TenantId tenant, InvoiceId id, PaymentRequest request, IdempotencyKey key) {
    return movePayment(tenant, id, request, key, Payment.Kind.PAYMENT);
  }

  /**
   * Gives money back (or reverses a payment); the status is recomputed.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param request the refund, not null
   * @return the invoice with the refund, not null
   * @throws dev.invoicekit.lifecycle.PaymentRejectedException if it is more than was paid
   */
  public Invoice refund(TenantId tenant, InvoiceId id, PaymentRequest request) {
    return refund(tenant, id, request, IdempotencyKey.NONE);
  }

  /**
   * Gives money back once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param request the refund, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the invoice with the refund, not null
   * @throws dev.invoicekit.lifecycle.PaymentRejectedException if it is more than was paid
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice refund(TenantId tenant, InvoiceId id, PaymentRequest request, IdempotencyKey key) {
    return movePayment(tenant, id, request, key, Payment.Kind.REFUND);
  }

  private Invoice movePayment(
      TenantId tenant,
      InvoiceId id,
      PaymentRequest request,
      IdempotencyKey key,
      Payment.Kind kind) {
    Objects.requireNonNull(request, "request");
    if (request.excessToAccountCredit() && kind == Payment.Kind.REFUND) {
      throw new IllegalArgumentException("Invoice " + id + ": a refund has no excess to keep as"
          + " account credit; leave excessToAccountCredit unset for a refund");
    }
    if (request.excessToAccountCredit()) {
      // Fails here, before anything is read, if the host configured no ledger.
      corrections.ledger();
    }
    return runner.runStoring(kind == Payment.Kind.PAYMENT ? "payment" : "refund", tenant,
        requireKey(key), payload -> payload.invoice(id).payment(kind, request), true,
        () -> {
          LocalDate today = clock.today();
          Payment payment =
              new Payment.Builder()
                  .id(PaymentId.of(ids.newId()))
                  .kind(kind)
                  .amount(request.amount())
                  .date(request.date().orElse(today))
                  .method(request.method())
                  .reference(request.reference())
                  .build();
          Invoice invoice = load(tenant, id);
          Transition transition = kind == Payment.Kind.PAYMENT
              ? InvoiceLifecycle.recordPayment(invoice, payment, today,
                  request.excessToAccountCredit())
              : InvoiceLifecycle.refund(invoice, payment, today);
          Invoice saved = runner.store(Change.of(transition));
          if (transition.excessPayment().isPresent()) {
            corrections.keepExcessPayment(saved, transition);
          }
          return new CommandRunner.Stored<>(saved, saved.id().value(), saved.version());
        },
        earlier -> load(tenant, InvoiceId.of(earlier.resultId())));
  }

  /**
   * Withdraws a sent invoice on which nothing was paid.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @return the void invoice, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it cannot be voided
   */
  public Invoice voidInvoice(TenantId tenant, InvoiceId id) {
    return voidInvoice(tenant, id, IdempotencyKey.NONE);
  }

  /**
   * Withdraws a sent invoice, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the void invoice, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if it cannot be voided
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws NullPointerException if the key is null
   */
  public Invoice voidInvoice(TenantId tenant, InvoiceId id, IdempotencyKey key) {
    return runner.run("void", tenant, requireKey(key), payload -> payload.invoice(id), true,
        () -> Change.of(InvoiceLifecycle.voidInvoice(load(tenant, id))));
  }

  /**
   * Marks every invoice of the tenant that became overdue as of today: batches of a set-based,
   * guarded write ({@link Invoices#markOverdue}) with one OVERDUE event per invoice in the same
   * transaction. An invoice paid in the meantime is never marked; the cost follows the number of
   * invoices that became overdue, not the number stored. Invoices are not loaded: the events are
   * made from what the write returns.
   *
   * @param tenant the tenant, not null
   * @return the invoices marked, with their new versions, not null
   */
  public List<MarkedOverdue> sweepOverdue(TenantId tenant) {
    return sweep.sweep(tenant);
  }

  // ---- corrections after sending --------------------------------------------------------------

  /**
   * Drafts a credit note for a sent invoice: quantities of its lines, an amount per tax group, or
   * the whole invoice (see {@link CreditNoteLifecycle} for what may be credited). The draft has no
   * number and does not touch the invoice until it is issued.
   *
   * @param tenant the tenant, not null
   * @param invoice the invoice to credit, not null
   * @param request what to credit and why, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the stored draft, not null
   * @throws InvoiceNotFoundException if there is no such invoice
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if the invoice takes no credit (a
   *     draft, CANCELLED, VOID, UNCOLLECTIBLE)
   * @throws dev.invoicekit.lifecycle.CreditRejectedException if it credits more than is left, or
   *     a line or tax group the invoice does not have, or in another currency
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws IllegalStateException if no credit-note repository is configured
   */
  public CreditNote draftCreditNote(
      TenantId tenant, InvoiceId invoice, CreditNoteRequest request, IdempotencyKey key) {
    return corrections.draftCreditNote(tenant, invoice, request, requireKey(key));
  }

  /**
   * Issues a draft credit note: numbers it from the credit-note series in the same transaction
   * (gapless), applies its total to the invoice (first to the balance, never below zero; VOID when
   * it credits the whole total with nothing paid, PAID when it settles the balance), and allocates
   * the excess over the balance as {@code excess} says: refunded (the allocation says how much the
   * host pays back) or kept as the account's credit.
   *
   * @param tenant the tenant, not null
   * @param creditNote the draft, not null
   * @param excess what to do with the part beyond the balance; {@link ExcessCredit#NONE} refuses a
   *     note that has one, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the issued note with its number and allocation, not null
   * @throws CreditNoteNotFoundException if there is no such credit note
   * @throws dev.invoicekit.credit.CreditNoteStateException if it is not a draft
   * @throws dev.invoicekit.lifecycle.CreditRejectedException if it now credits more than is left,
   *     or has an excess {@code excess} does not allocate
   * @throws IdempotencyConflictException if the key was used for something else
   */
  public CreditNote issueCreditNote(
      TenantId tenant, CreditNoteId creditNote, ExcessCredit excess, IdempotencyKey key) {
    return corrections.issueCreditNote(tenant, creditNote, excess, requireKey(key));
  }

  /**
   * Abandons a draft credit note. An issued note is final: it is corrected by a new invoice.
   *
   * @param tenant the tenant, not null
   * @param creditNote the draft, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the cancelled note, not null
   * @throws CreditNoteNotFoundException if there is no such credit note
   * @throws dev.invoicekit.credit.CreditNoteStateException if it is not a draft
   */
  public CreditNote cancelCreditNote(
      TenantId tenant, CreditNoteId creditNote, IdempotencyKey key) {
    return corrections.cancelCreditNote(tenant, creditNote, requireKey(key));
  }

  /**
   * Writes the remaining balance of a sent, partially paid or overdue invoice off as
   * uncollectible; the invoice becomes UNCOLLECTIBLE. A later payment takes the write-off back.
   * {@link dev.invoicekit.credit.BadDebt#writtenOffByTaxGroup} splits the amount by tax group.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param reason why, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the UNCOLLECTIBLE invoice, not null
   * @throws dev.invoicekit.lifecycle.IllegalTransitionException if its status has no balance to
   *     write off (PAID, a draft, a final one)
   * @throws IdempotencyConflictException if the key was used for something else
   */
  public Invoice writeOff(TenantId tenant, InvoiceId id, String reason, IdempotencyKey key) {
    return corrections.writeOff(tenant, id, reason, requireKey(key));
  }

  /**
   * Settles part of an open invoice's balance with its account's credit (a settlement, not a
   * payment), in the invoice's currency. The ledger's guard keeps the balance from going negative,
   * also under concurrent applications from many instances.
   *
   * @param tenant the tenant, not null
   * @param account the account whose credit is applied, the invoice's account, not null
   * @param id the invoice, not null
   * @param amount the credit to apply, positive, at most the balance due, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the invoice, PAID when settled, not null
   * @throws dev.invoicekit.lifecycle.CreditRejectedException if the invoice is another account's,
   *     in another currency, or owes less
   * @throws dev.invoicekit.credit.InsufficientAccountCreditException if the account holds less
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws IllegalStateException if no ledger is configured
   */
  public Invoice applyAccountCredit(
      TenantId tenant, AccountId account, InvoiceId id, Money amount, IdempotencyKey key) {
    return corrections.applyAccountCredit(tenant, account, id, amount, requireKey(key));
  }

  /**
   * Pays account credit back to the customer: a ledger entry, no invoice changes.
   *
   * @param tenant the tenant, not null
   * @param account the account, not null
   * @param amount how much, positive, at most the balance in its currency, not null
   * @param reason why, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @return the ledger entry as stored, with the balance after it, not null
   * @throws dev.invoicekit.credit.InsufficientAccountCreditException if the account holds less
   * @throws IdempotencyConflictException if the key was used for something else
   * @throws IllegalStateException if no ledger is configured
   */
  public AccountCreditEntry refundAccountCredit(
      TenantId tenant, AccountId account, Money amount, String reason, IdempotencyKey key) {
    return corrections.refundAccountCredit(tenant, account, amount, reason, requireKey(key));
  }

  /**
   * The account's credit in a currency.
   *
   * @param tenant the tenant, not null
   * @param account the account, not null
   * @param currency the currency, not null
   * @return the balance, never negative
   * @throws IllegalStateException if no ledger is configured
   */
  public Money accountCreditBalance(TenantId tenant, AccountId account, CurrencyUnit currency) {
    return corrections.ledger().balance(tenant, account, currency);
  }

  /**
   * Loads a credit note.
   *
   * @param tenant the tenant, not null
   * @param id the credit note, not null
   * @return the note, or empty
   */
  public Optional<CreditNote> findCreditNote(TenantId tenant, CreditNoteId id) {
    return corrections.findCreditNote(tenant, id);
  }

  /**
   * The credit notes of an invoice, in every status, ordered by id.
   *
   * @param tenant the tenant, not null
   * @param invoice the invoice, not null
   * @return the notes, not null
   */
  public List<CreditNote> creditNotesOf(TenantId tenant, InvoiceId invoice) {
    return corrections.creditNotesOf(tenant, invoice);
  }

  // ---- queries ---------------------------------------------------------------------------------

  /**
   * Loads an invoice as stored.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @return the invoice, or empty
   */
  public Optional<Invoice> find(TenantId tenant, InvoiceId id) {
    return invoices.findById(tenant, id);
  }

  /**
   * Loads an invoice by its number.
   *
   * @param tenant the tenant, not null
   * @param number the number, not null
   * @return the invoice, or empty
   */
  public Optional<Invoice> findByNumber(TenantId tenant, InvoiceNumber number) {
    return invoices.findByNumber(tenant, number);
  }

  /**
   * The status as of today, never stale: OVERDUE as soon as the due date has passed with a
   * balance, even before the sweep has stored it.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @return the status, not null
   * @throws InvoiceNotFoundException if there is no such invoice
   */
  public InvoiceStatus statusOf(TenantId tenant, InvoiceId id) {
    return InvoiceLifecycle.statusAsOf(load(tenant, id), clock.today());
  }

  // ---- machinery -------------------------------------------------------------------------------

  private Invoice load(TenantId tenant, InvoiceId id) {
    return invoices.findById(tenant, id)
        .orElseThrow(() -> new InvoiceNotFoundException(tenant, id));
  }

  private static IdempotencyKey requireKey(IdempotencyKey key) {
    return Objects.requireNonNull(key,
        "key is null; pass IdempotencyKey.NONE for a command without an idempotency key");
  }
}
