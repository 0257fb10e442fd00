package dev.invoicekit.lifecycle;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.InvoiceStatus;

/**
 * Thrown when a command is not allowed in the invoice's status, such as editing a sent invoice or
 * voiding one with payments. The message names the invoice, its status, what was attempted and
 * what to do instead; the invoice is unchanged.
 *
 * <p>Extends {@link IllegalStateException}: the command is fine, the invoice's state refuses it.
 * An {@link InvoiceRefusal}.
 */
public class IllegalTransitionException extends IllegalStateException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient InvoiceId invoiceId;
  private final InvoiceStatus status;
  private final Action action;

  /**
   * Creates the exception.
   *
   * @param invoice the invoice that refused, not null
   * @param action what was attempted, not null
   * @param reason why it is refused and what to do, not null
   */
  public IllegalTransitionException(Invoice invoice, Action action, String reason) {
    super("Cannot " + action.verb() + " invoice " + InvoiceLifecycle.describe(invoice)
        + ": it is " + invoice.status() + reasonSuffix(reason));
    this.invoiceId = invoice.id();
    this.status = invoice.status();
    this.action = action;
  }

  private static String reasonSuffix(String reason) {
    // Reasons that start with punctuation ("; refund first") attach directly; words get a space.
    return reason.isEmpty() || reason.startsWith(";") ? reason : " " + reason;
  }

  /** The invoice. @return its id, not null */
  public InvoiceId invoiceId() {
    return invoiceId;
  }

  /** The status that refused the action. @return the status, not null */
  public InvoiceStatus status() {
    return status;
  }

  /** What was attempted. @return the action, not null */
  public Action action() {
    return action;
  }
}
