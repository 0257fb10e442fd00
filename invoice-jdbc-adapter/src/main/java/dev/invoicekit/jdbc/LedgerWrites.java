package dev.invoicekit.jdbc;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.jdbc.internal.SqlErrors;
import dev.invoicekit.ports.InvoicePersistenceException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.joda.money.Money;

/** The statements of an append to the account-credit ledger, as {@link JdbcAccountCredits} says. */
final class LedgerWrites {

  private LedgerWrites() {}

  /** Moves the account's sequence, locking its row; inserts the row at 1 for a first entry. */
  static long nextSequence(Connection connection, Dialect dialect, AccountCreditEntry entry)
      throws SQLException {
    Optional<String> returning = Sql.incrementAccountSequenceReturning(dialect);
    if (returning.isPresent()) {
      Optional<BigDecimal> next = updateReturning(connection, returning.get(), entry);
      if (next.isPresent()) {
        return next.get().longValueExact();
      }
    } else if (executeUpdate(connection, Sql.INCREMENT_ACCOUNT_SEQUENCE, entry) == 1) {
      return selectSequence(connection, entry).orElseThrow(
          () -> new InvoicePersistenceException("The entry sequence of account "
              + entry.account() + " in tenant " + entry.tenant() + " vanished after it moved"))
          .longValueExact();
    }
    try (PreparedStatement insert = connection.prepareStatement(Sql.INSERT_ACCOUNT_SEQUENCE)) {
      insert.setString(1, entry.tenant().value());
      insert.setString(2, entry.account().value());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        // On PostgreSQL the failed insert has spoiled the transaction: the command goes again.
        throw SqlErrors.retryable("Another transaction made the first account credit entry of"
            + " account " + entry.account() + " in tenant " + entry.tenant() + " at the same"
            + " moment; try again", e);
      }
      throw e;
    }
    return 1;
  }

  /**
   * Moves the currency's balance by the entry's signed amount under the guard; returns the
   * balance after it.
   *
   * @throws InsufficientAccountCreditException if the entry takes away more than the balance
   */
  static Money moveBalance(Connection connection, Dialect dialect, AccountCreditEntry entry)
      throws SQLException {
    Money signed = entry.signedAmount();
    Optional<String> returning = Sql.moveAccountCreditBalanceReturning(dialect);
    Optional<BigDecimal> after;
    if (returning.isPresent()) {
      after = moveReturning(connection, returning.get(), entry, signed);
    } else {
      after = move(connection, entry, signed) == 1 ? selectBalance(connection, entry)
          : Optional.empty();
    }
    if (after.isPresent()) {
      return StoredMoney.of(entry.currency(), after.get());
    }
    if (!entry.kind().adds()) {
      // The guard refused: the balance would go negative, or there is none to take from.
      throw new InsufficientAccountCreditException(entry.account(),
          selectBalance(connection, entry).map(b -> StoredMoney.of(entry.currency(), b))
              .orElse(Money.zero(entry.currency())),
          entry.amount(), entry.kind() == AccountCreditEntry.Kind.REFUNDED ? "refund" : "apply");
    }
    // Credit added, and nothing updated: the currency's first balance. The account's row lock
    // keeps the account's other appends out meanwhile.
    try (PreparedStatement insert =
        connection.prepareStatement(Sql.INSERT_ACCOUNT_CREDIT_BALANCE)) {
      insert.setString(1, entry.tenant().value());
      insert.setString(2, entry.account().value());
      insert.setString(3, entry.currency().getCode());
      insert.setBigDecimal(4, entry.amount().getAmount());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw SqlErrors.retryable("Another transaction made the first " + entry.currency()
            + " balance of account " + entry.account() + " in tenant " + entry.tenant()
            + " at the same moment; try again", e);
      }
      throw e;
    }
    return entry.amount();
  }

  /** Inserts the entry as stored. */
  static void insertEntry(Connection connection, AccountCreditEntry entry, long sequence,
      Money after) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(Sql.INSERT_ACCOUNT_CREDIT_ENTRY)) {
      insert.setString(1, entry.tenant().value());
      insert.setString(2, entry.id().value());
      insert.setString(3, entry.account().value());
      insert.setLong(4, sequence);
      insert.setString(5, entry.kind().name());
      insert.setString(6, entry.currency().getCode());
      insert.setBigDecimal(7, entry.amount().getAmount());
      insert.setBigDecimal(8, after.getAmount());
      insert.setObject(9, entry.date());
      InvoiceWrites.setNullable(insert, 10, entry.invoiceId().map(InvoiceId::value));
      InvoiceWrites.setNullable(insert, 11, entry.creditNoteId().map(CreditNoteId::value));
      InvoiceWrites.setNullable(insert, 12, entry.reason());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        throw new InvoicePersistenceException("Account credit entry " + entry.id()
            + " is already stored in tenant " + entry.tenant() + "; a new entry needs a new id",
            e);
      }
      throw e;
    }
  }

  /** Runs an account-keyed update (parameters: tenant, account); returns the rows updated. */
  private static int executeUpdate(Connection connection, String sql, AccountCreditEntry entry)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, entry.tenant().value());
      update.setString(2, entry.account().value());
      return update.executeUpdate();
    }
  }

  /** Runs an account-keyed update returning one value; empty if it updated nothing. */
  private static Optional<BigDecimal> updateReturning(Connection connection, String sql,
      AccountCreditEntry entry) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, entry.tenant().value());
      update.setString(2, entry.account().value());
      return first(update);
    }
  }

  private static int move(Connection connection, AccountCreditEntry entry, Money signed)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(Sql.MOVE_ACCOUNT_CREDIT_BALANCE)) {
      bindMove(update, entry, signed);
      return update.executeUpdate();
    }
  }

  private static Optional<BigDecimal> moveReturning(Connection connection, String sql,
      AccountCreditEntry entry, Money signed) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      bindMove(update, entry, signed);
      return first(update);
    }
  }

  private static void bindMove(PreparedStatement update, AccountCreditEntry entry, Money signed)
      throws SQLException {
    update.setBigDecimal(1, signed.getAmount());
    update.setString(2, entry.tenant().value());
    update.setString(3, entry.account().value());
    update.setString(4, entry.currency().getCode());
    update.setBigDecimal(5, signed.getAmount());
  }

  private static Optional<BigDecimal> selectSequence(Connection connection,
      AccountCreditEntry entry) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(Sql.SELECT_ACCOUNT_SEQUENCE)) {
      select.setString(1, entry.tenant().value());
      select.setString(2, entry.account().value());
      return first(select);
    }
  }

  /** The balance of the entry's currency by a locking read; empty if there is none. */
  private static Optional<BigDecimal> selectBalance(Connection connection,
      AccountCreditEntry entry) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(Sql.SELECT_ACCOUNT_CREDIT_BALANCE_FOR_UPDATE)) {
      select.setString(1, entry.tenant().value());
      select.setString(2, entry.account().value());
      select.setString(3, entry.currency().getCode());
      return first(select);
    }
  }

  private static Optional<BigDecimal> first(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      return rs.next() ? Optional.of(rs.getBigDecimal(1)) : Optional.empty();
    }
  }
}
