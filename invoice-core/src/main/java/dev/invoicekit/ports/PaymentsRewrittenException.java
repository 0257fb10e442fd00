package dev.invoicekit.ports;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown by {@link Invoices#save} when the invoice does not carry the stored payments unchanged
 * and in order as the start of its own: a stored payment was removed, changed or moved. Payments
 * are append-only (no payment is ever lost or rewritten); a correction is a refund. Nothing was
 * written.
 *
 * <p>Immutable and thread-safe.
 */
public class PaymentsRewrittenException extends IllegalArgumentException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient InvoiceId invoiceId;
  private final int position;
  private final transient PaymentId storedPayment;
  private final transient PaymentId givenPayment;

  /**
   * Creates the exception.
   *
   * @param invoice the invoice being saved, not null
   * @param position where the payments first differ, counting the first as 1, positive
   * @param storedPayment the stored payment at that position, not null
   * @param givenPayment the invoice's payment at that position, or empty if it has fewer payments
   *     than are stored; not null
   * @throws NullPointerException if an argument is null
   */
  public PaymentsRewrittenException(Invoice invoice, int position, PaymentId storedPayment,
      Optional<PaymentId> givenPayment) {
    super(message(invoice, position, storedPayment, givenPayment));
    this.invoiceId = invoice.id();
    this.position = position;
    this.storedPayment = storedPayment;
    this.givenPayment = givenPayment.orElse(null);
  }

  /**
   * Checks that an invoice about to be saved carries the stored payments unchanged, in order, as
   * the start of its own; what it carries beyond them are the payments to add.
   *
   * @param invoice the invoice being saved, not null
   * @param stored the payments stored now, in order, not null
   * @throws PaymentsRewrittenException at the first stored payment it does not carry unchanged
   */
  public static void requireStoredPrefix(Invoice invoice, List<Payment> stored) {
    List<Payment> given = invoice.payments();
    for (int i = 0; i < stored.size(); i++) {
      Payment kept = stored.get(i);
      if (i >= given.size()) {
        throw new PaymentsRewrittenException(invoice, i + 1, kept.id(), Optional.empty());
      }
      if (!given.get(i).equals(kept)) {
        throw new PaymentsRewrittenException(invoice, i + 1, kept.id(),
            Optional.of(given.get(i).id()));
      }
    }
  }

  private static String message(Invoice invoice, int position, PaymentId stored,
      Optional<PaymentId> given) {
    Objects.requireNonNull(stored, "storedPayment");
    String what = given.isEmpty()
        ? "stored payment " + stored + " (number " + position + ") is missing from it"
        : given.get().equals(stored)
            ? "stored payment " + stored + " (number " + position + ") is changed in it"
            : "it has payment " + given.get() + " where payment " + stored + " is stored (number "
                + position + ")";
    return "Cannot save invoice " + invoice.number().map(InvoiceNumber::toString)
        .orElse(invoice.id().toString()) + ": it is " + invoice.status() + " and " + what
        + "; payments are never removed or changed, record a refund instead";
  }

  /**
   * The invoice that was being saved.
   *
   * @return its id, not null
   */
  public InvoiceId invoiceId() {
    return invoiceId;
  }

  /**
   * Where the payments first differ.
   *
   * @return the position, counting the first payment as 1
   */
  public int position() {
    return position;
  }

  /**
   * The stored payment at {@link #position()}.
   *
   * @return its id, not null
   */
  public PaymentId storedPayment() {
    return storedPayment;
  }

  /**
   * The invoice's payment at {@link #position()}.
   *
   * @return its id, or empty if the invoice has fewer payments than are stored
   */
  public Optional<PaymentId> givenPayment() {
    return Optional.ofNullable(givenPayment);
  }
}
