package dev.invoicekit.testkit.contract;

import dev.invoicekit.inmemory.InMemoryInvoices;
import dev.invoicekit.inmemory.InMemoryTransactions;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.lifecycle.InvoiceLifecycle;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import dev.invoicekit.testkit.ForwardingInvoices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The in-memory repository with an overdue write that keeps a rule of its own, the way a
 * hand-written SQL statement drifts from the lifecycle: everything else is delegated.
 */
final class BrokenOverdueInvoices extends ForwardingInvoices {

  /** How the write is wrong. */
  enum Flaw {
    /** Takes "due before" as "due on or before": an invoice due today is marked. */
    DUE_TODAY_COUNTS,
    /** Forgets one of the rule's statuses: PARTIALLY_PAID invoices are never marked. */
    ONLY_SENT
  }

  private final InMemoryInvoices delegate;
  private final Flaw flaw;

  BrokenOverdueInvoices(InMemoryTransactions transactions, Flaw flaw) {
    this(new InMemoryInvoices(transactions), flaw);
  }

  private BrokenOverdueInvoices(InMemoryInvoices delegate, Flaw flaw) {
    super(delegate);
    this.delegate = delegate;
    this.flaw = flaw;
  }

  @Override
  public List<MarkedOverdue> markOverdue(TenantId tenant, OverdueRule rule, int limit) {
    if (flaw == Flaw.DUE_TODAY_COUNTS) {
      return delegate.markOverdue(tenant, InvoiceLifecycle.overdueRule(rule.asOf().plusDays(1)),
          limit);
    }
    List<Invoice> candidates = new ArrayList<>();
    Optional<PageRequest> request = Optional.of(PageRequest.first(1000));
    while (request.isPresent()) {
      Page<Invoice> page = delegate.findByStatus(tenant, InvoiceStatus.SENT, request.get());
      page.items().stream().filter(rule::appliesTo).forEach(candidates::add);
      request = request.get().next(page);
    }
    List<MarkedOverdue> moved = new ArrayList<>();
    for (Invoice invoice : candidates.subList(0, Math.min(limit, candidates.size()))) {
      Invoice overdue = InvoiceLifecycle.markOverdue(invoice, rule.asOf()).invoice();
      moved.add(MarkedOverdue.of(save(overdue)));
    }
    return moved;
  }
}
