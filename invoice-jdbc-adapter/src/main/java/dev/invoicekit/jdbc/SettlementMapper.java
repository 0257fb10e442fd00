package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.Settlement;
import dev.invoicekit.invoice.SettlementId;
import dev.invoicekit.jdbc.internal.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.joda.money.CurrencyUnit;

/**
 * Reads settlement rows ({@code ik_settlement}) by column name. The names are found once per
 * result set ({@link #on}), then every row is read by them.
 */
final class SettlementMapper {

  private final int id;
  private final int kind;
  private final int amount;
  private final int date;
  private final int reference;
  private final int reason;

  private SettlementMapper(ResultSet rs, Sql.SettlementColumns columns) throws SQLException {
    id = rs.findColumn(columns.settlementId());
    kind = rs.findColumn(columns.kind());
    amount = rs.findColumn(columns.amount());
    date = rs.findColumn(columns.date());
    reference = rs.findColumn(columns.reference());
    reason = rs.findColumn(columns.reason());
  }

  /** A mapper for the rows of {@code rs}, whose columns are named as {@code columns} says. */
  static SettlementMapper on(ResultSet rs, Sql.SettlementColumns columns) throws SQLException {
    return new SettlementMapper(rs, columns);
  }

  /** The current row, a settlement in the invoice's currency. */
  Settlement map(ResultSet rs, CurrencyUnit currency) throws SQLException {
    return new Settlement.Builder()
        .id(SettlementId.of(rs.getString(id)))
        .kind(Settlement.Kind.valueOf(rs.getString(kind)))
        .amount(StoredMoney.of(currency, rs.getBigDecimal(amount)))
        .date(rs.getObject(date, LocalDate.class))
        .reference(Optional.ofNullable(rs.getString(reference)))
        .reason(Optional.ofNullable(rs.getString(reason)))
        .build();
  }
}
