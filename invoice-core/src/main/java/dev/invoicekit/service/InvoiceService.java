package dev.invoicekit.service;

import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.money.RoundingPolicy;
import dev.invoicekit.numbering.NumberPattern;
import dev.invoicekit.opportunity.Opportunity;
import dev.invoicekit.opportunity.OpportunityInvoices;
import dev.invoicekit.ports.IdSource;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.ports.Transactions;
import dev.invoicekit.tax.TaxCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger LOG = LoggerFactory.getLogger(InvoiceService.class);
  private static final int SWEEP_BATCH = 500;

  private final Invoices invoices;
  private final InvoiceNumbering numbering;
  private final InvoiceEvents events;
  private final IdempotencyKeys idempotencyKeys;
  private final Transactions transactions;
  private final BusinessClock clock;
  private final IdSource ids;
  private final RoundingPolicy roundingPolicy;
  private final NumberPattern numberPattern;
  private final Optional<TaxCode> defaultTaxCode;
  private final int maxAttempts;

  InvoiceService(InvoiceServiceBuilder builder) {
    this.invoices = Objects.requireNonNull(builder.invoices, "invoices");
    this.numbering = Objects.requireNonNull(builder.numbering, "numbering");
    this.events = Objects.requireNonNull(builder.events, "events");
    this.idempotencyKeys = Objects.requireNonNull(builder.idempotencyKeys, "idempotencyKeys");
    this.transactions = Objects.requireNonNull(builder.transactions, "transactions");
    this.clock = Objects.requireNonNull(builder.clock, "clock");
    this.ids = Objects.requireNonNull(builder.ids, "ids");
    this.roundingPolicy = builder.roundingPolicy;
    this.numberPattern = builder.numberPattern;
    this.defaultTaxCode = builder.defaultTaxCode;
    this.maxAttempts = builder.maxAttempts;
  }

  /**
   * Starts building a service.
   *
   * @return a builder, not null
   */
  public static InvoiceServiceBuilder builder() {
    return new InvoiceServiceBuilder();
  }

  /** What a command did: the saved invoice and the one event it publishes. */
  private record Outcome(Invoice saved, InvoiceEventType type, Optional<Payment> payment) {}

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
    return createDraft(draft, null);
  }

  /**
   * Stores a new draft, once per idempotency key.
   *
   * @param draft a DRAFT at version 0, not null
   * @param key the idempotency key, or null for none
   * @return the stored draft, not null
   * @throws IllegalArgumentException if the invoice is not a new draft
   * @throws IdempotencyConflictException if the key was used for something else
   */
  public Invoice createDraft(Invoice draft, IdempotencyKey key) {
    Objects.requireNonNull(draft, "draft");
    if (draft.status() != InvoiceStatus.DRAFT || draft.version() != 0) {
      throw new IllegalArgumentException("Invoice " + draft.id() + ": a new invoice is a DRAFT at"
          + " version 0, was " + draft.status() + " at version " + draft.version());
    }
    // The id is left out of the payload: a retry may come with a freshly built draft. Made only
    // for a key (why: docs/BENCHMARKS.md, "Why the code is shaped this way").
    return execute("create draft", draft.tenant(), key,
        () -> draft.withId(InvoiceId.of("new")).toString(), true,
        () -> new Outcome(invoices.save(draft), InvoiceEventType.CREATED, Optional.empty()));
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
    return createFromOpportunity(tenant, opportunity, null);
  }

  /**
   * Creates a draft from a CRM opportunity, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param opportunity the opportunity, not null
   * @param key the idempotency key, or null for none
   * @return the stored draft, not null
   * @throws IdempotencyConflictException if the key was used for something else
   */
  public Invoice createFromOpportunity(
      TenantId tenant, Opportunity opportunity, IdempotencyKey key) {
    Objects.requireNonNull(opportunity, "opportunity");
    return execute("create from opportunity", tenant, key, opportunity::toString, true,
        () -> {
          Invoice draft =
              OpportunityInvoices.draftFrom(
                      opportunity,
                      InvoiceId.of(ids.newId()),
                      tenant,
                      clock.today(),
                      defaultTaxCode)
                  .withRoundingPolicy(roundingPolicy);
          return new Outcome(invoices.save(draft), InvoiceEventType.CREATED, Optional.empty());
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
    return editDraft(tenant, id, expectedVersion, change, null);
  }

  /**
   * Changes a draft's content, once per idempotency key. The payload compared for the key is the
   * draft and the version the edit was based on: one key stands for one edit of one version.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @param expectedVersion the version the caller read and edited
   * @param change turns the stored draft into the edited one, not null
   * @param key the idempotency key, or null for none
   * @return the stored draft with its new version, not null
   */
  public Invoice editDraft(
      TenantId tenant,
      InvoiceId id,
      long expectedVersion,
      UnaryOperator<Invoice> change,
      IdempotencyKey key) {
    Objects.requireNonNull(change, "change");
    return execute("edit", tenant, key, () -> id + "@" + expectedVersion, false,
        () -> {
          Invoice stored = load(tenant, id);
          if (stored.version() != expectedVersion) {
            throw new StaleInvoiceException(id, expectedVersion, stored.version());
          }
          Invoice edited = InvoiceLifecycle.edit(stored, change.apply(stored));
          return new Outcome(invoices.save(edited), InvoiceEventType.EDITED, Optional.empty());
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
    return cancel(tenant, id, null);
  }

  /**
   * Abandons a draft, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @param key the idempotency key, or null for none
   * @return the cancelled invoice, not null
   */
  public Invoice cancel(TenantId tenant, InvoiceId id, IdempotencyKey key) {
    return execute("cancel", tenant, key, id::value, true,
        () -> new Outcome(invoices.save(InvoiceLifecycle.cancel(load(tenant, id))),
            InvoiceEventType.CANCELLED, Optional.empty()));
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
    return send(tenant, id, null);
  }

  /**
   * Issues a draft, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the draft, not null
   * @param key the idempotency key, or null for none
   * @return the sent invoice, not null
   */
  public Invoice send(TenantId tenant, InvoiceId id, IdempotencyKey key) {
    return execute("send", tenant, key, id::value, true,
        () -> {
          Invoice draft = load(tenant, id);
          Invoice sent = InvoiceLifecycle.send(draft, () -> nextNumber(draft));
          return new Outcome(invoices.save(sent), InvoiceEventType.SENT, Optional.empty());
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
    return recordPayment(tenant, id, request, null);
  }

  /**
   * Records a payment once per idempotency key: a retried submission is not counted twice.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param request the payment, not null
   * @param key the idempotency key, or null for none
   * @return the invoice with the payment, not null
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
    return refund(tenant, id, request, null);
  }

  /**
   * Gives money back once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param request the refund, not null
   * @param key the idempotency key, or null for none
   * @return the invoice with the refund, not null
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
    return execute(kind == Payment.Kind.PAYMENT ? "payment" : "refund", tenant, key,
        () -> id + " " + kind + " " + request, true,
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
          Invoice changed =
              kind == Payment.Kind.PAYMENT
                  ? InvoiceLifecycle.recordPayment(invoice, payment, today)
                  : InvoiceLifecycle.refund(invoice, payment, today);
          InvoiceEventType type =
              kind == Payment.Kind.REFUND
                  ? InvoiceEventType.REFUNDED
                  : changed.status() == InvoiceStatus.PAID
                      ? InvoiceEventType.PAID
                      : InvoiceEventType.PAYMENT_RECORDED;
          return new Outcome(invoices.save(changed), type, Optional.of(payment));
        });
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
    return voidInvoice(tenant, id, null);
  }

  /**
   * Withdraws a sent invoice, once per idempotency key.
   *
   * @param tenant the tenant, not null
   * @param id the invoice, not null
   * @param key the idempotency key, or null for none
   * @return the void invoice, not null
   */
  public Invoice voidInvoice(TenantId tenant, InvoiceId id, IdempotencyKey key) {
    return execute("void", tenant, key, id::value, true,
        () -> new Outcome(invoices.save(InvoiceLifecycle.voidInvoice(load(tenant, id))),
            InvoiceEventType.VOIDED, Optional.empty()));
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
    Objects.requireNonNull(tenant, "tenant");
    LocalDate today = clock.today();
    List<MarkedOverdue> marked = new ArrayList<>();
    while (true) {
      List<MarkedOverdue> batch = withRetries(true, false, () -> transactions.inTransaction(() -> {
        List<MarkedOverdue> moved = invoices.markOverdue(tenant, today, SWEEP_BATCH);
        if (!moved.isEmpty()) {
          List<InvoiceEvent> overdue = new ArrayList<>(moved.size());
          for (MarkedOverdue invoice : moved) {
            overdue.add(overdueEvent(tenant, invoice));
          }
          events.publishAll(overdue);
        }
        return moved;
      }));
      marked.addAll(batch);
      if (batch.size() < SWEEP_BATCH) {
        break;
      }
    }
    LOG.info("Overdue sweep of tenant {} as of {}: {} invoices marked", tenant, today,
        marked.size());
    return marked;
  }

  /** The same event {@link InvoiceEvent#of} makes from the invoice, from the sweep's result. */
  private InvoiceEvent overdueEvent(TenantId tenant, MarkedOverdue invoice) {
    return new InvoiceEvent.Builder()
        .eventId(ids.newId())
        .type(InvoiceEventType.OVERDUE)
        .tenant(tenant)
        .invoiceId(invoice.id())
        .number(invoice.number())
        .version(invoice.version())
        .occurredAt(clock.now())
        .status(InvoiceStatus.OVERDUE)
        .total(invoice.total())
        .amountPaid(invoice.amountPaid())
        .amountDue(invoice.amountDue())
        .build();
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

  private Invoice execute(
      String command,
      TenantId tenant,
      IdempotencyKey key,
      Supplier<String> payload,
      boolean retryStale,
      Supplier<Outcome> work) {
    Objects.requireNonNull(tenant, "tenant");
    String fingerprint = key == null ? null : fingerprint(command, payload.get());
    return withRetries(retryStale, key != null, () -> {
      try {
        return attempt(command, tenant, key, fingerprint, work);
      } catch (RuntimeException refusal) {
        if (key == null || refusal instanceof InvoicePersistenceException
            || refusal instanceof IdempotencyConflictException) {
          throw refusal;
        }
        // The same key may have been committed by a concurrent submission after this attempt
        // looked for it (read committed), and its change is what refused this one (the invoice
        // is PAID now, say). Then that submission's result is the answer, not the refusal.
        Optional<Invoice> replayed = transactions.inTransaction(
            () -> replay(command, tenant, key, fingerprint));
        if (replayed.isPresent()) {
          return replayed.get();
        }
        throw refusal;
      }
    });
  }

  /** The invoice an earlier command with this key produced, as it is now; empty if none. */
  private Optional<Invoice> replay(
      String command, TenantId tenant, IdempotencyKey key, String fingerprint) {
    Optional<IdempotencyRecord> earlier = idempotencyKeys.find(tenant, key.value());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get().fingerprint().equals(fingerprint)) {
      throw new IdempotencyConflictException(key, command);
    }
    LOG.debug("Idempotency key {} of tenant {} replayed for {}", key, tenant, command);
    return Optional.of(load(tenant, earlier.get().invoiceId()));
  }

  private Invoice attempt(
      String command,
      TenantId tenant,
      IdempotencyKey key,
      String fingerprint,
      Supplier<Outcome> work) {
    return transactions.inTransaction(() -> {
      if (key != null) {
        Optional<Invoice> replayed = replay(command, tenant, key, fingerprint);
        if (replayed.isPresent()) {
          return replayed.get();
        }
      }
      Outcome outcome = work.get();
      publish(outcome);
      if (key != null) {
        idempotencyKeys.remember(new IdempotencyRecord(tenant, key.value(), fingerprint,
            outcome.saved().id(), outcome.saved().version()));
      }
      // Why guarded: docs/BENCHMARKS.md, "Why the code is shaped this way".
      if (LOG.isDebugEnabled()) {
        LOG.debug("Invoice {} of tenant {}: {} -> {} (version {})", outcome.saved().id(), tenant,
            command, outcome.saved().status(), outcome.saved().version());
      }
      return outcome.saved();
    });
  }

  private void publish(Outcome outcome) {
    InvoiceEvent event = InvoiceEvent.of(ids.newId(), outcome.type(), outcome.saved(), clock.now())
        .withPayment(outcome.payment());
    events.publish(event);
  }

  private <T> T withRetries(boolean retryStale, boolean keyed, Supplier<T> attempt) {
    InvoicePersistenceException unknownOutcome = null;
    for (int attemptNo = 1; ; attemptNo++) {
      try {
        return attempt.get();
      } catch (InvoicePersistenceException e) {
        if (!mayRetry(e, retryStale, keyed) || attemptNo >= maxAttempts) {
          if (unknownOutcome != null && e.kind() == InvoicePersistenceException.Kind.TRANSIENT) {
            // An earlier attempt may have committed: that is what the caller must know.
            unknownOutcome.addSuppressed(e);
            throw unknownOutcome;
          }
          throw e;
        }
        if (e.isOutcomeUnknown() && unknownOutcome == null) {
          unknownOutcome = e;
        }
        LOG.debug("Attempt {} of {} failed and is retried: {}", attemptNo, maxAttempts,
            e.getMessage());
      }
    }
  }

  /**
   * A transient failure is tried again (a stale write only where the command allows it); a commit
   * of unknown outcome only for a keyed command, whose next attempt replays what committed.
   */
  private static boolean mayRetry(InvoicePersistenceException e, boolean retryStale,
      boolean keyed) {
    return switch (e.kind()) {
      case TRANSIENT -> retryStale || !(e instanceof StaleInvoiceException);
      case OUTCOME_UNKNOWN -> keyed;
      case PERMANENT -> false;
    };
  }

  private static String fingerprint(String command, String payload) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest((command + "\n" + payload).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
