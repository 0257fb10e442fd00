package dev.invoicekit.service;

import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import java.util.NoSuchElementException;

/** Thrown when a command names an invoice the tenant does not have. Nothing was changed. */
public class InvoiceNotFoundException extends NoSuchElementException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param tenant the tenant, not null
   * @param id the invoice id asked for, not null
   */
  public InvoiceNotFoundException(TenantId tenant, InvoiceId id) {
    super("Tenant " + tenant + " has no invoice " + id);
  }
}
