package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.ColumnLimits;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.lifecycle.OverdueRule;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.Invoices;
import dev.invoicekit.ports.MarkedOverdue;
import dev.invoicekit.ports.Page;
import dev.invoicekit.ports.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The repository on JDBC. An invoice is one row, its lines, payments and settlements rows of their
 * own; a save writes them in the current transaction, checking the version on every write.
 * Payment and settlement rows are append-only: a save inserts the ones not yet stored and never
 * deletes or updates one. A load by id or number is one statement whatever the number of lines
 * (header, lines, payments and settlements together; called outside a transaction it runs in
 * autocommit mode, so one round trip), and a page of invoices three (headers, lines, payments),
 * and a fourth for the settlements when an invoice of the page has any.
 *
 * <p>This class is the port; its parts are package-private: {@code InvoiceWrites},
 * {@code AppendOnlyPayments} and {@code AppendOnlySettlements} for a save, {@code InvoiceReads}
 * with one row mapper per table for loads, {@code OverdueClaim} for the sweep,
 * {@code InvoiceImport} for {@link #importAll}. Every statement is in {@code internal.Sql}.
 *
 * <p>Thread-safe.
 */
public final class JdbcInvoices implements Invoices {

  /** How many invoices {@link #importAll(Collection)} writes per transaction. */
  public static final int IMPORT_CHUNK = 500;

  private final JdbcTransactions transactions;

  /**
   * Creates the repository.
   *
   * @param transactions the transactions it writes in, not null
   */
  public JdbcInvoices(JdbcTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public Invoice save(Invoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    ColumnLimits.check(invoice);
    // A new version of the same content: the copy takes the invoice's totals, not a recomputation.
    Invoice saved = invoice.withVersion(invoice.version() + 1);
    String content = InvoiceCodec.content(invoice);
    return transactions.withConnection("save invoice " + invoice.id(), connection -> {
      if (invoice.version() == 0) {
        InvoiceWrites.insertHeader(connection, saved, content);
        InvoiceWrites.insertLines(connection, invoice);
        AppendOnlyPayments.insertAll(connection, invoice);
        AppendOnlySettlements.insertAll(connection, invoice);
        return saved;
      }
      InvoiceWrites.updateHeader(connection, invoice, saved, content);
      // Content changes only while a draft (the lifecycle freezes it after sending), so the lines
      // of a sent invoice are never rewritten; payments are only ever appended.
      if (invoice.status() == InvoiceStatus.DRAFT) {
        InvoiceWrites.replaceLines(connection, invoice);
      }
      AppendOnlyPayments.append(connection, invoice);
      AppendOnlySettlements.append(connection, invoice);
      return saved;
    });
  }

  /**
   * Imports invoices that exist elsewhere (issued by another system, or moved from an older
   * database) in bulk. Each is stored as {@link #save(Invoice)} stores a new invoice: at version 1,
   * with its status, number, lines and payments as given, refused if its id or number is taken. The
   * rows are written with JDBC batches, {@value #IMPORT_CHUNK} invoices per transaction; on
   * PostgreSQL, a data source with the driver's {@code reWriteBatchedInserts=true} turns each batch
   * into multi-row inserts.
   *
   * <p>Each chunk is written in one transaction or not at all. Called inside an open transaction
   * (the host's, or {@link JdbcTransactions#inTransaction}), every chunk joins it and the whole
   * import commits or rolls back with it. Publishes no events and takes no numbers: the invoices
   * come with their history.
   *
   * <p>Thread-safe.
   *
   * @param invoices the invoices, each never saved here (version 0); not null, no null element
   * @return how many invoices were imported, not negative
   * @throws IllegalArgumentException if an invoice is not at version 0; nothing is written
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if a value does not fit its column;
   *     nothing is written
   * @throws DuplicateInvoiceException if an id or number is taken, by a stored invoice or by
   *     another invoice of the import; the chunk with the duplicate is rolled back, and the message
   *     says how many invoices earlier chunks imported
   * @throws dev.invoicekit.ports.InvoicePersistenceException if the database fails
   */
  public int importAll(Collection<Invoice> invoices) {
    Objects.requireNonNull(invoices, "invoices");
    return InvoiceImport.importAll(transactions, invoices);
  }

  // ---- reads -----------------------------------------------------------------------------------

  @Override
  public Optional<Invoice> findById(TenantId tenant, InvoiceId id) {
    String tenantId = tenant.value();
    String invoiceId = id.value();
    return transactions.readOnce("load invoice " + id, connection -> InvoiceReads.loadOne(
        connection, tenant, Sql.SELECT_INVOICE_GRAPH_BY_ID, tenantId, invoiceId, tenantId,
        invoiceId, tenantId, invoiceId, tenantId, invoiceId));
  }

  @Override
  public Optional<Invoice> findByNumber(TenantId tenant, InvoiceNumber number) {
    String tenantId = tenant.value();
    String value = number.value();
    return transactions.readOnce("load invoice number " + number, connection ->
        InvoiceReads.loadOne(connection, tenant, Sql.SELECT_INVOICE_GRAPH_BY_NUMBER, tenantId,
            value, tenantId, tenantId, value, tenantId, tenantId, value, tenantId, tenantId,
            value));
  }

  @Override
  public Page<Invoice> findByAccount(TenantId tenant, AccountId account, PageRequest page) {
    return page(tenant, Sql.SELECT_INVOICES_BY_ACCOUNT, account.value(), page);
  }

  @Override
  public Page<Invoice> findByStatus(TenantId tenant, InvoiceStatus status, PageRequest page) {
    return page(tenant, Sql.SELECT_INVOICES_BY_STATUS, status.name(), page);
  }

  private Page<Invoice> page(TenantId tenant, String sql, String filter, PageRequest page) {
    return transactions.withConnection("page invoices", connection -> {
      // Ask for one more than the page to know whether another page follows.
      List<Invoice> items = InvoiceReads.load(connection, tenant, sql, filter,
          page.afterKey().orElse(""), page.limit() + 1);
      if (items.size() > page.limit()) {
        List<Invoice> pageItems = items.subList(0, page.limit());
        return new Page<>(pageItems,
            Optional.of(pageItems.get(pageItems.size() - 1).id().value()));
      }
      return new Page<>(items, Optional.empty());
    });
  }

  // ---- the overdue sweep -----------------------------------------------------------------------

  @Override
  public List<MarkedOverdue> markOverdue(TenantId tenant, OverdueRule rule, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(rule, "rule");
    // The claim reads what the events need from the rows it locks: nothing else is loaded.
    return transactions.withConnection("mark overdue invoices",
        connection -> OverdueClaim.mark(connection, tenant, rule, limit));
  }
}
