package dev.invoicekit.ports;

import dev.invoicekit.internal.Ids;
import dev.invoicekit.invoice.InvoiceId;
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
 * @param invoiceId the invoice the command produced or changed, not null
 * @param resultVersion the invoice's version after the command
 */
public record IdempotencyRecord(
    TenantId tenant, String key, String fingerprint, InvoiceId invoiceId, long resultVersion) {

  /** Checks the parts. */
  public IdempotencyRecord {
    Objects.requireNonNull(tenant, "tenant");
    Ids.require(key, "idempotency key");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(invoiceId, "invoiceId");
  }
}
