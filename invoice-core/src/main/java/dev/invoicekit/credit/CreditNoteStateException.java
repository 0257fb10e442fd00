package dev.invoicekit.credit;

import dev.invoicekit.invoice.InvoiceRefusal;

/**
 * Thrown when a credit note's status refuses a command: issuing or cancelling a note that is not a
 * draft. An issued note is final (correct it with a new invoice); a cancelled one was abandoned.
 * Nothing is changed.
 *
 * <p>Extends {@link IllegalStateException}. An {@link InvoiceRefusal}.
 */
public class CreditNoteStateException extends IllegalStateException implements InvoiceRefusal {

  private static final long serialVersionUID = 1L;

  private final transient CreditNoteId creditNoteId;
  private final CreditNoteStatus status;

  /**
   * Creates the exception.
   *
   * @param note the credit note that refused, not null
   * @param verb what was attempted, such as "issue", not null
   */
  public CreditNoteStateException(CreditNote note, String verb) {
    super("Cannot " + verb + " credit note " + note.number().map(Object::toString)
        .orElse(note.id().toString()) + " of invoice " + note.invoiceNumber() + ": it is "
        + note.status() + (note.status() == CreditNoteStatus.ISSUED
            ? "; an issued credit note is final, correct it with a new invoice"
            : "; only a draft can be issued or cancelled"));
    this.creditNoteId = note.id();
    this.status = note.status();
  }

  /** The credit note. @return its id, not null */
  public CreditNoteId creditNoteId() {
    return creditNoteId;
  }

  /** The status that refused. @return the status, not null */
  public CreditNoteStatus status() {
    return status;
  }
}
