package dev.invoicekit.jdbc;

import dev.invoicekit.credit.AccountCreditEntry;
import dev.invoicekit.credit.AccountCreditEntryId;
import dev.invoicekit.credit.CreditNoteId;
import dev.invoicekit.invoice.AccountId;
import dev.invoicekit.invoice.InvoiceId;
import dev.invoicekit.invoice.TenantId;
import dev.invoicekit.jdbc.internal.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.joda.money.CurrencyUnit;

/**
 * Reads ledger entry rows ({@code ik_account_credit_entry}) by column name. The names are found
 * once per result set ({@link #on}), then every row is read by them.
 */
final class LedgerEntryMapper {

  private final int id;
  private final int account;
  private final int sequence;
  private final int kind;
  private final int currency;
  private final int amount;
  private final int balanceAfter;
  private final int date;
  private final int invoiceId;
  private final int creditNoteId;
  private final int reason;

  private LedgerEntryMapper(ResultSet rs, Sql.LedgerEntryColumns columns) throws SQLException {
    id = rs.findColumn(columns.entryId());
    account = rs.findColumn(columns.account());
    sequence = rs.findColumn(columns.sequence());
    kind = rs.findColumn(columns.kind());
    currency = rs.findColumn(columns.currency());
    amount = rs.findColumn(columns.amount());
    balanceAfter = rs.findColumn(columns.balanceAfter());
    date = rs.findColumn(columns.date());
    invoiceId = rs.findColumn(columns.invoiceId());
    creditNoteId = rs.findColumn(columns.creditNoteId());
    reason = rs.findColumn(columns.reason());
  }

  /** A mapper for the rows of {@code rs}, whose columns are named as {@code columns} says. */
  static LedgerEntryMapper on(ResultSet rs, Sql.LedgerEntryColumns columns) throws SQLException {
    return new LedgerEntryMapper(rs, columns);
  }

  /** The current row, an entry of the tenant. */
  AccountCreditEntry map(ResultSet rs, TenantId tenant) throws SQLException {
    CurrencyUnit unit = CurrencyUnit.of(rs.getString(currency));
    return new AccountCreditEntry(
        AccountCreditEntryId.of(rs.getString(id)),
        tenant,
        AccountId.of(rs.getString(account)),
        AccountCreditEntry.Kind.valueOf(rs.getString(kind)),
        StoredMoney.of(unit, rs.getBigDecimal(amount)),
        rs.getObject(date, LocalDate.class),
        Optional.ofNullable(rs.getString(invoiceId)).map(InvoiceId::of),
        Optional.ofNullable(rs.getString(creditNoteId)).map(CreditNoteId::of),
        Optional.ofNullable(rs.getString(reason)),
        rs.getLong(sequence),
        StoredMoney.of(unit, rs.getBigDecimal(balanceAfter)));
  }
}
