package dev.invoicekit.ports;

import dev.invoicekit.internal.Ids;
import dev.invoicekit.invoice.TenantId;
import java.util.Objects;

/**
 * What a command run with an idempotency key produced: a fingerprint of its payload and the
 * invoice and version it left.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenant the tenant, not null
 * @param key the idempotency key, not blank
 * @param fingerprint a digest of the command's name and payload, not blank
 * @param resultId the id of what the command produced or changed: the invoice, or for the
 *     credit-note and account-credit commands the credit note or the ledger entry, not blank
 * @param resultVersion its version after the command (a ledger entry's sequence)
 */
public record IdempotencyRecord(
    TenantId tenant, String key, String fingerprint, String resultId, long resultVersion) {

  /** Checks the parts. */
  public IdempotencyRecord {
    Objects.requireNonNull(tenant, "tenant");
    Ids.require(key, "idempotency key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Ids.require(resultId, "result id");
  }
}
