package dev.invoicekit.jdbc;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.InsufficientAccountCreditException;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.ColumnLimits;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.ports.AccountCredits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.joda.money.CurrencyUnit;
import org.joda.money.Money;

/**
 * The account-credit ledger on JDBC: entries in {@code ik_account_credit_entry}, never updated or
 * deleted; a balance per tenant, account and currency in {@code ik_account_credit_balance}; and a
 * row per tenant and account in {@code ik_account_credit} with the last sequence of its entries.
 *
 * <p>An append runs in the current transaction (or one of its own) and, in this order:
 *
 * <ol>
 *   <li>moves the account's sequence ({@code UPDATE ... SET last_sequence = last_sequence + 1},
 *       or inserts the row at 1 for the account's first entry). The row stays locked until the
 *       transaction ends, so the appends of one account, in any currency and from any number of
 *       threads and application instances, run one after another, and the sequence is 1, 2, 3,
 *       ... across the account's currencies without gaps (a refused or rolled-back append gives
 *       its number back);
 *   <li>moves the currency's balance by the entry's signed amount, guarded in the statement
 *       itself: {@code UPDATE ... SET balance = balance + ? WHERE ... AND balance + ? >= 0}. When
 *       it updates nothing, an entry that adds inserts the currency's first balance, and one that
 *       takes away is refused with {@link InsufficientAccountCreditException} (the balance as it
 *       is, read by a locking read), and the transaction rolls back. A {@code CHECK (balance >= 0)}
 *       on the column stands behind the guard;
 *   <li>inserts the entry with its sequence and the balance after it.
 * </ol>
 *
 * <p>An append costs three statements on PostgreSQL and H2 (their updates return the new values),
 * five on MariaDB/MySQL (a read after each update), and one or two more for an account's first
 * entry or a currency's first balance. When two transactions make the first entry of one account
 * at once, the one that loses the race throws a retryable
 * {@link dev.invoicekit.ports.InvoicePersistenceException}; the service tries the command again,
 * and then the row is there.
 *
 * <p>Thread-safe.
 */
public final class JdbcAccountCredits implements AccountCredits {

  private final JdbcTransactions transactions;
  private final Dialect dialect;

  /**
   * Creates the ledger.
   *
   * @param transactions the transactions it writes in, not null
   * @param dialect the database, not null
   */
  public JdbcAccountCredits(JdbcTransactions transactions, Dialect dialect) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.invoicekit.invoice.InvalidInvoiceException if a value does not fit its column;
   *     nothing is written
   */
  @Override
  public AccountCreditEntry append(AccountCreditEntry entry) {
    Objects.requireNonNull(entry, "entry");
    ColumnLimits.check(entry);
    return transactions.withConnection("append account credit entry " + entry.id()
        + " of account " + entry.account() + " in tenant " + entry.tenant(), connection -> {
          long sequence = LedgerWrites.nextSequence(connection, dialect, entry);
          Money after = LedgerWrites.moveBalance(connection, dialect, entry);
          LedgerWrites.insertEntry(connection, entry, sequence, after);
          return entry.stored(sequence, after);
        });
  }

  @Override
  public Money balance(TenantId tenant, AccountId account, CurrencyUnit currency) {
    Objects.requireNonNull(currency, "currency");
    return transactions.readOnce("read the account credit of account " + account + " in "
        + currency, connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(Sql.SELECT_ACCOUNT_CREDIT_BALANCE)) {
            select.setString(1, tenant.value());
            select.setString(2, account.value());
            select.setString(3, currency.getCode());
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? StoredMoney.of(currency, rs.getBigDecimal(1))
                  : Money.zero(currency);
            }
          }
        });
  }

  @Override
  public List<AccountCreditEntry> entries(
      TenantId tenant, AccountId account, CurrencyUnit currency) {
    Objects.requireNonNull(currency, "currency");
    return transactions.readOnce("read the account credit entries of account " + account
        + " in " + currency, connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(Sql.SELECT_ACCOUNT_CREDIT_ENTRIES)) {
            select.setString(1, tenant.value());
            select.setString(2, account.value());
            select.setString(3, currency.getCode());
            return read(select, tenant);
          }
        });
  }

  @Override
  public Optional<AccountCreditEntry> findEntry(TenantId tenant, AccountCreditEntryId id) {
    return transactions.readOnce("load account credit entry " + id, connection -> {
      try (PreparedStatement select =
          connection.prepareStatement(Sql.SELECT_ACCOUNT_CREDIT_ENTRY)) {
        select.setString(1, tenant.value());
        select.setString(2, id.value());
        return read(select, tenant).stream().findFirst();
      }
    });
  }

  private static List<AccountCreditEntry> read(PreparedStatement select, TenantId tenant)
      throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      LedgerEntryMapper mapper = LedgerEntryMapper.on(rs, Sql.LEDGER_ENTRY);
      List<AccountCreditEntry> entries = new ArrayList<>();
      while (rs.next()) {
        entries.add(mapper.map(rs, tenant));
      }
      return entries;
    }
  }
}
