package dev.invoicekit.jdbc;

import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.numbering.NumberSeries;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Gaps-allowed numbering from one database sequence ({@code ik_invoice_number_seq}): faster than
 * {@link JdbcNumbering} under load, since no counter row is locked until the sending transaction
 * ends. For hosts whose law asks only that invoice numbers be unique.
 *
 * <p>What it gives up: numbers are unique and increasing across <em>all</em> series and tenants
 * of the database, not counted per series, so a series does not start at 1 and its numbers are
 * not consecutive; and a number taken by a transaction that rolls back is lost (a gap). The
 * series is ignored except that it must not be null.
 *
 * <p>On H2 and PostgreSQL it reads the next value of the sequence; on MariaDB/MySQL it inserts
 * into an AUTO_INCREMENT table and reads the generated key. Thread-safe.
 */
public final class JdbcSequenceNumbering implements InvoiceNumbering {

  private final JdbcTransactions transactions;
  private final Dialect dialect;

  /**
   * Creates gaps-allowed numbering.
   *
   * @param transactions the transactions it runs in, not null
   * @param dialect the database, not null
   */
  public JdbcSequenceNumbering(JdbcTransactions transactions, Dialect dialect) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  /**
   * The next value of the database sequence, whatever the series.
   *
   * @param series the series, not null; it does not choose the sequence
   * @return a number not handed out before, at least 1
   * @throws InvoicePersistenceException if the database fails
   */
  @Override
  public long next(NumberSeries series) {
    Objects.requireNonNull(series, "series");
    return transactions.withConnection("take the next invoice number from the sequence",
        connection -> dialect == Dialect.MARIADB ? nextAutoIncrement(connection)
            : nextSequenceValue(connection));
  }

  private long nextSequenceValue(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(Sql.nextSequenceValue(dialect));
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long nextAutoIncrement(Connection connection) throws SQLException {
    long value;
    try (PreparedStatement insert = connection.prepareStatement(Sql.nextSequenceValue(dialect),
        Statement.RETURN_GENERATED_KEYS)) {
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new InvoicePersistenceException(
              "The database generated no key for the invoice number sequence");
        }
        value = keys.getLong(1);
      }
    }
    try (PreparedStatement delete = connection.prepareStatement(Sql.DELETE_SEQUENCE_ROW)) {
      delete.setLong(1, value);
      delete.executeUpdate();
    }
    return value;
  }
}
