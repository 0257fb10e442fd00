package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.invoice.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one sequence did, all invariants holding.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tenant the sequence's tenant, not null
 * @param commands the commands run
 * @param refused the commands the service refused
 * @param replays the commands answered from an earlier result of the same idempotency key
 * @param accepted how many commands of each kind (the command's simple name, such as
 *     {@code "IssueCreditNote"}) the service accepted, not null
 */
public record SequenceResult(TenantId tenant, int commands, int refused, int replays,
    Map<String, Integer> accepted) {

  /** Checks the parts and keeps a sorted copy of the counts. */
  public SequenceResult {
    Objects.requireNonNull(tenant, "tenant");
    accepted = Map.copyOf(new TreeMap<>(Objects.requireNonNull(accepted, "accepted")));
  }
}
