package dev.invoicekit.ports;

/**
 * Thrown when a write would create a second invoice with the same id or the same number in one
 * tenant, or a second record of one idempotency key. Nothing was written; {@link Kind#PERMANENT}
 * unless a subclass says otherwise.
 */
public class DuplicateInvoiceException extends InvoicePersistenceException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is duplicated and what to do, not null
   */
  public DuplicateInvoiceException(String message) {
    this(message, Kind.PERMANENT);
  }

  /**
   * Creates the exception with another kind, for a duplicate that a new attempt resolves.
   *
   * @param message what is duplicated and what to do, not null
   * @param kind what the failure means for the command, not null
   */
  protected DuplicateInvoiceException(String message, Kind kind) {
    super(message, kind);
  }
}
