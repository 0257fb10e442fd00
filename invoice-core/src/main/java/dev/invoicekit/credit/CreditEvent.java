package dev.invoicekit.credit;

import dev.invoicekit.internal.Ids;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.TenantId;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * One state change of a credit note or of an account's credit ledger, published through the same
 * port and outbox as invoice events. Each has a stable id for deduplication; events of one subject
 * are ordered by {@link #version()}: a credit note's version, or the ledger entry's sequence in
 * its account. A command that changes an invoice too publishes the invoice's event besides, one
 * per state change.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class CreditEvent implements WithCreditEvent {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  CreditEvent() {}

  /** Whose state changed. */
  public enum Subject {
    /** A credit note; the subject id is the note's id. */
    CREDIT_NOTE,
    /** An account's credit ledger; the subject id is the account's id. */
    ACCOUNT_CREDIT
  }

  /** Builds an event; see the factories. */
  public static class Builder extends ImmutableCreditEvent.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /**
   * The event of a credit note just after a change.
   *
   * @param eventId the stable id, not null
   * @param type the change, not null
   * @param note the note after the change, with its new version, not null
   * @param occurredAt when, not null
   * @return the event, not null
   */
  public static CreditEvent of(
      String eventId, CreditEventType type, CreditNote note, Instant occurredAt) {
    return new Builder()
        .eventId(eventId)
        .type(type)
        .subject(Subject.CREDIT_NOTE)
        .subjectId(note.id().value())
        .version(note.version())
        .tenant(note.tenant())
        .account(note.account())
        .invoiceId(note.invoiceId())
        .creditNoteId(note.id())
        .creditNoteNumber(note.number())
        .amount(note.total())
        .allocation(note.allocation())
        .occurredAt(occurredAt)
        .build();
  }

  /**
   * The event of a ledger entry just stored.
   *
   * @param eventId the stable id, not null
   * @param type the change, not null
   * @param entry the entry as stored, with its sequence and balance, not null
   * @param occurredAt when, not null
   * @return the event, not null
   */
  public static CreditEvent of(
      String eventId, CreditEventType type, AccountCreditEntry entry, Instant occurredAt) {
    return new Builder()
        .eventId(eventId)
        .type(type)
        .subject(Subject.ACCOUNT_CREDIT)
        .subjectId(entry.account().value())
        .version(entry.sequence())
        .tenant(entry.tenant())
        .account(entry.account())
        .invoiceId(entry.invoiceId())
        .creditNoteId(entry.creditNoteId())
        .amount(entry.amount())
        .ledgerEntry(entry)
        .occurredAt(occurredAt)
        .build();
  }

  /** The stable id of this event. */
  public abstract String eventId();

  /** The change. */
  public abstract CreditEventType type();

  /** Whose state changed. */
  public abstract Subject subject();

  /** The credit note's id or the account's id. */
  public abstract String subjectId();

  /** The credit note's version, or the ledger entry's sequence in its account. */
  public abstract long version();

  /** The tenant. */
  public abstract TenantId tenant();

  /** The account. */
  public abstract AccountId account();

  /** The invoice concerned, if any. */
  public abstract Optional<InvoiceId> invoiceId();

  /** The credit note concerned, if any. */
  public abstract Optional<CreditNoteId> creditNoteId();

  /** The credit note's number, once issued. */
  public abstract Optional<InvoiceNumber> creditNoteNumber();

  /** The credit note's total, or the ledger entry's amount. */
  public abstract Money amount();

  /** Where an issued credit note's total went. */
  public abstract Optional<CreditAllocation> allocation();

  /** The ledger entry, for the account-credit events, with the balance after it. */
  public abstract Optional<AccountCreditEntry> ledgerEntry();

  /** When, from the service's clock. */
  public abstract Instant occurredAt();

  /** The event id is stored as a key, so it follows the id rule. */
  @Value.Check
  protected void check() {
    Ids.require(eventId(), "event id");
  }
}
