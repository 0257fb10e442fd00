package dev.invoicekit.ports;

import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceRefusal;

/**
 * Thrown when an invoice is saved with a version that is no longer the stored one: someone else
 * changed it since it was read. Nothing was written; reload and decide again. Always
 * {@link Kind#TRANSIENT}. An {@link InvoiceRefusal}: the store refuses to overwrite a newer
 * version.
 */
public class StaleInvoiceException extends InvoicePersistenceException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient InvoiceId invoiceId;
  private final long expectedVersion;
  private final long actualVersion;

  /**
   * Creates the exception.
   *
   * @param invoiceId the invoice, not null
   * @param expectedVersion the version the writer read
   * @param actualVersion the version stored now, or -1 if the invoice does not exist
   */
  public StaleInvoiceException(InvoiceId invoiceId, long expectedVersion, long actualVersion) {
    super("Invoice " + invoiceId + " was changed by someone else: it was read at version "
        + expectedVersion + " but is now "
        + (actualVersion < 0 ? "absent" : "at version " + actualVersion)
        + "; reload it and apply the change again", Kind.TRANSIENT);
    this.invoiceId = invoiceId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** The invoice. @return its id, not null */
  public InvoiceId invoiceId() {
    return invoiceId;
  }

  /** The version the writer read. @return the version */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version stored now, or -1 if absent. @return the version */
  public long actualVersion() {
    return actualVersion;
  }
}
