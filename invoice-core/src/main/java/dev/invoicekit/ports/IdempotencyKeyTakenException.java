package dev.invoicekit.ports;

import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when another transaction recorded the same idempotency key first (two application
 * instances running the same command at once). {@link Kind#TRANSIENT}: on the next attempt the
 * command finds the key and returns the first result instead of applying itself again. An
 * {@link InvoiceRefusal}: the store refuses a second record of the key.
 *
 * <p>Not a {@link DuplicateInvoiceException}: no invoice is duplicated, and a host that catches a
 * duplicate invoice must not mistake a retried command for one.
 */
public class IdempotencyKeyTakenException extends InvoicePersistenceException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 2L;

  private final transient TenantId tenant;
  private final String key;

  /**
   * Creates the exception without saying which key; {@link #tenant()} and {@link #key()} are
   * empty.
   *
   * @param message which key, in which tenant, not null
   */
  public IdempotencyKeyTakenException(String message) {
    super(message, Kind.TRANSIENT);
    this.tenant = null;
    this.key = null;
  }

  /**
   * Creates the exception for one key.
   *
   * @param tenant the tenant, not null
   * @param key the idempotency key, not null
   * @param message which key, in which tenant, and what happens next, not null
   */
  public IdempotencyKeyTakenException(TenantId tenant, String key, String message) {
    super(message, Kind.TRANSIENT);
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * The tenant the key was recorded in.
   *
   * @return the tenant, or empty if the store did not say, not null
   */
  public Optional<TenantId> tenant() {
    return Optional.ofNullable(tenant);
  }

  /**
   * The key recorded first by another transaction.
   *
   * @return the key text, or empty if the store did not say, not null
   */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }
}
