package dev.invoicekit.inmemory;

import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.IdempotencyKeyTakenException;
import dev.invoicekit.ports.IdempotencyKeys;
import dev.invoicekit.ports.IdempotencyRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Idempotency keys in memory, per tenant.
 *
 * <p>Thread-safe.
 */
public final class InMemoryIdempotencyKeys implements IdempotencyKeys {

  private final InMemoryTransactions transactions;
  private final Map<String, IdempotencyRecord> records = new HashMap<>();

  /**
   * Creates an empty store.
   *
   * @param transactions the transactions it takes part in, not null
   */
  public InMemoryIdempotencyKeys(InMemoryTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  private static String key(TenantId tenant, String key) {
    return tenant.value() + "\u0000" + key;
  }

  @Override
  public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
    return transactions.read(() -> Optional.ofNullable(records.get(key(tenant, key))));
  }

  @Override
  public void remember(IdempotencyRecord record) {
    String key = key(record.tenant(), record.key());
    transactions.inTransaction(
        () -> {
          if (records.containsKey(key)) {
            throw new IdempotencyKeyTakenException(record.tenant(), record.key(),
                "Idempotency key '" + record.key() + "' is already recorded in tenant "
                    + record.tenant());
          }
          transactions.write(() -> records.put(key, record), () -> records.remove(key));
          return null;
        });
  }
}
