package dev.invoicekit.testkit.lifecycle;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.inmemory.InMemoryPorts;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.service.InvoiceServiceBuilder;
import java.util.List;
import java.util.Objects;

/**
 * The system a {@link LifecycleChecker} drives: a host's implementation of the ports (or ours), and
 * read access to what it committed. Implement it once for your adapter; the checker builds one
 * {@link dev.invoicekit.service.InvoiceService} per sequence on it, with a clock, zone and id
 * source
 * of its own, and runs each sequence in a tenant of its own.
 *
 * <p>Implementations must be thread-safe when sequences run on several threads.
 */
public interface LifecycleTarget {

  /**
   * Sets the ports on a service builder: repository, numbering, notification, idempotency keys,
   * transactions, credit notes and the account-credit ledger. The checker sets the clock, zone and
   * id source itself.
   *
   * @param builder a fresh builder, not null
   * @return the same builder, not null
   */
  InvoiceServiceBuilder configure(InvoiceServiceBuilder builder);

  /**
   * The repository the checker lists a tenant's committed invoices through, outside any
   * transaction of its own. Usually the one {@link #configure} sets.
   *
   * @return the repository, not null
   */
  Invoices invoices();

  /**
   * Every event the notification port committed for the tenant, in any order. For an outbox,
   * every row of the tenant; for a port that delivers after commit, every event delivered. Events
   * of rolled-back transactions must not be here.
   *
   * @param tenant the tenant, not null
   * @return the events, not null
   */
  List<InvoiceEvent> events(TenantId tenant);

  /**
   * The credit-note repository the checker reads a tenant's committed credit notes through,
   * outside any transaction of its own. Usually the one {@link #configure} sets.
   *
   * @return the repository, not null
   */
  CreditNotes creditNotes();

  /**
   * The account-credit ledger the checker reads committed entries and balances through, outside
   * any transaction of its own. Usually the one {@link #configure} sets.
   *
   * @return the ledger, not null
   */
  AccountCredits accountCredits();

  /**
   * Every credit-note and account-credit event the notification port committed for the tenant, in
   * any order; as for {@link #events}, none of rolled-back transactions.
   *
   * @param tenant the tenant, not null
   * @return the events, not null
   */
  List<CreditEvent> creditEvents(TenantId tenant);

  /**
   * A target on in-memory ports; the events are those {@link InMemoryPorts#events()} recorded.
   *
   * @param ports the ports, not null
   * @return the target, not null
   */
  static LifecycleTarget inMemory(InMemoryPorts ports) {
    Objects.requireNonNull(ports, "ports");
    return new LifecycleTarget() {
      @Override
      public InvoiceServiceBuilder configure(InvoiceServiceBuilder builder) {
        return builder.inMemory(ports);
      }

      @Override
      public Invoices invoices() {
        return ports.invoices();
      }

      @Override
      public List<InvoiceEvent> events(TenantId tenant) {
        return ports.events().events().stream().filter(e -> e.tenant().equals(tenant)).toList();
      }

      @Override
      public CreditNotes creditNotes() {
        return ports.creditNotes();
      }

      @Override
      public AccountCredits accountCredits() {
        return ports.accountCredits();
      }

      @Override
      public List<CreditEvent> creditEvents(TenantId tenant) {
        return ports.events().creditEvents().stream().filter(e -> e.tenant().equals(tenant))
            .toList();
      }
    };
  }
}
