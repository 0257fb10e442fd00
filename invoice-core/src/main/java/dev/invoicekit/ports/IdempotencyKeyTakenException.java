package dev.invoicekit.ports;

/**
 * Thrown when another transaction recorded the same idempotency key first (two application
 * instances running the same command at once). {@link Kind#TRANSIENT}: on the next attempt the
 * command finds the key and returns the first result instead of applying itself again.
 */
public class IdempotencyKeyTakenException extends DuplicateInvoiceException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which key, in which tenant, not null
   */
  public IdempotencyKeyTakenException(String message) {
    super(message, Kind.TRANSIENT);
  }
}
