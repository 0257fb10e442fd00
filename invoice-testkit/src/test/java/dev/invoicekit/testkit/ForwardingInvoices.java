package dev.invoicekit.testkit;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository that hands every call to the one it wraps: the base of the broken fakes, which
 * override only what they break.
 */
public class ForwardingInvoices implements Invoices {

  private final Invoices delegate;

  /**
   * Forwards to a repository.
   *
   * @param delegate the repository every call goes to, not null
   */
  public ForwardingInvoices(Invoices delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public Invoice save(Invoice invoice) {
    return delegate.save(invoice);
  }

  @Override
  public Optional<Invoice> findById(TenantId tenant, InvoiceId id) {
    return delegate.findById(tenant, id);
  }

  @Override
  public Optional<Invoice> findByNumber(TenantId tenant, InvoiceNumber number) {
    return delegate.findByNumber(tenant, number);
  }

  @Override
  public Page<Invoice> findByAccount(TenantId tenant, AccountId account, PageRequest page) {
    return delegate.findByAccount(tenant, account, page);
  }

  @Override
  public Page<Invoice> findByStatus(TenantId tenant, InvoiceStatus status, PageRequest page) {
    return delegate.findByStatus(tenant, status, page);
  }

  @Override
  public List<MarkedOverdue> markOverdue(TenantId tenant, OverdueRule rule, int limit) {
    return delegate.markOverdue(tenant, rule, limit);
  }
}
