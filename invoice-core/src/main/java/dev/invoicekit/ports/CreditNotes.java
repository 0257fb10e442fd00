package dev.invoicekit.ports;

import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The repository of credit notes. Like {@link Invoices} it stores what the rules decided, checks
 * the version on every write, and keeps every query within one tenant.
 *
 * <p>Implementations must be thread-safe and take part in the {@link Transactions} the service
 * runs its commands in.
 */
public interface CreditNotes {

  /**
   * Stores a credit note with its content, all or nothing. Its {@link CreditNote#version()} is the
   * version it was read at (0 for a new one); the stored copy gets the next version, which the
   * returned note carries. An issued note's number is unique among the tenant's credit notes.
   *
   * @param note the note as the rules left it, not null
   * @return the stored note with its new version, not null
   * @throws StaleCreditNoteException if the stored version is not the note's version, or a note
   *     at a version above 0 is not stored; retryable
   * @throws InvoicePersistenceException if a new note's id or a number is already taken
   */
  CreditNote save(CreditNote note);

  /**
   * Loads a credit note by id.
   *
   * @param tenant the tenant, not null
   * @param id the note, not null
   * @return the note, or empty if the tenant has none with that id
   */
  Optional<CreditNote> findById(TenantId tenant, CreditNoteId id);

  /**
   * Every credit note of one invoice, in every status, ordered by id.
   *
   * @param tenant the tenant, not null
   * @param invoice the credited invoice, not null
   * @return the notes, not null
   */
  List<CreditNote> findByInvoice(TenantId tenant, InvoiceId invoice);
}
