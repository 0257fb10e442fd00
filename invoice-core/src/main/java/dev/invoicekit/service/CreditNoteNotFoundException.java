package dev.invoicekit.service;

import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.TenantId;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Thrown when a command names a credit note the tenant does not have. Nothing was changed. An
 * {@link InvoiceRefusal}.
 */
public class CreditNoteNotFoundException extends NoSuchElementException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient TenantId tenant;
  private final transient CreditNoteId creditNoteId;

  /**
   * Creates the exception.
   *
   * @param tenant the tenant, not null
   * @param id the credit note asked for, not null
   */
  public CreditNoteNotFoundException(TenantId tenant, CreditNoteId id) {
    super("Tenant " + Objects.requireNonNull(tenant, "tenant") + " has no credit note "
        + Objects.requireNonNull(id, "id"));
    this.tenant = tenant;
    this.creditNoteId = id;
  }

  /** The tenant that was asked. @return the tenant, not null */
  public TenantId tenant() {
    return tenant;
  }

  /** The credit note asked for. @return its id, not null */
  public CreditNoteId creditNoteId() {
    return creditNoteId;
  }
}
