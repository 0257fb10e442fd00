package dev.invoicekit.jdbc;

import dev.invoicekit.credit.CreditAllocation;
import dev.invoicekit.credit.CreditNote;
import dev.invoicekit.credit.CreditedLine;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.ports.StaleCreditNoteException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Writes credit note rows, their lines and their credited lines: the statements of a save. */
final class CreditNoteWrites {

  private CreditNoteWrites() {}

  /** Inserts a new credit note's row. */
  static void insertHeader(Connection connection, CreditNote saved, String content)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_CREDIT_NOTE)) {
      insert.setString(1, saved.tenant().value());
      insert.setString(2, saved.id().value());
      insert.setLong(3, saved.version());
      bindHeader(insert, 4, saved, content);
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw duplicate("Credit note id " + saved.id()
            + saved.number().map(n -> " or number " + n).orElse("")
            + " is already taken in tenant " + saved.tenant()
            + "; a new credit note needs a new id and an unused number", e);
      }
      throw e;
    }
  }

  /**
   * Updates a stored credit note's row, guarded by the version it was read at.
   *
   * @throws StaleCreditNoteException if the stored version is another; nothing was written
   */
  static void updateHeader(Connection connection, CreditNote note, CreditNote saved,
      String content) throws SQLException {
    int updated;
    try (PreparedStatement update = connection.prepareStatement(Sql.UPDATE_CREDIT_NOTE)) {
      update.setLong(1, saved.version());
      int next = bindHeader(update, 2, saved, content);
      update.setString(next, note.tenant().value());
      update.setString(next + 1, note.id().value());
      update.setLong(next + 2, note.version());
      updated = update.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw duplicate("Credit note number " + note.number().orElse(null)
            + " is already used in tenant " + note.tenant()
            + "; credit note numbers are unique, take the next of the series", e);
      }
      throw e;
    }
    if (updated == 0) {
      throw new StaleCreditNoteException(note.id(), note.version(), currentVersion(connection,
          note));
    }
  }

  /** Binds status .. content from {@code index} on; returns the next free index. */
  private static int bindHeader(PreparedStatement statement, int index, CreditNote note,
      String content) throws SQLException {
    int i = index;
    statement.setString(i++, note.status().name());
    InvoiceWrites.setNullable(statement, i++, note.number().map(InvoiceNumber::value));
    statement.setString(i++, note.invoiceId().value());
    statement.setString(i++, note.invoiceNumber().value());
    statement.setObject(i++, note.invoiceDate());
    statement.setString(i++, note.account().value());
    statement.setString(i++, note.content().currency().getCode());
    statement.setObject(i++, note.date());
    statement.setString(i++, note.reason());
    statement.setString(i++, note.kind().name());
    statement.setBigDecimal(i++, note.total().getAmount());
    Optional<CreditAllocation> allocation = note.allocation();
    setAmount(statement, i++, allocation, a -> a.appliedToInvoice().getAmount());
    setAmount(statement, i++, allocation, a -> a.refunded().getAmount());
    setAmount(statement, i++, allocation, a -> a.toAccountCredit().getAmount());
    statement.setString(i++, content);
    return i;
  }

  private static void setAmount(PreparedStatement statement, int index,
      Optional<CreditAllocation> allocation, Function<CreditAllocation, BigDecimal> part)
      throws SQLException {
    if (allocation.isPresent()) {
      statement.setBigDecimal(index, part.apply(allocation.get()));
    } else {
      statement.setNull(index, Types.NUMERIC);
    }
  }

  private static long currentVersion(Connection connection, CreditNote note)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(Sql.SELECT_CREDIT_NOTE_VERSION)) {
      select.setString(1, note.tenant().value());
      select.setString(2, note.id().value());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  /** Replaces a draft's lines and credited lines: deletes the stored ones, then inserts. */
  static void replaceLines(Connection connection, CreditNote note) throws SQLException {
    for (String sql : List.of(Sql.DELETE_CREDIT_NOTE_LINES, Sql.DELETE_CREDITED_LINES)) {
      try (PreparedStatement delete = connection.prepareStatement(sql)) {
        delete.setString(1, note.tenant().value());
        delete.setString(2, note.id().value());
        delete.executeUpdate();
      }
    }
    insertLines(connection, note);
  }

  /** Inserts the note's lines and credited lines, one batch each, none if it has none. */
  static void insertLines(Connection connection, CreditNote note) throws SQLException {
    List<LineItem> lines = note.content().lines();
    if (!lines.isEmpty()) {
      try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_CREDIT_NOTE_LINE)) {
        for (int i = 0; i < lines.size(); i++) {
          LineItem line = lines.get(i);
          insert.setString(1, note.tenant().value());
          insert.setString(2, note.id().value());
          insert.setInt(3, i + 1);
          insert.setString(4, line.description());
          InvoiceWrites.setNullable(insert, 5, line.product().map(ProductId::value));
          insert.setBigDecimal(6, line.quantity());
          insert.setBigDecimal(7, line.unitPrice().getAmount());
          insert.setBigDecimal(8, line.baseQuantity());
          insert.setString(9, line.taxCode().category().name());
          insert.setBigDecimal(10, line.taxCode().rate());
          insert.setString(11, InvoiceCodec.lineAllowanceCharges(line.allowanceCharges()));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    List<CreditedLine> credited = note.creditedLines();
    if (!credited.isEmpty()) {
      try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_CREDITED_LINE)) {
        for (int i = 0; i < credited.size(); i++) {
          insert.setString(1, note.tenant().value());
          insert.setString(2, note.id().value());
          insert.setInt(3, i + 1);
          insert.setInt(4, credited.get(i).lineNumber());
          insert.setBigDecimal(5, credited.get(i).quantity());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  private static InvoicePersistenceException duplicate(String message, SQLException cause) {
    return new InvoicePersistenceException(message, cause);
  }
}
