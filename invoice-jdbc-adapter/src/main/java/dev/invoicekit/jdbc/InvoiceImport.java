package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.jdbc.internal.ColumnLimits;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.ports.DuplicateInvoiceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The bulk import ({@link JdbcInvoices#importAll}): chunks of {@link JdbcInvoices#IMPORT_CHUNK}
 * invoices, each one transaction of three JDBC batches (headers, lines, payments), and a fourth
 * for settlements when an invoice of the chunk has any.
 */
final class InvoiceImport {

  private InvoiceImport() {}

  /** As {@link JdbcInvoices#importAll} documents it. */
  static int importAll(JdbcTransactions transactions, Collection<Invoice> invoices) {
    List<Invoice> all = List.copyOf(invoices);
    for (Invoice invoice : all) {
      if (invoice.version() != 0) {
        throw new IllegalArgumentException("Invoice " + invoice.id() + " is at version "
            + invoice.version() + "; an import stores new invoices (version 0), use save to change"
            + " a stored one");
      }
      ColumnLimits.check(invoice);
    }
    int chunkSize = JdbcInvoices.IMPORT_CHUNK;
    int imported = 0;
    for (int from = 0; from < all.size(); from += chunkSize) {
      List<Invoice> chunk = all.subList(from, Math.min(all.size(), from + chunkSize));
      String what = "import invoices " + (from + 1) + " to " + (from + chunk.size());
      try {
        transactions.withConnection(what, connection -> {
          insertChunk(connection, chunk);
          return null;
        });
      } catch (DuplicateInvoiceException e) {
        DuplicateInvoiceException duplicate = new DuplicateInvoiceException("An id or number of"
            + " invoices " + (from + 1) + " to " + (from + chunk.size()) + " is already taken in"
            + " its tenant; those were not imported, " + imported + " before them were. "
            + e.getMessage());
        duplicate.initCause(e);
        throw duplicate;
      }
      imported += chunk.size();
    }
    return imported;
  }

  /** Writes the headers, lines, payments and settlements of a chunk, one batch each. */
  private static void insertChunk(Connection connection, List<Invoice> chunk)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_INVOICE)) {
      for (Invoice invoice : chunk) {
        InvoiceWrites.bindInsert(insert, invoice, 1, InvoiceCodec.content(invoice));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_LINE)) {
      for (Invoice invoice : chunk) {
        InvoiceWrites.bindLines(insert, invoice);
      }
      insert.executeBatch();
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_PAYMENT)) {
      boolean any = false;
      for (Invoice invoice : chunk) {
        any |= AppendOnlyPayments.bind(insert, invoice, 0);
      }
      if (any) {
        insert.executeBatch();
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_SETTLEMENT)) {
      boolean any = false;
      for (Invoice invoice : chunk) {
        any |= AppendOnlySettlements.bind(insert, invoice, 0);
      }
      if (any) {
        insert.executeBatch();
      }
    }
  }
}
