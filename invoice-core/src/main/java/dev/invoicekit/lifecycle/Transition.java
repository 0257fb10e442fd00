package dev.invoicekit.lifecycle;

import dev.invoicekit.events.InvoiceEventType;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.Settlement;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.Money;

/**
 * What {@link InvoiceLifecycle} decided for one command: the invoice after it, the status it came
 * from and the type of the one event the change publishes (a payment that settles the balance is
 * {@link InvoiceEventType#PAID}, one that leaves a balance {@link
 * InvoiceEventType#PAYMENT_RECORDED}). The caller stores the invoice and publishes the event; it
 * does not choose the event itself.
 *
 * <p>Immutable and thread-safe.
 *
 * @param invoice the invoice after the transition, not yet stored (its version is the one read),
 *     not null
 * @param from the status before the transition, not null
 * @param eventType the event the transition publishes, not null
 * @param payment the payment or refund the transition recorded, empty for the other commands, not
 *     null
 * @param settlement the settlement the transition recorded (a credit, applied account credit, a
 *     write-off, or the reversal of a write-off a payment took back), empty if none, not null
 * @param excessPayment the part of a payment beyond the balance, which the caller books as account
 *     credit (only when the payment was allowed to exceed the balance), empty if none, not null
 */
public record Transition(
    Invoice invoice,
    InvoiceStatus from,
    InvoiceEventType eventType,
    Optional<Payment> payment,
    Optional<Settlement> settlement,
    Optional<Money> excessPayment) {

  /** Checks the parts. */
  public Transition {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(payment, "payment");
    Objects.requireNonNull(settlement, "settlement");
    Objects.requireNonNull(excessPayment, "excessPayment");
  }

  /** A transition of a command that records no payment. */
  static Transition of(Invoice before, Invoice after, InvoiceEventType eventType) {
    return new Transition(after, before.status(), eventType, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /** The status after the transition. @return the invoice's new status, not null */
  public InvoiceStatus to() {
    return invoice.status();
  }
}
