package dev.invoicekit.lifecycle;

import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceRefusal;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when a correction cannot be made as given: a credit note that credits more than was
 * invoiced (per line, per tax group or in total) or is in another currency or tax code, account
 * credit applied beyond the balance, the account's credit or across accounts and currencies, a
 * write-off with nothing to write off, a negative amount. The message names the documents; nothing
 * is changed.
 *
 * <p>Extends {@link IllegalArgumentException}: the status allows the correction, this one is
 * wrong. An {@link InvoiceRefusal}.
 */
public class CreditRejectedException extends IllegalArgumentException implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient InvoiceId invoiceId;
  private final String document;

  /**
   * Creates the exception.
   *
   * @param invoiceId the invoice concerned, not null
   * @param document the credit note or account the correction came from, such as
   *     {@code "credit note CN-2026-00001"}, or null when it is the invoice alone
   * @param message the whole message, naming the documents, what is wrong and what to do
   */
  public CreditRejectedException(InvoiceId invoiceId, String document, String message) {
    super(message);
    this.invoiceId = Objects.requireNonNull(invoiceId, "invoiceId");
    this.document = document;
  }

  /** The invoice concerned. @return its id, not null */
  public InvoiceId invoiceId() {
    return invoiceId;
  }

  /**
   * The other document, as the message names it.
   *
   * @return the credit note or account, or empty when the correction concerns the invoice alone
   */
  public Optional<String> document() {
    return Optional.ofNullable(document);
  }
}
