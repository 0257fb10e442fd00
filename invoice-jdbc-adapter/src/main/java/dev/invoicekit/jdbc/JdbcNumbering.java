package dev.invoicekit.jdbc;

import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.numbering.NumberSeries;
import dev.invoicekit.ports.InvoiceNumbering;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Gapless numbering on JDBC: one counter row per tenant and series key in
 * {@code ik_number_counter}, moved inside the current transaction. The row stays locked until that
 * transaction ends, so numbers of one series are handed out one transaction at a time, and a
 * transaction that rolls back gives its number back: no gaps, no duplicates.
 *
 * <p>The first number of a new series inserts the row. When two transactions start the same
 * series at once, the one that loses the race throws a retryable
 * {@link InvoicePersistenceException} ({@link InvoicePersistenceException#isRetryable()} is true):
 * {@code InvoiceService} tries the command again, and the retry finds the row and takes the next
 * number.
 *
 * <p>A number costs one statement on PostgreSQL ({@code UPDATE ... RETURNING}) and H2
 * ({@code FINAL TABLE}), two on MariaDB/MySQL (an update, then a read of the locked row).
 *
 * <p>Call it inside the service's transaction (it joins it); called alone it commits the number
 * at once. Thread-safe.
 */
public final class JdbcNumbering implements InvoiceNumbering {

  private final JdbcTransactions transactions;
  /** Null until told, when built without a dialect: then read from the first connection. */
  private volatile Dialect dialect;

  /**
   * Creates gapless numbering; the dialect is told from the first connection it uses.
   *
   * @param transactions the transactions the counters move in, not null
   */
  public JdbcNumbering(JdbcTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * Creates gapless numbering for a database.
   *
   * @param transactions the transactions the counters move in, not null
   * @param dialect the database, not null
   */
  public JdbcNumbering(JdbcTransactions transactions, Dialect dialect) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  /**
   * The next number of the series: 1 for a new series, then 2, 3, ...
   *
   * @param series the series, not null
   * @return the number, at least 1
   * @throws InvoicePersistenceException if the database fails; retryable when another transaction
   *     started the same series at the same moment
   */
  @Override
  public long next(NumberSeries series) {
    Objects.requireNonNull(series, "series");
    return transactions.withConnection("take the next number of series '" + series.key()
        + "' in tenant " + series.tenant(), connection -> {
          Optional<String> returning = Sql.incrementCounterReturning(dialect(connection));
          if (returning.isPresent()) {
            OptionalLong next = incrementReturning(connection, returning.get(), series);
            if (next.isPresent()) {
              return next.getAsLong();
            }
          } else if (increment(connection, series)) {
            return current(connection, series);
          }
          start(connection, series);
          return 1L;
        });
  }

  private Dialect dialect(Connection connection) throws SQLException {
    Dialect known = dialect;
    if (known == null) {
      known = Dialect.of(connection);
      dialect = known;
    }
    return known;
  }

  /** Moves the counter and reads it in one statement; empty if the series has no counter. */
  private static OptionalLong incrementReturning(
      Connection connection, String sql, NumberSeries series) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, series.tenant().value());
      update.setString(2, series.key());
      try (ResultSet rs = update.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  private static boolean increment(Connection connection, NumberSeries series)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(Sql.INCREMENT_COUNTER)) {
      update.setString(1, series.tenant().value());
      update.setString(2, series.key());
      return update.executeUpdate() == 1;
    }
  }

  private static long current(Connection connection, NumberSeries series) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(Sql.SELECT_COUNTER)) {
      select.setString(1, series.tenant().value());
      select.setString(2, series.key());
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new InvoicePersistenceException("The counter of series '" + series.key()
              + "' in tenant " + series.tenant() + " vanished after it was moved");
        }
        return rs.getLong(1);
      }
    }
  }

  private static void start(Connection connection, NumberSeries series) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_COUNTER)) {
      insert.setString(1, series.tenant().value());
      insert.setString(2, series.key());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        // On PostgreSQL the failed insert has spoiled the transaction, so re-reading is no option:
        // the whole command goes again, and then the row is there.
        throw SqlErrors.retryable("Another transaction started series '" + series.key()
            + "' in tenant " + series.tenant() + " at the same moment; try again", e);
      }
      throw e;
    }
  }
}
