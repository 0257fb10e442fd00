package dev.invoicekit.jdbc.reliability;

import dev.invoicekit.credit.CreditEvent;
import dev.invoicekit.events.InvoiceEvent;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.JdbcInvoiceKit;
import dev.invoicekit.ports.AccountCredits;
import dev.invoicekit.ports.CreditNotes;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.service.InvoiceServiceBuilder;
import dev.invoicekit.testkit.lifecycle.LifecycleTarget;
import java.util.List;

/**
 * The JDBC kit as the lifecycle checker's target: the kit's ports, its repositories and ledger for
 * the listings, and the tenant's committed outbox events (every state) as the committed events,
 * invoice and credit events alike.
 */
final class JdbcLifecycleTarget implements LifecycleTarget {

  private final JdbcInvoiceKit kit;

  JdbcLifecycleTarget(JdbcInvoiceKit kit) {
    this.kit = kit;
  }

  @Override
  public InvoiceServiceBuilder configure(InvoiceServiceBuilder builder) {
    return kit.configure(builder);
  }

  @Override
  public Invoices invoices() {
    return kit.invoices();
  }

  @Override
  public List<InvoiceEvent> events(TenantId tenant) {
    return kit.events().committedEvents(tenant);
  }

  @Override
  public CreditNotes creditNotes() {
    return kit.creditNotes();
  }

  @Override
  public AccountCredits accountCredits() {
    return kit.accountCredits();
  }

  @Override
  public List<CreditEvent> creditEvents(TenantId tenant) {
    return kit.events().committedCreditEvents(tenant);
  }
}
