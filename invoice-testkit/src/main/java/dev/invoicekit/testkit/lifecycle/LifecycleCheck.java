package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import java.util.List;
import java.util.Map;

/**
 * An extra invariant a host plugs into a {@link LifecycleChecker}, checked after every step next to
 * the built-in ones: typically an audit of the storage below the ports (orphan rows, a header that
 * disagrees with its lines, one outbox row per stored version).
 *
 * <p>Must be thread-safe when sequences run on several threads; each call concerns one tenant.
 */
@FunctionalInterface
public interface LifecycleCheck {

  /**
   * The broken promises of one tenant after a step.
   *
   * @param tenant the sequence's tenant, not null
   * @param stored the tenant's committed invoices by id, as the checker just read them through
   *     the repository, not null
   * @return one sentence per violation; empty when all hold, not null
   */
  List<String> violations(TenantId tenant, Map<InvoiceId, Invoice> stored);
}
