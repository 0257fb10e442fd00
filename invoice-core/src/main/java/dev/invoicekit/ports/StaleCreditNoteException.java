package dev.invoicekit.ports;

import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.invoice.InvoiceRefusal;

/**
 * Thrown when a credit note is saved with a version that is no longer the stored one. Nothing was
 * written; the service reads again and decides again. Always {@link Kind#TRANSIENT}. An
 * {@link InvoiceRefusal}.
 */
public class StaleCreditNoteException extends InvoicePersistenceException
    implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient CreditNoteId creditNoteId;

  /**
   * Creates the exception.
   *
   * @param creditNoteId the credit note, not null
   * @param expectedVersion the version the writer read
   * @param actualVersion the version stored now, or -1 if the note does not exist
   */
  public StaleCreditNoteException(
      CreditNoteId creditNoteId, long expectedVersion, long actualVersion) {
    super("Credit note " + creditNoteId + " was changed by someone else: it was read at version "
        + expectedVersion + " but is now "
        + (actualVersion < 0 ? "absent" : "at version " + actualVersion)
        + "; reload it and apply the change again", Kind.TRANSIENT);
    this.creditNoteId = creditNoteId;
  }

  /** The credit note. @return its id, not null */
  public CreditNoteId creditNoteId() {
    return creditNoteId;
  }
}
