package dev.invoicekit.ports;

import dev.invoicekit.invoice.TenantId;
import java.util.Optional;

/**
 * Remembers which idempotency keys were used, with what payload and which result, in the same
 * transaction as the command's effect, so a retried command is recognised even across application
 * instances.
 *
 * <p>Implementations must be thread-safe and take part in the service's {@link Transactions}.
 */
public interface IdempotencyKeys {

  /**
   * The record of a key, if it was used.
   *
   * @param tenant the tenant, not null
   * @param key the key, not null
   * @return the record, or empty
   */
  Optional<IdempotencyRecord> find(TenantId tenant, String key);

  /**
   * Stores the record of a key.
   *
   * @param record the record, not null
   * @throws IdempotencyKeyTakenException if the key is already recorded in the tenant
   */
  void remember(IdempotencyRecord record);
}
