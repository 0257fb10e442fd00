package dev.invoicekit.events;

import dev.invoicekit.internal.Ids;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.TenantId;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;
import org.joda.money.Money;

/**
 * One state change of one invoice. The event id is assigned once and kept through every delivery,
 * so a consumer deduplicates by it; the version orders the events of one invoice.
 *
 * <p>Immutable and thread-safe.
 */
@Value.Immutable
public abstract class InvoiceEvent implements WithInvoiceEvent {

  // Implemented by the generated value class only: hosts build one, they do not subclass.
  InvoiceEvent() {}

  /** Builds an event; see {@link #of(String, InvoiceEventType, Invoice, Instant)}. */
  public static class Builder extends ImmutableInvoiceEvent.Builder {
    /** An empty builder. */
    public Builder() {}
  }

  /**
   * The event describing an invoice just after a change.
   *
   * @param eventId the stable id, not null
   * @param type the transition, not null
   * @param invoice the invoice after the change, with its new version, not null
   * @param occurredAt when it happened, not null
   * @return the event, not null
   */
  public static InvoiceEvent of(
      String eventId, InvoiceEventType type, Invoice invoice, Instant occurredAt) {
    return new Builder()
        .eventId(eventId)
        .type(type)
        .tenant(invoice.tenant())
        .invoiceId(invoice.id())
        .number(invoice.number())
        .version(invoice.version())
        .occurredAt(occurredAt)
        .status(invoice.status())
        .total(invoice.totals().total())
        .amountPaid(invoice.totals().amountPaid())
        .amountDue(invoice.totals().amountDue())
        .amountCredited(invoice.totals().amountCredited())
        .amountWrittenOff(invoice.totals().amountWrittenOff())
        .build();
  }

  /** The stable id of this event. */
  public abstract String eventId();

  /** The transition. */
  public abstract InvoiceEventType type();

  /** The tenant of the invoice. */
  public abstract TenantId tenant();

  /** The invoice. */
  public abstract InvoiceId invoiceId();

  /** The invoice's number, once it has one. */
  public abstract Optional<InvoiceNumber> number();

  /** The invoice's version after the change; orders one invoice's events. */
  public abstract long version();

  /** When the change happened, from the service's clock. */
  public abstract Instant occurredAt();

  /** The status after the change. */
  public abstract InvoiceStatus status();

  /** The invoice's total. */
  public abstract Money total();

  /** The amount paid after the change. */
  public abstract Money amountPaid();

  /** The balance due after the change. */
  public abstract Money amountDue();

  /** The payment or refund involved, for PAYMENT_RECORDED, PAID and REFUNDED. */
  public abstract Optional<Payment> payment();

  /**
   * The settlement recorded: the part of a credit note applied (CREDITED), the account credit
   * applied (CREDIT_APPLIED), the write-off (WRITTEN_OFF), or the write-off a payment took back
   * (PAYMENT_RECORDED, PAID).
   */
  public abstract Optional<Settlement> settlement();

  /** The credit note's id, for CREDITED (also when nothing was owed and no settlement made). */
  public abstract Optional<String> creditNoteId();

  /** What credit notes took off the balance, after the change. */
  @Value.Default
  public Money amountCredited() {
    return Money.zero(total().getCurrencyUnit());
  }

  /** What is written off, after the change. */
  @Value.Default
  public Money amountWrittenOff() {
    return Money.zero(total().getCurrencyUnit());
  }

  /** The event id is stored as a key, so it follows the id rule of {@link Ids}. */
  @Value.Check
  protected void check() {
    Ids.require(eventId(), "event id");
  }
}
