package dev.invoicekit.service;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.credit.CreditEventType;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.Transition;
import dev.invoicekit.ports.IdSource;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.IdempotencyRecord;
import dev.invoicekit.ports.InvoiceEvents;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.StaleInvoiceException;
import dev.invoicekit.ports.Transactions;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one mutating command the way {@link InvoiceService} documents: in one transaction, it
 * replays an earlier result of the same idempotency key (or refuses a key used for another
 * payload), lets the command decide, saves what it decided, publishes its one event and records
 * the key; a command that loses a race is tried again from a fresh read within the retry budget.
 *
 * <p>Stateless and thread-safe.
 */
final class CommandRunner {

  // The service's logger: hosts configure one category for what the service does.
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceService.class);

  /** What a command decided: the invoice to store and the one event that says so. */
  record Change(
      Invoice invoice,
      InvoiceEventType type,
      Optional<Payment> payment,
      Optional<Settlement> settlement,
      Optional<String> creditNoteId) {

    /** The change the lifecycle decided. */
    static Change of(Transition transition) {
      return new Change(transition.invoice(), transition.eventType(), transition.payment(),
          transition.settlement(), Optional.empty());
    }

    /** A new draft. */
    static Change created(Invoice draft) {
      return new Change(draft, InvoiceEventType.CREATED, Optional.empty(), Optional.empty(),
          Optional.empty());
    }
  }

  /**
   * What a command stored: what it returns, and the id and version its idempotency key records.
   *
   * @param result what the command returns
   * @param resultId the id of the invoice, credit note or ledger entry it produced or changed
   * @param resultVersion that document's version (a ledger entry's sequence)
   * @param <T> the result type
   */
  record Stored<T>(T result, String resultId, long resultVersion) {}

  private final Invoices invoices;
  private final InvoiceEvents events;
  private final IdempotencyKeys idempotencyKeys;
  private final Transactions transactions;
  private final BusinessClock clock;
  private final IdSource ids;
  private final int maxAttempts;

  CommandRunner(
      Invoices invoices,
      InvoiceEvents events,
      IdempotencyKeys idempotencyKeys,
      Transactions transactions,
      BusinessClock clock,
      IdSource ids,
      int maxAttempts) {
    this.invoices = invoices;
    this.events = events;
    this.idempotencyKeys = idempotencyKeys;
    this.transactions = transactions;
    this.clock = clock;
    this.ids = ids;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Runs a command.
   *
   * @param command the command's name, for messages, logs and its fingerprint
   * @param tenant the tenant, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @param payload writes the command's payload into its fingerprint; called only for a key
   * @param retryStale whether a stale write is tried again from a fresh read (not for an edit of a
   *     version the caller read)
   * @param decide reads and decides, in the transaction; not null
   * @return the stored invoice, or the one an earlier command with the key produced, as it is now
   */
  Invoice run(
      String command,
      TenantId tenant,
      IdempotencyKey key,
      Consumer<CommandFingerprint> payload,
      boolean retryStale,
      Supplier<Change> decide) {
    return runStoring(command, tenant, key, payload, retryStale,
        () -> {
          Invoice saved = store(decide.get());
          return new Stored<>(saved, saved.id().value(), saved.version());
        },
        earlier -> {
          InvoiceId id = InvoiceId.of(earlier.resultId());
          return invoices.findById(tenant, id)
              .orElseThrow(() -> new InvoiceNotFoundException(tenant, id));
        });
  }

  /**
   * Runs a command that stores what it decided itself (through {@link #store(Change)} and the
   * other ports), in one transaction with the key's replay and record, and the same retries.
   *
   * @param command the command's name, for messages, logs and its fingerprint
   * @param tenant the tenant, not null
   * @param key the idempotency key, {@link IdempotencyKey#NONE} for none; not null
   * @param payload writes the command's payload into its fingerprint; called only for a key
   * @param retryStale whether a stale write is tried again from a fresh read
   * @param work reads, decides and stores, in the transaction; not null
   * @param replay what an earlier command with the key produced, as it is now, from its record
   * @param <T> the result type
   * @return the result, or the earlier command's
   */
  <T> T runStoring(
      String command,
      TenantId tenant,
      IdempotencyKey key,
      Consumer<CommandFingerprint> payload,
      boolean retryStale,
      Supplier<Stored<T>> work,
      Function<IdempotencyRecord, T> replay) {
    Objects.requireNonNull(tenant, "tenant");
    boolean keyed = !key.isNone();
    // Made only for a key: a draft's payload is the whole invoice.
    String fingerprint = keyed ? CommandFingerprint.of(command, payload) : null;
    return withRetries(retryStale, keyed, () -> {
      try {
        return attempt(command, tenant, key, fingerprint, work, replay);
      } catch (RuntimeException refusal) {
        if (!keyed || refusal instanceof InvoicePersistenceException
            || refusal instanceof IdempotencyConflictException) {
          throw refusal;
        }
        // The same key may have been committed by a concurrent submission after this attempt
        // looked for it (read committed), and its change is what refused this one (the invoice
        // is PAID now, say). Then that submission's result is the answer, not the refusal.
        Optional<T> replayed = transactions.inTransaction(
            () -> replay(command, tenant, key, fingerprint, replay));
        if (replayed.isPresent()) {
          return replayed.get();
        }
        throw refusal;
      }
    });
  }

  /**
   * Saves the invoice a command decided and publishes its one event, in the caller's transaction.
   *
   * @param change the change, not null
   * @return the stored invoice, not null
   */
  Invoice store(Change change) {
    Invoice saved = invoices.save(change.invoice());
    events.publish(InvoiceEvent.of(ids.newId(), change.type(), saved, clock.now())
        .withPayment(change.payment())
        .withSettlement(change.settlement())
        .withCreditNoteId(change.creditNoteId()));
    // Guarded (why: docs/BENCHMARKS.md, "Why the code is shaped this way").
    if (LOG.isDebugEnabled()) {
      LOG.debug("Invoice {} of tenant {}: {} -> {} (version {})", saved.id(), saved.tenant(),
          change.type(), saved.status(), saved.version());
    }
    return saved;
  }

  /**
   * Publishes a credit-note or ledger event, in the caller's transaction.
   *
   * @param type the change, not null
   * @param note the stored note, not null
   */
  void publish(CreditEventType type, CreditNote note) {
    events.publish(CreditEvent.of(ids.newId(), type, note, clock.now()));
  }

  /**
   * Publishes a ledger event, in the caller's transaction.
   *
   * @param type the change, not null
   * @param entry the stored entry, not null
   */
  void publish(CreditEventType type, AccountCreditEntry entry) {
    events.publish(CreditEvent.of(ids.newId(), type, entry, clock.now()));
  }

  /**
   * Runs set-based work in a transaction of its own, tried again within the budget when it loses a
   * race; a commit of unknown outcome is not, as the work carries no key.
   *
   * @param work the work, not null
   * @param <T> what the work returns
   * @return what the work returned
   */
  <T> T inRetriedTransaction(Supplier<T> work) {
    return withRetries(true, false, () -> transactions.inTransaction(work));
  }

  /** What an earlier command with this key produced, as it is now; empty if none. */
  private <T> Optional<T> replay(
      String command,
      TenantId tenant,
      IdempotencyKey key,
      String fingerprint,
      Function<IdempotencyRecord, T> replay) {
    Optional<IdempotencyRecord> earlier = idempotencyKeys.find(tenant, key.value());
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get().fingerprint().equals(fingerprint)) {
      throw new IdempotencyConflictException(key, command);
    }
    LOG.debug("Idempotency key {} of tenant {} replayed for {}", key, tenant, command);
    return Optional.of(replay.apply(earlier.get()));
  }

  private <T> T attempt(
      String command,
      TenantId tenant,
      IdempotencyKey key,
      String fingerprint,
      Supplier<Stored<T>> work,
      Function<IdempotencyRecord, T> replay) {
    return transactions.inTransaction(() -> {
      if (!key.isNone()) {
        Optional<T> replayed = replay(command, tenant, key, fingerprint, replay);
        if (replayed.isPresent()) {
          return replayed.get();
        }
      }
      Stored<T> stored = work.get();
      if (!key.isNone()) {
        idempotencyKeys.remember(new IdempotencyRecord(tenant, key.value(), fingerprint,
            stored.resultId(), stored.resultVersion()));
      }
      return stored.result();
    });
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
}
