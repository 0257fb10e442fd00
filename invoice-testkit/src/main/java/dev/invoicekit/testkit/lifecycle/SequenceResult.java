package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.invoice.TenantId;

/**
 * What one sequence did, all invariants holding.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenant the sequence's tenant, not null
 * @param commands the commands run
 * @param refused the commands the service refused
 * @param replays the commands answered from an earlier result of the same idempotency key
 */
public record SequenceResult(TenantId tenant, int commands, int refused, int replays) {}
