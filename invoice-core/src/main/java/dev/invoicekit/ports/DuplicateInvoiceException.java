package dev.invoicekit.ports;

import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceRefusal;
import dev.invoicekit.invoice.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when a write would create a second invoice with the same id or the same number in one
 * tenant, or a second row under another unique key (such as an event id). Nothing was written;
 * {@link Kind#PERMANENT} unless a subclass says otherwise. An {@link InvoiceRefusal}: the store
 * refuses the write, it did not fail.
 *
 * <p>Keeps the tenant, the invoice whose write was refused and the number it carried when the
 * store knows them; a store that only learns of a duplicate from a unique key met at commit leaves
 * them empty.
 */
public class DuplicateInvoiceException extends InvoicePersistenceException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient TenantId tenant;
  private final transient InvoiceId invoiceId;
  private final transient InvoiceNumber number;

  /**
   * Creates the exception for a duplicate the store cannot tie to one invoice; the tenant, invoice
   * and number are empty.
   *
   * @param message what is duplicated and what to do, not null
   */
  public DuplicateInvoiceException(String message) {
    this(message, Kind.PERMANENT);
  }

  /**
   * Creates the exception for the write of one invoice.
   *
   * @param tenant the invoice's tenant, not null
   * @param invoiceId the invoice whose write was refused, not null
   * @param number the number the invoice carried, empty for none; not null
   * @param message which id or number is taken and what to do, not null
   */
  public DuplicateInvoiceException(
      TenantId tenant, InvoiceId invoiceId, Optional<InvoiceNumber> number, String message) {
    super(message, Kind.PERMANENT);
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.invoiceId = Objects.requireNonNull(invoiceId, "invoiceId");
    this.number = Objects.requireNonNull(number, "number").orElse(null);
  }

  /**
   * Creates the exception with another kind, for a duplicate that a new attempt resolves; the
   * tenant, invoice and number are empty.
   *
   * @param message what is duplicated and what to do, not null
   * @param kind what the failure means for the command, not null
   */
  protected DuplicateInvoiceException(String message, Kind kind) {
    super(message, kind);
    this.tenant = null;
    this.invoiceId = null;
    this.number = null;
  }

  /**
   * The tenant of the refused write.
   *
   * @return the tenant, or empty if the store could not tell, not null
   */
  public Optional<TenantId> tenant() {
    return Optional.ofNullable(tenant);
  }

  /**
   * The invoice whose write was refused (not the one that already holds the id or number).
   *
   * @return its id, or empty if the store could not tell, not null
   */
  public Optional<InvoiceId> invoiceId() {
    return Optional.ofNullable(invoiceId);
  }

  /**
   * The number the refused invoice carried.
   *
   * @return the number, or empty if it had none or the store could not tell, not null
   */
  public Optional<InvoiceNumber> number() {
    return Optional.ofNullable(number);
  }
}
