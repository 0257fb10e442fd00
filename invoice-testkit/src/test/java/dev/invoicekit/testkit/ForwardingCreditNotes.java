package dev.invoicekit.testkit;

import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.ports.CreditNotes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A credit-note repository that hands every call to the one it wraps: the base of the broken
 * fakes, which override only what they break.
 */
public class ForwardingCreditNotes implements CreditNotes {

  private final CreditNotes delegate;

  /**
   * Forwards to a repository.
   *
   * @param delegate the repository every call goes to, not null
   */
  public ForwardingCreditNotes(CreditNotes delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public CreditNote save(CreditNote note) {
    return delegate.save(note);
  }

  @Override
  public Optional<CreditNote> findById(TenantId tenant, CreditNoteId id) {
    return delegate.findById(tenant, id);
  }

  @Override
  public List<CreditNote> findByInvoice(TenantId tenant, InvoiceId invoice) {
    return delegate.findByInvoice(tenant, invoice);
  }
}
