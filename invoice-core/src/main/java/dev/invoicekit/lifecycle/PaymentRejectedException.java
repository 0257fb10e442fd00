package dev.invoicekit.lifecycle;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceRefusal;

/**
 * Thrown when a payment or refund cannot be recorded as given: more than the balance, a refund of
 * more than was paid, another currency, a payment id already used. The invoice is unchanged.
 *
 * <p>Extends {@link IllegalArgumentException}: the status allows payments, this one is wrong. An
 * {@link InvoiceRefusal}.
 */
public class PaymentRejectedException extends IllegalArgumentException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient InvoiceId invoiceId;

  /**
   * Creates the exception.
   *
   * @param invoice the invoice, not null
   * @param problem what is wrong and what to do, not null
   */
  public PaymentRejectedException(Invoice invoice, String problem) {
    super("Invoice " + InvoiceLifecycle.describe(invoice) + ": " + problem);
    this.invoiceId = invoice.id();
  }

  /** The invoice. @return its id, not null */
  public InvoiceId invoiceId() {
    return invoiceId;
  }
}
