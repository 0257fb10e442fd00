package dev.invoicekit.jdbc;

import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.CreditNoteStatus;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.ColumnLimits;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.ports.CreditNotes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The credit-note repository on JDBC. A credit note is one row of {@code ik_credit_note} (its
 * numbers, dates, status, total and allocation in columns, the rest of its content as JSON), its
 * lines rows of {@code ik_credit_note_line} and, for a credit of line quantities, which invoice
 * lines it credits rows of {@code ik_credited_line}. A save writes them in the current transaction,
 * checking the version; lines are written when the note is new and rewritten only while it is a
 * draft (issuing and cancelling keep its content). Numbers are unique per tenant, and a note
 * credits an invoice stored in the same tenant (a foreign key).
 *
 * <p>A load by id, and the notes of an invoice, are one statement each (header, lines and credited
 * lines together). Every statement is in {@code internal.Sql}.
 *
 * <p>Thread-safe.
 */
public final class JdbcCreditNotes implements CreditNotes {

  private final JdbcTransactions transactions;

  /**
   * Creates the repository.
   *
   * @param transactions the transactions it writes in, not null
   */
  public JdbcCreditNotes(JdbcTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.invoicekit.ports.StaleCreditNoteException if the stored version is not the note's
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if a value does not fit its column;
   *     nothing is written
   * @throws dev.invoicekit.ports.InvoicePersistenceException if a new note's id or a number is
   *     already taken in the tenant, if the credited invoice is not stored, or if the database
   *     fails
   */
  @Override
  public CreditNote save(CreditNote note) {
    Objects.requireNonNull(note, "note");
    ColumnLimits.check(note);
    CreditNote saved = note.withVersion(note.version() + 1);
    String content = InvoiceCodec.creditNoteContent(note.content());
    return transactions.withConnection("save credit note " + note.id(), connection -> {
      if (note.version() == 0) {
        CreditNoteWrites.insertHeader(connection, saved, content);
        CreditNoteWrites.insertLines(connection, note);
        return saved;
      }
      CreditNoteWrites.updateHeader(connection, note, saved, content);
      if (note.status() == CreditNoteStatus.DRAFT) {
        CreditNoteWrites.replaceLines(connection, note);
      }
      return saved;
    });
  }

  @Override
  public Optional<CreditNote> findById(TenantId tenant, CreditNoteId id) {
    String tenantId = tenant.value();
    String noteId = id.value();
    return transactions.readOnce("load credit note " + id, connection -> CreditNoteReads.load(
            connection, tenant, Sql.SELECT_CREDIT_NOTE_GRAPH_BY_ID, tenantId, noteId, tenantId,
            noteId, tenantId, noteId)
        .stream().findFirst());
  }

  @Override
  public List<CreditNote> findByInvoice(TenantId tenant, InvoiceId invoice) {
    String tenantId = tenant.value();
    String invoiceId = invoice.value();
    return transactions.readOnce("load the credit notes of invoice " + invoice,
        connection -> List.copyOf(CreditNoteReads.load(connection, tenant,
            Sql.SELECT_CREDIT_NOTE_GRAPH_BY_INVOICE, tenantId, invoiceId, tenantId, tenantId,
            invoiceId, tenantId, tenantId, invoiceId)));
  }
}
