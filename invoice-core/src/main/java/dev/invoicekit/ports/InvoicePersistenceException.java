package dev.invoicekit.ports;

/**
 * The root of the exceptions a port implementation throws when storage fails; unchecked, so no
 * {@code SQLException} or driver type escapes into the host's code.
 */
public class InvoicePersistenceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, not null
   * @param cause the underlying failure, may be null
   */
  public InvoicePersistenceException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed, not null
   */
  public InvoicePersistenceException(String message) {
    super(message);
  }

  /**
   * True if trying the whole command again may succeed (a serialization failure, a deadlock, a
   * stale write that a reload resolves).
   *
   * @return whether the failure is transient
   */
  public boolean isRetryable() {
    return false;
  }
}
