package dev.invoicekit.invoice;

import java.util.Optional;

/**
 * Thrown when an invoice or one of its parts would break a rule: an amount in another currency, a
 * base quantity of zero, a due date before the invoice date, a fixed discount above the subtotal,
 * and so on. (A {@link dev.invoicekit.money.Percentage} outside 0..100 is refused earlier, with a
 * plain {@link IllegalArgumentException}, when the percentage itself is made.) The message says
 * what was wrong, where, and what to do; nothing is built.
 *
 * <p>Extends {@link IllegalArgumentException}, which callers of a builder expect; an
 * {@link InvoiceRefusal}.
 */
public class InvalidInvoiceException extends IllegalArgumentException implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient InvoiceId invoiceId;
  private final String problem;

  /**
   * Creates the exception for a problem found in one invoice.
   *
   * @param invoiceId the invoice, or null when the problem is in a part not yet on an invoice
   * @param problem what was wrong and what to do, not null
   */
  public InvalidInvoiceException(InvoiceId invoiceId, String problem) {
    super(invoiceId == null ? problem : "Invoice " + invoiceId + ": " + problem);
    this.invoiceId = invoiceId;
    this.problem = problem;
  }

  /**
   * Creates the exception for a problem in a part not yet on an invoice, such as a line item.
   *
   * @param problem what was wrong and what to do, not null
   */
  public InvalidInvoiceException(String problem) {
    this(null, problem);
  }

  /**
   * The invoice the problem was found in.
   *
   * @return the invoice id, or empty when the problem is in a part built on its own
   */
  public Optional<InvoiceId> invoiceId() {
    return Optional.ofNullable(invoiceId);
  }

  /**
   * The same refusal, naming the invoice: a problem found in an invoice's content, which does not
   * know the invoice it is on, is reported by the invoice with its id.
   *
   * @param invoice the invoice the refused content was for, not null
   * @return the refusal naming the invoice, or this one if it already names an invoice
   */
  InvalidInvoiceException forInvoice(InvoiceId invoice) {
    if (invoiceId != null) {
      return this;
    }
    InvalidInvoiceException named = new InvalidInvoiceException(invoice, problem);
    named.setStackTrace(getStackTrace());
    return named;
  }
}
