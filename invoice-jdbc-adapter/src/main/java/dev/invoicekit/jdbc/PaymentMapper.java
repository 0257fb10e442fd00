package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.Payment;
import dev.invoicekit.invoice.PaymentId;
import dev.invoicekit.jdbc.internal.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.joda.money.CurrencyUnit;

/**
 * Reads payment rows ({@code ik_payment}) by column name. The names are found once per result set
 * ({@link #on}), then every row is read by them.
 */
final class PaymentMapper {

  private final int id;
  private final int kind;
  private final int amount;
  private final int date;
  private final int method;
  private final int reference;

  private PaymentMapper(ResultSet rs, Sql.PaymentColumns columns) throws SQLException {
    id = rs.findColumn(columns.paymentId());
    kind = rs.findColumn(columns.kind());
    amount = rs.findColumn(columns.amount());
    date = rs.findColumn(columns.date());
    method = rs.findColumn(columns.method());
    reference = rs.findColumn(columns.reference());
  }

  /** A mapper for the rows of {@code rs}, whose columns are named as {@code columns} says. */
  static PaymentMapper on(ResultSet rs, Sql.PaymentColumns columns) throws SQLException {
    return new PaymentMapper(rs, columns);
  }

  /** The current row, a payment in the invoice's currency. */
  Payment map(ResultSet rs, CurrencyUnit currency) throws SQLException {
    return new Payment.Builder()
        .id(PaymentId.of(rs.getString(id)))
        .kind(Payment.Kind.valueOf(rs.getString(kind)))
        .amount(StoredMoney.of(currency, rs.getBigDecimal(amount)))
        .date(rs.getObject(date, LocalDate.class))
        .method(Optional.ofNullable(rs.getString(method)))
        .reference(Optional.ofNullable(rs.getString(reference)))
        .build();
  }
}
