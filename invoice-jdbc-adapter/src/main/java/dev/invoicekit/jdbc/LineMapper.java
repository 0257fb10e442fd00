package dev.invoicekit.jdbc;

import dev.invoicekit.invoice.LineAllowanceCharge;
import dev.invoicekit.invoice.LineItem;
import dev.invoicekit.invoice.ProductId;
import dev.invoicekit.jdbc.internal.InvoiceCodec;
import dev.invoicekit.jdbc.internal.MalformedJsonException;
import dev.invoicekit.jdbc.internal.Sql;
import dev.invoicekit.ports.InvoicePersistenceException;
import dev.invoicekit.tax.TaxCategory;
import dev.invoicekit.tax.TaxCode;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.joda.money.BigMoney;
import org.joda.money.CurrencyUnit;

/**
 * Reads line rows ({@code ik_invoice_line}, and {@code ik_credit_note_line}, which has the same
 * columns) by column name. The names are found once per result set ({@link #on}), then every row
 * is read by them.
 */
final class LineMapper {

  private final int description;
  private final int product;
  private final int quantity;
  private final int unitPrice;
  private final int baseQuantity;
  private final int taxCategory;
  private final int taxRate;
  private final int allowanceCharges;

  private LineMapper(ResultSet rs, Sql.LineColumns columns) throws SQLException {
    description = rs.findColumn(columns.description());
    product = rs.findColumn(columns.product());
    quantity = rs.findColumn(columns.quantity());
    unitPrice = rs.findColumn(columns.unitPrice());
    baseQuantity = rs.findColumn(columns.baseQuantity());
    taxCategory = rs.findColumn(columns.taxCategory());
    taxRate = rs.findColumn(columns.taxRate());
    allowanceCharges = rs.findColumn(columns.allowanceCharges());
  }

  /** A mapper for the rows of {@code rs}, whose columns are named as {@code columns} says. */
  static LineMapper on(ResultSet rs, Sql.LineColumns columns) throws SQLException {
    return new LineMapper(rs, columns);
  }

  /** The current row, a line of invoice {@code invoiceId} (named if its stored text is damaged). */
  LineItem map(ResultSet rs, String invoiceId, CurrencyUnit currency) throws SQLException {
    return map(rs, "Invoice", invoiceId, currency);
  }

  /**
   * The current row, a line of the document {@code kind} {@code id}, such as a credit note (named
   * so if its stored text is damaged).
   */
  LineItem map(ResultSet rs, String kind, String id, CurrencyUnit currency) throws SQLException {
    // Columns pad decimals to their scale; handing the line its canonical form (as LineItem
    // normalizes it) spares the value a second build.
    BigDecimal price = canonical(rs.getBigDecimal(unitPrice));
    if (price.scale() < currency.getDecimalPlaces()) {
      price = price.setScale(currency.getDecimalPlaces());
    }
    String productId = rs.getString(product);
    return new LineItem.Builder()
        .description(rs.getString(description))
        .product(productId == null ? Optional.empty() : Optional.of(ProductId.of(productId)))
        .quantity(canonical(rs.getBigDecimal(quantity)))
        .unitPrice(BigMoney.of(currency, price))
        .baseQuantity(canonical(rs.getBigDecimal(baseQuantity)))
        .taxCode(TaxCode.of(TaxCategory.valueOf(rs.getString(taxCategory)),
            rs.getBigDecimal(taxRate)))
        .allowanceCharges(allowanceCharges(kind, id, rs.getString(allowanceCharges), currency))
        .build();
  }

  private static List<LineAllowanceCharge> allowanceCharges(String kind, String id, String text,
      CurrencyUnit currency) {
    try {
      return InvoiceCodec.readLineAllowanceCharges(text, currency);
    } catch (MalformedJsonException e) {
      throw new InvoicePersistenceException(kind + " " + id
          + ": a line's stored allowances and charges are damaged (" + e.getMessage() + ")", e);
    }
  }

  /** No trailing zeros and a scale of at least 0: the form LineItem keeps its decimals in. */
  private static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
