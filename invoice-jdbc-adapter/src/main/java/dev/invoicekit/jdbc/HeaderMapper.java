package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.InvoiceStatus;
import dev.invoicekit.jdbc.internal.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.joda.money.CurrencyUnit;

/**
 * Reads invoice rows ({@code ik_invoice}) by column name. The names are found once per result
 * set ({@link #on}), then every row is read by them.
 */
final class HeaderMapper {

  private final int id;
  private final int version;
  private final int status;
  private final int number;
  private final int currency;
  private final int invoiceDate;
  private final int account;
  private final int contact;
  private final int opportunity;
  private final int content;
  /** 0 where the result set has no number of settlements. */
  private final int settlementCount;

  private HeaderMapper(ResultSet rs, Sql.HeaderColumns columns) throws SQLException {
    id = rs.findColumn(columns.invoiceId());
    version = rs.findColumn(columns.version());
    status = rs.findColumn(columns.status());
    number = rs.findColumn(columns.number());
    currency = rs.findColumn(columns.currency());
    invoiceDate = rs.findColumn(columns.invoiceDate());
    account = rs.findColumn(columns.account());
    contact = rs.findColumn(columns.contact());
    opportunity = rs.findColumn(columns.opportunity());
    content = rs.findColumn(columns.content());
    settlementCount =
        columns.settlementCount() == null ? 0 : rs.findColumn(columns.settlementCount());
  }

  /** A mapper for the rows of {@code rs}, whose columns are named as {@code columns} says. */
  static HeaderMapper on(ResultSet rs, Sql.HeaderColumns columns) throws SQLException {
    return new HeaderMapper(rs, columns);
  }

  /** The current row. */
  InvoiceHeader map(ResultSet rs) throws SQLException {
    return new InvoiceHeader(
        rs.getString(id),
        rs.getLong(version),
        InvoiceStatus.valueOf(rs.getString(status)),
        rs.getString(number),
        CurrencyUnit.of(rs.getString(currency)),
        rs.getObject(invoiceDate, LocalDate.class),
        rs.getString(account),
        rs.getString(contact),
        rs.getString(opportunity),
        rs.getString(content),
        settlementCount == 0 ? -1 : rs.getInt(settlementCount));
  }
}
