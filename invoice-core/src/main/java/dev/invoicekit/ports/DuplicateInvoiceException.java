package dev.invoicekit.ports;

/**
 * Thrown when a write would create a second invoice with the same id or the same number in one
 * tenant, or a second record of one idempotency key. Nothing was written.
 */
public class DuplicateInvoiceException extends InvoicePersistenceException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is duplicated and what to do, not null
   */
  public DuplicateInvoiceException(String message) {
    super(message);
  }
}
