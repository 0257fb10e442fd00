package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.ContactId;
import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.OpportunityId;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.DuplicateInvoiceException;
import dev.invoicekit.ports.StaleInvoiceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * Writes invoice rows and their lines: the statements of a save, and the bindings the bulk import
 * batches. Payments are {@link AppendOnlyPayments}', settlements {@link AppendOnlySettlements}'.
 */
final class InvoiceWrites {

  private InvoiceWrites() {}

  /** Inserts a new invoice's row. */
  static void insertHeader(Connection connection, Invoice saved, String content)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_INVOICE)) {
      bindInsert(insert, saved, saved.version(), content);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateInvoiceException(saved.tenant(), saved.id(), saved.number(),
            "Invoice id " + saved.id()
                + saved.number().map(n -> " or number " + n).orElse("")
                + " is already taken in tenant " + saved.tenant()
                + "; a new invoice needs a new id and an unused number");
      }
      throw e;
    }
  }

  /** Binds every parameter of {@link Sql#INSERT_INVOICE}. */
  static void bindInsert(PreparedStatement insert, Invoice invoice, long version, String content)
      throws SQLException {
    insert.setString(1, invoice.tenant().value());
    insert.setString(2, invoice.id().value());
    insert.setLong(3, version);
    bindHeader(insert, 4, invoice, content);
  }

  /**
   * Updates a stored invoice's row, guarded by the version it was read at and by its number of
   * settlements, which never goes down.
   *
   * @throws StaleInvoiceException if the stored version is another; nothing was written
   * @throws dev.invoicekit.ports.InvoicePersistenceException if the invoice carries fewer
   *     settlements than are stored; nothing was written
   */
  static void updateHeader(
      Connection connection, Invoice invoice, Invoice saved, String content) throws SQLException {
    int updated;
    try (PreparedStatement update = connection.prepareStatement(Sql.UPDATE_INVOICE)) {
      update.setLong(1, saved.version());
      int next = bindHeader(update, 2, saved, content);
      update.setString(next, invoice.tenant().value());
      update.setString(next + 1, invoice.id().value());
      update.setLong(next + 2, invoice.version());
      update.setInt(next + 3, invoice.settlements().size());
      updated = update.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new DuplicateInvoiceException(invoice.tenant(), invoice.id(), invoice.number(),
            "Invoice number " + invoice.number().orElse(null)
                + " is already used in tenant " + invoice.tenant() + "; numbers are unique, choose"
                + " another");
      }
      throw e;
    }
    if (updated == 0) {
      long[] stored = current(connection, invoice.tenant(), invoice.id());
      if (stored[0] == invoice.version()) {
        // The version matched: the count guard refused a save that drops settlements.
        throw AppendOnlySettlements.rewritten(invoice, (int) stored[1]);
      }
      throw new StaleInvoiceException(invoice.id(), invoice.version(), stored[0]);
    }
  }

  /** Binds status .. settlement_count from {@code index} on; returns the next free index. */
  private static int bindHeader(PreparedStatement statement, int index, Invoice invoice,
      String content) throws SQLException {
    int i = index;
    statement.setString(i++, invoice.status().name());
    setNullable(statement, i++, invoice.number().map(InvoiceNumber::value));
    statement.setString(i++, invoice.currency().getCode());
    statement.setObject(i++, invoice.invoiceDate());
    if (invoice.effectiveDueDate().isPresent()) {
      statement.setObject(i++, invoice.effectiveDueDate().get());
    } else {
      statement.setNull(i++, Types.DATE);
    }
    statement.setString(i++, invoice.account().value());
    setNullable(statement, i++, invoice.contact().map(ContactId::value));
    setNullable(statement, i++, invoice.opportunity().map(OpportunityId::value));
    statement.setBigDecimal(i++, invoice.totals().total().getAmount());
    statement.setBigDecimal(i++, invoice.totals().amountPaid().getAmount());
    statement.setBigDecimal(i++, invoice.totals().amountDue().getAmount());
    statement.setString(i++, content);
    statement.setInt(i++, invoice.settlements().size());
    return i;
  }

  /** The stored version and number of settlements; a version of -1 if there is no row. */
  private static long[] current(Connection connection, TenantId tenant, InvoiceId id)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(Sql.SELECT_VERSION)) {
      select.setString(1, tenant.value());
      select.setString(2, id.value());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {-1, 0};
      }
    }
  }

  /** Replaces a draft's lines: deletes the stored ones, then inserts the invoice's. */
  static void replaceLines(Connection connection, Invoice invoice) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(Sql.DELETE_LINES)) {
      delete.setString(1, invoice.tenant().value());
      delete.setString(2, invoice.id().value());
      delete.executeUpdate();
    }
    insertLines(connection, invoice);
  }

  /** Inserts the invoice's lines, one batch, none if it has none. */
  static void insertLines(Connection connection, Invoice invoice) throws SQLException {
    if (invoice.lines().isEmpty()) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_LINE)) {
      bindLines(insert, invoice);
      insert.executeBatch();
    }
  }

  /** Adds the invoice's lines to a batch of {@link Sql#INSERT_LINE}. */
  static void bindLines(PreparedStatement insert, Invoice invoice) throws SQLException {
    int lineNo = 0;
    for (LineItem line : invoice.lines()) {
      insert.setString(1, invoice.tenant().value());
      insert.setString(2, invoice.id().value());
      insert.setInt(3, ++lineNo);
      insert.setString(4, line.description());
      setNullable(insert, 5, line.product().map(ProductId::value));
      insert.setBigDecimal(6, line.quantity());
      insert.setBigDecimal(7, line.unitPrice().getAmount());
      insert.setBigDecimal(8, line.baseQuantity());
      insert.setString(9, line.taxCode().category().name());
      insert.setBigDecimal(10, line.taxCode().rate());
      insert.setString(11, InvoiceCodec.lineAllowanceCharges(line.allowanceCharges()));
      insert.addBatch();
    }
  }

  /** Binds a text that may be absent. */
  static void setNullable(PreparedStatement statement, int index, Optional<String> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setString(index, value.get());
    } else {
      statement.setNull(index, Types.VARCHAR);
    }
  }
}
