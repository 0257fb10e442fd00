package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.InvoiceNumber;
import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The settlement rows of a save: append-only, as {@link AppendOnlyPayments} keeps payments. A save
 * inserts the settlements the invoice carries beyond the stored ones and never deletes or updates
 * one; an invoice that does not carry the stored settlements unchanged as the start of its own is
 * refused before any settlement row is written.
 *
 * <p>The invoice row counts its settlements ({@code settlement_count}), and its update is guarded
 * by that count never going down: an invoice that carries no settlement costs no read of them.
 */
final class AppendOnlySettlements {

  private AppendOnlySettlements() {}

  /** Stores a new invoice's settlements. */
  static void insertAll(Connection connection, Invoice invoice) throws SQLException {
    insertFrom(connection, invoice, 0);
  }

  /**
   * Stores the settlements a stored invoice gained. Called after its row was updated under the
   * version guard and the count guard, whose row lock keeps other saves of the invoice out until
   * the transaction ends; with the count guard passed, an invoice without settlements has nothing
   * stored to keep.
   *
   * @throws InvoicePersistenceException if the invoice does not carry the stored settlements
   *     unchanged as the start of its own; nothing of the settlements was written, and the
   *     caller's transaction rolls the row's update back
   */
  static void append(Connection connection, Invoice invoice) throws SQLException {
    if (invoice.settlements().isEmpty()) {
      return;
    }
    List<Settlement> stored = stored(connection, invoice);
    List<Settlement> given = invoice.settlements();
    if (given.size() < stored.size() || !given.subList(0, stored.size()).equals(stored)) {
      throw rewritten(invoice, stored.size());
    }
    insertFrom(connection, invoice, stored.size());
  }

  /**
   * The refusal of a save that drops, changes or reorders stored settlements.
   *
   * @param invoice the invoice being saved
   * @param stored how many settlements are stored
   * @return the exception, permanent
   */
  static InvoicePersistenceException rewritten(Invoice invoice, int stored) {
    return new InvoicePersistenceException("Cannot save invoice " + invoice.number()
        .map(InvoiceNumber::toString).orElse(invoice.id().toString()) + ": it is "
        + invoice.status() + " and does not carry its " + stored + " stored"
        + " settlements unchanged as the start of its " + invoice.settlements().size()
        + "; settlements are never removed or changed, reload the invoice and decide again");
  }

  private static List<Settlement> stored(Connection connection, Invoice invoice)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(Sql.SELECT_STORED_SETTLEMENTS)) {
      select.setString(1, invoice.tenant().value());
      select.setString(2, invoice.id().value());
      try (ResultSet rs = select.executeQuery()) {
        SettlementMapper mapper = SettlementMapper.on(rs, Sql.SETTLEMENT);
        List<Settlement> settlements = new ArrayList<>();
        while (rs.next()) {
          try {
            settlements.add(mapper.map(rs, invoice.currency()));
          } catch (ArithmeticException e) {
            // More decimals than the invoice's currency has: its currency changed under them.
            throw rewritten(invoice, settlements.size() + 1);
          }
        }
        return settlements;
      }
    }
  }

  /** Inserts the invoice's settlements from index {@code from} on, one batch, none if none. */
  private static void insertFrom(Connection connection, Invoice invoice, int from)
      throws SQLException {
    if (invoice.settlements().size() <= from) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_SETTLEMENT)) {
      bind(insert, invoice, from);
      insert.executeBatch();
    }
  }

  /**
   * Adds the invoice's settlements from index {@code from} on to a batch of
   * {@link Sql#INSERT_SETTLEMENT}, each at its position (seq, from 1).
   *
   * @return true if it added any
   */
  static boolean bind(PreparedStatement insert, Invoice invoice, int from) throws SQLException {
    List<Settlement> settlements = invoice.settlements();
    for (int i = from; i < settlements.size(); i++) {
      Settlement settlement = settlements.get(i);
      insert.setString(1, invoice.tenant().value());
      insert.setString(2, invoice.id().value());
      insert.setString(3, settlement.id().value());
      insert.setInt(4, i + 1);
      insert.setString(5, settlement.kind().name());
      insert.setBigDecimal(6, settlement.amount().getAmount());
      insert.setObject(7, settlement.date());
      InvoiceWrites.setNullable(insert, 8, settlement.reference());
      InvoiceWrites.setNullable(insert, 9, settlement.reason());
      insert.addBatch();
    }
    return settlements.size() > from;
  }
}
