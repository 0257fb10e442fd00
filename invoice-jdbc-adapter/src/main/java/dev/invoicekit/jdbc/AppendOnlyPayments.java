package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.Invoice;
import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.ports.PaymentsRewrittenException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The payment rows of a save: append-only. A save inserts the payments the invoice carries beyond
 * the stored ones and never deletes or updates a payment row; an invoice that does not carry the
 * stored payments unchanged as the start of its own is refused before any payment row is written.
 */
final class AppendOnlyPayments {

  private AppendOnlyPayments() {}

  /** Stores a new invoice's payments. */
  static void insertAll(Connection connection, Invoice invoice) throws SQLException {
    insertFrom(connection, invoice, 0);
  }

  /**
   * Stores the payments a stored invoice gained. Called after its row was updated under the
   * version guard, whose row lock keeps other saves of the invoice out until the transaction ends.
   *
   * @throws PaymentsRewrittenException if the invoice does not carry the stored payments unchanged
   *     as the start of its own; nothing of the payments was written, and the caller's transaction
   *     rolls the row's update back
   */
  static void append(Connection connection, Invoice invoice) throws SQLException {
    List<Payment> stored = stored(connection, invoice);
    PaymentsRewrittenException.requireStoredPrefix(invoice, stored);
    insertFrom(connection, invoice, stored.size());
  }

  private static List<Payment> stored(Connection connection, Invoice invoice)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(Sql.SELECT_STORED_PAYMENTS)) {
      select.setString(1, invoice.tenant().value());
      select.setString(2, invoice.id().value());
      try (ResultSet rs = select.executeQuery()) {
        PaymentMapper mapper = PaymentMapper.on(rs, Sql.PAYMENT);
        List<Payment> payments = new ArrayList<>();
        while (rs.next()) {
          try {
            payments.add(mapper.map(rs, invoice.currency()));
          } catch (ArithmeticException e) {
            // More decimals than the invoice's currency has: its currency changed under a payment.
            int position = payments.size() + 1;
            throw new PaymentsRewrittenException(invoice, position,
                PaymentId.of(rs.getString(Sql.PAYMENT.paymentId())),
                invoice.payments().size() < position ? Optional.empty()
                    : Optional.of(invoice.payments().get(position - 1).id()));
          }
        }
        return payments;
      }
    }
  }

  /** Inserts the invoice's payments from index {@code from} on, one batch, none if none. */
  private static void insertFrom(Connection connection, Invoice invoice, int from)
      throws SQLException {
    if (invoice.payments().size() <= from) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_PAYMENT)) {
      bind(insert, invoice, from);
      insert.executeBatch();
    }
  }

  /**
   * Adds the invoice's payments from index {@code from} on to a batch of
   * {@link Sql#INSERT_PAYMENT}, each at its position (seq, from 1).
   *
   * @return true if it added any
   */
  static boolean bind(PreparedStatement insert, Invoice invoice, int from) throws SQLException {
    List<Payment> payments = invoice.payments();
    for (int i = from; i < payments.size(); i++) {
      Payment payment = payments.get(i);
      insert.setString(1, invoice.tenant().value());
      insert.setString(2, invoice.id().value());
      insert.setString(3, payment.id().value());
      insert.setInt(4, i + 1);
      insert.setString(5, payment.kind().name());
      insert.setBigDecimal(6, payment.amount().getAmount());
      insert.setObject(7, payment.date());
      InvoiceWrites.setNullable(insert, 8, payment.method());
      InvoiceWrites.setNullable(insert, 9, payment.reference());
      insert.addBatch();
    }
    return payments.size() > from;
  }
}
