package dev.invoicekit.service;

import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.TenantId;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Thrown when a command names an invoice the tenant does not have. Nothing was changed. An
 * {@link InvoiceRefusal}; keeps the tenant and the id asked for.
 */
public class InvoiceNotFoundException extends NoSuchElementException implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient TenantId tenant;
  private final transient InvoiceId invoiceId;

  /**
   * Creates the exception.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id asked for, not null
   */
  public InvoiceNotFoundException(TenantId tenant, InvoiceId id) {
    super("Tenant " + Objects.requireNonNull(tenant, "tenant") + " has no invoice "
        + Objects.requireNonNull(id, "id"));
    this.tenant = tenant;
    this.invoiceId = id;
  }

  /** The tenant that was asked. @return the tenant, not null */
  public TenantId tenant() {
    return tenant;
  }

  /** The invoice asked for. @return its id, not null */
  public InvoiceId invoiceId() {
    return invoiceId;
  }
}
